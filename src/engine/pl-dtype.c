/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <string.h>

#include "pl-dtype.h"

#define B  PL_DTYPE_BOOL
#define I1 PL_DTYPE_INT8
#define I2 PL_DTYPE_INT16
#define I4 PL_DTYPE_INT32
#define I8 PL_DTYPE_INT64
#define U1 PL_DTYPE_UINT8
#define U2 PL_DTYPE_UINT16
#define U4 PL_DTYPE_UINT32
#define U8 PL_DTYPE_UINT64
#define F2 PL_DTYPE_FLOAT16
#define F4 PL_DTYPE_FLOAT32
#define F8 PL_DTYPE_FLOAT64

typedef struct
{
  const char  *name;
  gsize        itemsize;
  PlDTypeKind  kind;
} DTypeInfo;

static const DTypeInfo dtype_info[PL_N_DTYPES] = {
  [B]  = { "bool",    1, PL_DTYPE_KIND_BOOL },
  [I1] = { "int8",    1, PL_DTYPE_KIND_INT },
  [I2] = { "int16",   2, PL_DTYPE_KIND_INT },
  [I4] = { "int32",   4, PL_DTYPE_KIND_INT },
  [I8] = { "int64",   8, PL_DTYPE_KIND_INT },
  [U1] = { "uint8",   1, PL_DTYPE_KIND_UINT },
  [U2] = { "uint16",  2, PL_DTYPE_KIND_UINT },
  [U4] = { "uint32",  4, PL_DTYPE_KIND_UINT },
  [U8] = { "uint64",  8, PL_DTYPE_KIND_UINT },
  [F2] = { "float16", 2, PL_DTYPE_KIND_FLOAT },
  [F4] = { "float32", 4, PL_DTYPE_KIND_FLOAT },
  [F8] = { "float64", 8, PL_DTYPE_KIND_FLOAT },
};

/* np.promote_types, generated from NumPy 1.24.2 and checked pair by pair in
 * tests/engine/test-dtype.c. */
static const PlDType promote_table[PL_N_DTYPES][PL_N_DTYPES] = {
  /*         b   i1  i2  i4  i8  u1  u2  u4  u8  f2  f4  f8 */
  [B]  = {  B,  I1, I2, I4, I8, U1, U2, U4, U8, F2, F4, F8 },
  [I1] = { I1,  I1, I2, I4, I8, I2, I4, I8, F8, F2, F4, F8 },
  [I2] = { I2,  I2, I2, I4, I8, I2, I4, I8, F8, F4, F4, F8 },
  [I4] = { I4,  I4, I4, I4, I8, I4, I4, I8, F8, F8, F8, F8 },
  [I8] = { I8,  I8, I8, I8, I8, I8, I8, I8, F8, F8, F8, F8 },
  [U1] = { U1,  I2, I2, I4, I8, U1, U2, U4, U8, F2, F4, F8 },
  [U2] = { U2,  I4, I4, I4, I8, U2, U2, U4, U8, F4, F4, F8 },
  [U4] = { U4,  I8, I8, I8, I8, U4, U4, U4, U8, F8, F8, F8 },
  [U8] = { U8,  F8, F8, F8, F8, U8, U8, U8, U8, F8, F8, F8 },
  [F2] = { F2,  F2, F4, F8, F8, F2, F4, F8, F8, F2, F4, F8 },
  [F4] = { F4,  F4, F4, F8, F8, F4, F4, F8, F8, F4, F4, F8 },
  [F8] = { F8,  F8, F8, F8, F8, F8, F8, F8, F8, F8, F8, F8 },
};

