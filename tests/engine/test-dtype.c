/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>

#include "engine/pl-dtype.h"

/* The tables below were generated with NumPy 1.24.2:
 *   np.promote_types (a, b).name and np.can_cast (a, b, 'safe'). */
static const char *numpy_promote[][3] = {
  { "bool", "bool", "bool" }, { "bool", "int8", "int8" }, { "bool", "int16", "int16" }, { "bool", "int32", "int32" }, { "bool", "int64", "int64" }, { "bool", "uint8", "uint8" }, { "bool", "uint16", "uint16" }, { "bool", "uint32", "uint32" }, { "bool", "uint64", "uint64" }, { "bool", "float16", "float16" }, { "bool", "float32", "float32" }, { "bool", "float64", "float64" },
  { "int8", "bool", "int8" }, { "int8", "int8", "int8" }, { "int8", "int16", "int16" }, { "int8", "int32", "int32" }, { "int8", "int64", "int64" }, { "int8", "uint8", "int16" }, { "int8", "uint16", "int32" }, { "int8", "uint32", "int64" }, { "int8", "uint64", "float64" }, { "int8", "float16", "float16" }, { "int8", "float32", "float32" }, { "int8", "float64", "float64" },
  { "int16", "bool", "int16" }, { "int16", "int8", "int16" }, { "int16", "int16", "int16" }, { "int16", "int32", "int32" }, { "int16", "int64", "int64" }, { "int16", "uint8", "int16" }, { "int16", "uint16", "int32" }, { "int16", "uint32", "int64" }, { "int16", "uint64", "float64" }, { "int16", "float16", "float32" }, { "int16", "float32", "float32" }, { "int16", "float64", "float64" },
  { "int32", "bool", "int32" }, { "int32", "int8", "int32" }, { "int32", "int16", "int32" }, { "int32", "int32", "int32" }, { "int32", "int64", "int64" }, { "int32", "uint8", "int32" }, { "int32", "uint16", "int32" }, { "int32", "uint32", "int64" }, { "int32", "uint64", "float64" }, { "int32", "float16", "float64" }, { "int32", "float32", "float64" }, { "int32", "float64", "float64" },
  { "int64", "bool", "int64" }, { "int64", "int8", "int64" }, { "int64", "int16", "int64" }, { "int64", "int32", "int64" }, { "int64", "int64", "int64" }, { "int64", "uint8", "int64" }, { "int64", "uint16", "int64" }, { "int64", "uint32", "int64" }, { "int64", "uint64", "float64" }, { "int64", "float16", "float64" }, { "int64", "float32", "float64" }, { "int64", "float64", "float64" },
  { "uint8", "bool", "uint8" }, { "uint8", "int8", "int16" }, { "uint8", "int16", "int16" }, { "uint8", "int32", "int32" }, { "uint8", "int64", "int64" }, { "uint8", "uint8", "uint8" }, { "uint8", "uint16", "uint16" }, { "uint8", "uint32", "uint32" }, { "uint8", "uint64", "uint64" }, { "uint8", "float16", "float16" }, { "uint8", "float32", "float32" }, { "uint8", "float64", "float64" },
  { "uint16", "bool", "uint16" }, { "uint16", "int8", "int32" }, { "uint16", "int16", "int32" }, { "uint16", "int32", "int32" }, { "uint16", "int64", "int64" }, { "uint16", "uint8", "uint16" }, { "uint16", "uint16", "uint16" }, { "uint16", "uint32", "uint32" }, { "uint16", "uint64", "uint64" }, { "uint16", "float16", "float32" }, { "uint16", "float32", "float32" }, { "uint16", "float64", "float64" },
  { "uint32", "bool", "uint32" }, { "uint32", "int8", "int64" }, { "uint32", "int16", "int64" }, { "uint32", "int32", "int64" }, { "uint32", "int64", "int64" }, { "uint32", "uint8", "uint32" }, { "uint32", "uint16", "uint32" }, { "uint32", "uint32", "uint32" }, { "uint32", "uint64", "uint64" }, { "uint32", "float16", "float64" }, { "uint32", "float32", "float64" }, { "uint32", "float64", "float64" },
  { "uint64", "bool", "uint64" }, { "uint64", "int8", "float64" }, { "uint64", "int16", "float64" }, { "uint64", "int32", "float64" }, { "uint64", "int64", "float64" }, { "uint64", "uint8", "uint64" }, { "uint64", "uint16", "uint64" }, { "uint64", "uint32", "uint64" }, { "uint64", "uint64", "uint64" }, { "uint64", "float16", "float64" }, { "uint64", "float32", "float64" }, { "uint64", "float64", "float64" },
  { "float16", "bool", "float16" }, { "float16", "int8", "float16" }, { "float16", "int16", "float32" }, { "float16", "int32", "float64" }, { "float16", "int64", "float64" }, { "float16", "uint8", "float16" }, { "float16", "uint16", "float32" }, { "float16", "uint32", "float64" }, { "float16", "uint64", "float64" }, { "float16", "float16", "float16" }, { "float16", "float32", "float32" }, { "float16", "float64", "float64" },
  { "float32", "bool", "float32" }, { "float32", "int8", "float32" }, { "float32", "int16", "float32" }, { "float32", "int32", "float64" }, { "float32", "int64", "float64" }, { "float32", "uint8", "float32" }, { "float32", "uint16", "float32" }, { "float32", "uint32", "float64" }, { "float32", "uint64", "float64" }, { "float32", "float16", "float32" }, { "float32", "float32", "float32" }, { "float32", "float64", "float64" },
  { "float64", "bool", "float64" }, { "float64", "int8", "float64" }, { "float64", "int16", "float64" }, { "float64", "int32", "float64" }, { "float64", "int64", "float64" }, { "float64", "uint8", "float64" }, { "float64", "uint16", "float64" }, { "float64", "uint32", "float64" }, { "float64", "uint64", "float64" }, { "float64", "float16", "float64" }, { "float64", "float32", "float64" }, { "float64", "float64", "float64" },
};

