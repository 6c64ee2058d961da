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

/* Index builders for the generated table. */
#define N G_MININT64

static PlIndex
S (gint64 start, gint64 stop, gint64 step)
{
  return (PlIndex) {
    .kind = PL_INDEX_SLICE,
    .has_start = start != N, .start = start != N ? start : 0,
    .has_stop = stop != N, .stop = stop != N ? stop : 0,
    .has_step = step != N, .step = step != N ? step : 0,
  };
}

static void
test_random_reshapes (void)
{
  /* Generated by NumPy 1.24.2: x = np.arange (144.).reshape (2, 3, 4, 6);
   * x[index].transpose (perm).reshape (shape): the result's shape, whether it
   * is a view of x, its strides if so, and sum (r.ravel () * arange (size)). */
  const struct {
    PlIndex index[4]; gint perm[4]; gint ndim; gint64 shape[4]; gint64 result[4];
    gboolean view; gint64 strides[4]; double checksum;
  } reshape_cases[] = {
    { { S (N, N, N), S (N, N, -2), S (N, N, -1), S (N, N, N) }, { 2, 0, 1, 3 }, 3, { 1, 32, -1 }, { 1, 32, 3 }, FALSE, { 0 }, 322864.0 },
    { { S (N, N, 2), S (0, 1, N), S (N, N, -2), S (N, N, -2) }, { 0, 1, 2, 3 }, 1, { -1 }, { 6 }, FALSE, { 0 }, 163.0 },
    { { S (N, N, 2), S (N, N, N), S (N, N, -1), S (N, N, -2) }, { 0, 1, 2, 3 }, 3, { -1, 1, 3 }, { 12, 1, 3 }, FALSE, { 0 }, 28734.0 },
    { { S (1, N, N), S (2, N, N), S (N, N, N), S (N, N, N) }, { 3, 0, 1, 2 }, 1, { -1 }, { 24 }, FALSE, { 0 }, 36754.0 },
    { { S (N, N, N), S (0, 1, N), S (N, N, N), S (N, N, N) }, { 1, 3, 2, 0 }, 4, { 4, -1, 1, 1 }, { 4, 12, 1, 1 }, FALSE, { 0 }, 56284.0 },
    { { S (N, N, N), S (N, N, N), S (N, N, N), S (0, 1, N) }, { 0, 1, 2, 3 }, 1, { -1 }, { 24 }, TRUE, { 48 }, 25944.0 },
    { { S (N, N, -1), S (N, N, N), S (N, N, N), S (1, N, N) }, { 2, 0, 1, 3 }, 4, { 4, 10, 1, -1 }, { 4, 10, 1, 3 }, FALSE, { 0 }, 518520.0 },
    { { S (N, N, N), S (0, 1, N), S (0, 1, N), S (N, N, -1) }, { 0, 1, 2, 3 }, 2, { 2, 6 }, { 2, 6 }, TRUE, { 576, -8 }, 3802.0 },
    { { S (N, N, -1), S (N, N, N), S (N, N, N), S (N, N, N) }, { 0, 1, 2, 3 }, 1, { 144 }, { 144 }, FALSE, { 0 }, 611736.0 },
    { { S (N, N, -1), S (N, N, N), S (N, N, N), S (N, N, -1) }, { 1, 2, 3, 0 }, 4, { 12, 1, 1, -1 }, { 12, 1, 1, 12 }, FALSE, { 0 }, 856284.0 },
    { { S (0, N, N), S (0, N, N), S (1, N, N), S (N, N, 2) }, { 2, 0, 3, 1 }, 4, { -1, 1, 2, 1 }, { 27, 1, 2, 1 }, FALSE, { 0 }, 119610.0 },
    { { S (N, N, N), S (1, N, N), S (N, N, N), S (0, 1, N) }, { 3, 1, 2, 0 }, 4, { 2, 1, 8, 1 }, { 2, 1, 8, 1 }, FALSE, { 0 }, 11016.0 },
    { { S (0, 1, N), S (N, N, N), S (N, N, N), S (N, N, -2) }, { 0, 1, 2, 3 }, 1, { -1 }, { 36 }, FALSE, { 0 }, 30354.0 },
    { { S (N, N, N), S (N, N, N), S (N, N, N), S (N, N, N) }, { 0, 1, 2, 3 }, 3, { 6, 2, 12 }, { 6, 2, 12 }, TRUE, { 192, 96, 8 }, 984984.0 },
    { { S (N, N, N), S (N, N, N), S (N, N, N), S (N, N, N) }, { 0, 1, 2, 3 }, 2, { -1, 8 }, { 18, 8 }, TRUE, { 64, 8 }, 984984.0 },
    { { S (0, 1, N), S (N, N, N), S (N, N, 2), S (N, N, N) }, { 0, 1, 3, 2 }, 3, { -1, 12, 1 }, { 3, 12, 1 }, FALSE, { 0 }, 27705.0 },
    { { S (0, 1, N), S (2, N, N), S (N, N, N), S (0, 1, N) }, { 1, 0, 3, 2 }, 3, { 1, -1, 1 }, { 1, 4, 1 }, TRUE, { 192, 48, 48 }, 372.0 },
    { { S (0, 1, N), S (N, N, N), S (3, N, N), S (N, N, -2) }, { 0, 1, 2, 3 }, 4, { 3, 1, 1, 3 }, { 3, 1, 1, 3 }, TRUE, { 192, -48, -48, -16 }, 2040.0 },
    { { S (N, N, N), S (N, N, 2), S (0, 1, N), S (3, N, N) }, { 0, 1, 2, 3 }, 4, { 3, 1, 2, 2 }, { 3, 1, 2, 2 }, FALSE, { 0 }, 5960.0 },
    { { S (N, N, N), S (N, N, N), S (N, N, 2), S (5, N, N) }, { 2, 3, 1, 0 }, 4, { 1, 6, 2, 1 }, { 1, 6, 2, 1 }, FALSE, { 0 }, 5502.0 },
    { { S (N, N, 2), S (N, N, 2), S (N, N, N), S (N, N, N) }, { 3, 0, 2, 1 }, 4, { 2, 4, 2, -1 }, { 2, 4, 2, 3 }, FALSE, { 0 }, 42460.0 },
    { { S (0, N, N), S (0, 1, N), S (N, N, N), S (N, N, 2) }, { 0, 1, 2, 3 }, 2, { 3, -1 }, { 3, 8 }, FALSE, { 0 }, 18728.0 },
    { { S (0, N, N), S (0, 1, N), S (N, N, N), S (N, N, N) }, { 0, 1, 2, 3 }, 4, { 8, -1, 3, 2 }, { 8, 1, 3, 2 }, FALSE, { 0 }, 76616.0 },
    { { S (N, N, N), S (N, N, -2), S (N, N, N), S (4, N, N) }, { 0, 1, 2, 3 }, 4, { -1, 32, 1, 1 }, { 1, 32, 1, 1 }, FALSE, { 0 }, 43088.0 },
    { { S (N, N, 2), S (N, N, -2), S (N, N, N), S (N, N, N) }, { 3, 1, 2, 0 }, 4, { 2, 1, -1, 6 }, { 2, 1, 4, 6 }, FALSE, { 0 }, 39220.0 },
    { { S (N, N, N), S (N, N, -2), S (N, N, 2), S (0, 1, N) }, { 3, 2, 0, 1 }, 2, { 2, 4 }, { 2, 4 }, FALSE, { 0 }, 2136.0 },
    { { S (N, N, N), S (N, N, N), S (N, N, N), S (N, N, -2) }, { 2, 3, 1, 0 }, 2, { 9, 8 }, { 9, 8 }, FALSE, { 0 }, 196776.0 },
    { { S (N, N, N), S (N, N, N), S (0, 1, N), S (N, N, N) }, { 0, 1, 2, 3 }, 4, { -1, 1, 6, 2 }, { 3, 1, 6, 2 }, FALSE, { 0 }, 54600.0 },
    { { S (N, N, -1), S (N, N, N), S (0, 1, N), S (5, N, N) }, { 0, 3, 1, 2 }, 1, { -1 }, { 6 }, FALSE, { 0 }, 747.0 },
    { { S (0, 1, N), S (N, N, 2), S (N, N, N), S (0, N, N) }, { 0, 1, 2, 3 }, 3, { 6, -1, 1 }, { 6, 8, 1 }, FALSE, { 0 }, 56168.0 },
    { { S (0, 1, N), S (N, N, N), S (0, 1, N), S (N, N, N) }, { 0, 2, 1, 3 }, 1, { 18 }, { 18 }, FALSE, { 0 }, 5835.0 },
    { { S (0, 1, N), S (N, N, N), S (0, 1, N), S (0, 1, N) }, { 0, 1, 2, 3 }, 4, { 3, 1, 1, 1 }, { 3, 1, 1, 1 }, TRUE, { 192, 192, 192, 192 }, 120.0 },
    { { S (1, N, N), S (N, N, 2), S (1, N, N), S (N, N, -2) }, { 0, 1, 2, 3 }, 3, { 3, 1, 6 }, { 3, 1, 6 }, FALSE, { 0 }, 19119.0 },
    { { S (0, 1, N), S (N, N, 2), S (0, 1, N), S (0, 1, N) }, { 0, 1, 2, 3 }, 3, { 2, 1, 1 }, { 2, 1, 1 }, TRUE, { 384, 384, 384 }, 48.0 },
    { { S (N, N, -1), S (N, N, -1), S (N, N, 2), S (N, N, -2) }, { 1, 3, 2, 0 }, 1, { -1 }, { 36 }, FALSE, { 0 }, 35934.0 },
    { { S (N, N, N), S (N, N, N), S (N, N, N), S (N, N, N) }, { 0, 2, 1, 3 }, 4, { 8, 2, 3, 3 }, { 8, 2, 3, 3 }, FALSE, { 0 }, 956472.0 },
    { { S (0, N, N), S (N, N, N), S (N, N, N), S (N, N, N) }, { 2, 3, 1, 0 }, 3, { 4, 6, 6 }, { 4, 6, 6 }, FALSE, { 0 }, 784764.0 },
    { { S (0, N, N), S (0, 1, N), S (N, N, -2), S (N, N, N) }, { 2, 1, 0, 3 }, 4, { 1, 1, 3, 8 }, { 1, 1, 3, 8 }, FALSE, { 0 }, 15736.0 },
    { { S (0, 1, N), S (N, N, -1), S (N, N, -2), S (N, N, -1) }, { 3, 0, 2, 1 }, 2, { 9, 4 }, { 9, 4 }, FALSE, { 0 }, 22725.0 },
    { { S (0, N, N), S (0, 1, N), S (N, N, N), S (N, N, N) }, { 1, 3, 0, 2 }, 1, { 48 }, { 48 }, FALSE, { 0 }, 58516.0 },
    { { S (N, N, N), S (N, N, -1), S (N, N, N), S (N, N, 2) }, { 1, 0, 2, 3 }, 3, { 1, 12, 6 }, { 1, 12, 6 }, FALSE, { 0 }, 171096.0 },
    { { S (N, N, N), S (0, 1, N), S (0, N, N), S (N, N, N) }, { 0, 1, 2, 3 }, 1, { 48 }, { 48 }, FALSE, { 0 }, 76616.0 },
    { { S (0, 1, N), S (N, N, N), S (N, N, N), S (N, N, N) }, { 0, 1, 2, 3 }, 2, { 3, 24 }, { 3, 24 }, TRUE, { 192, 8 }, 121836.0 },
    { { S (N, N, N), S (N, N, N), S (0, 1, N), S (N, N, N) }, { 0, 1, 2, 3 }, 1, { 36 }, { 36 }, FALSE, { 0 }, 54600.0 },
    { { S (N, N, -1), S (N, N, -1), S (1, N, N), S (N, N, N) }, { 3, 0, 1, 2 }, 3, { 12, 9, 1 }, { 12, 9, 1 }, FALSE, { 0 }, 413883.0 },
    { { S (N, N, -1), S (N, N, -1), S (N, N, N), S (N, N, N) }, { 0, 1, 2, 3 }, 4, { 9, 8, 1, 2 }, { 9, 8, 1, 2 }, FALSE, { 0 }, 501144.0 },
    { { S (0, 1, N), S (0, N, N), S (3, N, N), S (N, N, N) }, { 0, 3, 1, 2 }, 3, { 18, 1, 1 }, { 18, 1, 1 }, FALSE, { 0 }, 7254.0 },
    { { S (1, N, N), S (N, N, N), S (N, N, N), S (2, N, N) }, { 0, 1, 2, 3 }, 4, { 1, 4, -1, 4 }, { 1, 4, 3, 4 }, TRUE, { 576, 144, 48, 8 }, 136176.0 },
    { { S (0, 1, N), S (N, N, N), S (N, N, N), S (0, 1, N) }, { 0, 1, 2, 3 }, 3, { 3, -1, 4 }, { 3, 1, 4 }, TRUE, { 192, 192, 48 }, 3036.0 },
    { { S (N, N, -2), S (N, N, N), S (N, N, N), S (N, N, -1) }, { 3, 2, 1, 0 }, 1, { -1 }, { 72 }, FALSE, { 0 }, 275022.0 },
    { { S (N, N, N), S (N, N, N), S (N, N, N), S (N, N, N) }, { 0, 3, 2, 1 }, 4, { 8, 1, 18, 1 }, { 8, 1, 18, 1 }, FALSE, { 0 }, 933372.0 },
    { { S (N, N, -2), S (N, N, N), S (N, N, -1), S (N, N, N) }, { 0, 1, 2, 3 }, 2, { 9, 8 }, { 9, 8 }, FALSE, { 0 }, 299388.0 },
    { { S (N, N, N), S (N, N, N), S (N, N, N), S (N, N, N) }, { 1, 0, 2, 3 }, 3, { 6, 1, 24 }, { 6, 1, 24 }, FALSE, { 0 }, 915864.0 },
    { { S (N, N, -2), S (N, N, N), S (N, N, N), S (N, N, N) }, { 0, 1, 3, 2 }, 1, { 72 }, { 72 }, FALSE, { 0 }, 303798.0 },
    { { S (N, N, N), S (N, N, N), S (N, N, N), S (N, N, -2) }, { 0, 1, 2, 3 }, 3, { 1, 6, 12 }, { 1, 6, 12 }, FALSE, { 0 }, 246036.0 },
    { { S (N, N, N), S (N, N, N), S (3, N, N), S (N, N, N) }, { 2, 0, 1, 3 }, 2, { 2, -1 }, { 2, 18 }, FALSE, { 0 }, 65940.0 },
    { { S (N, N, -1), S (N, N, N), S (N, N, N), S (N, N, N) }, { 2, 3, 0, 1 }, 3, { 24, 6, 1 }, { 24, 6, 1 }, FALSE, { 0 }, 772092.0 },
    { { S (N, N, N), S (N, N, N), S (0, 1, N), S (4, N, N) }, { 2, 0, 3, 1 }, 3, { 2, 3, -1 }, { 2, 3, 2 }, FALSE, { 0 }, 5754.0 },
    { { S (N, N, -1), S (N, N, -1), S (N, N, N), S (N, N, N) }, { 0, 1, 2, 3 }, 2, { 144, 1 }, { 144, 1 }, FALSE, { 0 }, 501144.0 },
    { { S (N, N, N), S (N, N, N), S (N, N, N), S (N, N, N) }, { 0, 1, 2, 3 }, 2, { -1, 9 }, { 16, 9 }, TRUE, { 72, 8 }, 984984.0 },
    { { S (N, N, N), S (N, N, N), S (0, 1, N), S (N, N, N) }, { 0, 1, 2, 3 }, 3, { 2, 9, 2 }, { 2, 9, 2 }, FALSE, { 0 }, 54600.0 },
    { { S (N, N, N), S (0, N, N), S (N, N, N), S (3, N, N) }, { 3, 2, 0, 1 }, 2, { 8, -1 }, { 8, 9 }, FALSE, { 0 }, 196020.0 },
    { { S (N, N, 2), S (0, 1, N), S (N, N, N), S (N, N, N) }, { 0, 2, 3, 1 }, 4, { -1, 1, 2, 3 }, { 4, 1, 2, 3 }, TRUE, { 48, 48, 24, 8 }, 4324.0 },
    { { S (N, N, 2), S (2, N, N), S (N, N, N), S (0, 1, N) }, { 3, 0, 2, 1 }, 2, { 2, 2 }, { 2, 2 }, TRUE, { 96, 48 }, 372.0 },
    { { S (N, N, -2), S (0, 1, N), S (N, N, N), S (2, N, N) }, { 3, 2, 1, 0 }, 4, { 2, -1, 2, 2 }, { 2, 2, 2, 2 }, TRUE, { 16, 8, 96, 48 }, 10340.0 },
    { { S (N, N, -2), S (N, N, N), S (N, N, N), S (N, N, 2) }, { 3, 1, 0, 2 }, 2, { 3, -1 }, { 3, 12 }, TRUE, { 16, 48 }, 70560.0 },
    { { S (N, N, N), S (N, N, N), S (N, N, -2), S (N, N, N) }, { 0, 1, 2, 3 }, 3, { 1, 2, 36 }, { 1, 2, 36 }, FALSE, { 0 }, 249816.0 },
    { { S (N, N, N), S (N, N, -2), S (N, N, N), S (N, N, N) }, { 0, 1, 2, 3 }, 1, { -1 }, { 96 }, FALSE, { 0 }, 385936.0 },
    { { S (N, N, N), S (0, 1, N), S (N, N, N), S (N, N, N) }, { 1, 2, 0, 3 }, 3, { 3, 8, 2 }, { 3, 8, 2 }, FALSE, { 0 }, 63224.0 },
    { { S (N, N, -2), S (N, N, N), S (N, N, -1), S (N, N, N) }, { 0, 2, 3, 1 }, 3, { 18, -1, 1 }, { 18, 4, 1 }, FALSE, { 0 }, 266832.0 },
    { { S (0, 1, N), S (0, 1, N), S (N, N, -2), S (N, N, N) }, { 0, 1, 2, 3 }, 1, { 12 }, { 12 }, FALSE, { 0 }, 776.0 },
    { { S (0, 1, N), S (N, N, N), S (N, N, N), S (N, N, N) }, { 3, 2, 0, 1 }, 4, { -1, 3, 1, 6 }, { 4, 3, 1, 6 }, FALSE, { 0 }, 96030.0 },
    { { S (0, N, N), S (0, 1, N), S (0, N, N), S (N, N, -1) }, { 2, 3, 1, 0 }, 3, { 1, -1, 4 }, { 1, 12, 4 }, FALSE, { 0 }, 58484.0 },
    { { S (N, N, -1), S (N, N, N), S (0, 1, N), S (N, N, N) }, { 0, 3, 2, 1 }, 3, { 36, 1, 1 }, { 36, 1, 1 }, FALSE, { 0 }, 28602.0 },
    { { S (0, 1, N), S (N, N, N), S (N, N, -1), S (N, N, N) }, { 0, 3, 1, 2 }, 2, { -1, 8 }, { 9, 8 }, FALSE, { 0 }, 97326.0 },
    { { S (N, N, N), S (N, N, -2), S (0, N, N), S (N, N, -1) }, { 0, 1, 2, 3 }, 1, { 96 }, { 96 }, FALSE, { 0 }, 385376.0 },
    { { S (N, N, -1), S (N, N, N), S (1, N, N), S (N, N, N) }, { 0, 3, 2, 1 }, 2, { 54, 2 }, { 54, 2 }, FALSE, { 0 }, 331344.0 },
    { { S (N, N, -1), S (N, N, N), S (0, N, N), S (N, N, N) }, { 0, 1, 2, 3 }, 2, { 72, -1 }, { 72, 2 }, FALSE, { 0 }, 611736.0 },
    { { S (N, N, N), S (2, N, N), S (0, 1, N), S (N, N, N) }, { 3, 2, 1, 0 }, 2, { -1, 3 }, { 4, 3 }, FALSE, { 0 }, 5995.0 },
    { { S (N, N, N), S (N, N, N), S (N, N, N), S (N, N, N) }, { 0, 1, 2, 3 }, 3, { 4, 4, 9 }, { 4, 4, 9 }, TRUE, { 288, 72, 8 }, 984984.0 },
  };

  g_autoptr(PlArray) flat = arange (144, PL_DTYPE_FLOAT64);
  const gint64 s2346[] = { 2, 3, 4, 6 };
  g_autoptr(PlArray) x = reshaped (flat, 4, s2346);

  for (gsize c = 0; c < G_N_ELEMENTS (reshape_cases); c++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(PlArray) v = pl_array_get_item (x, reshape_cases[c].index, 4, &error);
      g_autoptr(PlArray) t = pl_array_transpose (v, 4, reshape_cases[c].perm, &error);
      g_autoptr(PlArray) r = pl_array_reshape (t, reshape_cases[c].ndim, reshape_cases[c].shape, &error);
      double checksum = 0;

      g_assert_no_error (error);
      g_assert_cmpint (r->ndim, ==, reshape_cases[c].ndim);
      for (gint i = 0; i < r->ndim; i++)
        g_assert_cmpint (r->shape[i], ==, reshape_cases[c].result[i]);
      g_assert_cmpint (r->buffer == x->buffer, ==, reshape_cases[c].view);
      if (reshape_cases[c].view)
        for (gint i = 0; i < r->ndim; i++)
          g_assert_cmpint (r->strides[i], ==, reshape_cases[c].strides[i]);
      for (gint64 i = 0; i < pl_array_get_size (r); i++)
        checksum += pl_array_get_flat (r, i).f * (double) i;
      g_assert_cmpfloat (checksum, ==, reshape_cases[c].checksum);
    }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/engine/view/reshape-views", test_reshape_views);
  g_test_add_func ("/engine/view/reshape-copies", test_reshape_copies);
  g_test_add_func ("/engine/view/reshape-errors", test_reshape_errors);
  g_test_add_func ("/engine/view/random-reshapes", test_random_reshapes);
  g_test_add_func ("/engine/view/ravel-flatten", test_ravel_flatten);
  g_test_add_func ("/engine/view/transpose", test_transpose);
  g_test_add_func ("/engine/view/figures", test_view_figures);
  g_test_add_func ("/engine/view/tutorial-section3", test_tutorial_section3);

  return g_test_run ();
}
