/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "engine/pl-array.h"

static void
assert_bytes_near (gint64 actual,
                   gint64 expected)
{
  gint64 tolerance = MAX (64 * 1024, ABS (expected) / 100);

  if (ABS (actual - expected) > tolerance)
    g_error ("memory figure %" G_GINT64_FORMAT " is not within %" G_GINT64_FORMAT
             " of NumPy's %" G_GINT64_FORMAT, actual, tolerance, expected);
}

static PlArray *
arange (gint64 n, PlDType dtype)
{
  return pl_array_arange (&(PlScalar) { .kind = PL_DTYPE_KIND_INT, .i = n }, NULL, NULL,
                          dtype, NULL);
}

static PlArray *
reshaped (PlArray *a, gint ndim, const gint64 *shape)
{
  g_autoptr(GError) error = NULL;
  PlArray *r = pl_array_reshape (a, ndim, shape, &error);
  g_assert_no_error (error);
  return r;
}

static void
assert_layout (PlArray      *a,
               gint          ndim,
               const gint64 *shape,
               const gint64 *strides)
{
  g_assert_cmpint (a->ndim, ==, ndim);
  for (gint i = 0; i < ndim; i++)
    {
      g_assert_cmpint (a->shape[i], ==, shape[i]);
      g_assert_cmpint (a->strides[i], ==, strides[i]);
    }
}

/* Values in C order equal 0, 1, 2, ... after a permutation given by @order. */
static void
assert_values (PlArray      *a,
               const gint64 *values,
               gint64        n)
{
  g_assert_cmpint (pl_array_get_size (a), ==, n);
  for (gint64 i = 0; i < n; i++)
    {
      PlScalar s = pl_array_get_flat (a, i);
      g_assert_cmpfloat (pl_scalar_to_double (&s), ==, (double) values[i]);
    }
}

static void
test_reshape_views (void)
{
  /* Strides from NumPy 1.24.2. */
  g_autoptr(PlArray) flat = arange (24, PL_DTYPE_FLOAT64);
  const gint64 s234[] = { 2, 3, 4 }, st234[] = { 96, 32, 8 };
  g_autoptr(PlArray) x = reshaped (flat, 3, s234);
  gint64 live0 = pl_alloc_get_live_bytes ();

  assert_layout (x, 3, s234, st234);
  g_assert_true (x->base == flat);
  g_assert_false (pl_array_owns_data (x));
  g_assert_true (pl_array_is_c_contiguous (x));

  {
    const gint64 s[] = { 6, 4 }, st[] = { 32, 8 };
    g_autoptr(PlArray) r = reshaped (x, 2, s);
    assert_layout (r, 2, s, st);
    g_assert_true (r->base == flat);
  }
  {
    const gint64 req[] = { 4, -1 }, s[] = { 4, 6 }, st[] = { 48, 8 };
    g_autoptr(PlArray) r = reshaped (x, 2, req);
    assert_layout (r, 2, s, st);
  }
  {
    /* np.ones (5).reshape (1, 5, 1).strides == (40, 8, 8) */
    g_autoptr(PlArray) five = arange (5, PL_DTYPE_FLOAT64);
    const gint64 s[] = { 1, 5, 1 }, st[] = { 40, 8, 8 };
    g_autoptr(PlArray) r = reshaped (five, 3, s);
    assert_layout (r, 3, s, st);
  }
  {
    /* Same shape: a plain view. */
    g_autoptr(PlArray) r = reshaped (x, 3, s234);
    assert_layout (r, 3, s234, st234);
    g_assert_true (r->data == x->data);
  }
  {
    /* np.ones ((4, 6))[:, ::2].reshape (2, 2, 3).strides == (96, 48, 16), and
     * .reshape (4, 3, 1) == (48, 16, 16): views of a non-contiguous array. */
    g_autoptr(PlArray) o = arange (24, PL_DTYPE_FLOAT64);
    const gint64 s46[] = { 4, 6 };
    g_autoptr(PlArray) m = reshaped (o, 2, s46);
    PlIndex idx[] = { { .kind = PL_INDEX_SLICE }, { .kind = PL_INDEX_SLICE, .has_step = TRUE, .step = 2 } };
    g_autoptr(PlArray) y = pl_array_get_item (m, idx, 2, NULL);
    const gint64 s223[] = { 2, 2, 3 }, st223[] = { 96, 48, 16 };
    const gint64 s431[] = { 4, 3, 1 }, st431[] = { 48, 16, 16 };
    g_autoptr(PlArray) r1 = reshaped (y, 3, s223);
    g_autoptr(PlArray) r2 = reshaped (y, 3, s431);
    static const gint64 v[] = { 0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22 };
    assert_layout (r1, 3, s223, st223);
    assert_layout (r2, 3, s431, st431);
    assert_values (r1, v, 12);
    g_assert_true (r1->base == o);
  }
  {
    /* np.ones ((1, 5))[:, ::-1].reshape (5).strides == (-8,) */
    g_autoptr(PlArray) o = arange (5, PL_DTYPE_FLOAT64);
    const gint64 s15[] = { 1, 5 };
    g_autoptr(PlArray) m = reshaped (o, 2, s15);
    PlIndex idx[] = { { .kind = PL_INDEX_SLICE }, { .kind = PL_INDEX_SLICE, .has_step = TRUE, .step = -1 } };
    g_autoptr(PlArray) y = pl_array_get_item (m, idx, 2, NULL);
    const gint64 s5[] = { 5 }, st5[] = { -8 };
    static const gint64 v[] = { 4, 3, 2, 1, 0 };
    g_autoptr(PlArray) r = reshaped (y, 1, s5);
    assert_layout (r, 1, s5, st5);
    assert_values (r, v, 5);
  }
  {
    /* Empty arrays: np.ones (0).reshape (3, -1).shape == (3, 0) */
    g_autoptr(PlArray) e = arange (0, PL_DTYPE_FLOAT64);
    const gint64 req[] = { 3, -1 };
    g_autoptr(PlArray) r = reshaped (e, 2, req);
    g_assert_cmpint (r->shape[0], ==, 3);
    g_assert_cmpint (r->shape[1], ==, 0);
  }
  g_assert_cmpint (pl_alloc_get_live_bytes (), ==, live0);
}