static const char *numpy_safe_casts[] = {
  "111111111111", /* bool */
  "011110000111", /* int8 */
  "001110000011", /* int16 */
  "000110000001", /* int32 */
  "000010000001", /* int64 */
  "001111111111", /* uint8 */
  "000110111011", /* uint16 */
  "000010011001", /* uint32 */
  "000000001001", /* uint64 */
  "000000000111", /* float16 */
  "000000000011", /* float32 */
  "000000000001", /* float64 */
};

/* np.array (v).astype (np.float16).view (np.uint16) */
static const struct { double value; guint16 bits; } numpy_halves[] = {
  { 0.3333333333333333, 0x3555 },
  { 65504.0, 0x7bff },
  { 65520.0, 0x7c00 },
  { 5.960464477539063e-08, 0x0001 },
  { 2.9802322387695312e-08, 0x0000 },
  { 8.940696716308594e-08, 0x0002 },
  { 1e-08, 0x0000 },
  { 0.1, 0x2e66 },
  { -2.5, 0xc100 },
  { 100000.0, 0x7c00 },
  { 1.0009765625, 0x3c01 },
  { 1.00048828125, 0x3c00 },
  { 1.00146484375, 0x3c02 },
  { 6.1e-05, 0x03ff },
};

static const char *all_names[] = {
  "bool", "int8", "int16", "int32", "int64", "uint8", "uint16", "uint32",
  "uint64", "float16", "float32", "float64",
};

static PlDType
dtype_named (const char *name)
{
  PlDType dtype = PL_DTYPE_NONE;
  g_assert_true (pl_dtype_from_name (name, &dtype));
  return dtype;
}

