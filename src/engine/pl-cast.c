/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "pl-cast.h"

#include <math.h>
#include <string.h>

/* Every dtype with its C storage type, the type its values are read as, how
 * to read one (LOAD) and how to store a value of any arithmetic type (STORE).
 * bool reads as 0/1 and stores "!= 0"; float16 reads as float and stores
 * through double with one rounding, as NumPy's half casts do. */

#define LOAD_PLAIN(T, p)  (*(const T *) (p))
#define LOAD_HALF(p)      pl_half_to_float (*(const guint16 *) (p))

/* Float to integer conversions as x86-64 does them (see pl-dtype.c): a plain
 * C cast is undefined behaviour for NaN and out-of-range values. */
static inline gint64
f2i64 (double v)
{
  if (!(v >= -9223372036854775808.0 && v < 9223372036854775808.0))
    return G_MININT64;
  return (gint64) v;
}

static inline gint32
f2i32 (double v)
{
  if (!(v > -2147483649.0 && v < 2147483648.0))
    return G_MININT32;
  return (gint32) v;
}

static inline guint64
f2u64 (double v)
{
  if (v >= 9223372036854775808.0 && v < 18446744073709551616.0)
    return (guint64) f2i64 (v - 9223372036854775808.0) + 0x8000000000000000ULL;
  return (guint64) f2i64 (v);
}

/* Conversions of a source value v to each destination. Integer sources use
 * the plain C conversions (wrapping); float sources the guarded ones. The
 * FROM_FLOAT flag is a compile-time constant so the branch folds away. */
#define TO_BOOL(v, ff)    ((guint8) ((v) != 0))
#define TO_INT8(v, ff)    ((gint8) ((ff) ? f2i32 (v) : (gint64) (v)))
#define TO_INT16(v, ff)   ((gint16) ((ff) ? f2i32 (v) : (gint64) (v)))
#define TO_INT32(v, ff)   ((gint32) ((ff) ? f2i32 (v) : (gint64) (v)))
#define TO_INT64(v, ff)   ((gint64) ((ff) ? f2i64 (v) : (gint64) (v)))
#define TO_UINT8(v, ff)   ((guint8) ((ff) ? f2i32 (v) : (gint64) (v)))
#define TO_UINT16(v, ff)  ((guint16) ((ff) ? f2i32 (v) : (gint64) (v)))
#define TO_UINT32(v, ff)  ((guint32) ((ff) ? f2i64 (v) : (gint64) (v)))
#define TO_UINT64(v, ff)  ((guint64) ((ff) ? f2u64 (v) : (guint64) (v)))
#define TO_FLOAT16(v, ff) (pl_double_to_half ((double) (v)))
#define TO_FLOAT32(v, ff) ((float) (v))
#define TO_FLOAT64(v, ff) ((double) (v))

/* Float sources into plain integer targets: the guarded path is only needed
 * for floats; (gint64) of an integer value of another width is exact. */

#define CAST_LOOP(FNAME, STYPE, LOAD, FF, DTYPE, TO)                            \
static void                                                                   \
FNAME (const guint8 *src, gint64 ss, guint8 *dst, gint64 ds, gint64 n)        \
{                                                                             \
  if (ss == (gint64) sizeof (STYPE) && ds == (gint64) sizeof (DTYPE))         \
    {                                                                         \
      const STYPE *restrict s = (const STYPE *) src;                          \
      DTYPE *restrict d = (DTYPE *) dst;                                      \
      for (gint64 i = 0; i < n; i++)                                          \
        d[i] = TO (LOAD (&s[i]), FF);                                         \
      return;                                                                 \
    }                                                                         \
  for (gint64 i = 0; i < n; i++, src += ss, dst += ds)                        \
    {                                                                         \
      DTYPE v = TO (LOAD (src), FF);                                          \
      memcpy (dst, &v, sizeof v);                                             \
    }                                                                         \
}