/* np.can_cast (from, to, casting='safe'), same provenance. */
static const guint8 safe_cast_table[PL_N_DTYPES][PL_N_DTYPES] = {
  /*        b  i1 i2 i4 i8 u1 u2 u4 u8 f2 f4 f8 */
  [B]  = {  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1 },
  [I1] = {  0, 1, 1, 1, 1, 0, 0, 0, 0, 1, 1, 1 },
  [I2] = {  0, 0, 1, 1, 1, 0, 0, 0, 0, 0, 1, 1 },
  [I4] = {  0, 0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 1 },
  [I8] = {  0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 1 },
  [U1] = {  0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1 },
  [U2] = {  0, 0, 0, 1, 1, 0, 1, 1, 1, 0, 1, 1 },
  [U4] = {  0, 0, 0, 0, 1, 0, 0, 1, 1, 0, 0, 1 },
  [U8] = {  0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 1 },
  [F2] = {  0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1 },
  [F4] = {  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1 },
  [F8] = {  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1 },
};

/* Every spelling np.dtype () accepts for our types (Linux x86-64 sizes). */
static const struct { const char *name; PlDType dtype; } dtype_aliases[] = {
  { "bool", B }, { "bool_", B }, { "bool8", B }, { "?", B }, { "b1", B },
  { "int8", I1 }, { "i1", I1 }, { "byte", I1 }, { "b", I1 },
  { "int16", I2 }, { "i2", I2 }, { "short", I2 }, { "h", I2 },
  { "int32", I4 }, { "i4", I4 }, { "intc", I4 }, { "i", I4 },
  { "int64", I8 }, { "i8", I8 }, { "int", I8 }, { "int_", I8 }, { "long", I8 },
  { "l", I8 }, { "intp", I8 }, { "p", I8 }, { "longlong", I8 }, { "q", I8 },
  { "uint8", U1 }, { "u1", U1 }, { "ubyte", U1 }, { "B", U1 },
  { "uint16", U2 }, { "u2", U2 }, { "ushort", U2 }, { "H", U2 },
  { "uint32", U4 }, { "u4", U4 }, { "uintc", U4 }, { "I", U4 },
  { "uint64", U8 }, { "u8", U8 }, { "uint", U8 }, { "ulong", U8 }, { "L", U8 },
  { "uintp", U8 }, { "P", U8 }, { "ulonglong", U8 }, { "Q", U8 },
  { "float16", F2 }, { "f2", F2 }, { "half", F2 }, { "e", F2 },
  { "float32", F4 }, { "f4", F4 }, { "single", F4 }, { "f", F4 },
  { "float64", F8 }, { "f8", F8 }, { "float", F8 }, { "float_", F8 },
  { "double", F8 }, { "d", F8 },
};

gboolean
pl_dtype_is_valid (PlDType dtype)
{
  return dtype >= 0 && dtype < PL_N_DTYPES;
}

/**
 * pl_dtype_itemsize:
 * @dtype: a valid #PlDType
 *
 * Returns: the size of one element in bytes, as `np.dtype (x).itemsize`.
 */
gsize
pl_dtype_itemsize (PlDType dtype)
{
  g_return_val_if_fail (pl_dtype_is_valid (dtype), 0);
  return dtype_info[dtype].itemsize;
}

/**
 * pl_dtype_name:
 * @dtype: a valid #PlDType
 *
 * Returns: the name as NumPy prints it ("float64", "bool").
 */
const char *
pl_dtype_name (PlDType dtype)
{
  g_return_val_if_fail (pl_dtype_is_valid (dtype), "invalid");
  return dtype_info[dtype].name;
}

/**
 * pl_dtype_from_name:
 * @name: a NumPy dtype spelling ("float64", "f8", "float", "<i4", "single")
 * @out_dtype: (out): where to store the dtype
 *
 * Returns: %TRUE if @name is a spelling NumPy accepts for one of our dtypes.
 */
