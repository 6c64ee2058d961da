/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/resource.h>

#include "engine/pl-array.h"

/* Memory figures are compared with NumPy's as the project's rule says:
 * within max (64 KiB, 1 %). */
static void
assert_bytes_near (gint64 actual,
                   gint64 expected)
{
  gint64 tolerance = MAX (64 * 1024, ABS (expected) / 100);

  if (ABS (actual - expected) > tolerance)
    g_error ("memory figure %" G_GINT64_FORMAT " is not within %" G_GINT64_FORMAT
             " of NumPy's %" G_GINT64_FORMAT, actual, tolerance, expected);
}

static void
assert_values (PlArray      *a,
               PlDType       dtype,
               gint64        n,
               const double *expected)
{
  g_assert_nonnull (a);
  g_assert_cmpstr (pl_dtype_name (a->dtype), ==, pl_dtype_name (dtype));
  g_assert_cmpint (a->ndim, ==, 1);
  g_assert_cmpint (a->shape[0], ==, n);
  for (gint64 i = 0; i < n; i++)
    {
      PlScalar s = pl_array_get_flat (a, i);
      g_assert_cmpfloat (pl_scalar_to_double (&s), ==, expected[i]);
    }
}

static void
test_scalar (void)
{
  gint64 live0 = pl_alloc_get_live_bytes ();
  g_autofree PlAllocEvent *events = NULL;
  PlScalar v;
  gsize n_events;
  PlArray *a;

  pl_alloc_start_recording ();

  v = pl_scalar_from_double (2.5);
  a = pl_array_new_scalar (&v, PL_DTYPE_NONE);
  g_assert_cmpint (a->dtype, ==, PL_DTYPE_FLOAT64);
  g_assert_cmpint (a->ndim, ==, 0);
  g_assert_null (a->buffer);
  g_assert_null (a->base);
  g_assert_true (a->data == a->inline_data.bytes);
  g_assert_cmpint (pl_array_get_size (a), ==, 1);
  g_assert_cmpuint (pl_array_get_nbytes (a), ==, 8);
  g_assert_true (pl_array_owns_data (a));
  g_assert_true (pl_array_is_c_contiguous (a) && pl_array_is_f_contiguous (a));
  v = pl_array_get_flat (a, 0);
  g_assert_cmpfloat (v.f, ==, 2.5);
  pl_array_unref (a);

  v = pl_scalar_from_int (-7);
  a = pl_array_new_scalar (&v, PL_DTYPE_NONE);
  g_assert_cmpint (a->dtype, ==, PL_DTYPE_INT64);
  g_assert_cmpint (pl_array_get_flat (a, 0).i, ==, -7);
  pl_array_unref (a);

  v = pl_scalar_from_bool (TRUE);
  a = pl_array_new_scalar (&v, PL_DTYPE_NONE);
  g_assert_cmpint (a->dtype, ==, PL_DTYPE_BOOL);
  g_assert_true (pl_array_get_flat (a, 0).b);
  pl_array_unref (a);

  v = pl_scalar_from_int (300);
  a = pl_array_new_scalar (&v, PL_DTYPE_INT16);
  g_assert_cmpint (a->dtype, ==, PL_DTYPE_INT16);
  g_assert_cmpint (pl_array_get_flat (a, 0).i, ==, 300);
  pl_array_unref (a);

  events = pl_alloc_stop_recording (&n_events);
  g_assert_cmpuint (n_events, ==, 0);
  g_assert_cmpint (pl_alloc_get_live_bytes (), ==, live0);
}

static void
test_attributes (void)
{
  const gint64 shape[] = { 1000, 256, 256 };
  g_autoptr(GError) error = NULL;
  g_autoptr(PlArray) a = NULL;
  g_autofree char *s = NULL;

  a = pl_array_empty (3, shape, PL_DTYPE_FLOAT32, &error);
  g_assert_no_error (error);
  g_assert_cmpint (a->ndim, ==, 3);
  g_assert_cmpint (a->strides[0], ==, 256 * 256 * 4);
  g_assert_cmpint (a->strides[1], ==, 256 * 4);
  g_assert_cmpint (a->strides[2], ==, 4);
  g_assert_cmpint (pl_array_get_size (a), ==, 1000 * 256 * 256);
  g_assert_cmpuint (pl_array_get_nbytes (a), ==, 1000u * 256 * 256 * 4);
  g_assert_true (pl_array_is_c_contiguous (a));
  g_assert_false (pl_array_is_f_contiguous (a));
  g_assert_true (pl_array_owns_data (a));
  g_assert_true (a->flags & PL_ARRAY_FLAG_WRITEABLE);
  g_assert_true (a->data == a->buffer->data);
  g_assert_cmpint (a->ref_count, ==, 1);
  s = pl_array_format_shape (a);
  g_assert_cmpstr (s, ==, "(1000, 256, 256)");
  g_clear_pointer (&s, g_free);

  {
    const gint64 one[] = { 5 };
    g_autoptr(PlArray) b = pl_array_empty (1, one, PL_DTYPE_INT8, &error);
    g_autoptr(PlArray) c = pl_array_empty (0, NULL, PL_DTYPE_INT8, &error);
    s = pl_array_format_shape (b);
    g_assert_cmpstr (s, ==, "(5,)");
    g_clear_pointer (&s, g_free);
    s = pl_array_format_shape (c);
    g_assert_cmpstr (s, ==, "()");
    g_assert_cmpint (pl_array_get_size (c), ==, 1);
    /* 1-d contiguous arrays are both C and F contiguous, as in NumPy. */
    g_assert_true (pl_array_is_c_contiguous (b) && pl_array_is_f_contiguous (b));
  }

  /* Reference counting. */
  g_assert_true (pl_array_ref (a) == a);
  g_assert_cmpint (a->ref_count, ==, 2);
  pl_array_unref (a);
  g_assert_cmpint (a->ref_count, ==, 1);
}

