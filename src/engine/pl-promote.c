/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "pl-promote.h"
#include "pl-cast.h"

#include <math.h>

const char *
pl_binary_op_ufunc_name (PlBinaryOp op)
{
  static const char *names[PL_N_BINOPS] = {
    "add", "subtract", "multiply", "divide", "floor_divide", "remainder",
    "power", "bitwise_and", "bitwise_or", "bitwise_xor", "left_shift",
    "right_shift", "equal", "not_equal", "less", "less_equal", "greater",
    "greater_equal", "maximum", "minimum", "arctan2",
  };

  g_return_val_if_fail (op >= 0 && op < PL_N_BINOPS, "?");
  return names[op];
}

const char *
pl_unary_op_ufunc_name (PlUnaryOp op)
{
  static const char *names[PL_N_UNOPS] = {
    "negative", "positive", "absolute", "invert", "sqrt", "exp", "log",
    "sin", "cos", "tan", "arcsin", "arccos", "arctan", "sinh", "cosh",
    "tanh", "expm1", "log10", "log1p", "square",
  };

  g_return_val_if_fail (op >= 0 && op < PL_N_UNOPS, "?");
  return names[op];
}

/* bool < int/uint < float: NumPy's dtype_kind_to_simplified_ordering. */
static int
kind_category (PlDType dtype)
{
  switch (pl_dtype_kind (dtype))
    {
    case PL_DTYPE_KIND_BOOL: return 0;
    case PL_DTYPE_KIND_INT:
    case PL_DTYPE_KIND_UINT: return 1;
    case PL_DTYPE_KIND_FLOAT:
    default: return 2;
    }
}

static PlDType
unsigned_to_signed (PlDType dtype)
{
  switch (dtype)
    {
    case PL_DTYPE_UINT8: return PL_DTYPE_INT8;
    case PL_DTYPE_UINT16: return PL_DTYPE_INT16;
    case PL_DTYPE_UINT32: return PL_DTYPE_INT32;
    case PL_DTYPE_UINT64: return PL_DTYPE_INT64;
    default: return dtype;
    }
}

/* NumPy's min_scalar_type_num for the value of a 0-d array: non-negative
 * integers give the smallest unsigned type, flagged "small" when the value
 * also fits the signed type of that size. */
static PlDType
min_scalar_type (const PlArray *a,
                 gboolean      *small_unsigned)
{
  const guint8 *p = a->data;

  *small_unsigned = FALSE;
  if (a->ndim > 0)
    return a->dtype;

  switch (pl_dtype_kind (a->dtype))
    {
    case PL_DTYPE_KIND_BOOL:
      return PL_DTYPE_BOOL;

    case PL_DTYPE_KIND_INT:
    case PL_DTYPE_KIND_UINT:
      {
        gboolean neg = FALSE;
        guint64 u = 0;
        gint64 i = 0;

        switch (a->dtype)
          {
          case PL_DTYPE_INT8: i = *(const gint8 *) p; neg = i < 0; break;
          case PL_DTYPE_INT16: i = *(const gint16 *) p; neg = i < 0; break;
          case PL_DTYPE_INT32: i = *(const gint32 *) p; neg = i < 0; break;
          case PL_DTYPE_INT64: i = *(const gint64 *) p; neg = i < 0; break;
          case PL_DTYPE_UINT8: u = *(const guint8 *) p; break;
          case PL_DTYPE_UINT16: u = *(const guint16 *) p; break;
          case PL_DTYPE_UINT32: u = *(const guint32 *) p; break;
          case PL_DTYPE_UINT64: u = *(const guint64 *) p; break;
          default: g_assert_not_reached ();
          }
        if (pl_dtype_kind (a->dtype) == PL_DTYPE_KIND_INT && !neg)
          u = (guint64) i;
        if (neg)
          {
            if (i >= G_MININT8)
              return PL_DTYPE_INT8;
            if (i >= G_MININT16)
              return PL_DTYPE_INT16;
            if (i >= G_MININT32)
              return PL_DTYPE_INT32;
            return PL_DTYPE_INT64;
          }
        if (u <= G_MAXUINT8)
          {
            *small_unsigned = u <= G_MAXINT8;
            return PL_DTYPE_UINT8;
          }
        if (u <= G_MAXUINT16)
          {
            *small_unsigned = u <= G_MAXINT16;
            return PL_DTYPE_UINT16;
          }
        if (u <= G_MAXUINT32)
          {
            *small_unsigned = u <= G_MAXINT32;
            return PL_DTYPE_UINT32;
          }
        *small_unsigned = u <= G_MAXINT64;
        return PL_DTYPE_UINT64;
      }

    case PL_DTYPE_KIND_FLOAT:
    default:
      {
        double v;

        if (a->dtype == PL_DTYPE_FLOAT16)
          return PL_DTYPE_FLOAT16;
        v = a->dtype == PL_DTYPE_FLOAT32 ? (double) *(const float *) p : *(const double *) p;
        if ((v > -65000 && v < 65000) || !isfinite (v))
          return PL_DTYPE_FLOAT16;
        if (a->dtype == PL_DTYPE_FLOAT64 && v > -3.4e38 && v < 3.4e38)
          return PL_DTYPE_FLOAT32;
        return a->dtype;
      }
    }
}