gboolean
pl_dtype_from_name (const char *name,
                    PlDType    *out_dtype)
{
  g_return_val_if_fail (name != NULL, FALSE);
  g_return_val_if_fail (out_dtype != NULL, FALSE);

  /* A byte-order prefix is fine as long as it is the native order. */
  if ((name[0] == '<' || name[0] == '=' || name[0] == '|') && name[1] != '\0')
    name++;

  for (gsize i = 0; i < G_N_ELEMENTS (dtype_aliases); i++)
    if (strcmp (dtype_aliases[i].name, name) == 0)
      {
        *out_dtype = dtype_aliases[i].dtype;
        return TRUE;
      }
  return FALSE;
}

PlDTypeKind
pl_dtype_kind (PlDType dtype)
{
  g_return_val_if_fail (pl_dtype_is_valid (dtype), PL_DTYPE_KIND_FLOAT);
  return dtype_info[dtype].kind;
}

/**
 * pl_dtype_promote:
 *
 * Returns: np.promote_types (@a, @b) as NumPy 1.24 defines it.
 */
PlDType
pl_dtype_promote (PlDType a,
                  PlDType b)
{
  g_return_val_if_fail (pl_dtype_is_valid (a), PL_DTYPE_FLOAT64);
  g_return_val_if_fail (pl_dtype_is_valid (b), PL_DTYPE_FLOAT64);
  return promote_table[a][b];
}

/**
 * pl_dtype_can_cast_safe:
 *
 * Returns: np.can_cast (@from, @to, casting='safe').
 */
gboolean
pl_dtype_can_cast_safe (PlDType from,
                        PlDType to)
{
  g_return_val_if_fail (pl_dtype_is_valid (from), FALSE);
  g_return_val_if_fail (pl_dtype_is_valid (to), FALSE);
  return safe_cast_table[from][to];
}

/**
 * pl_dtype_min_scalar_type:
 * @value: a Python scalar
 *
 * Returns: np.min_scalar_type (@value): the smallest dtype that holds the
 *   value (non-negative ints give unsigned types; floats whose magnitude is
 *   below 65000, and inf and nan, give float16, as NumPy's thresholds do).
 */
PlDType
pl_dtype_min_scalar_type (const PlScalar *value)
{
  g_return_val_if_fail (value != NULL, PL_DTYPE_FLOAT64);

  switch (value->kind)
    {
    case PL_DTYPE_KIND_BOOL:
      return PL_DTYPE_BOOL;

    case PL_DTYPE_KIND_UINT:
      if (value->u > G_MAXINT64)
        return PL_DTYPE_UINT64;
      G_GNUC_FALLTHROUGH;
    case PL_DTYPE_KIND_INT:
      {
        gint64 v = value->i;
        if (v >= 0)
          {
            if (v <= G_MAXUINT8)
              return PL_DTYPE_UINT8;
            if (v <= G_MAXUINT16)
              return PL_DTYPE_UINT16;
            if (v <= G_MAXUINT32)
              return PL_DTYPE_UINT32;
            return PL_DTYPE_UINT64;
          }
        if (v >= G_MININT8)
          return PL_DTYPE_INT8;
        if (v >= G_MININT16)
          return PL_DTYPE_INT16;
        if (v >= G_MININT32)
          return PL_DTYPE_INT32;
        return PL_DTYPE_INT64;
      }

    case PL_DTYPE_KIND_FLOAT:
    default:
      {
        double v = value->f;
        if (!isfinite (v) || (v > -65000.0 && v < 65000.0))
          return PL_DTYPE_FLOAT16;
        if (v > -3.4e38 && v < 3.4e38)
          return PL_DTYPE_FLOAT32;
        return PL_DTYPE_FLOAT64;
      }
    }
}

/* Float to integer conversion as x86-64's cvttsd2si does it: truncation, and
 * the "integer indefinite" value (the minimum) for NaN and out-of-range
 * values. Plain C casts would be undefined behaviour there. */
static gint64
double_to_int64 (double v)
{
  if (!(v >= -9223372036854775808.0 && v < 9223372036854775808.0))
    return G_MININT64;
  return (gint64) v;
}

