/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "pl-kernels-private.h"

#include <math.h>

/* Typed elementwise loops, generated with macros. Every loop has contiguous
 * fast paths (array-array, array-scalar, scalar-array, and in-place variants
 * so the compiler can vectorise without alias checks) and a general strided
 * path. Values follow NumPy: integer arithmetic wraps, division and modulo
 * by zero give 0, floor_divide and remainder follow Python's sign rules,
 * float16 computes in float32 and rounds once. */

/* --- element helpers ----------------------------------------------------- */

#define ID(x) (x)
#define HALF_LOAD(x) pl_half_to_float (x)
#define HALF_STORE(x) pl_float_to_half (x)

#define SIGNED_HELPERS(SUF, T, WT, TMIN, BITS)                                 \
static inline T fdiv_##SUF (T a, T b)                                          \
{                                                                              \
  T q;                                                                         \
  if (b == 0)                                                                  \
    return 0;                                                                  \
  if (b == -1)                                                                 \
    return (T) ((WT) 0 - (WT) a);                                              \
  q = (T) (a / b);                                                             \
  if ((a % b) != 0 && ((a < 0) != (b < 0)))                                    \
    q--;                                                                       \
  return q;                                                                    \
}                                                                              \
static inline T rem_##SUF (T a, T b)                                           \
{                                                                              \
  T r;                                                                         \
  if (b == 0 || b == -1)                                                       \
    return 0;                                                                  \
  r = (T) (a % b);                                                             \
  if (r != 0 && ((r < 0) != (b < 0)))                                          \
    r = (T) (r + b);                                                           \
  return r;                                                                    \
}                                                                              \
static inline T pow_##SUF (T a, T b)                                           \
{                                                                              \
  WT base = (WT) a, r = 1;                                                     \
  guint64 e = b < 0 ? 0 : (guint64) b;                                         \
  while (e)                                                                    \
    {                                                                          \
      if (e & 1)                                                               \
        r *= base;                                                             \
      base *= base;                                                            \
      e >>= 1;                                                                 \
    }                                                                          \
  return (T) r;                                                                \
}                                                                              \
static inline T lsh_##SUF (T a, T b)                                           \
{                                                                              \
  if ((guint64) (gint64) b < BITS)                                             \
    return (T) ((WT) a << b);                                                  \
  return 0;                                                                    \
}                                                                              \
static inline T rsh_##SUF (T a, T b)                                           \
{                                                                              \
  if ((guint64) (gint64) b < BITS)                                             \
    return (T) (a >> b);                                                       \
  return a < 0 ? (T) -1 : 0;                                                   \
}                                                                              \
static inline T abs_##SUF (T a)                                                \
{                                                                              \
  return a < 0 ? (T) ((WT) 0 - (WT) a) : a;                                    \
}

#define UNSIGNED_HELPERS(SUF, T, WT, BITS)                                     \
static inline T fdiv_##SUF (T a, T b)                                          \
{                                                                              \
  return b == 0 ? 0 : (T) (a / b);                                             \
}                                                                              \
static inline T rem_##SUF (T a, T b)                                           \
{                                                                              \
  return b == 0 ? 0 : (T) (a % b);                                             \
}                                                                              \
static inline T pow_##SUF (T a, T b)                                           \
{                                                                              \
  WT base = (WT) a, r = 1;                                                     \
  guint64 e = (guint64) b;                                                     \
  while (e)                                                                    \
    {                                                                          \
      if (e & 1)                                                               \
        r *= base;                                                             \
      base *= base;                                                            \
      e >>= 1;                                                                 \
    }                                                                          \
  return (T) r;                                                                \
}                                                                              \
static inline T lsh_##SUF (T a, T b)                                           \
{                                                                              \
  return (guint64) b < BITS ? (T) ((WT) a << b) : 0;                           \
}                                                                              \
static inline T rsh_##SUF (T a, T b)                                           \
{                                                                              \
  return (guint64) b < BITS ? (T) (a >> b) : 0;                                \
}                                                                              \
static inline T abs_##SUF (T a)                                                \
{                                                                              \
  return a;                                                                    \
}

