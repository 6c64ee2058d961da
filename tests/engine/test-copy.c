/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "engine/pl-array.h"

/* Copies: x.copy(), np.ascontiguousarray, x.astype(dtype, copy=), and their
 * memory figures against NumPy (tests/engine/ref/temporaries.py,
 * where_copy(): per line peak and live bytes from numpy_ref.py). */

static PlArray *
arange (gint64 n, PlDType dtype)
{
  g_autoptr(GError) error = NULL;
  PlScalar start = pl_scalar_from_int (0), stop = pl_scalar_from_int (n), step = pl_scalar_from_int (1);
  PlArray *a = pl_array_arange (&start, &stop, &step, dtype, &error);

  g_assert_no_error (error);
  return a;
}

static void
test_copy (void)
{
  g_autoptr(GError) error = NULL;
  gint64 shape[2] = { 3, 4 };
  g_autoptr(PlArray) x = arange (12, PL_DTYPE_INT16);
  g_autoptr(PlArray) m = pl_array_reshape (x, 2, shape, &error);
  PlIndex idx[2] = { { .kind = PL_INDEX_SLICE, .has_step = TRUE, .step = -1 },
                     { .kind = PL_INDEX_SLICE, .has_step = TRUE, .step = 2 } };
  g_autoptr(PlArray) v = pl_array_get_item (m, idx, 2, &error);
  g_autofree PlAllocEvent *events = NULL;
  gsize n_events;
  PlArray *c;

  pl_alloc_start_recording ();
  c = pl_array_copy (v, &error);
  events = pl_alloc_stop_recording (&n_events);
  g_assert_no_error (error);
  g_assert_cmpuint (n_events, ==, 1);
  g_assert_cmpint (events[0].reason, ==, PL_ALLOC_REASON_COPY);
  g_assert_cmpint (events[0].bytes, ==, 12);
  g_assert_true (pl_array_owns_data (c));
  g_assert_true (pl_array_is_c_contiguous (c));
  g_assert_null (c->base);
  g_assert_cmpint (c->dtype, ==, PL_DTYPE_INT16);
  /* m[::-1, ::2] = [[8, 10], [4, 6], [0, 2]] */
  for (int i = 0; i < 6; i++)
    g_assert_cmpint (pl_array_get_flat (c, i).i, ==, ((gint64[]) { 8, 10, 4, 6, 0, 2 })[i]);
  pl_array_unref (c);

  /* A copy of a transposed array is C-ordered (copy's default order='C'). */
  {
    g_autoptr(PlArray) t = pl_array_transpose (m, 0, NULL, &error);

    c = pl_array_copy (t, &error);
    g_assert_true (pl_array_is_c_contiguous (c));
    g_assert_cmpint (pl_array_get_flat (c, 1).i, ==, 4);
    pl_array_unref (c);
  }
}

static void
test_ascontiguous (void)
{
  g_autoptr(GError) error = NULL;
  gint64 shape[2] = { 3, 4 };
  g_autoptr(PlArray) x = arange (12, PL_DTYPE_FLOAT32);
  g_autoptr(PlArray) m = pl_array_reshape (x, 2, shape, &error);
  g_autoptr(PlArray) t = pl_array_transpose (m, 0, NULL, &error);
  PlArray *c;

  c = pl_array_ascontiguous (x, &error);
  g_assert_true (c == x);
  pl_array_unref (c);

  c = pl_array_ascontiguous (t, &error);
  g_assert_true (c != t);
  g_assert_true (pl_array_is_c_contiguous (c));
  g_assert_cmpint (c->shape[0], ==, 4);
  g_assert_cmpfloat (pl_array_get_flat (c, 1).f, ==, 4.0);
  pl_array_unref (c);

  /* A 0-d array becomes a (1,) view (ndmin=1). */
  {
    PlScalar s = pl_scalar_from_double (2.5);
    g_autoptr(PlArray) z = pl_array_new_scalar (&s, PL_DTYPE_NONE);

    c = pl_array_ascontiguous (z, &error);
    g_assert_no_error (error);
    g_assert_cmpint (c->ndim, ==, 1);
    g_assert_cmpint (c->shape[0], ==, 1);
    g_assert_cmpfloat (pl_array_get_flat (c, 0).f, ==, 2.5);
    pl_array_unref (c);
  }
}