static void
test_names (void)
{
  static const struct { const char *spelling; const char *name; } aliases[] = {
    { "float64", "float64" }, { "f8", "float64" }, { "float", "float64" },
    { "double", "float64" }, { "<f8", "float64" }, { "d", "float64" },
    { "float32", "float32" }, { "single", "float32" }, { "f4", "float32" },
    { "float16", "float16" }, { "half", "float16" }, { "e", "float16" },
    { "int", "int64" }, { "int64", "int64" }, { "i8", "int64" }, { "int_", "int64" },
    { "int32", "int32" }, { "i4", "int32" }, { "intc", "int32" },
    { "int16", "int16" }, { "i2", "int16" }, { "short", "int16" },
    { "int8", "int8" }, { "i1", "int8" }, { "b", "int8" }, { "byte", "int8" },
    { "uint8", "uint8" }, { "u1", "uint8" }, { "B", "uint8" }, { "ubyte", "uint8" },
    { "uint16", "uint16" }, { "u2", "uint16" }, { "uint32", "uint32" },
    { "uint64", "uint64" }, { "uint", "uint64" }, { "u8", "uint64" },
    { "bool", "bool" }, { "bool_", "bool" }, { "?", "bool" },
  };
  PlDType dtype;

  for (gsize i = 0; i < G_N_ELEMENTS (all_names); i++)
    {
      g_assert_cmpstr (pl_dtype_name ((PlDType) i), ==, all_names[i]);
      g_assert_true (pl_dtype_is_valid ((PlDType) i));
    }
  for (gsize i = 0; i < G_N_ELEMENTS (aliases); i++)
    g_assert_cmpstr (pl_dtype_name (dtype_named (aliases[i].spelling)), ==, aliases[i].name);

  g_assert_false (pl_dtype_from_name ("float128", &dtype));
  g_assert_false (pl_dtype_from_name ("complex", &dtype));
  g_assert_false (pl_dtype_from_name ("", &dtype));
  g_assert_false (pl_dtype_from_name ("<", &dtype));
  g_assert_false (pl_dtype_from_name ("Float64", &dtype));
  g_assert_false (pl_dtype_is_valid (PL_DTYPE_NONE));
  g_assert_false (pl_dtype_is_valid (PL_N_DTYPES));
}

static void
test_itemsize_kind (void)
{
  static const gsize sizes[] = { 1, 1, 2, 4, 8, 1, 2, 4, 8, 2, 4, 8 };

  for (gint i = 0; i < PL_N_DTYPES; i++)
    g_assert_cmpuint (pl_dtype_itemsize ((PlDType) i), ==, sizes[i]);
  g_assert_cmpint (pl_dtype_kind (PL_DTYPE_BOOL), ==, PL_DTYPE_KIND_BOOL);
  g_assert_cmpint (pl_dtype_kind (PL_DTYPE_INT16), ==, PL_DTYPE_KIND_INT);
  g_assert_cmpint (pl_dtype_kind (PL_DTYPE_UINT64), ==, PL_DTYPE_KIND_UINT);
  g_assert_cmpint (pl_dtype_kind (PL_DTYPE_FLOAT16), ==, PL_DTYPE_KIND_FLOAT);
  g_assert_cmpint (pl_dtype_kind (PL_DTYPE_FLOAT64), ==, PL_DTYPE_KIND_FLOAT);
}

static void
test_promote (void)
{
  g_assert_cmpuint (G_N_ELEMENTS (numpy_promote), ==, PL_N_DTYPES * PL_N_DTYPES);
  for (gsize i = 0; i < G_N_ELEMENTS (numpy_promote); i++)
    {
      PlDType a = dtype_named (numpy_promote[i][0]);
      PlDType b = dtype_named (numpy_promote[i][1]);
      g_assert_cmpstr (pl_dtype_name (pl_dtype_promote (a, b)), ==, numpy_promote[i][2]);
    }
}

static void
test_can_cast (void)
{
  for (gint a = 0; a < PL_N_DTYPES; a++)
    for (gint b = 0; b < PL_N_DTYPES; b++)
      g_assert_cmpint (pl_dtype_can_cast_safe ((PlDType) a, (PlDType) b), ==,
                       numpy_safe_casts[a][b] == '1');
}