/* NumPy's promote_types with the small-unsigned flags. */
static PlDType
promote_small (PlDType  t1,
               PlDType  t2,
               gboolean small1,
               gboolean small2)
{
  if (small1 && pl_dtype_kind (t2) != PL_DTYPE_KIND_BOOL &&
      pl_dtype_kind (t2) != PL_DTYPE_KIND_UINT)
    return pl_dtype_promote (unsigned_to_signed (t1), t2);
  if (small2 && pl_dtype_kind (t1) != PL_DTYPE_KIND_BOOL &&
      pl_dtype_kind (t1) != PL_DTYPE_KIND_UINT)
    return pl_dtype_promote (t1, unsigned_to_signed (t2));
  return pl_dtype_promote (t1, t2);
}

static gboolean
should_use_min_scalar (guint                 n,
                       const PlArray *const *arrays)
{
  int max_scalar = -1, max_array = -1;
  gboolean all_scalars = TRUE;

  for (guint k = 0; k < n; k++)
    {
      int kind = kind_category (arrays[k]->dtype);

      if (arrays[k]->ndim == 0)
        max_scalar = MAX (max_scalar, kind);
      else
        {
          max_array = MAX (max_array, kind);
          all_scalars = FALSE;
        }
    }
  return !all_scalars && max_array >= max_scalar;
}

/**
 * pl_result_type_arrays:
 *
 * Returns: NumPy 1.24's np.result_type (*@arrays).
 */
PlDType
pl_result_type_arrays (guint                 n,
                       const PlArray *const *arrays)
{
  PlDType ret;
  gboolean ret_small;

  g_return_val_if_fail (n >= 1 && arrays != NULL, PL_DTYPE_NONE);

  if (n == 1)
    return arrays[0]->dtype;

  if (!should_use_min_scalar (n, arrays))
    {
      ret = arrays[0]->dtype;
      for (guint k = 1; k < n; k++)
        ret = pl_dtype_promote (ret, arrays[k]->dtype);
      return ret;
    }

  ret = min_scalar_type (arrays[0], &ret_small);
  for (guint k = 1; k < n; k++)
    {
      gboolean small;
      PlDType t = min_scalar_type (arrays[k], &small);

      ret = promote_small (t, ret, small, ret_small);
      ret_small = small && ret_small;
    }
  return ret;
}

/* NumPy's can_cast_scalar_to for safe casting. */
gboolean
pl_can_cast_array_safe (const PlArray *a,
                        PlDType        to)
{
  gboolean small;
  PlDType t;

  g_return_val_if_fail (a != NULL, FALSE);

  if (a->dtype == to || pl_can_cast (a->dtype, to, PL_CASTING_SAFE))
    return TRUE;
  if (a->ndim > 0)
    return FALSE;
  t = min_scalar_type (a, &small);
  if (small && pl_dtype_kind (to) != PL_DTYPE_KIND_UINT)
    t = unsigned_to_signed (t);
  return pl_can_cast (t, to, PL_CASTING_SAFE);
}

/* The loops NumPy registers, in its search order (type numbers: ? b B h H
 * i I l L e f d; int and long long are the same on Linux). */
static const PlDType search_order[] = {
  PL_DTYPE_BOOL, PL_DTYPE_INT8, PL_DTYPE_UINT8, PL_DTYPE_INT16, PL_DTYPE_UINT16,
  PL_DTYPE_INT32, PL_DTYPE_UINT32, PL_DTYPE_INT64, PL_DTYPE_UINT64,
  PL_DTYPE_FLOAT16, PL_DTYPE_FLOAT32, PL_DTYPE_FLOAT64,
};

typedef enum
{
  LOOPS_BOOL = 1 << 0,
  LOOPS_INT = 1 << 1,
  LOOPS_FLOAT = 1 << 2,
} LoopSet;

static gboolean
loopset_has (guint set, PlDType dtype)
{
  switch (pl_dtype_kind (dtype))
    {
    case PL_DTYPE_KIND_BOOL: return (set & LOOPS_BOOL) != 0;
    case PL_DTYPE_KIND_INT:
    case PL_DTYPE_KIND_UINT: return (set & LOOPS_INT) != 0;
    case PL_DTYPE_KIND_FLOAT:
    default: return (set & LOOPS_FLOAT) != 0;
    }
}

