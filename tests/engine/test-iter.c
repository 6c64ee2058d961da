/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "engine/pl-array.h"
#include "engine/pl-iter.h"

/* The multi-operand iterator: broadcasting, coalescing, chunking, strides,
 * memory order, and NumPy's broadcasting error. */

static PlArray *
arange (gint64 n, PlDType dtype)
{
  g_autoptr(GError) error = NULL;
  PlScalar start = pl_scalar_from_int (0), stop = pl_scalar_from_int (n), step = pl_scalar_from_int (1);
  PlArray *a = pl_array_arange (&start, &stop, &step, dtype, &error);

  g_assert_no_error (error);
  return a;
}

static PlArray *
reshaped (gint64 n, gint ndim, const gint64 *shape, PlDType dtype)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PlArray) x = arange (n, dtype);
  PlArray *r = pl_array_reshape (x, ndim, shape, &error);

  g_assert_no_error (error);
  return r;
}

static void
test_broadcast_shapes (void)
{
  g_autoptr(GError) error = NULL;
  gint64 s1[3] = { 4, 1, 3 }, s2[2] = { 5, 1 }, out[PL_MAX_DIMS];
  g_autoptr(PlArray) a = reshaped (12, 3, s1, PL_DTYPE_INT64);
  g_autoptr(PlArray) b = reshaped (5, 2, s2, PL_DTYPE_INT64);
  g_autoptr(PlArray) c = arange (4, PL_DTYPE_INT64);
  PlArray *ab[2] = { a, b }, *ac[2] = { a, c };
  gint ndim;

  g_assert_true (pl_broadcast_shapes (2, ab, &ndim, out, &error));
  g_assert_cmpint (ndim, ==, 3);
  g_assert_cmpint (out[0], ==, 4);
  g_assert_cmpint (out[1], ==, 5);
  g_assert_cmpint (out[2], ==, 3);

  g_assert_false (pl_broadcast_shapes (2, ac, &ndim, out, &error));
  g_assert_error (error, PL_ERROR, PL_ERROR_VALUE);
  g_assert_cmpstr (error->message, ==, "operands could not be broadcast together with shapes (4,1,3) (4,) ");
  g_clear_error (&error);

  {
    gint64 strides[3];
    gint64 target[3] = { 4, 5, 3 };

    g_assert_true (pl_broadcast_strides (b, 3, target, strides));
    g_assert_cmpint (strides[0], ==, 0);
    g_assert_cmpint (strides[1], ==, 8);
    g_assert_cmpint (strides[2], ==, 0);
    g_assert_false (pl_broadcast_strides (c, 3, target, strides));
  }
}

static void
test_coalesce (void)
{
  g_autoptr(GError) error = NULL;
  gint64 shape[3] = { 2, 3, 4 };
  g_autoptr(PlArray) a = reshaped (24, 3, shape, PL_DTYPE_FLOAT64);
  g_autoptr(PlArray) b = reshaped (24, 3, shape, PL_DTYPE_FLOAT32);
  PlArray *ops[2] = { a, b };
  PlIter it;
  guint8 *p[2];
  gint64 n, total = 0;

  /* Two C-contiguous arrays: one flat loop. */
  g_assert_true (pl_iter_init (&it, 2, ops, 3, shape, &error));
  g_assert_cmpint (it.ndim, ==, 1);
  g_assert_cmpint (it.shape[0], ==, 24);
  g_assert_cmpint (it.inner_strides[0], ==, 8);
  g_assert_cmpint (it.inner_strides[1], ==, 4);
  g_assert_true (pl_iter_operand_is_flat (&it, 0));
  while (pl_iter_next (&it, p, &n))
    total += n;
  g_assert_cmpint (total, ==, 24);

  /* Chunks are at most the block size. */
  g_assert_true (pl_iter_init (&it, 2, ops, 3, shape, &error));
  pl_iter_set_block (&it, 5);
  total = 0;
  {
    gint chunks = 0;

    while (pl_iter_next (&it, p, &n))
      {
        g_assert_cmpint (n, <=, 5);
        g_assert_cmpfloat (*(double *) p[0], ==, (double) total);
        g_assert_cmpfloat (*(float *) p[1], ==, (float) total);
        total += n;
        chunks++;
      }
    g_assert_cmpint (chunks, ==, 5);
  }
}

/* Visits every element of a broadcast, strided iteration and checks the
 * pointers against the logical indices. */