SIGNED_HELPERS (i8, gint8, guint32, G_MININT8, 8)
SIGNED_HELPERS (i16, gint16, guint32, G_MININT16, 16)
SIGNED_HELPERS (i32, gint32, guint32, G_MININT32, 32)
SIGNED_HELPERS (i64, gint64, guint64, G_MININT64, 64)
UNSIGNED_HELPERS (u8, guint8, guint32, 8)
UNSIGNED_HELPERS (u16, guint16, guint32, 16)
UNSIGNED_HELPERS (u32, guint32, guint32, 32)
UNSIGNED_HELPERS (u64, guint64, guint64, 64)

/* npy_divmod: floor division and Python's modulo for floats. */
#define FLOAT_HELPERS(SUF, T, FMOD, FLOOR, COPYSIGN)                           \
static inline T divmod_##SUF (T a, T b, T *modulus)                            \
{                                                                              \
  T div, mod, floordiv;                                                        \
  mod = FMOD (a, b);                                                           \
  if (!b)                                                                      \
    {                                                                          \
      *modulus = mod;                                                          \
      return a / b;                                                            \
    }                                                                          \
  div = (a - mod) / b;                                                         \
  if (mod)                                                                     \
    {                                                                          \
      if (isless (b, 0) != isless (mod, 0))                                    \
        {                                                                      \
          mod += b;                                                            \
          div -= (T) 1.0;                                                      \
        }                                                                      \
    }                                                                          \
  else                                                                         \
    mod = COPYSIGN ((T) 0, b);                                                 \
  if (div)                                                                     \
    {                                                                          \
      floordiv = FLOOR (div);                                                  \
      if (isgreater (div - floordiv, (T) 0.5))                                 \
        floordiv += (T) 1.0;                                                   \
    }                                                                          \
  else                                                                         \
    floordiv = COPYSIGN ((T) 0, a / b);                                        \
  *modulus = mod;                                                              \
  return floordiv;                                                             \
}                                                                              \
static inline T fdiv_##SUF (T a, T b)                                          \
{                                                                              \
  T mod;                                                                       \
  if (!b)                                                                      \
    return a / b;                                                              \
  return divmod_##SUF (a, b, &mod);                                            \
}                                                                              \
static inline T rem_##SUF (T a, T b)                                           \
{                                                                              \
  T mod;                                                                       \
  if (!b)                                                                      \
    return FMOD (a, b);                                                        \
  divmod_##SUF (a, b, &mod);                                                   \
  return mod;                                                                  \
}                                                                              \
static inline T fmax_##SUF (T a, T b)                                           \
{                                                                              \
  return (a >= b || isnan (a)) ? a : b;                                        \
}                                                                              \
static inline T fmin_##SUF (T a, T b)                                           \
{                                                                              \
  return (a <= b || isnan (a)) ? a : b;                                        \
}

FLOAT_HELPERS (f32, float, fmodf, floorf, copysignf)
FLOAT_HELPERS (f64, double, fmod, floor, copysign)

/* --- loop templates ------------------------------------------------------ */

/* TI: storage type of the inputs; CT: the type they compute in (LOAD
 * converts); TO: storage type of the output (STORE converts the value). */