static void
test_reshape_copies (void)
{
  g_autoptr(PlArray) flat = arange (12, PL_DTYPE_FLOAT64);
  const gint64 s34[] = { 3, 4 };
  g_autoptr(PlArray) x = reshaped (flat, 2, s34);
  g_autoptr(PlArray) t = pl_array_transpose (x, 0, NULL, NULL);
  gint64 live0 = pl_alloc_get_live_bytes ();

  {
    /* x.T.reshape (12): a copy in C order of x.T; its base is that copy. */
    const gint64 s[] = { 12 }, st[] = { 8 };
    static const gint64 v[] = { 0, 4, 8, 1, 5, 9, 2, 6, 10, 3, 7, 11 };
    g_autoptr(PlArray) r = reshaped (t, 1, s);
    assert_layout (r, 1, s, st);
    assert_values (r, v, 12);
    g_assert_false (pl_array_owns_data (r));
    g_assert_nonnull (r->base);
    g_assert_true (pl_array_owns_data (r->base));
    g_assert_true (r->buffer != x->buffer);
    g_assert_cmpint (r->buffer->reason, ==, PL_ALLOC_REASON_COPY);
    g_assert_cmpint (pl_alloc_get_live_bytes () - live0, ==, 96);
  }
  {
    /* x.T.reshape (2, 2, 3).strides == (96, 48, 16)? No: (16, 8, 32)... NumPy
     * says (16, 8, 32): the no-copy reshape works there. */
    const gint64 s[] = { 2, 2, 3 }, st[] = { 16, 8, 32 };
    g_autoptr(PlArray) r = reshaped (t, 3, s);
    assert_layout (r, 3, s, st);
    g_assert_true (r->buffer == x->buffer);
  }
  {
    /* x.T.reshape (4, 3) is x.T itself: (8, 32). */
    const gint64 s[] = { 4, 3 }, st[] = { 8, 32 };
    g_autoptr(PlArray) r = reshaped (t, 2, s);
    assert_layout (r, 2, s, st);
  }
  {
    /* np.ones ((2, 3, 4)).transpose (1, 0, 2).reshape (3, 8): a copy, (64, 8). */
    g_autoptr(PlArray) f24 = arange (24, PL_DTYPE_FLOAT64);
    const gint64 s234[] = { 2, 3, 4 };
    const gint axes[] = { 1, 0, 2 };
    g_autoptr(PlArray) z0 = reshaped (f24, 3, s234);
    g_autoptr(PlArray) z = pl_array_transpose (z0, 3, axes, NULL);
    const gint64 s[] = { 3, 8 }, st[] = { 64, 8 };
    static const gint64 v[] = { 0, 1, 2, 3, 12, 13, 14, 15, 4, 5, 6, 7, 16, 17, 18, 19 };
    g_autoptr(PlArray) r = reshaped (z, 2, s);
    assert_layout (r, 2, s, st);
    g_assert_true (r->buffer != f24->buffer);
    for (gint i = 0; i < 16; i++)
      g_assert_cmpfloat (pl_array_get_flat (r, i).f, ==, (double) v[i]);
  }
}