static void
test_creation_values (void)
{
  const gint64 shape[] = { 3, 4 };
  g_autoptr(GError) error = NULL;
  PlScalar v;
  PlArray *a;

  a = pl_array_zeros (2, shape, PL_DTYPE_NONE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (a->dtype, ==, PL_DTYPE_FLOAT64);
  for (gint i = 0; i < 12; i++)
    g_assert_cmpfloat (pl_array_get_flat (a, i).f, ==, 0.0);
  pl_array_unref (a);

  a = pl_array_ones (2, shape, PL_DTYPE_INT16, &error);
  g_assert_cmpint (a->dtype, ==, PL_DTYPE_INT16);
  for (gint i = 0; i < 12; i++)
    g_assert_cmpint (pl_array_get_flat (a, i).i, ==, 1);
  pl_array_unref (a);

  a = pl_array_ones (2, shape, PL_DTYPE_BOOL, &error);
  for (gint i = 0; i < 12; i++)
    g_assert_true (pl_array_get_flat (a, i).b);
  pl_array_unref (a);

  /* np.full (shape, 7): dtype from the value. */
  v = pl_scalar_from_int (7);
  a = pl_array_full (2, shape, &v, PL_DTYPE_NONE, &error);
  g_assert_cmpint (a->dtype, ==, PL_DTYPE_INT64);
  for (gint i = 0; i < 12; i++)
    g_assert_cmpint (pl_array_get_flat (a, i).i, ==, 7);
  pl_array_unref (a);

  v = pl_scalar_from_double (0.1);
  for (gint d = 0; d < PL_N_DTYPES; d++)
    {
      guint8 expected[16];
      a = pl_array_full (2, shape, &v, (PlDType) d, &error);
      g_assert_no_error (error);
      pl_dtype_store ((PlDType) d, expected, &v);
      for (gint i = 0; i < 12; i++)
        g_assert_cmpmem (pl_array_get_flat_pointer (a, i), pl_dtype_itemsize ((PlDType) d),
                         expected, pl_dtype_itemsize ((PlDType) d));
      pl_array_unref (a);
    }

  /* np.empty: malloc'd, right shape; the default dtype is float64. */
  a = pl_array_empty (2, shape, PL_DTYPE_NONE, &error);
  g_assert_cmpint (a->dtype, ==, PL_DTYPE_FLOAT64);
  g_assert_cmpuint (a->buffer->nbytes, ==, 96);
  pl_array_unref (a);
}

static void
test_zero_size (void)
{
  const gint64 shape[] = { 0, 5 };
  gint64 live0 = pl_alloc_get_live_bytes ();
  g_autoptr(GError) error = NULL;
  PlArray *a;

  /* NumPy allocates one element for empty arrays. */
  a = pl_array_empty (2, shape, PL_DTYPE_INT16, &error);
  g_assert_no_error (error);
  g_assert_cmpint (pl_array_get_size (a), ==, 0);
  g_assert_cmpuint (pl_array_get_nbytes (a), ==, 0);
  g_assert_nonnull (a->data);
  g_assert_cmpint (pl_alloc_get_live_bytes () - live0, ==, 2);
  g_assert_true (pl_array_is_c_contiguous (a) && pl_array_is_f_contiguous (a));
  pl_array_fill (a, &(PlScalar) { .kind = PL_DTYPE_KIND_INT, .i = 3 });
  pl_array_unref (a);
  g_assert_cmpint (pl_alloc_get_live_bytes (), ==, live0);
}

static void
test_errors (void)
{
  g_autoptr(GError) error = NULL;
  gint64 shape[PL_MAX_DIMS + 1];
  gsize old_limit;
  PlArray *a;

  shape[0] = -1;
  a = pl_array_empty (1, shape, PL_DTYPE_FLOAT64, &error);
  g_assert_null (a);
  g_assert_error (error, PL_ERROR, PL_ERROR_VALUE);
  g_assert_cmpstr (error->message, ==, "negative dimensions are not allowed");
  g_clear_error (&error);

  for (gint i = 0; i <= PL_MAX_DIMS; i++)
    shape[i] = 1;
  a = pl_array_zeros (PL_MAX_DIMS + 1, shape, PL_DTYPE_FLOAT64, &error);
  g_assert_null (a);
  g_assert_error (error, PL_ERROR, PL_ERROR_VALUE);
  g_assert_cmpstr (error->message, ==, "maximum supported dimension for an ndarray is 32, found 33");
  g_clear_error (&error);
  a = pl_array_zeros (PL_MAX_DIMS, shape, PL_DTYPE_FLOAT64, &error);
  g_assert_no_error (error);
  pl_array_unref (a);

  /* np.empty ((2**62, 2**62)) */
  shape[0] = G_GINT64_CONSTANT (1) << 62;
  shape[1] = G_GINT64_CONSTANT (1) << 62;
  a = pl_array_ones (2, shape, PL_DTYPE_FLOAT64, &error);
  g_assert_null (a);
  g_assert_error (error, PL_ERROR, PL_ERROR_VALUE);
  g_assert_cmpstr (error->message, ==,
                   "array is too big; `arr.size * arr.dtype.itemsize` is larger than "
                   "the maximum possible size.");
  g_clear_error (&error);

  /* ... but a zero anywhere makes it empty. */
  shape[2] = 0;
  a = pl_array_zeros (3, shape, PL_DTYPE_FLOAT64, &error);
  g_assert_no_error (error);
  g_assert_cmpint (pl_array_get_size (a), ==, 0);
  pl_array_unref (a);

  /* NumPy's MemoryError text, word for word. */
  shape[0] = G_GINT64_CONSTANT (1000000000000);
  a = pl_array_empty (1, shape, PL_DTYPE_FLOAT64, &error);
  g_assert_null (a);
  g_assert_error (error, PL_ERROR, PL_ERROR_MEMORY);
  g_assert_cmpstr (error->message, ==, "Unable to allocate 7.28 TiB for an array with "
                   "shape (1000000000000,) and data type float64");
  g_clear_error (&error);

  shape[0] = 1000000;
  shape[1] = 1000000;
  a = pl_array_zeros (2, shape, PL_DTYPE_INT16, &error);
  g_assert_error (error, PL_ERROR, PL_ERROR_MEMORY);
  g_assert_cmpstr (error->message, ==, "Unable to allocate 1.82 TiB for an array with "
                   "shape (1000000, 1000000) and data type int16");
  g_clear_error (&error);

  old_limit = pl_alloc_get_limit ();
  pl_alloc_set_limit (1000);
  shape[0] = 200;
  a = pl_array_arange (&(PlScalar) { .kind = PL_DTYPE_KIND_INT, .i = 200 }, NULL, NULL,
                       PL_DTYPE_NONE, &error);
  g_assert_null (a);
  g_assert_error (error, PL_ERROR, PL_ERROR_MEMORY);
  g_assert_cmpstr (error->message, ==, "Unable to allocate 1.56 KiB for an array with "
                   "shape (200,) and data type int64");
  g_clear_error (&error);
  pl_alloc_set_limit (old_limit);
}

#if defined(__SANITIZE_ADDRESS__)
#define HAVE_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define HAVE_ASAN 1
#endif
#endif

static void
test_malloc_failure (void)
{
  /* A request under the limit that the C library refuses: in a child whose
   * address space is capped at 1 GiB, 2 GB cannot be had. (Skipped under
   * AddressSanitizer, which needs a huge address space of its own.) */
#ifdef HAVE_ASAN
  g_test_skip ("address space limits do not work under AddressSanitizer");
#else
  if (g_test_subprocess ())
    {
      const gint64 shape[] = { 250000000 };
      struct rlimit limit = { 1u << 30, 1u << 30 };
      g_autoptr(GError) error = NULL;
      PlArray *a;

      g_assert_cmpint (setrlimit (RLIMIT_AS, &limit), ==, 0);
      a = pl_array_zeros (1, shape, PL_DTYPE_FLOAT64, &error);
      g_assert_null (a);
      g_assert_error (error, PL_ERROR, PL_ERROR_MEMORY);
      g_assert_cmpstr (error->message, ==, "Unable to allocate 1.86 GiB for an array with "
                       "shape (250000000,) and data type float64");
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
#endif
}

static void
test_arange (void)
{
  /* Expected values from NumPy 1.24.2 (float.hex of each element). */
  static const double a1[] = { 0x0.0p+0, 0x1.999999999999ap-4, 0x1.999999999999ap-3,
    0x1.3333333333334p-2, 0x1.999999999999ap-2, 0x1.0000000000000p-1, 0x1.3333333333334p-1,
    0x1.6666666666667p-1, 0x1.999999999999ap-1, 0x1.ccccccccccccdp-1 };
  static const double a2[] = { 0x1.0000000000000p+0, 0x1.4cccccccccccdp+0,
    0x1.999999999999ap+0, 0x1.e666666666667p+0 };
  static const double a3[] = { 10, 7, 4, 1 };
  static const double zeros10[10] = { 0 };
  static const double a5[] = { 0, 1, 2, 3, 4 };
  static const double a6[] = { -3, 0, 3, 6 };
  static const double a7[] = { 0.5, 1.5, 2.5 };
  static const double a8[] = { 2, 1.75, 1.5, 1.25, 1, 0.75 };
  static const double a9[] = { 0, 1, 2, 3, 4, 5, 6 };
  static const double a10[] = { 0x0.0p+0, 0x1.9980000000000p-4, 0x1.9980000000000p-3,
    0x1.3300000000000p-2, 0x1.9980000000000p-2, 0x1.0000000000000p-1, 0x1.3300000000000p-1,
    0x1.6640000000000p-1, 0x1.9980000000000p-1, 0x1.ccc0000000000p-1 };
  static const double a11[] = { 0, 5, 10, 15, 20 };
  static const double a12[] = { 0x1.0624dd2f1a9fcp-10, 0x1.0624dd2f1a9fcp-8,
    0x1.cac083126e979p-8, 0x1.47ae147ae147cp-7 };
#define I(v) (&(PlScalar) { .kind = PL_DTYPE_KIND_INT, .i = (v) })
#define F(v) (&(PlScalar) { .kind = PL_DTYPE_KIND_FLOAT, .f = (v) })
  g_autoptr(GError) error = NULL;
  PlArray *a;

  a = pl_array_arange (I (0), I (1), F (0.1), PL_DTYPE_NONE, &error);
  assert_values (a, PL_DTYPE_FLOAT64, 10, a1);
  pl_array_unref (a);
  a = pl_array_arange (I (1), I (2), F (0.3), PL_DTYPE_NONE, &error);
  assert_values (a, PL_DTYPE_FLOAT64, 4, a2);
  pl_array_unref (a);
  a = pl_array_arange (F (10.0), I (0), I (-3), PL_DTYPE_NONE, &error);
  assert_values (a, PL_DTYPE_FLOAT64, 4, a3);
  pl_array_unref (a);
  a = pl_array_arange (I (0), I (1), F (0.1), PL_DTYPE_INT64, &error);
  assert_values (a, PL_DTYPE_INT64, 10, zeros10);
  pl_array_unref (a);
  a = pl_array_arange (I (5), NULL, NULL, PL_DTYPE_NONE, &error);
  assert_values (a, PL_DTYPE_INT64, 5, a5);
  pl_array_unref (a);
  a = pl_array_arange (I (-3), I (7), I (3), PL_DTYPE_NONE, &error);
  assert_values (a, PL_DTYPE_INT64, 4, a6);
  pl_array_unref (a);
  a = pl_array_arange (F (0.5), I (3), NULL, PL_DTYPE_NONE, &error);
  assert_values (a, PL_DTYPE_FLOAT64, 3, a7);
  pl_array_unref (a);
  a = pl_array_arange (I (2), F (0.5), F (-0.25), PL_DTYPE_FLOAT32, &error);
  assert_values (a, PL_DTYPE_FLOAT32, 6, a8);
  pl_array_unref (a);
  a = pl_array_arange (I (0), I (7), NULL, PL_DTYPE_INT8, &error);
  assert_values (a, PL_DTYPE_INT8, 7, a9);
  pl_array_unref (a);
  a = pl_array_arange (I (0), I (1), F (0.1), PL_DTYPE_FLOAT16, &error);
  assert_values (a, PL_DTYPE_FLOAT16, 10, a10);
  pl_array_unref (a);
  a = pl_array_arange (I (0), I (25), I (5), PL_DTYPE_UINT16, &error);
  assert_values (a, PL_DTYPE_UINT16, 5, a11);
  pl_array_unref (a);
  a = pl_array_arange (F (0.001), F (0.0101), F (0.003), PL_DTYPE_NONE, &error);
  assert_values (a, PL_DTYPE_FLOAT64, 4, a12);
  pl_array_unref (a);
  g_assert_no_error (error);

  /* Wrapping integer fills without overflow (UBSan): np.arange (0, 70000,
   * 300, dtype=np.uint16)[-1] == 69900 % 65536 == 4364. */
  a = pl_array_arange (I (0), I (70000), I (300), PL_DTYPE_UINT16, &error);
  g_assert_cmpint (a->shape[0], ==, 234);
  g_assert_cmpint (pl_array_get_flat (a, 233).i, ==, 4364);
  pl_array_unref (a);

  /* Empty ranges, and two booleans at most. */
  a = pl_array_arange (I (5), I (1), NULL, PL_DTYPE_NONE, &error);
  g_assert_cmpint (a->shape[0], ==, 0);
  pl_array_unref (a);
  a = pl_array_arange (I (0), I (2), NULL, PL_DTYPE_BOOL, &error);
  g_assert_cmpint (a->shape[0], ==, 2);
  g_assert_false (pl_array_get_flat (a, 0).b);
  g_assert_true (pl_array_get_flat (a, 1).b);
  pl_array_unref (a);

  a = pl_array_arange (I (0), I (3), NULL, PL_DTYPE_BOOL, &error);
  g_assert_null (a);
  g_assert_error (error, PL_ERROR, PL_ERROR_TYPE);
  g_assert_cmpstr (error->message, ==, "arange() is only supported for booleans when the "
                   "result has at most length 2.");
  g_clear_error (&error);
  a = pl_array_arange (I (0), I (10), I (0), PL_DTYPE_NONE, &error);
  g_assert_error (error, PL_ERROR, PL_ERROR_ZERO_DIVISION);
  g_assert_cmpstr (error->message, ==, "division by zero");
  g_clear_error (&error);
  a = pl_array_arange (F (NAN), NULL, NULL, PL_DTYPE_NONE, &error);
  g_assert_error (error, PL_ERROR, PL_ERROR_VALUE);
  g_assert_cmpstr (error->message, ==, "arange: cannot compute length");
  g_clear_error (&error);
#undef I
#undef F
}

static void
test_linspace (void)
{
  static const double l1[] = { 0, 0.25, 0.5, 0.75, 1 };
  static const double l2[] = { 2, 2.25, 2.5, 2.75 };
  static const double l3[] = { 0, 3, 6, 10 };
  static const double l4[] = { 1 };
  static const double l6[] = { -0x1.0000000000000p+0, -0x1.5555555555556p-1,
    -0x1.5555555555556p-2, 0x0.0p+0, 0x1.5555555555554p-2, 0x1.5555555555554p-1,
    0x1.0000000000000p+0 };
  static const double l7[] = { 0, 0.5, 1 };
  static const double l8[] = { 0x1.999999999999ap-4, 0x1.999999999999ap-3,
    0x1.3333333333333p-2, 0x1.999999999999ap-2, 0x1.0000000000000p-1,
    0x1.3333333333333p-1, 0x1.6666666666666p-1 };
  g_autoptr(GError) error = NULL;
  PlArray *a;

  a = pl_array_linspace (0, 1, 5, TRUE, PL_DTYPE_NONE, &error);
  assert_values (a, PL_DTYPE_FLOAT64, 5, l1);
  pl_array_unref (a);
  a = pl_array_linspace (2, 3, 4, FALSE, PL_DTYPE_NONE, &error);
  assert_values (a, PL_DTYPE_FLOAT64, 4, l2);
  pl_array_unref (a);
  a = pl_array_linspace (0, 10, 4, TRUE, PL_DTYPE_INT64, &error);
  assert_values (a, PL_DTYPE_INT64, 4, l3);
  pl_array_unref (a);
  a = pl_array_linspace (1, 1, 1, TRUE, PL_DTYPE_NONE, &error);
  assert_values (a, PL_DTYPE_FLOAT64, 1, l4);
  pl_array_unref (a);
  a = pl_array_linspace (0, 1, 0, TRUE, PL_DTYPE_NONE, &error);
  assert_values (a, PL_DTYPE_FLOAT64, 0, NULL);
  pl_array_unref (a);
  a = pl_array_linspace (-1, 1, 7, TRUE, PL_DTYPE_NONE, &error);
  assert_values (a, PL_DTYPE_FLOAT64, 7, l6);
  pl_array_unref (a);
  a = pl_array_linspace (0, 1, 3, TRUE, PL_DTYPE_FLOAT32, &error);
  assert_values (a, PL_DTYPE_FLOAT32, 3, l7);
  pl_array_unref (a);
  a = pl_array_linspace (0.1, 0.7, 7, TRUE, PL_DTYPE_NONE, &error);
  assert_values (a, PL_DTYPE_FLOAT64, 7, l8);
  pl_array_unref (a);
  g_assert_no_error (error);

  a = pl_array_linspace (0, 1, -1, TRUE, PL_DTYPE_NONE, &error);
  g_assert_null (a);
  g_assert_error (error, PL_ERROR, PL_ERROR_VALUE);
  g_assert_cmpstr (error->message, ==, "Number of samples, -1, must be non-negative.");
}

static void
test_like (void)
{
  const gint64 shape[] = { 3, 4 };
  g_autoptr(GError) error = NULL;
  g_autoptr(PlArray) proto = pl_array_ones (2, shape, PL_DTYPE_INT32, &error);
  g_autoptr(PlArray) t = NULL;
  PlArray *a;

  a = pl_array_zeros_like (proto, PL_DTYPE_NONE, &error);
  g_assert_cmpint (a->dtype, ==, PL_DTYPE_INT32);
  g_assert_cmpint (a->shape[0], ==, 3);
  g_assert_cmpint (a->shape[1], ==, 4);
  for (gint i = 0; i < 12; i++)
    g_assert_cmpint (pl_array_get_flat (a, i).i, ==, 0);
  pl_array_unref (a);

  a = pl_array_ones_like (proto, PL_DTYPE_FLOAT64, &error);
  g_assert_cmpint (a->dtype, ==, PL_DTYPE_FLOAT64);
  for (gint i = 0; i < 12; i++)
    g_assert_cmpfloat (pl_array_get_flat (a, i).f, ==, 1.0);
  pl_array_unref (a);

  a = pl_array_empty_like (proto, PL_DTYPE_INT8, &error);
  g_assert_cmpint (a->dtype, ==, PL_DTYPE_INT8);
  g_assert_cmpint (a->strides[0], ==, 4);
  g_assert_cmpint (a->strides[1], ==, 1);
  pl_array_unref (a);

  /* Of a transposed array: np.empty_like (x.T).strides == (8, 32) for a
   * (3, 4) float64 x, i.e. F order (order='K'). */
  {
    const gint64 tshape[] = { 4, 3 };
    const gint64 tstrides[] = { 4, 16 };
    t = pl_array_new_view (proto, 2, tshape, tstrides, proto->data);
    a = pl_array_empty_like (t, PL_DTYPE_FLOAT64, &error);
    g_assert_cmpint (a->strides[0], ==, 8);
    g_assert_cmpint (a->strides[1], ==, 32);
    g_assert_true (pl_array_is_f_contiguous (a));
    g_assert_true (pl_array_owns_data (a));
    pl_array_unref (a);
  }
  g_assert_no_error (error);
}

static void
test_view_base (void)
{
  const gint64 shape[] = { 10 };
  const gint64 vshape[] = { 5 };
  const gint64 vstrides[] = { 16 };
  gint64 live0 = pl_alloc_get_live_bytes ();
  PlArray *a, *v, *w;

  a = pl_array_ones (1, shape, PL_DTYPE_FLOAT64, NULL);
  v = pl_array_new_view (a, 1, vshape, vstrides, a->data);
  w = pl_array_new_view (v, 1, vshape, vstrides, v->data + 8);
  /* Chains of views collapse to the owner, as NumPy does. */
  g_assert_true (v->base == a);
  g_assert_true (w->base == a);
  g_assert_true (w->buffer == a->buffer);
  g_assert_false (pl_array_owns_data (w));
  g_assert_false (pl_array_is_c_contiguous (v));

  /* The base outlives the names: dropping it keeps the data. */
  pl_array_unref (a);
  pl_array_unref (v);
  g_assert_cmpint (pl_alloc_get_live_bytes () - live0, ==, 80);
  g_assert_cmpfloat (pl_array_get_flat (w, 4).f, ==, 1.0);
  pl_array_unref (w);
  g_assert_cmpint (pl_alloc_get_live_bytes (), ==, live0);
}

static void
test_from_scalars (void)
{
  const gint64 shape[] = { 2, 3 };
  PlScalar values[6];
  g_autoptr(GError) error = NULL;
  PlArray *a;

  for (gint i = 0; i < 6; i++)
    values[i] = pl_scalar_from_int (i - 2);
  a = pl_array_from_scalars (2, shape, values, PL_DTYPE_NONE, &error);
  g_assert_cmpint (a->dtype, ==, PL_DTYPE_INT64);
  for (gint i = 0; i < 6; i++)
    g_assert_cmpint (pl_array_get_flat (a, i).i, ==, i - 2);
  pl_array_unref (a);

  values[4] = pl_scalar_from_double (0.5);
  a = pl_array_from_scalars (2, shape, values, PL_DTYPE_NONE, &error);
  g_assert_cmpint (a->dtype, ==, PL_DTYPE_FLOAT64);
  g_assert_cmpfloat (pl_array_get_flat (a, 4).f, ==, 0.5);
  g_assert_cmpfloat (pl_array_get_flat (a, 5).f, ==, 3.0);
  pl_array_unref (a);

  for (gint i = 0; i < 6; i++)
    values[i] = pl_scalar_from_bool (i % 2);
  a = pl_array_from_scalars (2, shape, values, PL_DTYPE_NONE, &error);
  g_assert_cmpint (a->dtype, ==, PL_DTYPE_BOOL);
  g_assert_true (pl_array_get_flat (a, 3).b);
  pl_array_unref (a);

  a = pl_array_from_scalars (2, shape, values, PL_DTYPE_FLOAT32, &error);
  g_assert_cmpint (a->dtype, ==, PL_DTYPE_FLOAT32);
  g_assert_cmpfloat (pl_array_get_flat (a, 3).f, ==, 1.0);
  pl_array_unref (a);

  /* np.array ([]) is float64. */
  {
    const gint64 empty[] = { 0 };
    a = pl_array_from_scalars (1, empty, NULL, PL_DTYPE_NONE, &error);
    g_assert_cmpint (a->dtype, ==, PL_DTYPE_FLOAT64);
    g_assert_cmpint (pl_array_get_size (a), ==, 0);
    pl_array_unref (a);
  }
  g_assert_no_error (error);
}

static void
test_get_flat_strided (void)
{
  const gint64 shape[] = { 12 };
  const gint64 vshape[] = { 3, 2 };
  const gint64 vstrides[] = { -32, 8 };   /* x.reshape (3, 4)[::-1, 1:3] */
  g_autoptr(PlArray) a = pl_array_arange (&(PlScalar) { .kind = PL_DTYPE_KIND_INT, .i = 12 },
                                          NULL, NULL, PL_DTYPE_FLOAT64, NULL);
  g_autoptr(PlArray) v = pl_array_new_view (a, 2, vshape, vstrides, a->data + 8 * 9);
  static const double expected[] = { 9, 10, 5, 6, 1, 2 };

  g_assert_cmpint (a->shape[0], ==, shape[0]);
  for (gint i = 0; i < 6; i++)
    g_assert_cmpfloat (pl_array_get_flat (v, i).f, ==, expected[i]);

  /* Strided fill touches exactly the view's elements. */
  pl_array_fill (v, &(PlScalar) { .kind = PL_DTYPE_KIND_FLOAT, .f = -1 });
  for (gint i = 0; i < 12; i++)
    {
      gboolean in_view = (i % 4 == 1 || i % 4 == 2);
      g_assert_cmpfloat (pl_array_get_flat (a, i).f, ==, in_view ? -1.0 : (double) i);
    }
}

static gint64
resident_bytes (void)
{
  g_autofree char *text = NULL;
  long size = 0, resident = 0;

  g_assert_true (g_file_get_contents ("/proc/self/statm", &text, NULL, NULL));
  g_assert_cmpint (sscanf (text, "%ld %ld", &size, &resident), ==, 2);
  return (gint64) resident * sysconf (_SC_PAGE_SIZE);
}

static void
test_resident (void)
{
  /* np.zeros gets fresh zero pages from calloc: nothing is resident until
   * written. np.ones writes every page. 40 MB each. */
  const gint64 shape[] = { 5000000 };
  gint64 before, after_zeros, after_ones;
  PlArray *z, *o;

  before = resident_bytes ();
  z = pl_array_zeros (1, shape, PL_DTYPE_FLOAT64, NULL);
  after_zeros = resident_bytes ();
  o = pl_array_ones (1, shape, PL_DTYPE_FLOAT64, NULL);
  after_ones = resident_bytes ();

  g_test_message ("resident: +%" G_GINT64_FORMAT " after zeros, +%" G_GINT64_FORMAT
                  " after ones", after_zeros - before, after_ones - after_zeros);
  g_assert_cmpint (after_zeros - before, <, 16 << 20);
  g_assert_cmpint (after_ones - after_zeros, >, 36 << 20);

  /* Reading zeros does not make them resident either (the zero page). */
  pl_array_unref (z);
  pl_array_unref (o);
}

static void
test_creation_figures (void)
{
  /* tests/engine/ref/creation.py under NumPy 1.24.2 (numpy_ref.py): live
   * bytes after each line of creation (), relative to its start. */
  static const gint64 numpy_live[] = {
    64003378, 128003538, 192003698, 256003922, 320004210, 336004924, 344007452,
    348008096, 412009348, 428010254, 460010814, 468011006, 468011190,
  };
  /* Peaks: line 14 (linspace to int32) peaks at 356009112: the float64
   * intermediate and the int32 result together. */
  const gint64 n8m[] = { 8000000 };
  const gint64 n2k4k[] = { 2000, 4000 };
  const gint64 n1k1k[] = { 1000, 1000 };
  const gint64 n3[] = { 3 };
  PlScalar three[3] = {
    { .kind = PL_DTYPE_KIND_FLOAT, .f = 1 }, { .kind = PL_DTYPE_KIND_FLOAT, .f = 2 },
    { .kind = PL_DTYPE_KIND_FLOAT, .f = 3 },
  };
  PlArray *arrays[13];
  gint64 live0 = pl_alloc_get_live_bytes ();
  gint64 peak_line14 = 0;
  gint i = 0;

  arrays[i] = pl_array_ones (1, n8m, PL_DTYPE_NONE, NULL);
  assert_bytes_near (pl_alloc_get_live_bytes () - live0, numpy_live[i]), i++;
  arrays[i] = pl_array_zeros (1, n8m, PL_DTYPE_NONE, NULL);
  assert_bytes_near (pl_alloc_get_live_bytes () - live0, numpy_live[i]), i++;
  arrays[i] = pl_array_empty (1, n8m, PL_DTYPE_NONE, NULL);
  assert_bytes_near (pl_alloc_get_live_bytes () - live0, numpy_live[i]), i++;
  arrays[i] = pl_array_arange (&(PlScalar) { .kind = PL_DTYPE_KIND_INT, .i = 8000000 },
                               NULL, NULL, PL_DTYPE_NONE, NULL);
  assert_bytes_near (pl_alloc_get_live_bytes () - live0, numpy_live[i]), i++;
  arrays[i] = pl_array_random_uniform (1, n8m, NULL);
  assert_bytes_near (pl_alloc_get_live_bytes () - live0, numpy_live[i]), i++;
  arrays[i] = pl_array_full (2, n2k4k, &(PlScalar) { .kind = PL_DTYPE_KIND_INT, .i = 7 },
                             PL_DTYPE_INT16, NULL);
  assert_bytes_near (pl_alloc_get_live_bytes () - live0, numpy_live[i]), i++;
  arrays[i] = pl_array_linspace (0, 1, 1000000, TRUE, PL_DTYPE_NONE, NULL);
  assert_bytes_near (pl_alloc_get_live_bytes () - live0, numpy_live[i]), i++;
  pl_alloc_reset_peak ();
  arrays[i] = pl_array_linspace (0, 10, 1000000, TRUE, PL_DTYPE_INT32, NULL);
  peak_line14 = pl_alloc_get_peak_bytes () - live0;
  assert_bytes_near (peak_line14, 356009112);
  assert_bytes_near (pl_alloc_get_live_bytes () - live0, numpy_live[i]), i++;
  arrays[i] = pl_array_zeros_like (arrays[0], PL_DTYPE_NONE, NULL);
  assert_bytes_near (pl_alloc_get_live_bytes () - live0, numpy_live[i]), i++;
  arrays[i] = pl_array_ones_like (arrays[5], PL_DTYPE_NONE, NULL);
  assert_bytes_near (pl_alloc_get_live_bytes () - live0, numpy_live[i]), i++;
  arrays[i] = pl_array_empty_like (arrays[4], PL_DTYPE_FLOAT32, NULL);
  assert_bytes_near (pl_alloc_get_live_bytes () - live0, numpy_live[i]), i++;
  arrays[i] = pl_array_random_normal (2, n1k1k, NULL);
  assert_bytes_near (pl_alloc_get_live_bytes () - live0, numpy_live[i]), i++;
  arrays[i] = pl_array_from_scalars (1, n3, three, PL_DTYPE_NONE, NULL);
  assert_bytes_near (pl_alloc_get_live_bytes () - live0, numpy_live[i]), i++;

  /* del a, b, c, d: 212010934 live in NumPy; then the rest but m. */
  for (gint k = 0; k < 4; k++)
    pl_array_unref (arrays[k]);
  assert_bytes_near (pl_alloc_get_live_bytes () - live0, 212010934);
  for (gint k = 4; k < 12; k++)
    pl_array_unref (arrays[k]);
  assert_bytes_near (pl_alloc_get_live_bytes () - live0, 10150);
  pl_array_unref (arrays[12]);
  g_assert_cmpint (pl_alloc_get_live_bytes (), ==, live0);

  /* The partial(np.ones, 1_000_000) ... pipelines: peaks 8002040, 32002056,
   * 40001848 (ones, arange, zeros, empty, random of 5,000,000 alike). */
  {
    const gint64 n1m[] = { 1000000 }, n4m[] = { 4000000 }, n5m[] = { 5000000 };
    PlArray *a;

    pl_alloc_reset_peak ();
    a = pl_array_ones (1, n1m, PL_DTYPE_FLOAT64, NULL);
    pl_array_unref (a);
    assert_bytes_near (pl_alloc_get_peak_bytes () - live0, 8002040);
    pl_alloc_reset_peak ();
    a = pl_array_ones (1, n4m, PL_DTYPE_FLOAT64, NULL);
    pl_array_unref (a);
    assert_bytes_near (pl_alloc_get_peak_bytes () - live0, 32002056);
    pl_alloc_reset_peak ();
    a = pl_array_zeros (1, n5m, PL_DTYPE_NONE, NULL);
    pl_array_unref (a);
    assert_bytes_near (pl_alloc_get_peak_bytes () - live0, 40000944);
    pl_alloc_reset_peak ();
    a = pl_array_empty (1, n5m, PL_DTYPE_NONE, NULL);
    pl_array_unref (a);
    assert_bytes_near (pl_alloc_get_peak_bytes () - live0, 40001008);
  }
}

static void
test_creation_events (void)
{
  const gint64 shape[] = { 1000 };
  g_autofree PlAllocEvent *events = NULL;
  gsize n_events;
  PlArray *a;

  pl_alloc_start_recording ();
  pl_alloc_set_line (3);
  a = pl_array_zeros (1, shape, PL_DTYPE_FLOAT32, NULL);
  pl_alloc_set_line (4);
  pl_array_unref (a);
  a = pl_array_empty_with_reason (1, shape, PL_DTYPE_INT8, PL_ALLOC_REASON_RESULT, NULL);
  pl_array_unref (a);
  pl_alloc_set_line (0);
  events = pl_alloc_stop_recording (&n_events);

  g_assert_cmpuint (n_events, ==, 4);
  g_assert_cmpint (events[0].bytes, ==, 4000);
  g_assert_cmpint (events[0].reason, ==, PL_ALLOC_REASON_CREATE);
  g_assert_cmpint (events[0].line, ==, 3);
  g_assert_cmpint (events[1].bytes, ==, -4000);
  g_assert_cmpint (events[1].line, ==, 4);
  g_assert_cmpint (events[2].bytes, ==, 1000);
  g_assert_cmpint (events[2].reason, ==, PL_ALLOC_REASON_RESULT);
}

static void
test_new_direct (void)
{
  const gint64 shape[] = { 2, 5 };
  const gint64 bad[] = { 2, -5 };
  g_autoptr(GError) error = NULL;
  gsize nbytes = 0;
  PlArray *a, *b;

  g_assert_true (pl_array_check_shape (2, shape, PL_DTYPE_INT32, &nbytes, &error));
  g_assert_cmpuint (nbytes, ==, 40);
  g_assert_true (pl_array_check_shape (0, NULL, PL_DTYPE_FLOAT64, &nbytes, &error));
  g_assert_cmpuint (nbytes, ==, 8);
  g_assert_false (pl_array_check_shape (2, bad, PL_DTYPE_INT32, &nbytes, &error));
  g_assert_error (error, PL_ERROR, PL_ERROR_VALUE);
  g_clear_error (&error);

  a = pl_array_new (2, shape, PL_DTYPE_UINT16, PL_ALLOC_INIT_ZERO, PL_ALLOC_REASON_TEMPORARY, &error);
  g_assert_no_error (error);
  g_assert_cmpint (a->buffer->reason, ==, PL_ALLOC_REASON_TEMPORARY);
  g_assert_cmpuint (a->buffer->nbytes, ==, 20);
  for (gint i = 0; i < 10; i++)
    g_assert_cmpint (pl_array_get_flat (a, i).i, ==, 0);
  g_assert_true (pl_array_is_c_contiguous (a));

  b = pl_array_new_like (a, PL_DTYPE_NONE, PL_ALLOC_INIT_NONE, PL_ALLOC_REASON_RESULT, &error);
  g_assert_cmpint (b->dtype, ==, PL_DTYPE_UINT16);
  g_assert_cmpint (b->buffer->reason, ==, PL_ALLOC_REASON_RESULT);
  g_assert_cmpint (b->strides[0], ==, 10);
  g_assert_true (b->buffer != a->buffer);
  pl_array_unref (b);
  pl_array_unref (a);
}

/* Regression (conformance sweep c100): np.copy (x) and np.array (x) copy in
 * order K and x.copy (order="F") in Fortran order, so a reshape of the
 * copy's transpose is a view as in NumPy. Strides from NumPy 1.24 for a
 * (5, 20) float64: np.copy (m.T) (8, 160), m.copy (order="F") (8, 40),
 * np.copy (m.T, order="A") (8, 160); each one COPY allocation of the data. */
static void
test_copy_order (void)
{
  const gint64 shape[] = { 5, 20 };
  g_autoptr(PlArray) base = pl_array_arange (&(PlScalar) { .kind = PL_DTYPE_KIND_INT, .i = 100 }, NULL, NULL,
                                             PL_DTYPE_FLOAT64, NULL);
  g_autoptr(PlArray) m = pl_array_reshape (base, 2, shape, NULL);
  g_autoptr(PlArray) t = pl_array_transpose (m, 0, NULL, NULL);
  g_autoptr(PlArray) k = NULL;
  g_autoptr(PlArray) f = NULL;
  g_autoptr(PlArray) a = NULL;
  g_autoptr(PlArray) c = NULL;
  g_autoptr(PlArray) kt = NULL;
  g_autoptr(PlArray) flat = NULL;
  const gint64 flat_shape[] = { 100 };
  gint64 live0 = pl_alloc_get_live_bytes ();

  k = pl_array_copy_order (t, PL_ORDER_K, NULL);
  g_assert_cmpint (pl_alloc_get_live_bytes () - live0, ==, 800);
  g_assert_null (k->base);
  g_assert_cmpint (k->shape[0], ==, 20);
  g_assert_cmpint (k->strides[0], ==, 8);
  g_assert_cmpint (k->strides[1], ==, 160);
  for (gint64 i = 0; i < 100; i++)
    g_assert_cmpfloat (pl_array_get_flat (k, i).f, ==, pl_array_get_flat (t, i).f);
  /* Its transpose is C-contiguous: reshaping it makes no copy. */
  kt = pl_array_transpose (k, 0, NULL, NULL);
  flat = pl_array_reshape (kt, 1, flat_shape, NULL);
  g_assert_true (flat->base == k);
  g_assert_cmpint (pl_alloc_get_live_bytes () - live0, ==, 800);

  f = pl_array_copy_order (m, PL_ORDER_F, NULL);
  g_assert_cmpint (f->strides[0], ==, 8);
  g_assert_cmpint (f->strides[1], ==, 40);
  g_assert_true (pl_array_is_f_contiguous (f));
  for (gint64 i = 0; i < 100; i++)
    g_assert_cmpfloat (pl_array_get_flat (f, i).f, ==, (double) i);

  /* A: Fortran for a Fortran-contiguous source, C otherwise; K of a
   * C-contiguous source is C. */
  a = pl_array_copy_order (t, PL_ORDER_A, NULL);
  g_assert_true (pl_array_is_f_contiguous (a) && !pl_array_is_c_contiguous (a));
  c = pl_array_copy_order (m, PL_ORDER_K, NULL);
  g_assert_true (pl_array_is_c_contiguous (c));
  g_assert_cmpint (pl_alloc_get_live_bytes () - live0, ==, 4 * 800);

  /* K of a strided transposed view: its axes by decreasing |stride|. */
  {
    g_autoptr(PlArray) half = NULL;
    g_autoptr(PlArray) hk = NULL;
    PlIndex idx = { .kind = PL_INDEX_SLICE, .has_step = TRUE, .step = 2 };

    half = pl_array_get_item (t, &idx, 1, NULL);
    g_assert_nonnull (half);
    hk = pl_array_copy_order (half, PL_ORDER_K, NULL);
    g_assert_cmpint (hk->strides[0], ==, 8);
    g_assert_cmpint (hk->strides[1], ==, 80);
    for (gint64 i = 0; i < 50; i++)
      g_assert_cmpfloat (pl_array_get_flat (hk, i).f, ==, pl_array_get_flat (half, i).f);
  }
}

int
main (int argc, char *argv[])
{
  /* The resident-memory tests need MALLOC_PERTURB_ unset or 0, which
   * tests/meson.build sets for every test (meson's default perturbs). */
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/engine/array/scalar", test_scalar);
  g_test_add_func ("/engine/array/attributes", test_attributes);
  g_test_add_func ("/engine/array/creation-values", test_creation_values);
  g_test_add_func ("/engine/array/zero-size", test_zero_size);
  g_test_add_func ("/engine/array/errors", test_errors);
  g_test_add_func ("/engine/array/malloc-failure", test_malloc_failure);
  g_test_add_func ("/engine/array/arange", test_arange);
  g_test_add_func ("/engine/array/linspace", test_linspace);
  g_test_add_func ("/engine/array/like", test_like);
  g_test_add_func ("/engine/array/view-base", test_view_base);
  g_test_add_func ("/engine/array/from-scalars", test_from_scalars);
  g_test_add_func ("/engine/array/get-flat-strided", test_get_flat_strided);
  g_test_add_func ("/engine/array/resident", test_resident);
  g_test_add_func ("/engine/array/creation-figures", test_creation_figures);
  g_test_add_func ("/engine/array/creation-events", test_creation_events);
  g_test_add_func ("/engine/array/new-direct", test_new_direct);
  g_test_add_func ("/engine/array/copy-order", test_copy_order);

  return g_test_run ();
}