#define DEF_BINARY(NAME, TI, CT, LOAD, TO, STORE, EXPR)                       \
static void                                                                   \
NAME (guint8 **args, const gint64 *st, gint64 n)                              \
{                                                                             \
  guint8 *i1 = args[0], *i2 = args[1], *op = args[2];                         \
  const gint64 s1 = st[0], s2 = st[1], so = st[2];                            \
  const gboolean same = sizeof (TI) == sizeof (TO);                           \
  if (s1 == (gint64) sizeof (TI) && s2 == (gint64) sizeof (TI) &&             \
      so == (gint64) sizeof (TO))                                             \
    {                                                                         \
      if (same && op == i1 && op == i2)                                       \
        {                                                                     \
          TO *z = (TO *) op;                                                  \
          for (gint64 k = 0; k < n; k++)                                      \
            {                                                                 \
              const CT a = LOAD (((const TI *) z)[k]), b = a;                 \
              z[k] = STORE (EXPR);                                            \
            }                                                                 \
        }                                                                     \
      else if (same && op == i1)                                              \
        {                                                                     \
          TO *z = (TO *) op;                                                  \
          const TI *restrict y = (const TI *) i2;                             \
          for (gint64 k = 0; k < n; k++)                                      \
            {                                                                 \
              const CT a = LOAD (((const TI *) z)[k]), b = LOAD (y[k]);       \
              z[k] = STORE (EXPR);                                            \
            }                                                                 \
        }                                                                     \
      else if (same && op == i2)                                              \
        {                                                                     \
          TO *z = (TO *) op;                                                  \
          const TI *restrict x = (const TI *) i1;                             \
          for (gint64 k = 0; k < n; k++)                                      \
            {                                                                 \
              const CT a = LOAD (x[k]), b = LOAD (((const TI *) z)[k]);       \
              z[k] = STORE (EXPR);                                            \
            }                                                                 \
        }                                                                     \
      else                                                                    \
        {                                                                     \
          const TI *restrict x = (const TI *) i1;                             \
          const TI *restrict y = (const TI *) i2;                             \
          TO *restrict z = (TO *) op;                                         \
          for (gint64 k = 0; k < n; k++)                                      \
            {                                                                 \
              const CT a = LOAD (x[k]), b = LOAD (y[k]);                      \
              z[k] = STORE (EXPR);                                            \
            }                                                                 \
        }                                                                     \
    }                                                                         \
  else if (s1 == (gint64) sizeof (TI) && s2 == 0 && so == (gint64) sizeof (TO)) \
    {                                                                         \
      const CT b = LOAD (*(const TI *) i2);                                   \
      if (same && op == i1)                                                   \
        {                                                                     \
          TO *z = (TO *) op;                                                  \
          for (gint64 k = 0; k < n; k++)                                      \
            {                                                                 \
              const CT a = LOAD (((const TI *) z)[k]);                        \
              z[k] = STORE (EXPR);                                            \
            }                                                                 \
        }                                                                     \
      else                                                                    \
        {                                                                     \
          const TI *restrict x = (const TI *) i1;                             \
          TO *restrict z = (TO *) op;                                         \
          for (gint64 k = 0; k < n; k++)                                      \
            {                                                                 \
              const CT a = LOAD (x[k]);                                       \
              z[k] = STORE (EXPR);                                            \
            }                                                                 \
        }                                                                     \
    }                                                                         \
  else if (s1 == 0 && s2 == (gint64) sizeof (TI) && so == (gint64) sizeof (TO)) \
    {                                                                         \
      const CT a = LOAD (*(const TI *) i1);                                   \
      if (same && op == i2)                                                   \
        {                                                                     \
          TO *z = (TO *) op;                                                  \
          for (gint64 k = 0; k < n; k++)                                      \
            {                                                                 \
              const CT b = LOAD (((const TI *) z)[k]);                        \
              z[k] = STORE (EXPR);                                            \
            }                                                                 \
        }                                                                     \
      else                                                                    \
        {                                                                     \
          const TI *restrict y = (const TI *) i2;                             \
          TO *restrict z = (TO *) op;                                         \
          for (gint64 k = 0; k < n; k++)                                      \
            {                                                                 \
              const CT b = LOAD (y[k]);                                       \
              z[k] = STORE (EXPR);                                            \
            }                                                                 \
        }                                                                     \
    }                                                                         \
  else                                                                        \
    {                                                                         \
      for (gint64 k = 0; k < n; k++, i1 += s1, i2 += s2, op += so)            \
        {                                                                     \
          const CT a = LOAD (*(const TI *) i1), b = LOAD (*(const TI *) i2);  \
          *(TO *) op = STORE (EXPR);                                          \
        }                                                                     \
    }                                                                         \
}