static void
test_reshape_errors (void)
{
  g_autoptr(PlArray) a = arange (12, PL_DTYPE_FLOAT64);
  g_autoptr(PlArray) e = arange (0, PL_DTYPE_FLOAT64);
  /* NumPy 1.24.2's messages. */
  const struct { PlArray *a; gint ndim; gint64 shape[3]; const char *message; } cases[] = {
    { a, 1, { 5 }, "cannot reshape array of size 12 into shape (5,)" },
    { a, 2, { 2, 2 }, "cannot reshape array of size 12 into shape (2,2)" },
    { a, 2, { 5, -1 }, "cannot reshape array of size 12 into shape (5,newaxis)" },
    { a, 2, { -1, -1 }, "can only specify one unknown dimension" },
    { a, 2, { -1, 5 }, "cannot reshape array of size 12 into shape (5)" },
    { a, 2, { -1, 0 }, "cannot reshape array of size 12 into shape (0)" },
    { a, 3, { 3, -1, 5 }, "cannot reshape array of size 12 into shape (3,newaxis,5)" },
    { e, 2, { -1, 0 }, "cannot reshape array of size 0 into shape (0)" },
    { e, 2, { 0, -1 }, "cannot reshape array of size 0 into shape (0,newaxis)" },
  };

  for (gsize c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_autoptr(GError) error = NULL;
      g_assert_null (pl_array_reshape (cases[c].a, cases[c].ndim, cases[c].shape, &error));
      g_assert_error (error, PL_ERROR, PL_ERROR_VALUE);
      g_assert_cmpstr (error->message, ==, cases[c].message);
    }

  {
    /* Any negative entry is the unknown one: reshape (-2, 6) works. */
    const gint64 s[] = { -2, 6 };
    g_autoptr(PlArray) r = reshaped (a, 2, s);
    g_assert_cmpint (r->shape[0], ==, 2);
  }
}

static void
test_ravel_flatten (void)
{
  g_autoptr(PlArray) flat = arange (12, PL_DTYPE_INT32);
  const gint64 s34[] = { 3, 4 };
  g_autoptr(PlArray) x = reshaped (flat, 2, s34);
  g_autoptr(PlArray) t = pl_array_transpose (x, 0, NULL, NULL);
  g_autoptr(GError) error = NULL;
  gint64 live0 = pl_alloc_get_live_bytes ();
  static const gint64 vt[] = { 0, 4, 8, 1, 5, 9, 2, 6, 10, 3, 7, 11 };
  static const gint64 vx[] = { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11 };

  {
    g_autoptr(PlArray) r = pl_array_ravel (x, &error);
    g_assert_cmpint (r->ndim, ==, 1);
    g_assert_cmpint (r->strides[0], ==, 4);
    g_assert_true (r->buffer == x->buffer);
    assert_values (r, vx, 12);
    g_assert_cmpint (pl_alloc_get_live_bytes (), ==, live0);
  }
  {
    /* x.T.ravel (): a fresh array owning its data (PyArray_Flatten). */
    g_autoptr(PlArray) r = pl_array_ravel (t, &error);
    g_assert_true (pl_array_owns_data (r));
    g_assert_cmpint (r->ndim, ==, 1);
    assert_values (r, vt, 12);
    g_assert_cmpint (pl_alloc_get_live_bytes () - live0, ==, 48);
  }
  {
    g_autoptr(PlArray) r = pl_array_flatten (x, &error);
    g_assert_true (pl_array_owns_data (r));
    g_assert_true (r->buffer != x->buffer);
    g_assert_cmpint (r->ndim, ==, 1);
    g_assert_cmpint (r->shape[0], ==, 12);
    g_assert_cmpint (r->strides[0], ==, 4);
    g_assert_cmpint (r->dtype, ==, PL_DTYPE_INT32);
    assert_values (r, vx, 12);
  }
  {
    g_autoptr(PlArray) r = pl_array_flatten (t, &error);
    assert_values (r, vt, 12);
  }
  {
    /* A 0-d array ravels to shape (1,). */
    g_autoptr(PlArray) s = pl_array_new_scalar (&(PlScalar) { .kind = PL_DTYPE_KIND_FLOAT, .f = 3 },
                                                PL_DTYPE_NONE);
    g_autoptr(PlArray) r = pl_array_ravel (s, &error);
    g_autoptr(PlArray) f = pl_array_flatten (s, &error);
    g_assert_cmpint (r->ndim, ==, 1);
    g_assert_cmpint (r->shape[0], ==, 1);
    g_assert_cmpfloat (pl_array_get_flat (r, 0).f, ==, 3.0);
    g_assert_cmpint (f->ndim, ==, 1);
    g_assert_cmpfloat (pl_array_get_flat (f, 0).f, ==, 3.0);
  }
  g_assert_no_error (error);
}