static void
test_astype (void)
{
  g_autoptr(GError) error = NULL;
  gint64 shape[2] = { 3, 4 };
  g_autoptr(PlArray) x = arange (12, PL_DTYPE_INT64);
  g_autoptr(PlArray) m = pl_array_reshape (x, 2, shape, &error);
  g_autoptr(PlArray) t = pl_array_transpose (m, 0, NULL, &error);
  PlArray *c;

  c = pl_array_astype (x, PL_DTYPE_INT64, FALSE, &error);
  g_assert_true (c == x);
  pl_array_unref (c);
  c = pl_array_astype (x, PL_DTYPE_INT64, TRUE, &error);
  g_assert_true (c != x);
  g_assert_true (pl_array_owns_data (c));
  pl_array_unref (c);

  /* astype keeps the layout (order='K'): a transposed input gives an
   * F-contiguous result, as NumPy's. */
  c = pl_array_astype (t, PL_DTYPE_FLOAT32, FALSE, &error);
  g_assert_no_error (error);
  g_assert_true (pl_array_is_f_contiguous (c));
  g_assert_false (pl_array_is_c_contiguous (c));
  g_assert_cmpfloat (pl_array_get_flat (c, 1).f, ==, 4.0);
  pl_array_unref (c);

  c = pl_array_astype (x, PL_DTYPE_BOOL, TRUE, &error);
  g_assert_false (pl_array_get_flat (c, 0).b);
  g_assert_true (pl_array_get_flat (c, 1).b);
  pl_array_unref (c);

  c = pl_array_astype (x, (PlDType) 42, TRUE, &error);
  g_assert_null (c);
  g_assert_error (error, PL_ERROR, PL_ERROR_TYPE);
}

/* where_copy() of ref/temporaries.py, with NumPy's figures. */
static void
test_memory (void)
{
  g_autoptr(GError) error = NULL;
  gint64 n = 1000000;
  PlArray *x = pl_array_random_uniform (1, &n, &error);
  PlArray *w = NULL, *c = NULL, *t = NULL, *a = NULL;
  gint64 base = pl_alloc_get_live_bytes ();
  static const gint64 peak[5] = { 9003688, 16002472, 16002560, 16002688, 16002752 };
  static const gint64 live[5] = { 8002240, 16002400, 16002560, 16002624, 2496 };

  for (int line = 0; line < 5; line++)
    {
      pl_alloc_reset_peak ();
      switch (line)
        {
        case 0:
          {
            /* w = np.where(x > 0.5, x, 0.0) */
            PlScalar h = pl_scalar_from_double (0.5), z = pl_scalar_from_double (0.0);
            PlArray *hs = pl_array_new_scalar (&h, PL_DTYPE_NONE);
            PlArray *zs = pl_array_new_scalar (&z, PL_DTYPE_NONE);
            PlArray *mask = pl_array_binary (PL_BINOP_GREATER, x, hs, &error);

            w = pl_array_where (mask, x, zs, &error);
            pl_array_unref (mask);
            pl_array_unref (hs);
            pl_array_unref (zs);
            break;
          }
        case 1: c = pl_array_copy (x, &error); break;
        case 2: t = pl_array_transpose (x, 0, NULL, &error); break;
        case 3: a = pl_array_ascontiguous (x, &error); break;
        default:
          pl_array_unref (w);
          pl_array_unref (c);
          pl_array_unref (a);
          break;
        }
      g_assert_no_error (error);
      g_assert_cmpint (ABS (pl_alloc_get_peak_bytes () - base - peak[line]), <=, MAX (65536, peak[line] / 100));
      g_assert_cmpint (ABS (pl_alloc_get_live_bytes () - base - live[line]), <=, MAX (65536, live[line] / 100));
    }
  pl_array_unref (t);
  pl_array_unref (x);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/copy/copy", test_copy);
  g_test_add_func ("/copy/ascontiguous", test_ascontiguous);
  g_test_add_func ("/copy/astype", test_astype);
  g_test_add_func ("/copy/memory", test_memory);

  return g_test_run ();
}