static gint32
double_to_int32 (double v)
{
  if (!(v > -2147483649.0 && v < 2147483648.0))
    return G_MININT32;
  return (gint32) v;
}

static guint64
double_to_uint64 (double v)
{
  /* GCC's conversion: values from 2^63 go through a subtraction. */
  if (v >= 9223372036854775808.0 && v < 18446744073709551616.0)
    return (guint64) double_to_int64 (v - 9223372036854775808.0) + 0x8000000000000000ULL;
  return (guint64) double_to_int64 (v);
}

PlScalar
pl_scalar_from_bool (gboolean value)
{
  PlScalar s = { .kind = PL_DTYPE_KIND_BOOL };
  s.b = value ? TRUE : FALSE;
  return s;
}

PlScalar
pl_scalar_from_int (gint64 value)
{
  PlScalar s = { .kind = PL_DTYPE_KIND_INT };
  s.i = value;
  return s;
}

PlScalar
pl_scalar_from_double (double value)
{
  PlScalar s = { .kind = PL_DTYPE_KIND_FLOAT };
  s.f = value;
  return s;
}

double
pl_scalar_to_double (const PlScalar *value)
{
  g_return_val_if_fail (value != NULL, 0.0);
  switch (value->kind)
    {
    case PL_DTYPE_KIND_BOOL:  return value->b ? 1.0 : 0.0;
    case PL_DTYPE_KIND_INT:   return (double) value->i;
    case PL_DTYPE_KIND_UINT:  return (double) value->u;
    case PL_DTYPE_KIND_FLOAT:
    default:                  return value->f;
    }
}

gint64
pl_scalar_to_int (const PlScalar *value)
{
  g_return_val_if_fail (value != NULL, 0);
  switch (value->kind)
    {
    case PL_DTYPE_KIND_BOOL:  return value->b ? 1 : 0;
    case PL_DTYPE_KIND_INT:   return value->i;
    case PL_DTYPE_KIND_UINT:  return (gint64) value->u;
    case PL_DTYPE_KIND_FLOAT:
    default:                  return double_to_int64 (value->f);
    }
}

gboolean
pl_scalar_is_true (const PlScalar *value)
{
  g_return_val_if_fail (value != NULL, FALSE);
  switch (value->kind)
    {
    case PL_DTYPE_KIND_BOOL:  return value->b != 0;
    case PL_DTYPE_KIND_INT:   return value->i != 0;
    case PL_DTYPE_KIND_UINT:  return value->u != 0;
    case PL_DTYPE_KIND_FLOAT:
    default:                  return value->f != 0.0;
    }
}

PlScalar
pl_dtype_load (PlDType     dtype,
               const void *src)
{
  PlScalar s = { .kind = PL_DTYPE_KIND_INT };

  g_return_val_if_fail (src != NULL, s);

  switch (dtype)
    {
    case PL_DTYPE_BOOL:
      s.kind = PL_DTYPE_KIND_BOOL;
      s.b = *(const guint8 *) src != 0;
      break;
    case PL_DTYPE_INT8:   s.i = *(const gint8 *) src; break;
    case PL_DTYPE_INT16:  s.i = *(const gint16 *) src; break;
    case PL_DTYPE_INT32:  s.i = *(const gint32 *) src; break;
    case PL_DTYPE_INT64:  s.i = *(const gint64 *) src; break;
    case PL_DTYPE_UINT8:  s.i = *(const guint8 *) src; break;
    case PL_DTYPE_UINT16: s.i = *(const guint16 *) src; break;
    case PL_DTYPE_UINT32: s.i = *(const guint32 *) src; break;
    case PL_DTYPE_UINT64:
      s.u = *(const guint64 *) src;
      if (s.u > G_MAXINT64)
        s.kind = PL_DTYPE_KIND_UINT;
      break;
    case PL_DTYPE_FLOAT16:
      s.kind = PL_DTYPE_KIND_FLOAT;
      s.f = pl_half_to_float (*(const guint16 *) src);
      break;
    case PL_DTYPE_FLOAT32:
      s.kind = PL_DTYPE_KIND_FLOAT;
      s.f = *(const float *) src;
      break;
    case PL_DTYPE_FLOAT64:
      s.kind = PL_DTYPE_KIND_FLOAT;
      s.f = *(const double *) src;
      break;
    case PL_N_DTYPES:
    case PL_DTYPE_NONE:
    default:
      g_return_val_if_reached (s);
    }
  return s;
}

