/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "pl-array.h"
#include "pl-assign.h"
#include "pl-kernels-private.h"
#include "pl-promote.h"

#include <string.h>

/* Python operator semantics, including NumPy's temporary elision
 * (numpy/core/src/multiarray/temp_elide.c, since 1.13): in `a * 2 + 1`, the
 * temporary `a * 2` is referenced only by the expression (ref_count 1), so
 * `+ 1` can write into it instead of allocating. The conditions are NumPy's:
 * the temporary owns its writeable data, is at least
 * PL_ELIDE_THRESHOLD_BYTES, the other operand is 0-d or has the same shape,
 * and it casts safely (by value for 0-d operands) to the temporary's dtype.
 * Commutative operators try either operand; `- / // << >>` only the left;
 * true division only elides a float left operand. Unary `- ~ abs()` elide
 * too, and `x ** 2` becomes np.square (and `** 0.5` sqrt, ...) as NumPy's
 * fast_scalar_power does. Explicit ufunc calls (pl_ufunc_*) never elide. */

static gint elision_enabled = 1;

/**
 * pl_engine_set_elision:
 *
 * Turns NumPy's temporary elision on (the default) or off, so a user can see
 * what the same code would cost without it.
 */
void
pl_engine_set_elision (gboolean enabled)
{
  g_atomic_int_set (&elision_enabled, enabled ? 1 : 0);
}

gboolean
pl_engine_get_elision (void)
{
  return g_atomic_int_get (&elision_enabled) != 0;
}

/* NumPy's can_elide_temp_unary. */
static gboolean
can_elide_temp_unary (const PlArray *a)
{
  return pl_engine_get_elision () &&
         a->ref_count == 1 &&
         a->base == NULL && a->buffer != NULL &&
         (a->flags & PL_ARRAY_FLAG_WRITEABLE) != 0 &&
         pl_array_get_nbytes (a) >= PL_ELIDE_THRESHOLD_BYTES;
}

/* NumPy's can_elide_temp (lhs is the candidate temporary). */
static gboolean
can_elide_temp (const PlArray *lhs,
                const PlArray *rhs)
{
  if (!can_elide_temp_unary (lhs))
    return FALSE;
  if (!(rhs->ndim == 0 ||
        (rhs->ndim == lhs->ndim &&
         memcmp (rhs->shape, lhs->shape, sizeof (gint64) * (gsize) lhs->ndim) == 0)))
    return FALSE;
  return pl_can_cast_array_safe (rhs, lhs->dtype);
}

static void
note_elision (PlArray *temp)
{
  pl_alloc_note_elision (temp->buffer->id, pl_array_get_nbytes (temp));
}

static PlArray *
inplace_binary (PlBinaryOp  op,
                PlArray    *a,
                PlArray    *b,
                GError    **error)
{
  PlDType loop, res;

  if (!pl_resolve_binary (op, a, b, a, PL_DTYPE_NONE, &loop, &res, error))
    return NULL;
  return pl_ufunc_exec_binary (op, a, b, a, loop, res, error);
}

static PlArray *
unary_into (PlUnaryOp  op,
            PlArray   *a,
            PlArray   *out,
            GError   **error)
{
  PlDType loop, res;

  if (!pl_resolve_unary (op, a, PL_DTYPE_NONE, &loop, &res, error))
    return NULL;
  return pl_ufunc_exec_unary (op, a, out, loop, error);
}

/* NumPy's fast_scalar_power for float arrays: 1 -> positive, -1 ->
 * reciprocal, 0 -> ones_like, 0.5 -> sqrt, 2 -> square. */
typedef enum
{
  FAST_NONE, FAST_POSITIVE, FAST_RECIPROCAL, FAST_ONES, FAST_SQRT, FAST_SQUARE,
} FastPower;

static PlArray *fast_float_power_into (FastPower kind, PlArray *a, PlArray *out, GError **error);

static PlArray *
fast_float_power (FastPower  kind,
                  PlArray   *a,
                  gboolean   inplace,
                  GError   **error)
{
  PlArray *out = NULL;
  PlArray *result;

  if (inplace || can_elide_temp_unary (a))
    out = a;

  result = fast_float_power_into (kind, a, out, error);
  if (result != NULL && out != NULL && !inplace)
    note_elision (a);
  return result;
}

static PlArray *
fast_float_power_into (FastPower  kind,
                       PlArray   *a,
                       PlArray   *out,
                       GError   **error)
{
  switch (kind)
    {
    case FAST_POSITIVE:
      return unary_into (PL_UNOP_POSITIVE, a, out, error);
    case FAST_SQRT:
      return unary_into (PL_UNOP_SQRT, a, out, error);
    case FAST_SQUARE:
      return unary_into (PL_UNOP_SQUARE, a, out, error);
    case FAST_RECIPROCAL:
      {
        PlScalar one = { .kind = PL_DTYPE_KIND_FLOAT, .f = 1.0 };
        g_autoptr(PlArray) one_arr = pl_array_new_scalar (&one, a->dtype);

        return pl_ufunc_exec_binary (PL_BINOP_TRUE_DIVIDE, one_arr, a, out,
                                     a->dtype, a->dtype, error);
      }
    case FAST_ONES:
      {
        PlScalar one = { .kind = PL_DTYPE_KIND_FLOAT, .f = 1.0 };
        PlArray *result;

        if (out != NULL)
          result = pl_array_ref (out);
        else
          {
            result = pl_array_new (a->ndim, a->shape, a->dtype, PL_ALLOC_INIT_NONE,
                                   PL_ALLOC_REASON_RESULT, error);
            if (result == NULL)
              return NULL;
          }
        pl_array_fill (result, &one);
        return result;
      }
    case FAST_NONE:
    default:
      g_assert_not_reached ();
    }
  return NULL;
}