static guint
binary_loops (PlBinaryOp op)
{
  switch (op)
    {
    case PL_BINOP_TRUE_DIVIDE:
    case PL_BINOP_ARCTAN2:
      return LOOPS_FLOAT;
    case PL_BINOP_FLOOR_DIVIDE:
    case PL_BINOP_REMAINDER:
    case PL_BINOP_POWER:
      return LOOPS_INT | LOOPS_FLOAT;
    case PL_BINOP_AND:
    case PL_BINOP_OR:
    case PL_BINOP_XOR:
      return LOOPS_BOOL | LOOPS_INT;
    case PL_BINOP_LSHIFT:
    case PL_BINOP_RSHIFT:
      return LOOPS_INT;
    default:
      return LOOPS_BOOL | LOOPS_INT | LOOPS_FLOAT;
    }
}

static guint
unary_loops (PlUnaryOp op)
{
  switch (op)
    {
    case PL_UNOP_NEGATIVE:
    case PL_UNOP_POSITIVE:
    case PL_UNOP_SQUARE:
      return LOOPS_INT | LOOPS_FLOAT;
    case PL_UNOP_ABSOLUTE:
      return LOOPS_BOOL | LOOPS_INT | LOOPS_FLOAT;
    case PL_UNOP_INVERT:
      return LOOPS_BOOL | LOOPS_INT;
    default:
      return LOOPS_FLOAT;
    }
}

static gboolean
is_comparison (PlBinaryOp op)
{
  return op >= PL_BINOP_EQUAL && op <= PL_BINOP_GREATER_EQUAL;
}

static void
set_no_loop_error (GError     **error,
                   const char  *name)
{
  g_set_error (error, PL_ERROR, PL_ERROR_TYPE,
               "ufunc '%s' not supported for the input types, and the inputs could "
               "not be safely coerced to any supported types according to the "
               "casting rule ''safe''", name);
}

gboolean
pl_resolve_binary (PlBinaryOp     op,
                   const PlArray *a,
                   const PlArray *b,
                   const PlArray *out,
                   PlDType        forced,
                   PlDType       *loop_dtype,
                   PlDType       *out_dtype,
                   GError       **error)
{
  const PlArray *ops[2] = { a, b };
  const char *name = pl_binary_op_ufunc_name (op);
  guint loops = binary_loops (op);
  gboolean int_inputs;

  g_return_val_if_fail (op >= 0 && op < PL_N_BINOPS, FALSE);
  g_return_val_if_fail (a != NULL && b != NULL, FALSE);

  if (op == PL_BINOP_SUBTRACT && a->dtype == PL_DTYPE_BOOL && b->dtype == PL_DTYPE_BOOL)
    {
      g_set_error_literal (error, PL_ERROR, PL_ERROR_TYPE,
                           "numpy boolean subtract, the `-` operator, is not supported, "
                           "use the bitwise_xor, the `^` operator, or the logical_xor "
                           "function instead.");
      return FALSE;
    }

  if (forced != PL_DTYPE_NONE)
    {
      /* dtype= fixes the loop; the inputs must cast to it with same_kind. */
      if (!loopset_has (loops, forced) ||
          (op == PL_BINOP_SUBTRACT && forced == PL_DTYPE_BOOL))
        {
          g_set_error (error, PL_ERROR, PL_ERROR_TYPE,
                       "No loop matching the specified signature and casting was found for ufunc %s",
                       name);
          return FALSE;
        }
      for (guint k = 0; k < 2; k++)
        if (!pl_can_cast (ops[k]->dtype, forced, PL_CASTING_SAME_KIND))
          {
            g_set_error (error, PL_ERROR, PL_ERROR_TYPE,
                         "Cannot cast ufunc '%s' input %u from dtype('%s') to dtype('%s') with casting rule 'same_kind'",
                         name, k, pl_dtype_name (ops[k]->dtype), pl_dtype_name (forced));
            return FALSE;
          }
      *loop_dtype = forced;
      *out_dtype = is_comparison (op) ? PL_DTYPE_BOOL : forced;
      return TRUE;
    }

  switch (op)
    {
    case PL_BINOP_ADD:
    case PL_BINOP_SUBTRACT:
    case PL_BINOP_MULTIPLY:
    case PL_BINOP_MAXIMUM:
    case PL_BINOP_MINIMUM:
    case PL_BINOP_EQUAL:
    case PL_BINOP_NOT_EQUAL:
    case PL_BINOP_LESS:
    case PL_BINOP_LESS_EQUAL:
    case PL_BINOP_GREATER:
    case PL_BINOP_GREATER_EQUAL:
      /* NumPy's SimpleUniformOperation and SimpleBinaryComparison type
       * resolvers: every input becomes np.result_type (a, b). */
      *loop_dtype = pl_result_type_arrays (2, ops);
      *out_dtype = is_comparison (op) ? PL_DTYPE_BOOL : *loop_dtype;
      return TRUE;
    default:
      break;
    }

  int_inputs = pl_dtype_kind (a->dtype) != PL_DTYPE_KIND_FLOAT &&
               pl_dtype_kind (b->dtype) != PL_DTYPE_KIND_FLOAT;
  if (op == PL_BINOP_TRUE_DIVIDE && int_inputs)
    {
      /* TrueDivisionTypeResolver: integers and bools divide in float64. */
      *loop_dtype = *out_dtype = PL_DTYPE_FLOAT64;
      return TRUE;
    }

  /* The default resolver: the first registered loop that both inputs cast
   * to safely (by value for 0-d operands when arrays are present). An out=
   * array does not take part: NumPy 1.24 checks its casting afterwards
   * ("Cannot cast ufunc 'floor_divide' output from dtype('float64') ..."). */
  {
    gboolean use_min = should_use_min_scalar (2, ops);

    for (gsize i = 0; i < G_N_ELEMENTS (search_order); i++)
      {
        PlDType t = search_order[i];
        gboolean ok = loopset_has (loops, t);

        for (guint k = 0; ok && k < 2; k++)
          ok = use_min ? pl_can_cast_array_safe (ops[k], t)
                       : pl_can_cast (ops[k]->dtype, t, PL_CASTING_SAFE);
        if (ok)
          {
            *loop_dtype = *out_dtype = t;
            return TRUE;
          }
      }

  }

  set_no_loop_error (error, name);
  return FALSE;
}