void
pl_dtype_store (PlDType         dtype,
                void           *dst,
                const PlScalar *value)
{
  g_return_if_fail (dst != NULL);
  g_return_if_fail (value != NULL);

  if (dtype == PL_DTYPE_BOOL)
    {
      *(guint8 *) dst = pl_scalar_is_true (value) ? 1 : 0;
      return;
    }

  if (pl_dtype_kind (dtype) == PL_DTYPE_KIND_FLOAT)
    {
      double v = pl_scalar_to_double (value);
      if (dtype == PL_DTYPE_FLOAT64)
        *(double *) dst = v;
      else if (dtype == PL_DTYPE_FLOAT32)
        *(float *) dst = (float) v;
      else
        *(guint16 *) dst = pl_double_to_half (v);
      return;
    }

  if (value->kind == PL_DTYPE_KIND_FLOAT)
    {
      /* As C (and so NumPy's casts) converts a double to each integer type. */
      double v = value->f;
      switch (dtype)
        {
        case PL_DTYPE_INT8:   *(gint8 *) dst = (gint8) double_to_int32 (v); break;
        case PL_DTYPE_INT16:  *(gint16 *) dst = (gint16) double_to_int32 (v); break;
        case PL_DTYPE_INT32:  *(gint32 *) dst = double_to_int32 (v); break;
        case PL_DTYPE_INT64:  *(gint64 *) dst = double_to_int64 (v); break;
        case PL_DTYPE_UINT8:  *(guint8 *) dst = (guint8) double_to_int32 (v); break;
        case PL_DTYPE_UINT16: *(guint16 *) dst = (guint16) double_to_int32 (v); break;
        case PL_DTYPE_UINT32: *(guint32 *) dst = (guint32) double_to_int64 (v); break;
        case PL_DTYPE_UINT64: *(guint64 *) dst = double_to_uint64 (v); break;
        case PL_DTYPE_BOOL:
        case PL_DTYPE_FLOAT16:
        case PL_DTYPE_FLOAT32:
        case PL_DTYPE_FLOAT64:
        case PL_N_DTYPES:
        case PL_DTYPE_NONE:
        default:
          g_return_if_reached ();
        }
      return;
    }

  {
    guint64 bits = value->kind == PL_DTYPE_KIND_BOOL ? (value->b ? 1 : 0) : value->u;
    switch (dtype)
      {
      case PL_DTYPE_INT8:   *(gint8 *) dst = (gint8) bits; break;
      case PL_DTYPE_INT16:  *(gint16 *) dst = (gint16) bits; break;
      case PL_DTYPE_INT32:  *(gint32 *) dst = (gint32) bits; break;
      case PL_DTYPE_INT64:  *(gint64 *) dst = (gint64) bits; break;
      case PL_DTYPE_UINT8:  *(guint8 *) dst = (guint8) bits; break;
      case PL_DTYPE_UINT16: *(guint16 *) dst = (guint16) bits; break;
      case PL_DTYPE_UINT32: *(guint32 *) dst = (guint32) bits; break;
      case PL_DTYPE_UINT64: *(guint64 *) dst = bits; break;
      case PL_DTYPE_BOOL:
      case PL_DTYPE_FLOAT16:
      case PL_DTYPE_FLOAT32:
      case PL_DTYPE_FLOAT64:
      case PL_N_DTYPES:
      case PL_DTYPE_NONE:
      default:
        g_return_if_reached ();
      }
  }
}