static void
test_min_scalar_type (void)
{
  /* np.min_scalar_type (v) for each v, from NumPy 1.24.2. */
  static const struct { gint64 value; const char *name; } ints[] = {
    { 0, "uint8" }, { 1, "uint8" }, { -1, "int8" }, { 127, "uint8" }, { 255, "uint8" },
    { 256, "uint16" }, { -128, "int8" }, { -129, "int16" }, { 32767, "uint16" },
    { 65535, "uint16" }, { 65536, "uint32" }, { -32769, "int32" },
    { G_GINT64_CONSTANT (2147483648), "uint32" }, { G_GINT64_CONSTANT (4294967296), "uint64" },
    { G_GINT64_CONSTANT (-2147483649), "int64" }, { G_MAXINT64, "uint64" },
    { G_MININT64, "int64" },
  };
  static const struct { double value; const char *name; } floats[] = {
    { 0.0, "float16" }, { 1.5, "float16" }, { 1e5, "float32" }, { 64999.0, "float16" },
    { 65000.0, "float32" }, { -65000.0, "float32" }, { 65504.0, "float32" },
    { 1e38, "float32" }, { 3.39e38, "float32" }, { 3.4e38, "float64" },
    { -3.4e38, "float64" }, { 1e300, "float64" }, { 1e-8, "float16" }, { -1e39, "float64" },
  };
  PlScalar s;

  for (gsize i = 0; i < G_N_ELEMENTS (ints); i++)
    {
      s = pl_scalar_from_int (ints[i].value);
      g_assert_cmpstr (pl_dtype_name (pl_dtype_min_scalar_type (&s)), ==, ints[i].name);
    }
  for (gsize i = 0; i < G_N_ELEMENTS (floats); i++)
    {
      s = pl_scalar_from_double (floats[i].value);
      g_assert_cmpstr (pl_dtype_name (pl_dtype_min_scalar_type (&s)), ==, floats[i].name);
    }
  s = pl_scalar_from_double (INFINITY);
  g_assert_cmpint (pl_dtype_min_scalar_type (&s), ==, PL_DTYPE_FLOAT16);
  s = pl_scalar_from_double (NAN);
  g_assert_cmpint (pl_dtype_min_scalar_type (&s), ==, PL_DTYPE_FLOAT16);
  s = pl_scalar_from_bool (TRUE);
  g_assert_cmpint (pl_dtype_min_scalar_type (&s), ==, PL_DTYPE_BOOL);
  s.kind = PL_DTYPE_KIND_UINT;
  s.u = G_MAXUINT64;
  g_assert_cmpint (pl_dtype_min_scalar_type (&s), ==, PL_DTYPE_UINT64);
}

static void
test_half (void)
{
  for (gsize i = 0; i < G_N_ELEMENTS (numpy_halves); i++)
    g_assert_cmphex (pl_double_to_half (numpy_halves[i].value), ==, numpy_halves[i].bits);

  /* Every finite half converts to float and back unchanged. */
  for (guint32 h = 0; h < 0x10000; h++)
    {
      float f = pl_half_to_float ((guint16) h);
      if ((h & 0x7c00u) == 0x7c00u && (h & 0x03ffu) != 0)
        {
          g_assert_true (isnan (f));
          g_assert_true ((pl_float_to_half (f) & 0x7c00u) == 0x7c00u);
          continue;
        }
      g_assert_cmphex (pl_float_to_half (f), ==, h);
    }
  g_assert_cmpfloat (pl_half_to_float (0x3c00), ==, 1.0f);
  g_assert_cmpfloat (pl_half_to_float (0x0001), ==, 0x1p-24f);
  g_assert_true (isinf (pl_half_to_float (0xfc00)) && pl_half_to_float (0xfc00) < 0);
  g_assert_cmphex (pl_double_to_half (NAN) & 0x7c00u, ==, 0x7c00u);
  g_assert_cmphex (pl_double_to_half (-0.0), ==, 0x8000);
}