#define DEF_UNARY(NAME, TI, CT, LOAD, TO, STORE, EXPR)                        \
static void                                                                   \
NAME (guint8 **args, const gint64 *st, gint64 n)                              \
{                                                                             \
  guint8 *i1 = args[0], *op = args[1];                                        \
  const gint64 s1 = st[0], so = st[1];                                        \
  if (s1 == (gint64) sizeof (TI) && so == (gint64) sizeof (TO))               \
    {                                                                         \
      if (sizeof (TI) == sizeof (TO) && op == i1)                             \
        {                                                                     \
          TO *z = (TO *) op;                                                  \
          for (gint64 k = 0; k < n; k++)                                      \
            {                                                                 \
              const CT a = LOAD (((const TI *) z)[k]);                        \
              z[k] = STORE (EXPR);                                            \
            }                                                                 \
        }                                                                     \
      else                                                                    \
        {                                                                     \
          const TI *restrict x = (const TI *) i1;                             \
          TO *restrict z = (TO *) op;                                         \
          for (gint64 k = 0; k < n; k++)                                      \
            {                                                                 \
              const CT a = LOAD (x[k]);                                       \
              z[k] = STORE (EXPR);                                            \
            }                                                                 \
        }                                                                     \
    }                                                                         \
  else                                                                        \
    {                                                                         \
      for (gint64 k = 0; k < n; k++, i1 += s1, op += so)                      \
        {                                                                     \
          const CT a = LOAD (*(const TI *) i1);                               \
          *(TO *) op = STORE (EXPR);                                          \
        }                                                                     \
    }                                                                         \
}

/* --- integer loops ------------------------------------------------------- */

