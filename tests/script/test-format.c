/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <string.h>

#include "engine/pl-array.h"
#include "script/pl-format.h"

/* Python's float repr and NumPy 1.24's array printing; the expected strings
 * come from /usr/bin/python3 with NumPy 1.24.2. */

static void
test_float_repr (void)
{
  static const struct { double x; const char *s; } cases[] = {
    { 0.1, "0.1" }, { 128000.0, "128000.0" }, { 2953.125, "2953.125" }, { 1e16, "1e+16" },
    { 1e15, "1000000000000000.0" }, { 1e-5, "1e-05" }, { 0.0001, "0.0001" }, { -0.0, "-0.0" },
    { 0.0, "0.0" }, { 1.0 / 3, "0.3333333333333333" }, { 5e-324, "5e-324" }, { 1e22, "1e+22" },
    { 0.1 + 0.2, "0.30000000000000004" }, { 1.7976931348623157e308, "1.7976931348623157e+308" },
    { 123456789.0, "123456789.0" }, { 0.1220703125, "0.1220703125" }, { -2.5, "-2.5" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *s = pl_format_float_repr (cases[i].x);
      g_assert_cmpstr (s, ==, cases[i].s);
    }
  {
    g_autofree char *a = pl_format_float_repr (INFINITY);
    g_autofree char *b = pl_format_float_repr (-INFINITY);
    g_autofree char *c = pl_format_float_repr (NAN);
    g_assert_cmpstr (a, ==, "inf");
    g_assert_cmpstr (b, ==, "-inf");
    g_assert_cmpstr (c, ==, "nan");
  }
}

static void
test_scalars (void)
{
  PlScalar f = pl_scalar_from_double ((float) 0.1);
  PlScalar i = pl_scalar_from_int (-42);
  PlScalar b = pl_scalar_from_bool (TRUE);
  g_autofree char *s32 = pl_format_scalar (&f, PL_DTYPE_FLOAT32);
  g_autofree char *s64 = pl_format_scalar (&f, PL_DTYPE_FLOAT64);
  g_autofree char *si = pl_format_scalar (&i, PL_DTYPE_INT64);
  g_autofree char *sb = pl_format_scalar (&b, PL_DTYPE_BOOL);

  /* Shortest at the dtype's own precision. */
  g_assert_cmpstr (s32, ==, "0.1");
  g_assert_cmpstr (s64, ==, "0.10000000149011612");
  g_assert_cmpstr (si, ==, "-42");
  g_assert_cmpstr (sb, ==, "True");

  g_assert_cmpfloat (pl_round_to_half (0.1), ==, 0.0999755859375);
  g_assert_cmpfloat (pl_round_to_half (1000.5), ==, 1000.5);
  g_assert_cmpfloat (pl_round_to_half (70000.0), ==, INFINITY);
  g_assert_cmpfloat (pl_round_to_half (1e-8), ==, 0.0);
}

static PlArray *
make (PlDType       dtype,
      gint          ndim,
      const gint64 *shape,
      const double *values)
{
  gint64 n = 1;
  g_autofree PlScalar *s = NULL;
  g_autoptr(GError) error = NULL;
  PlArray *a;

  for (gint d = 0; d < ndim; d++)
    n *= shape[d];
  s = g_new (PlScalar, n);
  for (gint64 k = 0; k < n; k++)
    s[k] = pl_dtype_kind (dtype) == PL_DTYPE_KIND_FLOAT ? pl_scalar_from_double (values ? values[k] : (double) k)
           : pl_dtype_kind (dtype) == PL_DTYPE_KIND_BOOL ? pl_scalar_from_bool (values ? values[k] != 0 : k % 3 == 0)
           : pl_scalar_from_int (values ? (gint64) values[k] : k);
  a = pl_array_from_scalars (ndim, shape, s, dtype, &error);
  g_assert_no_error (error);
  return a;
}

static void
check_array (PlArray    *a,
             const char *str,
             const char *repr)
{
  g_autoptr(GString) s = g_string_new (NULL);
  g_autoptr(GString) r = g_string_new (NULL);

  pl_format_array (s, a, FALSE);
  pl_format_array (r, a, TRUE);
  g_assert_cmpstr (s->str, ==, str);
  g_assert_cmpstr (r->str, ==, repr);
  pl_array_unref (a);
}

static void
test_arrays (void)
{
  gint64 two = 2, three = 3, shape2[2] = { 1000, 3 }, shape3[3] = { 2, 3, 4 }, sq[2] = { 2, 2 };
  static const double f32[] = { 0.1, 0.25 }, f16[] = { 0.1, 1000.5 }, wide[] = { 1e-8, 1.0, 123456.0 };
  static const double withnan[] = { -1.5, 2.0, NAN }, bools[] = { 1, 0, 0, 1 };

  check_array (make (PL_DTYPE_FLOAT32, 1, &two, f32), "[0.1  0.25]", "array([0.1 , 0.25], dtype=float32)");
  check_array (make (PL_DTYPE_FLOAT16, 1, &two, f16), "[9.9976e-02 1.0005e+03]",
               "array([9.9976e-02, 1.0005e+03], dtype=float16)");
  check_array (make (PL_DTYPE_FLOAT64, 1, &three, wide), "[1.00000e-08 1.00000e+00 1.23456e+05]",
               "array([1.00000e-08, 1.00000e+00, 1.23456e+05])");
  check_array (make (PL_DTYPE_FLOAT64, 2, shape2, NULL),
               "[[0.000e+00 1.000e+00 2.000e+00]\n [3.000e+00 4.000e+00 5.000e+00]\n [6.000e+00 7.000e+00 8.000e+00]\n"
               " ...\n [2.991e+03 2.992e+03 2.993e+03]\n [2.994e+03 2.995e+03 2.996e+03]\n [2.997e+03 2.998e+03 2.999e+03]]",
               "array([[0.000e+00, 1.000e+00, 2.000e+00],\n       [3.000e+00, 4.000e+00, 5.000e+00],\n"
               "       [6.000e+00, 7.000e+00, 8.000e+00],\n       ...,\n       [2.991e+03, 2.992e+03, 2.993e+03],\n"
               "       [2.994e+03, 2.995e+03, 2.996e+03],\n       [2.997e+03, 2.998e+03, 2.999e+03]])");
  check_array (make (PL_DTYPE_FLOAT64, 1, &three, withnan), "[-1.5  2.   nan]", "array([-1.5,  2. ,  nan])");
  check_array (make (PL_DTYPE_INT64, 3, shape3, NULL),
               "[[[ 0  1  2  3]\n  [ 4  5  6  7]\n  [ 8  9 10 11]]\n\n [[12 13 14 15]\n  [16 17 18 19]\n  [20 21 22 23]]]",
               "array([[[ 0,  1,  2,  3],\n        [ 4,  5,  6,  7],\n        [ 8,  9, 10, 11]],\n\n"
               "       [[12, 13, 14, 15],\n        [16, 17, 18, 19],\n        [20, 21, 22, 23]]])");
  check_array (make (PL_DTYPE_BOOL, 2, sq, bools), "[[ True False]\n [False  True]]",
               "array([[ True, False],\n       [False,  True]])");
  check_array (make (PL_DTYPE_UINT8, 1, &two, NULL), "[0 1]", "array([0, 1], dtype=uint8)");
}

static void
test_values (void)
{
  PlVal items[3] = { pl_val_int (1000), pl_val_obj (pl_str_new ("it's", -1)), PL_VAL_NONE };
  PlVal t = pl_val_obj (pl_seq_new (PL_OBJ_TUPLE, items, 3));
  PlVal d = pl_val_obj (pl_dtype_value_new (PL_DTYPE_INT16));
  g_autofree char *ts = pl_val_to_str (&t, FALSE);
  g_autofree char *ds = pl_val_to_str (&d, FALSE);
  g_autofree char *dr = pl_val_to_str (&d, TRUE);

  g_assert_cmpstr (ts, ==, "(1000, \"it's\", None)");
  g_assert_cmpstr (ds, ==, "int16");
  g_assert_cmpstr (dr, ==, "dtype('int16')");
  pl_val_clear (&t);
  pl_val_clear (&d);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/script/format/float-repr", test_float_repr);
  g_test_add_func ("/script/format/scalars", test_scalars);
  g_test_add_func ("/script/format/arrays", test_arrays);
  g_test_add_func ("/script/format/values", test_values);
  return g_test_run ();
}