static void
test_transpose (void)
{
  g_autoptr(PlArray) flat = arange (24, PL_DTYPE_FLOAT64);
  const gint64 s234[] = { 2, 3, 4 };
  g_autoptr(PlArray) x = reshaped (flat, 3, s234);
  g_autoptr(GError) error = NULL;

  {
    /* x.T: (4, 3, 2), strides (8, 32, 96), F-contiguous. */
    const gint64 s[] = { 4, 3, 2 }, st[] = { 8, 32, 96 };
    g_autoptr(PlArray) t = pl_array_transpose (x, 0, NULL, &error);
    assert_layout (t, 3, s, st);
    g_assert_true (pl_array_is_f_contiguous (t));
    g_assert_false (pl_array_is_c_contiguous (t));
    g_assert_true (t->base == flat);
    g_assert_cmpfloat (pl_array_get_flat (t, 1).f, ==, 12.0);
  }
  {
    /* transpose (2, 0, 1).strides == (8, 96, 32) */
    const gint axes[] = { 2, 0, 1 };
    const gint64 s[] = { 4, 2, 3 }, st[] = { 8, 96, 32 };
    g_autoptr(PlArray) t = pl_array_transpose (x, 3, axes, &error);
    assert_layout (t, 3, s, st);
  }
  {
    const gint axes[] = { -1, -3, -2 };
    const gint64 s[] = { 4, 2, 3 };
    g_autoptr(PlArray) t = pl_array_transpose (x, 3, axes, &error);
    g_assert_cmpint (t->shape[0], ==, s[0]);
    g_assert_cmpint (t->shape[1], ==, s[1]);
  }
  g_assert_no_error (error);

  {
    const gint rep[] = { 0, 0, 1 }, out[] = { 0, 3, 1 }, two[] = { 0, 1 };
    g_assert_null (pl_array_transpose (x, 3, rep, &error));
    g_assert_error (error, PL_ERROR, PL_ERROR_VALUE);
    g_assert_cmpstr (error->message, ==, "repeated axis in transpose");
    g_clear_error (&error);
    g_assert_null (pl_array_transpose (x, 3, out, &error));
    g_assert_cmpstr (error->message, ==, "axis 3 is out of bounds for array of dimension 3");
    g_clear_error (&error);
    g_assert_null (pl_array_transpose (x, 2, two, &error));
    g_assert_cmpstr (error->message, ==, "axes don't match array");
  }
}

/* tests/engine/ref/views.py, views () (line 39 is x = ...): NumPy's live
 * bytes stay at 64 MB through reshape, .T, slices and m.ravel (), then rise
 * by 64 MB for each of t.ravel () (128005022), m.flatten () (192005366) and
 * t.reshape (-1) (256006118). */