#define L_BOOL(p)    LOAD_PLAIN (guint8, p)
#define L_INT8(p)    LOAD_PLAIN (gint8, p)
#define L_INT16(p)   LOAD_PLAIN (gint16, p)
#define L_INT32(p)   LOAD_PLAIN (gint32, p)
#define L_INT64(p)   LOAD_PLAIN (gint64, p)
#define L_UINT8(p)   LOAD_PLAIN (guint8, p)
#define L_UINT16(p)  LOAD_PLAIN (guint16, p)
#define L_UINT32(p)  LOAD_PLAIN (guint32, p)
#define L_UINT64(p)  LOAD_PLAIN (guint64, p)
#define L_FLOAT16(p) LOAD_HALF (p)
#define L_FLOAT32(p) LOAD_PLAIN (float, p)
#define L_FLOAT64(p) LOAD_PLAIN (double, p)

/* Source dtypes: name, storage type, whether its values are floats. */
#define FOREACH_SRC(X, D, DT, TO) \
  X (BOOL, guint8, 0, D, DT, TO) \
  X (INT8, gint8, 0, D, DT, TO) \
  X (INT16, gint16, 0, D, DT, TO) \
  X (INT32, gint32, 0, D, DT, TO) \
  X (INT64, gint64, 0, D, DT, TO) \
  X (UINT8, guint8, 0, D, DT, TO) \
  X (UINT16, guint16, 0, D, DT, TO) \
  X (UINT32, guint32, 0, D, DT, TO) \
  X (UINT64, guint64, 0, D, DT, TO) \
  X (FLOAT16, guint16, 1, D, DT, TO) \
  X (FLOAT32, float, 1, D, DT, TO) \
  X (FLOAT64, double, 1, D, DT, TO)

