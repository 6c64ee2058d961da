/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The dtypes Peakline models, spelled as NumPy spells them. The order is the
 * order of NumPy's type numbers within each kind. */
typedef enum
{
  PL_DTYPE_BOOL,
  PL_DTYPE_INT8,
  PL_DTYPE_INT16,
  PL_DTYPE_INT32,
  PL_DTYPE_INT64,
  PL_DTYPE_UINT8,
  PL_DTYPE_UINT16,
  PL_DTYPE_UINT32,
  PL_DTYPE_UINT64,
  PL_DTYPE_FLOAT16,
  PL_DTYPE_FLOAT32,
  PL_DTYPE_FLOAT64,
  PL_N_DTYPES,
  PL_DTYPE_NONE = -1,   /* "not given" in optional dtype= arguments */
} PlDType;

typedef enum
{
  PL_DTYPE_KIND_BOOL,   /* 'b' */
  PL_DTYPE_KIND_INT,    /* 'i' */
  PL_DTYPE_KIND_UINT,   /* 'u' */
  PL_DTYPE_KIND_FLOAT,  /* 'f' */
} PlDTypeKind;

/* A Python or NumPy scalar value: what a script passes as 2, 2.5 or True. */
typedef struct
{
  PlDTypeKind kind;     /* BOOL, INT (Python int: any gint64) or FLOAT */
  union {
    gboolean b;
    gint64   i;
    guint64  u;
    double   f;
  };
} PlScalar;

/* float16 is stored as IEEE binary16 bits (guint16). Kernels compute in float
 * and convert with these, as NumPy's half loops do; they round half to even
 * exactly as NumPy's npy_double_to_half does (one rounding from double). */
static inline float
pl_half_to_float (guint16 h)
{
  union { guint32 u; float f; } r;
  guint32 sgn = ((guint32) h & 0x8000u) << 16;
  guint32 exp = h & 0x7c00u;
  guint32 sig = h & 0x03ffu;

  if (exp == 0x7c00u)
    r.u = sgn | 0x7f800000u | (sig << 13);
  else if (exp != 0)
    r.u = sgn | ((((guint32) h & 0x7fffu) + 0x1c000u) << 13);
  else if (sig == 0)
    r.u = sgn;
  else
    {
      /* Subnormal: normalise the significand. */
      guint32 e = 0;
      sig <<= 1;
      while ((sig & 0x0400u) == 0)
        {
          sig <<= 1;
          e++;
        }
      r.u = sgn | ((127 - 15 - e) << 23) | ((sig & 0x03ffu) << 13);
    }
  return r.f;
}

static inline guint16
pl_double_to_half (double value)
{
  union { guint64 u; double f; } d = { .f = value };
  guint64 d_exp = d.u & 0x7ff0000000000000ULL;
  guint64 d_sig;
  guint16 h_sgn = (guint16) ((d.u & 0x8000000000000000ULL) >> 48);
  guint16 h_sig;

  if (d_exp >= 0x40f0000000000000ULL)
    {
      if (d_exp == 0x7ff0000000000000ULL && (d.u & 0x000fffffffffffffULL) != 0)
        {
          /* NaN: keep the payload's top bits, but stay a NaN. */
          guint16 ret = (guint16) (0x7c00u + ((d.u & 0x000fffffffffffffULL) >> 42));
          if (ret == 0x7c00u)
            ret++;
          return (guint16) (h_sgn + ret);
        }
      return (guint16) (h_sgn + 0x7c00u);   /* inf, or overflow to inf */
    }
  if (d_exp <= 0x3f00000000000000ULL)
    {
      if (d_exp < 0x3e60000000000000ULL)
        return h_sgn;                        /* underflow to signed zero */
      d_exp >>= 52;
      d_sig = 0x0010000000000000ULL + (d.u & 0x000fffffffffffffULL);
      d_sig <<= (d_exp - 998);
      if ((d_sig & 0x003fffffffffffffULL) != 0x0010000000000000ULL)
        d_sig += 0x0010000000000000ULL;
      h_sig = (guint16) (d_sig >> 53);
      return (guint16) (h_sgn + h_sig);
    }
  d_sig = d.u & 0x000fffffffffffffULL;
  if ((d_sig & 0x000007ffffffffffULL) != 0x0000020000000000ULL)
    d_sig += 0x0000020000000000ULL;
  h_sig = (guint16) (d_sig >> 42);
  /* A carry out of the significand correctly bumps the exponent. */
  h_sig = (guint16) (h_sig + (guint16) ((d_exp - 0x3f00000000000000ULL) >> 42));
  return (guint16) (h_sgn + h_sig);
}

static inline guint16
pl_float_to_half (float value)
{
  return pl_double_to_half ((double) value);
}

gsize        pl_dtype_itemsize        (PlDType      dtype);
const char  *pl_dtype_name            (PlDType      dtype);
gboolean     pl_dtype_from_name       (const char  *name,
                                       PlDType     *out_dtype);
PlDTypeKind  pl_dtype_kind            (PlDType      dtype);
PlDType      pl_dtype_promote         (PlDType      a,
                                       PlDType      b);
gboolean     pl_dtype_can_cast_safe   (PlDType      from,
                                       PlDType      to);
PlDType      pl_dtype_min_scalar_type (const PlScalar *value);
gboolean     pl_dtype_is_valid        (PlDType      dtype);

/* Element access: reads one element of @dtype at @src as a scalar (bool as
 * BOOL, signed and unsigned ints up to G_MAXINT64 as INT, larger uint64
 * values as UINT with @u, floats as FLOAT), and writes @value converted to
 * @dtype at @dst (ints wrap as C casts do; floats to ints truncate, and NaN or
 * out-of-range values give the minimum of the type as on x86). */
PlScalar     pl_dtype_load            (PlDType      dtype,
                                       const void  *src);
void         pl_dtype_store           (PlDType      dtype,
                                       void        *dst,
                                       const PlScalar *value);

/* Scalar helpers. */
PlScalar     pl_scalar_from_bool      (gboolean     value);
PlScalar     pl_scalar_from_int       (gint64       value);
PlScalar     pl_scalar_from_double    (double       value);
double       pl_scalar_to_double      (const PlScalar *value);
gint64       pl_scalar_to_int         (const PlScalar *value);   /* truncates floats */
gboolean     pl_scalar_is_true        (const PlScalar *value);

G_END_DECLS