static void
test_view_figures (void)
{
  const gint64 n8m[] = { 8000000 };
  const gint64 s2k4k[] = { 2000, 4000 }, s4k2k[] = { 4000, 2000 }, minus1[] = { -1 };
  gint64 live0 = pl_alloc_get_live_bytes ();
  PlArray *x, *m, *t, *r, *s, *v, *w, *f, *g, *h, *k;

  x = pl_array_random_uniform (1, n8m, NULL);
  m = pl_array_reshape (x, 2, s2k4k, NULL);
  t = pl_array_transpose (m, 0, NULL, NULL);
  r = pl_array_reshape (m, 2, s4k2k, NULL);
  s = pl_array_get_item (x, (PlIndex[]) { { .kind = PL_INDEX_SLICE, .has_step = TRUE, .step = 2 } }, 1, NULL);
  v = pl_array_get_item (m, (PlIndex[]) {
                           { .kind = PL_INDEX_SLICE, .has_start = TRUE, .start = 10, .has_stop = TRUE, .stop = 20 },
                           { .kind = PL_INDEX_SLICE, .has_step = TRUE, .step = -3 } }, 2, NULL);
  w = pl_array_get_item (m, (PlIndex[]) { { .kind = PL_INDEX_NEWAXIS }, { .kind = PL_INDEX_ELLIPSIS },
                                          { .kind = PL_INDEX_INT, .i = 5 } }, 3, NULL);
  f = pl_array_ravel (m, NULL);
  assert_bytes_near (pl_alloc_get_live_bytes () - live0, 64004678);
  g_assert_cmpint (w->ndim, ==, 2);
  g_assert_cmpint (w->shape[0], ==, 1);
  g_assert_cmpint (w->shape[1], ==, 2000);
  g_assert_cmpint (v->shape[1], ==, 1334);

  g = pl_array_ravel (t, NULL);
  assert_bytes_near (pl_alloc_get_live_bytes () - live0, 128005022);
  h = pl_array_flatten (m, NULL);
  assert_bytes_near (pl_alloc_get_live_bytes () - live0, 192005366);
  k = pl_array_reshape (t, 1, minus1, NULL);
  assert_bytes_near (pl_alloc_get_live_bytes () - live0, 256006118);
  g_assert_cmpfloat (pl_array_get_flat (k, 1).f, ==, pl_array_get_flat (x, 4000).f);

  pl_array_unref (g);
  pl_array_unref (h);
  pl_array_unref (k);
  assert_bytes_near (pl_alloc_get_live_bytes () - live0, 64005982);

  /* Dropping x keeps its data while views remain (tutorial section 3). */
  pl_array_unref (x);
  assert_bytes_near (pl_alloc_get_live_bytes () - live0, 64005982);
  pl_array_unref (m);
  pl_array_unref (t);
  pl_array_unref (r);
  pl_array_unref (s);
  pl_array_unref (v);
  pl_array_unref (w);
  g_assert_cmpint (pl_alloc_get_live_bytes () - live0, ==, 64000000);
  pl_array_unref (f);
  g_assert_cmpint (pl_alloc_get_live_bytes (), ==, live0);
}

/* Tutorial section 3, the del exercise (main4 in ref/views.py): live bytes
 * 64001812, 128002164 after two arrays; data3 = data[:] adds nothing;
 * del data keeps it (128002956); del data2 frees 64 MB (64003356); del
 * data3 frees the rest (3940). And main3: data[:] adds nothing, data.copy ()
 * and np.array (data) 64 MB each (192002752). */
static void
test_tutorial_section3 (void)
{
  const gint64 n8m[] = { 8000000 };
  gint64 live0 = pl_alloc_get_live_bytes ();
  PlArray *data, *data2, *data3, *data4;
  PlIndex all = { .kind = PL_INDEX_SLICE };

  data = pl_array_random_uniform (1, n8m, NULL);
  assert_bytes_near (pl_alloc_get_live_bytes () - live0, 64001812);
  data2 = pl_array_random_uniform (1, n8m, NULL);
  assert_bytes_near (pl_alloc_get_live_bytes () - live0, 128002164);
  data3 = pl_array_get_item (data, &all, 1, NULL);
  assert_bytes_near (pl_alloc_get_live_bytes () - live0, 128002452);
  pl_array_unref (data);
  assert_bytes_near (pl_alloc_get_live_bytes () - live0, 128002956);
  pl_array_unref (data2);
  assert_bytes_near (pl_alloc_get_live_bytes () - live0, 64003356);
  pl_array_unref (data3);
  assert_bytes_near (pl_alloc_get_live_bytes () - live0, 3940);

  data = pl_array_random_uniform (1, n8m, NULL);
  assert_bytes_near (pl_alloc_get_live_bytes () - live0, 64001632);
  data2 = pl_array_get_item (data, &all, 1, NULL);
  assert_bytes_near (pl_alloc_get_live_bytes () - live0, 64001920);
  data3 = pl_array_copy (data, NULL);
  assert_bytes_near (pl_alloc_get_live_bytes () - live0, 128002272);
  data4 = pl_array_copy (data, NULL);
  assert_bytes_near (pl_alloc_get_live_bytes () - live0, 192002752);
  pl_array_unref (data);
  pl_array_unref (data2);
  pl_array_unref (data3);
  pl_array_unref (data4);
  g_assert_cmpint (pl_alloc_get_live_bytes (), ==, live0);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/engine/view/reshape-views", test_reshape_views);
  g_test_add_func ("/engine/view/reshape-copies", test_reshape_copies);
  g_test_add_func ("/engine/view/reshape-errors", test_reshape_errors);
  g_test_add_func ("/engine/view/ravel-flatten", test_ravel_flatten);
  g_test_add_func ("/engine/view/transpose", test_transpose);
  g_test_add_func ("/engine/view/figures", test_view_figures);
  g_test_add_func ("/engine/view/tutorial-section3", test_tutorial_section3);

  return g_test_run ();
}