#define DEF_ONE(S, STYPE, FF, D, DTYPE, TO) \
  CAST_LOOP (cast_##S##_to_##D, STYPE, L_##S, FF, DTYPE, TO)

#define DEF_TO(D, DTYPE) FOREACH_SRC (DEF_ONE, D, DTYPE, TO_##D)

DEF_TO (BOOL, guint8)
DEF_TO (INT8, gint8)
DEF_TO (INT16, gint16)
DEF_TO (INT32, gint32)
DEF_TO (INT64, gint64)
DEF_TO (UINT8, guint8)
DEF_TO (UINT16, guint16)
DEF_TO (UINT32, guint32)
DEF_TO (UINT64, guint64)
DEF_TO (FLOAT16, guint16)
DEF_TO (FLOAT32, float)
DEF_TO (FLOAT64, double)

#define ROW(S) { cast_##S##_to_BOOL, cast_##S##_to_INT8, cast_##S##_to_INT16,      \
                 cast_##S##_to_INT32, cast_##S##_to_INT64, cast_##S##_to_UINT8,    \
                 cast_##S##_to_UINT16, cast_##S##_to_UINT32, cast_##S##_to_UINT64, \
                 cast_##S##_to_FLOAT16, cast_##S##_to_FLOAT32, cast_##S##_to_FLOAT64 }

static const PlCastLoop cast_table[PL_N_DTYPES][PL_N_DTYPES] = {
  ROW (BOOL), ROW (INT8), ROW (INT16), ROW (INT32), ROW (INT64),
  ROW (UINT8), ROW (UINT16), ROW (UINT32), ROW (UINT64),
  ROW (FLOAT16), ROW (FLOAT32), ROW (FLOAT64),
};

/* Same-dtype "casts" are copies. */
#define COPY_LOOP(FNAME, T)                                                    \
static void                                                                   \
FNAME (const guint8 *src, gint64 ss, guint8 *dst, gint64 ds, gint64 n)        \
{                                                                             \
  if (ss == (gint64) sizeof (T) && ds == (gint64) sizeof (T))                 \
    {                                                                         \
      memmove (dst, src, (gsize) n * sizeof (T));                             \
      return;                                                                 \
    }                                                                         \
  if (ds == (gint64) sizeof (T))                                              \
    {                                                                         \
      T *restrict d = (T *) dst;                                              \
      for (gint64 i = 0; i < n; i++, src += ss)                               \
        d[i] = *(const T *) src;                                              \
      return;                                                                 \
    }                                                                         \
  for (gint64 i = 0; i < n; i++, src += ss, dst += ds)                        \
    *(T *) dst = *(const T *) src;                                            \
}

COPY_LOOP (copy_1, guint8)
COPY_LOOP (copy_2, guint16)
COPY_LOOP (copy_4, guint32)
COPY_LOOP (copy_8, guint64)

/**
 * pl_cast_get_loop:
 *
 * Returns: the loop that converts elements of @from into @to (a copy loop
 *   when they are the same dtype). Never %NULL for valid dtypes.
 */
PlCastLoop
pl_cast_get_loop (PlDType from,
                  PlDType to)
{
  g_return_val_if_fail (from >= 0 && from < PL_N_DTYPES, NULL);
  g_return_val_if_fail (to >= 0 && to < PL_N_DTYPES, NULL);

  if (from == to)
    {
      switch (pl_dtype_itemsize (from))
        {
        case 1: return copy_1;
        case 2: return copy_2;
        case 4: return copy_4;
        default: return copy_8;
        }
    }
  return cast_table[from][to];
}

/* NumPy's ordering of kinds for same_kind casting: b < u < i < f. */
static int
kind_order (PlDType dtype)
{
  switch (pl_dtype_kind (dtype))
    {
    case PL_DTYPE_KIND_BOOL: return 0;
    case PL_DTYPE_KIND_UINT: return 1;
    case PL_DTYPE_KIND_INT: return 2;
    case PL_DTYPE_KIND_FLOAT:
    default: return 3;
    }
}

static gboolean
can_cast_safe (PlDType from,
               PlDType to)
{
  PlDTypeKind fk = pl_dtype_kind (from);
  PlDTypeKind tk = pl_dtype_kind (to);
  gsize fs = pl_dtype_itemsize (from);
  gsize ts = pl_dtype_itemsize (to);

  if (from == to || fk == PL_DTYPE_KIND_BOOL)
    return TRUE;
  switch (tk)
    {
    case PL_DTYPE_KIND_BOOL:
      return FALSE;
    case PL_DTYPE_KIND_UINT:
      return fk == PL_DTYPE_KIND_UINT && ts >= fs;
    case PL_DTYPE_KIND_INT:
      return (fk == PL_DTYPE_KIND_INT && ts >= fs) || (fk == PL_DTYPE_KIND_UINT && ts > fs);
    case PL_DTYPE_KIND_FLOAT:
    default:
      if (fk == PL_DTYPE_KIND_FLOAT)
        return ts >= fs;
      /* Integers go to the float whose mantissa holds them; 64-bit ints go
       * to float64 all the same, as NumPy allows. */
      if (fs == 1)
        return TRUE;
      if (fs == 2)
        return ts >= 4;
      return ts == 8;
    }
}

/**
 * pl_can_cast:
 *
 * Returns: np.can_cast (@from, @to, casting=@casting) for dtypes.
 */
gboolean
pl_can_cast (PlDType   from,
             PlDType   to,
             PlCasting casting)
{
  g_return_val_if_fail (from >= 0 && from < PL_N_DTYPES, FALSE);
  g_return_val_if_fail (to >= 0 && to < PL_N_DTYPES, FALSE);

  switch (casting)
    {
    case PL_CASTING_NO:
    case PL_CASTING_EQUIV:
      return from == to;
    case PL_CASTING_SAFE:
      return can_cast_safe (from, to);
    case PL_CASTING_SAME_KIND:
      return can_cast_safe (from, to) || kind_order (from) <= kind_order (to);
    case PL_CASTING_UNSAFE:
    default:
      return TRUE;
    }
}

const char *
pl_casting_name (PlCasting casting)
{
  switch (casting)
    {
    case PL_CASTING_NO: return "no";
    case PL_CASTING_EQUIV: return "equiv";
    case PL_CASTING_SAFE: return "safe";
    case PL_CASTING_SAME_KIND: return "same_kind";
    case PL_CASTING_UNSAFE:
    default: return "unsafe";
    }
}