gboolean
pl_resolve_unary (PlUnaryOp      op,
                  const PlArray *a,
                  PlDType        forced,
                  PlDType       *loop_dtype,
                  PlDType       *out_dtype,
                  GError       **error)
{
  const char *name = pl_unary_op_ufunc_name (op);
  guint loops = unary_loops (op);

  g_return_val_if_fail (op >= 0 && op < PL_N_UNOPS, FALSE);
  g_return_val_if_fail (a != NULL, FALSE);

  if (op == PL_UNOP_NEGATIVE && a->dtype == PL_DTYPE_BOOL && forced == PL_DTYPE_NONE)
    {
      g_set_error_literal (error, PL_ERROR, PL_ERROR_TYPE,
                           "The numpy boolean negative, the `-` operator, is not supported, "
                           "use the `~` operator or the logical_not function instead.");
      return FALSE;
    }
  if (op == PL_UNOP_POSITIVE && a->dtype == PL_DTYPE_BOOL && forced == PL_DTYPE_NONE)
    {
      g_set_error (error, PL_ERROR, PL_ERROR_TYPE,
                   "ufunc 'positive' did not contain a loop with signature matching types "
                   "<class 'numpy.dtype[bool_]'> -> None");
      return FALSE;
    }

  if (forced != PL_DTYPE_NONE)
    {
      if (!loopset_has (loops, forced))
        {
          g_set_error (error, PL_ERROR, PL_ERROR_TYPE,
                       "No loop matching the specified signature and casting was found for ufunc %s",
                       name);
          return FALSE;
        }
      if (!pl_can_cast (a->dtype, forced, PL_CASTING_SAME_KIND))
        {
          g_set_error (error, PL_ERROR, PL_ERROR_TYPE,
                       "Cannot cast ufunc '%s' input from dtype('%s') to dtype('%s') with casting rule 'same_kind'",
                       name, pl_dtype_name (a->dtype), pl_dtype_name (forced));
          return FALSE;
        }
      *loop_dtype = *out_dtype = forced;
      return TRUE;
    }

  /* Unary ufuncs have one input: value-based casting never applies. */
  for (gsize i = 0; i < G_N_ELEMENTS (search_order); i++)
    {
      PlDType t = search_order[i];

      if (loopset_has (loops, t) && pl_can_cast (a->dtype, t, PL_CASTING_SAFE))
        {
          *loop_dtype = *out_dtype = t;
          return TRUE;
        }
    }

  set_no_loop_error (error, name);
  return FALSE;
}

/**
 * pl_result_type:
 *
 * Returns: the dtype of `a op b` in NumPy 1.24, or %PL_DTYPE_NONE when
 *   NumPy raises a TypeError for these operands.
 */
PlDType
pl_result_type (PlBinaryOp     op,
                const PlArray *a,
                const PlArray *b)
{
  PlDType loop, out;

  g_return_val_if_fail (a != NULL && b != NULL, PL_DTYPE_NONE);

  if (!pl_resolve_binary (op, a, b, NULL, PL_DTYPE_NONE, &loop, &out, NULL))
    return PL_DTYPE_NONE;
  return out;
}