static void
test_broadcast_strided (void)
{
  g_autoptr(GError) error = NULL;
  gint64 s34[2] = { 3, 4 }, s31[2] = { 3, 1 };
  g_autoptr(PlArray) m = reshaped (12, 2, s34, PL_DTYPE_INT64);
  g_autoptr(PlArray) col = reshaped (3, 2, s31, PL_DTYPE_INT64);
  PlIndex rev = { .kind = PL_INDEX_SLICE, .has_step = TRUE, .step = -1 };
  g_autoptr(PlArray) mr = pl_array_get_item (m, &rev, 1, &error);   /* rows reversed */
  g_autoptr(PlArray) m43 = reshaped (12, 2, (gint64[]) { 4, 3 }, PL_DTYPE_INT64);
  g_autoptr(PlArray) t = pl_array_transpose (m43, 0, NULL, &error);
  PlScalar sc = pl_scalar_from_int (7);
  g_autoptr(PlArray) zero_d = pl_array_new_scalar (&sc, PL_DTYPE_NONE);
  PlArray *ops[4] = { mr, col, t, zero_d };
  PlIter it;
  guint8 *p[4];
  gint64 n, k = 0;

  g_assert_true (pl_iter_init (&it, 4, ops, 2, s34, &error));
  g_assert_false (pl_iter_operand_is_flat (&it, 1));
  while (pl_iter_next (&it, p, &n))
    for (gint64 j = 0; j < n; j++, k++)
      {
        gint64 row = k / 4, c = k % 4;

        g_assert_cmpint (*(gint64 *) (p[0] + j * it.inner_strides[0]), ==, (2 - row) * 4 + c);
        g_assert_cmpint (*(gint64 *) (p[1] + j * it.inner_strides[1]), ==, row);
        g_assert_cmpint (*(gint64 *) (p[2] + j * it.inner_strides[2]), ==, c * 3 + row);
        g_assert_cmpint (*(gint64 *) (p[3] + j * it.inner_strides[3]), ==, 7);
      }
  g_assert_cmpint (k, ==, 12);

  /* An operand that does not broadcast to the iteration shape. */
  {
    g_autoptr(PlArray) bad = arange (5, PL_DTYPE_INT64);
    PlArray *ops2[1] = { bad };

    g_assert_false (pl_iter_init (&it, 1, ops2, 2, s34, &error));
    g_assert_error (error, PL_ERROR, PL_ERROR_VALUE);
    g_clear_error (&error);
  }
}

/* Memory order: a transposed operand 0 is walked contiguously. */
static void
test_memory_order (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PlArray) m = reshaped (12, 2, (gint64[]) { 3, 4 }, PL_DTYPE_INT32);
  g_autoptr(PlArray) t = pl_array_transpose (m, 0, NULL, &error);
  PlArray *ops[1] = { t };
  PlIter it;
  guint8 *p[1];
  gint64 n, expected = 0;

  g_assert_true (pl_iter_init_memory_order (&it, 1, ops, t->ndim, t->shape, &error));
  g_assert_cmpint (it.ndim, ==, 1);
  g_assert_cmpint (it.inner_strides[0], ==, 4);
  while (pl_iter_next (&it, p, &n))
    for (gint64 j = 0; j < n; j++)
      g_assert_cmpint (((gint32 *) p[0])[j], ==, expected++);
  g_assert_cmpint (expected, ==, 12);

  /* C order of the same transposed array is strided. */
  g_assert_true (pl_iter_init (&it, 1, ops, t->ndim, t->shape, &error));
  g_assert_cmpint (it.ndim, ==, 2);
}

/* Empty arrays iterate nothing; 0-d arrays once. */
static void
test_empty_and_0d (void)
{
  g_autoptr(GError) error = NULL;
  gint64 shape[2] = { 3, 0 };
  g_autoptr(PlArray) e = pl_array_zeros (2, shape, PL_DTYPE_FLOAT64, &error);
  PlScalar s = pl_scalar_from_double (1.5);
  g_autoptr(PlArray) z = pl_array_new_scalar (&s, PL_DTYPE_NONE);
  PlArray *ops[1] = { e };
  PlIter it;
  guint8 *p[1];
  gint64 n;

  g_assert_true (pl_iter_init (&it, 1, ops, 2, shape, &error));
  g_assert_cmpint (it.size, ==, 0);
  g_assert_false (pl_iter_next (&it, p, &n));

  ops[0] = z;
  g_assert_true (pl_iter_init (&it, 1, ops, 0, NULL, &error));
  g_assert_true (pl_iter_next (&it, p, &n));
  g_assert_cmpint (n, ==, 1);
  g_assert_cmpfloat (*(double *) p[0], ==, 1.5);
  g_assert_false (pl_iter_next (&it, p, &n));
}

/* The raw form, as reductions use it: a stride-0 output. */
static void
test_raw (void)
{
  double in[6] = { 1, 2, 3, 4, 5, 6 }, out = 0;
  gint64 shape[2] = { 2, 3 };
  gint64 s_out[2] = { 0, 0 }, s_in[2] = { 24, 8 };
  const gint64 *strides[2] = { s_out, s_in };
  guint8 *data[2] = { (guint8 *) &out, (guint8 *) in };
  PlIter it;
  guint8 *p[2];
  gint64 n;

  pl_iter_init_raw (&it, 2, data, strides, 2, shape);
  g_assert_cmpint (it.ndim, ==, 1);
  while (pl_iter_next (&it, p, &n))
    for (gint64 j = 0; j < n; j++)
      *(double *) p[0] += ((double *) p[1])[j];
  g_assert_cmpfloat (out, ==, 21);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/iter/broadcast-shapes", test_broadcast_shapes);
  g_test_add_func ("/iter/coalesce", test_coalesce);
  g_test_add_func ("/iter/broadcast-strided", test_broadcast_strided);
  g_test_add_func ("/iter/memory-order", test_memory_order);
  g_test_add_func ("/iter/empty-and-0d", test_empty_and_0d);
  g_test_add_func ("/iter/raw", test_raw);

  return g_test_run ();
}