/* Returns TRUE and sets *@result (or @error) when `a ** b` takes one of
 * NumPy's fast paths; FALSE to fall through to np.power. */
static gboolean
try_fast_power (PlArray   *a,
                PlArray   *b,
                gboolean   inplace,
                PlArray  **result,
                GError   **error)
{
  PlScalar s;
  double e;
  FastPower kind = FAST_NONE;

  if (b->ndim != 0)
    return FALSE;
  s = pl_array_get_flat (b, 0);
  e = pl_scalar_to_double (&s);

  if (pl_dtype_kind (a->dtype) == PL_DTYPE_KIND_FLOAT)
    {
      if (e == 1.0)
        kind = FAST_POSITIVE;
      else if (e == -1.0)
        kind = FAST_RECIPROCAL;
      else if (e == 0.0)
        kind = FAST_ONES;
      else if (e == 0.5)
        kind = FAST_SQRT;
      else if (e == 2.0)
        kind = FAST_SQUARE;
      else
        return FALSE;
      *result = fast_float_power (kind, a, inplace, error);
      return TRUE;
    }

  if (e != 2.0)
    return FALSE;

  if (inplace)
    *result = unary_into (PL_UNOP_SQUARE, a, a, error);
  else if (s.kind == PL_DTYPE_KIND_FLOAT && pl_dtype_kind (a->dtype) != PL_DTYPE_KIND_BOOL)
    {
      /* int ** 2.0: NumPy casts to float64 (an allocation) and squares that
       * new array in place. */
      g_autoptr(PlArray) f = pl_array_new (a->ndim, a->shape, PL_DTYPE_FLOAT64,
                                           PL_ALLOC_INIT_NONE,
                                           PL_ALLOC_REASON_RESULT, error);

      if (f == NULL || !pl_array_assign (f, a, error))
        *result = NULL;
      else
        *result = unary_into (PL_UNOP_SQUARE, f, f, error);
    }
  else
    *result = unary_into (PL_UNOP_SQUARE, a, NULL, error);
  return TRUE;
}

static gboolean
is_commutative (PlBinaryOp op)
{
  return op == PL_BINOP_ADD || op == PL_BINOP_MULTIPLY || op == PL_BINOP_AND ||
         op == PL_BINOP_OR || op == PL_BINOP_XOR;
}

static gboolean
elides_left (PlBinaryOp op,
             PlArray   *a)
{
  switch (op)
    {
    case PL_BINOP_SUBTRACT:
    case PL_BINOP_FLOOR_DIVIDE:
    case PL_BINOP_LSHIFT:
    case PL_BINOP_RSHIFT:
      return TRUE;
    case PL_BINOP_TRUE_DIVIDE:
      return pl_dtype_kind (a->dtype) == PL_DTYPE_KIND_FLOAT;
    default:
      return is_commutative (op);
    }
}

/**
 * pl_array_binary:
 *
 * `a op b` as Python evaluates it on NumPy arrays. Operands with ref_count 1
 * are unnamed temporaries and may receive the result (see above).
 */
PlArray *
pl_array_binary (PlBinaryOp  op,
                 PlArray    *a,
                 PlArray    *b,
                 GError    **error)
{
  g_return_val_if_fail (op >= 0 && op < PL_N_BINOPS, NULL);
  g_return_val_if_fail (a != NULL && b != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (op == PL_BINOP_POWER)
    {
      PlArray *result = NULL;

      if (try_fast_power (a, b, FALSE, &result, error))
        return result;
    }

  if (elides_left (op, a) && can_elide_temp (a, b))
    {
      PlArray *r = inplace_binary (op, a, b, error);

      if (r != NULL)
        note_elision (a);
      return r;
    }
  if (is_commutative (op) && can_elide_temp (b, a))
    {
      PlArray *r = inplace_binary (op, b, a, error);

      if (r != NULL)
        note_elision (b);
      return r;
    }

  return pl_ufunc_binary (op, a, b, NULL, PL_DTYPE_NONE, error);
}

/**
 * pl_array_unary:
 *
 * `-a`, `+a`, `abs (a)`, `~a`; `- ~ abs` elide a temporary operand.
 */
PlArray *
pl_array_unary (PlUnaryOp  op,
                PlArray   *a,
                GError   **error)
{
  g_return_val_if_fail (op >= 0 && op < PL_N_UNOPS, NULL);
  g_return_val_if_fail (a != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if ((op == PL_UNOP_NEGATIVE || op == PL_UNOP_INVERT || op == PL_UNOP_ABSOLUTE) &&
      can_elide_temp_unary (a))
    {
      PlArray *r = unary_into (op, a, a, error);

      if (r != NULL)
        note_elision (a);
      return r;
    }
  return unary_into (op, a, NULL, error);
}

/**
 * pl_array_inplace:
 *
 * `a op= b`: np.op (a, b, out=a) with NumPy's same_kind rule for the
 * output ("Cannot cast ufunc 'multiply' output from dtype('float64') to
 * dtype('int64') with casting rule 'same_kind'"). Allocates nothing unless
 * @b overlaps @a.
 */
gboolean
pl_array_inplace (PlBinaryOp  op,
                  PlArray    *a,
                  PlArray    *b,
                  GError    **error)
{
  g_autoptr(PlArray) r = NULL;

  g_return_val_if_fail (op >= 0 && op < PL_N_BINOPS, FALSE);
  g_return_val_if_fail (a != NULL && b != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (op == PL_BINOP_POWER && try_fast_power (a, b, TRUE, &r, error))
    return r != NULL;

  r = inplace_binary (op, a, b, error);
  return r != NULL;
}