#define INT_BINARIES(SUF, T, WT)                                                  \
DEF_BINARY (add_##SUF, T, T, ID, T, ID, (T) ((WT) a + (WT) b))                    \
DEF_BINARY (sub_##SUF, T, T, ID, T, ID, (T) ((WT) a - (WT) b))                    \
DEF_BINARY (mul_##SUF, T, T, ID, T, ID, (T) ((WT) a * (WT) b))                    \
DEF_BINARY (fdiv_loop_##SUF, T, T, ID, T, ID, fdiv_##SUF (a, b))                  \
DEF_BINARY (rem_loop_##SUF, T, T, ID, T, ID, rem_##SUF (a, b))                    \
DEF_BINARY (pow_loop_##SUF, T, T, ID, T, ID, pow_##SUF (a, b))                    \
DEF_BINARY (and_##SUF, T, T, ID, T, ID, (T) (a & b))                              \
DEF_BINARY (or_##SUF, T, T, ID, T, ID, (T) (a | b))                               \
DEF_BINARY (xor_##SUF, T, T, ID, T, ID, (T) (a ^ b))                              \
DEF_BINARY (lsh_loop_##SUF, T, T, ID, T, ID, lsh_##SUF (a, b))                    \
DEF_BINARY (rsh_loop_##SUF, T, T, ID, T, ID, rsh_##SUF (a, b))                    \
DEF_BINARY (eq_##SUF, T, T, ID, guint8, ID, (guint8) (a == b))                    \
DEF_BINARY (ne_##SUF, T, T, ID, guint8, ID, (guint8) (a != b))                    \
DEF_BINARY (lt_##SUF, T, T, ID, guint8, ID, (guint8) (a < b))                     \
DEF_BINARY (le_##SUF, T, T, ID, guint8, ID, (guint8) (a <= b))                    \
DEF_BINARY (gt_##SUF, T, T, ID, guint8, ID, (guint8) (a > b))                     \
DEF_BINARY (ge_##SUF, T, T, ID, guint8, ID, (guint8) (a >= b))                    \
DEF_BINARY (max_##SUF, T, T, ID, T, ID, (a > b ? a : b))                          \
DEF_BINARY (min_##SUF, T, T, ID, T, ID, (a < b ? a : b))                          \
DEF_UNARY (neg_##SUF, T, T, ID, T, ID, (T) ((WT) 0 - (WT) a))                     \
DEF_UNARY (pos_##SUF, T, T, ID, T, ID, a)                                         \
DEF_UNARY (abs_loop_##SUF, T, T, ID, T, ID, abs_##SUF (a))                        \
DEF_UNARY (inv_##SUF, T, T, ID, T, ID, (T) ~a)                                    \
DEF_UNARY (sq_##SUF, T, T, ID, T, ID, (T) ((WT) a * (WT) a))

INT_BINARIES (i8, gint8, guint32)
INT_BINARIES (i16, gint16, guint32)
INT_BINARIES (i32, gint32, guint32)
INT_BINARIES (i64, gint64, guint64)
INT_BINARIES (u8, guint8, guint32)
INT_BINARIES (u16, guint16, guint32)
INT_BINARIES (u32, guint32, guint32)
INT_BINARIES (u64, guint64, guint64)

/* --- bool loops ---------------------------------------------------------- */

DEF_BINARY (add_b, guint8, guint8, ID, guint8, ID, (guint8) (a | b))
DEF_BINARY (mul_b, guint8, guint8, ID, guint8, ID, (guint8) (a & b))
DEF_BINARY (and_b, guint8, guint8, ID, guint8, ID, (guint8) (a & b))
DEF_BINARY (or_b, guint8, guint8, ID, guint8, ID, (guint8) (a | b))
DEF_BINARY (xor_b, guint8, guint8, ID, guint8, ID, (guint8) (a ^ b))
DEF_BINARY (eq_b, guint8, guint8, ID, guint8, ID, (guint8) (a == b))
DEF_BINARY (ne_b, guint8, guint8, ID, guint8, ID, (guint8) (a != b))
DEF_BINARY (lt_b, guint8, guint8, ID, guint8, ID, (guint8) (a < b))
DEF_BINARY (le_b, guint8, guint8, ID, guint8, ID, (guint8) (a <= b))
DEF_BINARY (gt_b, guint8, guint8, ID, guint8, ID, (guint8) (a > b))
DEF_BINARY (ge_b, guint8, guint8, ID, guint8, ID, (guint8) (a >= b))
DEF_BINARY (max_b, guint8, guint8, ID, guint8, ID, (guint8) (a | b))
DEF_BINARY (min_b, guint8, guint8, ID, guint8, ID, (guint8) (a & b))
DEF_UNARY (abs_loop_b, guint8, guint8, ID, guint8, ID, a)
DEF_UNARY (inv_b, guint8, guint8, ID, guint8, ID, (guint8) (a ^ 1))

/* --- float loops --------------------------------------------------------- */

#define FLOAT_LOOPS(SUF, TS, CT, LOAD, STORE, FS, M)                                    \
DEF_BINARY (add_##SUF, TS, CT, LOAD, TS, STORE, a + b)                                  \
DEF_BINARY (sub_##SUF, TS, CT, LOAD, TS, STORE, a - b)                                  \
DEF_BINARY (mul_##SUF, TS, CT, LOAD, TS, STORE, a * b)                                  \
DEF_BINARY (div_##SUF, TS, CT, LOAD, TS, STORE, a / b)                                  \
DEF_BINARY (fdiv_loop_##SUF, TS, CT, LOAD, TS, STORE, fdiv_##FS (a, b))                 \
DEF_BINARY (rem_loop_##SUF, TS, CT, LOAD, TS, STORE, rem_##FS (a, b))                   \
DEF_BINARY (pow_loop_##SUF, TS, CT, LOAD, TS, STORE, pow##M (a, b))                     \
DEF_BINARY (atan2_##SUF, TS, CT, LOAD, TS, STORE, atan2##M (a, b))                      \
DEF_BINARY (eq_##SUF, TS, CT, LOAD, guint8, ID, (guint8) (a == b))                      \
DEF_BINARY (ne_##SUF, TS, CT, LOAD, guint8, ID, (guint8) (a != b))                      \
DEF_BINARY (lt_##SUF, TS, CT, LOAD, guint8, ID, (guint8) (a < b))                       \
DEF_BINARY (le_##SUF, TS, CT, LOAD, guint8, ID, (guint8) (a <= b))                      \
DEF_BINARY (gt_##SUF, TS, CT, LOAD, guint8, ID, (guint8) (a > b))                       \
DEF_BINARY (ge_##SUF, TS, CT, LOAD, guint8, ID, (guint8) (a >= b))                      \
DEF_BINARY (max_##SUF, TS, CT, LOAD, TS, STORE, fmax_##FS (a, b))                        \
DEF_BINARY (min_##SUF, TS, CT, LOAD, TS, STORE, fmin_##FS (a, b))                        \
DEF_UNARY (neg_##SUF, TS, CT, LOAD, TS, STORE, -a)                                      \
DEF_UNARY (pos_##SUF, TS, CT, LOAD, TS, STORE, a)                                       \
DEF_UNARY (abs_loop_##SUF, TS, CT, LOAD, TS, STORE, fabs##M (a))                        \
DEF_UNARY (sq_##SUF, TS, CT, LOAD, TS, STORE, a * a)                                    \
DEF_UNARY (sqrt_##SUF, TS, CT, LOAD, TS, STORE, sqrt##M (a))                            \
DEF_UNARY (exp_##SUF, TS, CT, LOAD, TS, STORE, exp##M (a))                              \
DEF_UNARY (log_##SUF, TS, CT, LOAD, TS, STORE, log##M (a))                              \
DEF_UNARY (sin_##SUF, TS, CT, LOAD, TS, STORE, sin##M (a))                              \
DEF_UNARY (cos_##SUF, TS, CT, LOAD, TS, STORE, cos##M (a))                              \
DEF_UNARY (tan_##SUF, TS, CT, LOAD, TS, STORE, tan##M (a))                              \
DEF_UNARY (asin_##SUF, TS, CT, LOAD, TS, STORE, asin##M (a))                            \
DEF_UNARY (acos_##SUF, TS, CT, LOAD, TS, STORE, acos##M (a))                            \
DEF_UNARY (atan_##SUF, TS, CT, LOAD, TS, STORE, atan##M (a))                            \
DEF_UNARY (sinh_##SUF, TS, CT, LOAD, TS, STORE, sinh##M (a))                            \
DEF_UNARY (cosh_##SUF, TS, CT, LOAD, TS, STORE, cosh##M (a))                            \
DEF_UNARY (tanh_##SUF, TS, CT, LOAD, TS, STORE, tanh##M (a))                            \
DEF_UNARY (expm1_##SUF, TS, CT, LOAD, TS, STORE, expm1##M (a))                          \
DEF_UNARY (log10_##SUF, TS, CT, LOAD, TS, STORE, log10##M (a))                          \
DEF_UNARY (log1p_##SUF, TS, CT, LOAD, TS, STORE, log1p##M (a))

FLOAT_LOOPS (f16, guint16, float, HALF_LOAD, HALF_STORE, f32, f)
FLOAT_LOOPS (f32, float, float, ID, ID, f32, f)
FLOAT_LOOPS (f64, double, double, ID, ID, f64, )

/* --- tables -------------------------------------------------------------- */

#define ROW_ALL(P, BOOLV) { BOOLV, P##_i8, P##_i16, P##_i32, P##_i64, P##_u8, P##_u16, \
                            P##_u32, P##_u64, P##_f16, P##_f32, P##_f64 }
#define ROW_INT(P, BOOLV) { BOOLV, P##_i8, P##_i16, P##_i32, P##_i64, P##_u8, P##_u16, \
                            P##_u32, P##_u64, NULL, NULL, NULL }
#define ROW_FLOAT(P)      { NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, \
                            P##_f16, P##_f32, P##_f64 }

static const PlBinaryLoop binary_table[PL_N_BINOPS][PL_N_DTYPES] = {
  [PL_BINOP_ADD] = ROW_ALL (add, add_b),
  [PL_BINOP_SUBTRACT] = ROW_ALL (sub, NULL),
  [PL_BINOP_MULTIPLY] = ROW_ALL (mul, mul_b),
  [PL_BINOP_TRUE_DIVIDE] = ROW_FLOAT (div),
  [PL_BINOP_FLOOR_DIVIDE] = ROW_ALL (fdiv_loop, NULL),
  [PL_BINOP_REMAINDER] = ROW_ALL (rem_loop, NULL),
  [PL_BINOP_POWER] = ROW_ALL (pow_loop, NULL),
  [PL_BINOP_AND] = ROW_INT (and, and_b),
  [PL_BINOP_OR] = ROW_INT (or, or_b),
  [PL_BINOP_XOR] = ROW_INT (xor, xor_b),
  [PL_BINOP_LSHIFT] = ROW_INT (lsh_loop, NULL),
  [PL_BINOP_RSHIFT] = ROW_INT (rsh_loop, NULL),
  [PL_BINOP_EQUAL] = ROW_ALL (eq, eq_b),
  [PL_BINOP_NOT_EQUAL] = ROW_ALL (ne, ne_b),
  [PL_BINOP_LESS] = ROW_ALL (lt, lt_b),
  [PL_BINOP_LESS_EQUAL] = ROW_ALL (le, le_b),
  [PL_BINOP_GREATER] = ROW_ALL (gt, gt_b),
  [PL_BINOP_GREATER_EQUAL] = ROW_ALL (ge, ge_b),
  [PL_BINOP_MAXIMUM] = ROW_ALL (max, max_b),
  [PL_BINOP_MINIMUM] = ROW_ALL (min, min_b),
  [PL_BINOP_ARCTAN2] = ROW_FLOAT (atan2),
};

static const PlUnaryLoop unary_table[PL_N_UNOPS][PL_N_DTYPES] = {
  [PL_UNOP_NEGATIVE] = ROW_ALL (neg, NULL),
  [PL_UNOP_POSITIVE] = ROW_ALL (pos, NULL),
  [PL_UNOP_ABSOLUTE] = ROW_ALL (abs_loop, abs_loop_b),
  [PL_UNOP_INVERT] = ROW_INT (inv, inv_b),
  [PL_UNOP_SQRT] = ROW_FLOAT (sqrt),
  [PL_UNOP_EXP] = ROW_FLOAT (exp),
  [PL_UNOP_LOG] = ROW_FLOAT (log),
  [PL_UNOP_SIN] = ROW_FLOAT (sin),
  [PL_UNOP_COS] = ROW_FLOAT (cos),
  [PL_UNOP_TAN] = ROW_FLOAT (tan),
  [PL_UNOP_ARCSIN] = ROW_FLOAT (asin),
  [PL_UNOP_ARCCOS] = ROW_FLOAT (acos),
  [PL_UNOP_ARCTAN] = ROW_FLOAT (atan),
  [PL_UNOP_SINH] = ROW_FLOAT (sinh),
  [PL_UNOP_COSH] = ROW_FLOAT (cosh),
  [PL_UNOP_TANH] = ROW_FLOAT (tanh),
  [PL_UNOP_EXPM1] = ROW_FLOAT (expm1),
  [PL_UNOP_LOG10] = ROW_FLOAT (log10),
  [PL_UNOP_LOG1P] = ROW_FLOAT (log1p),
  [PL_UNOP_SQUARE] = ROW_ALL (sq, NULL),
};

PlBinaryLoop
pl_kernel_binary (PlBinaryOp op,
                  PlDType    dtype)
{
  g_return_val_if_fail (op >= 0 && op < PL_N_BINOPS, NULL);
  g_return_val_if_fail (dtype >= 0 && dtype < PL_N_DTYPES, NULL);

  return binary_table[op][dtype];
}

PlUnaryLoop
pl_kernel_unary (PlUnaryOp op,
                 PlDType   dtype)
{
  g_return_val_if_fail (op >= 0 && op < PL_N_UNOPS, NULL);
  g_return_val_if_fail (dtype >= 0 && dtype < PL_N_DTYPES, NULL);

  return unary_table[op][dtype];
}

/* Whether a signed-integer array holds a negative value anywhere. */
gboolean
pl_kernel_has_negative (const PlArray *b)
{
  PlIter it;
  PlArray *ops[1] = { (PlArray *) b };
  guint8 *p[1];
  gint64 n;

  if (pl_dtype_kind (b->dtype) != PL_DTYPE_KIND_INT)
    return FALSE;
  if (!pl_iter_init (&it, 1, ops, b->ndim, b->shape, NULL))
    return FALSE;
  while (pl_iter_next (&it, p, &n))
    {
      gint64 s = it.inner_strides[0];

      for (gint64 k = 0; k < n; k++)
        {
          const guint8 *q = p[0] + k * s;
          gint64 v;

          switch (b->dtype)
            {
            case PL_DTYPE_INT8: v = *(const gint8 *) q; break;
            case PL_DTYPE_INT16: v = *(const gint16 *) q; break;
            case PL_DTYPE_INT32: v = *(const gint32 *) q; break;
            default: v = *(const gint64 *) q; break;
            }
          if (v < 0)
            return TRUE;
        }
    }
  return FALSE;
}