static void
test_load_store (void)
{
  guint8 buf[16];
  PlScalar s, v;

  for (gint d = 0; d < PL_N_DTYPES; d++)
    {
      s = pl_scalar_from_int (7);
      pl_dtype_store ((PlDType) d, buf, &s);
      v = pl_dtype_load ((PlDType) d, buf);
      if (d == PL_DTYPE_BOOL)
        g_assert_true (v.kind == PL_DTYPE_KIND_BOOL && v.b);
      else
        g_assert_cmpfloat (pl_scalar_to_double (&v), ==, 7.0);
    }

  /* Ints wrap as C casts do: np.array (300).astype (np.int8) == 44. */
  s = pl_scalar_from_int (300);
  pl_dtype_store (PL_DTYPE_INT8, buf, &s);
  g_assert_cmpint (*(gint8 *) buf, ==, 44);
  s = pl_scalar_from_int (-1);
  pl_dtype_store (PL_DTYPE_UINT16, buf, &s);
  g_assert_cmpuint (*(guint16 *) buf, ==, 65535);
  s = pl_scalar_from_int (-1);
  pl_dtype_store (PL_DTYPE_UINT64, buf, &s);
  v = pl_dtype_load (PL_DTYPE_UINT64, buf);
  g_assert_cmpint (v.kind, ==, PL_DTYPE_KIND_UINT);
  g_assert_cmpuint (v.u, ==, G_MAXUINT64);

  /* Floats truncate toward zero; NaN gives the minimum, as on x86. */
  s = pl_scalar_from_double (-2.7);
  pl_dtype_store (PL_DTYPE_INT32, buf, &s);
  g_assert_cmpint (*(gint32 *) buf, ==, -2);
  s = pl_scalar_from_double (NAN);
  pl_dtype_store (PL_DTYPE_INT64, buf, &s);
  g_assert_cmpint (*(gint64 *) buf, ==, G_MININT64);
  s = pl_scalar_from_double (1e30);
  pl_dtype_store (PL_DTYPE_INT32, buf, &s);
  g_assert_cmpint (*(gint32 *) buf, ==, G_MININT32);
  s = pl_scalar_from_double (1e19);
  pl_dtype_store (PL_DTYPE_UINT64, buf, &s);
  g_assert_cmpuint (*(guint64 *) buf, ==, G_GUINT64_CONSTANT (10000000000000000000));

  s = pl_scalar_from_double (0.5);
  pl_dtype_store (PL_DTYPE_BOOL, buf, &s);
  g_assert_cmpuint (buf[0], ==, 1);
  s = pl_scalar_from_double (0.1);
  pl_dtype_store (PL_DTYPE_FLOAT32, buf, &s);
  g_assert_cmpfloat (*(float *) buf, ==, 0.1f);
  pl_dtype_store (PL_DTYPE_FLOAT16, buf, &s);
  g_assert_cmphex (*(guint16 *) buf, ==, 0x2e66);
  v = pl_dtype_load (PL_DTYPE_FLOAT16, buf);
  g_assert_cmpfloat_with_epsilon (v.f, 0.1, 1e-4);

  s = pl_scalar_from_bool (TRUE);
  g_assert_cmpint (pl_scalar_to_int (&s), ==, 1);
  g_assert_cmpfloat (pl_scalar_to_double (&s), ==, 1.0);
  g_assert_true (pl_scalar_is_true (&s));
  s = pl_scalar_from_double (-3.9);
  g_assert_cmpint (pl_scalar_to_int (&s), ==, -3);
  s = pl_scalar_from_double (0.0);
  g_assert_false (pl_scalar_is_true (&s));
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/engine/dtype/names", test_names);
  g_test_add_func ("/engine/dtype/itemsize-kind", test_itemsize_kind);
  g_test_add_func ("/engine/dtype/promote", test_promote);
  g_test_add_func ("/engine/dtype/can-cast", test_can_cast);
  g_test_add_func ("/engine/dtype/min-scalar-type", test_min_scalar_type);
  g_test_add_func ("/engine/dtype/half", test_half);
  g_test_add_func ("/engine/dtype/load-store", test_load_store);

  return g_test_run ();
}
