/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "pl-format.h"
#include "pl-interp-private.h"
#include "pl-script-private.h"

typedef enum
{
  FLOW_NORMAL,
  FLOW_BREAK,
  FLOW_CONTINUE,
  FLOW_RETURN,
  FLOW_ERROR,
} Flow;

static gboolean eval (PlInterp *I, PlNode *node, PlVal *out);
static Flow     exec_block (PlInterp *I, PlNode **body, guint n, PlVal *retval);

/* --- errors ------------------------------------------------------------- */

static gboolean
raise_valist (PlInterp    *I,
              PlErrorCode  code,
              const char  *kind,
              const char  *format,
              va_list      args) G_GNUC_PRINTF (4, 0);

static gboolean
raise_valist (PlInterp    *I,
              PlErrorCode  code,
              const char  *kind,
              const char  *format,
              va_list      args)
{
  if (I->err.set)
    return FALSE;
  I->err.set = TRUE;
  I->err.code = code;
  I->err.kind = kind ? kind : pl_error_code_to_exception_name (code);
  I->err.message = g_strdup_vprintf (format, args);
  I->err.line = 0;
  I->err.col = 0;
  return FALSE;
}

gboolean
pl_raise (PlInterp    *I,
          PlErrorCode  code,
          const char  *format,
          ...)
{
  va_list args;
  va_start (args, format);
  raise_valist (I, code, NULL, format, args);
  va_end (args);
  return FALSE;
}

gboolean
pl_raise_kind (PlInterp    *I,
               PlErrorCode  code,
               const char  *kind,
               const char  *format,
               ...)
{
  va_list args;
  va_start (args, format);
  raise_valist (I, code, kind, format, args);
  va_end (args);
  return FALSE;
}

gboolean
pl_raise_gerror (PlInterp *I,
                 GError   *error)
{
  if (error == NULL)
    return pl_raise (I, PL_ERROR_RUNTIME, "an operation failed without saying why");
  if (error->domain == PL_ERROR)
    pl_raise (I, error->code, "%s", error->message);
  else
    pl_raise (I, PL_ERROR_RUNTIME, "%s", error->message);
  g_error_free (error);
  return FALSE;
}

static void
locate (PlInterp *I,
        PlNode   *node)
{
  if (I->err.set && I->err.line == 0 && node != NULL)
    {
      I->err.line = node->line;
      I->err.col = node->col;
    }
}

static void
clear_error (PlInterp *I)
{
  g_clear_pointer (&I->err.message, g_free);
  memset (&I->err, 0, sizeof I->err);
}

static void
take_error (PlInterp  *I,
            GError   **error)
{
  char *msg;
  gint line = I->err.line ? I->err.line : I->current_line;
  gint col = I->err.line ? I->err.col : 1;

  if (I->err.preformatted)
    {
      g_set_error_literal (error, PL_ERROR, I->err.code, I->err.message);
      clear_error (I);
      return;
    }
  msg = pl_script_format_error (I->script->filename, I->script->source, I->script->length,
                                line, col, I->err.kind, I->err.message ? I->err.message : "");
  g_set_error_literal (error, PL_ERROR, I->err.code, msg);
  g_free (msg);
  clear_error (I);
}

gboolean
pl_interp_check_stack (PlInterp *I)
{
  char here;
  guintptr addr = (guintptr) &here;
  guintptr used = I->stack_base > addr ? I->stack_base - addr : addr - I->stack_base;

  if (used > PL_STACK_BUDGET)
    return pl_raise (I, PL_ERROR_RECURSION, "maximum recursion depth exceeded");
  return TRUE;
}

/* --- output ------------------------------------------------------------- */

void
pl_interp_emit_text (PlInterp   *I,
                     const char *text,
                     gsize       len)
{
  for (gsize i = 0; i < len; i++)
    {
      if (text[i] == '\n')
        {
          if (I->hooks.output != NULL)
            I->hooks.output (I->user_data, I->out_line->str);
          else
            {
              fputs (I->out_line->str, stdout);
              fputc ('\n', stdout);
            }
          g_string_truncate (I->out_line, 0);
        }
      else
        g_string_append_c (I->out_line, text[i]);
    }
}

static void
flush_output (PlInterp *I)
{
  if (I->out_line->len > 0)
    pl_interp_emit_text (I, "\n", 1);
  if (I->hooks.output == NULL)
    fflush (stdout);
}

/* --- names -------------------------------------------------------------- */

static PlVal *
global_slot (PlInterp   *I,
             const char *name)
{
  return g_hash_table_lookup (I->globals, name);
}

static void
set_global (PlInterp   *I,
            const char *name,
            PlVal       value)
{
  PlVal *slot = g_hash_table_lookup (I->globals, name);

  if (slot != NULL)
    {
      PlVal old = *slot;
      *slot = value;
      pl_val_clear (&old);
    }
  else
    {
      slot = g_new (PlVal, 1);
      *slot = value;
      g_hash_table_insert (I->globals, g_strdup (name), slot);
    }
}

gboolean
pl_interp_lookup_name (PlInterp   *I,
                       const char *name,
                       PlVal      *out)
{
  PlVal *slot;

  if (I->frame != NULL)
    {
      PlNode *def = I->frame->def;
      for (guint i = 0; i < def->n_locals; i++)
        if (strcmp (def->locals[i], name) == 0)
          {
            if (I->frame->locals[i].kind == PL_V_UNBOUND)
              return FALSE;
            *out = pl_val_ref (&I->frame->locals[i]);
            return TRUE;
          }
    }
  slot = global_slot (I, name);
  if (slot == NULL)
    slot = g_hash_table_lookup (I->builtins, name);
  if (slot == NULL)
    return FALSE;
  *out = pl_val_ref (slot);
  return TRUE;
}

static gboolean
load_name (PlInterp *I,
           PlNode   *node,
           PlVal    *out)
{
  PlVal *slot;

  if (node->slot >= 0 && I->frame != NULL && (guint) node->slot < I->frame->n_locals)
    {
      PlVal *local = &I->frame->locals[node->slot];
      if (local->kind == PL_V_UNBOUND)
        return pl_raise_kind (I, PL_ERROR_NAME, "UnboundLocalError",
                              "cannot access local variable '%s' where it is not associated with a value",
                              node->str);
      *out = pl_val_ref (local);
      return TRUE;
    }
  slot = global_slot (I, node->str);
  if (slot == NULL)
    slot = g_hash_table_lookup (I->builtins, node->str);
  if (slot == NULL)
    return pl_raise (I, PL_ERROR_NAME, "name '%s' is not defined", node->str);
  *out = pl_val_ref (slot);
  return TRUE;
}

static gboolean
is_array_val (const PlVal *v)
{
  return v->kind == PL_V_ARRAY && !v->np_scalar;
}

/* Tells the hooks which array local @slot of the running frame names now. */
static void
notify_local (PlInterp *I,
              gint      slot)
{
  const PlVal *v = &I->frame->locals[slot];

  if (I->hooks.local_bound != NULL)
    I->hooks.local_bound (I->user_data, I->frame->def, I->frame->def->locals[slot],
                          is_array_val (v) ? v->arr : NULL);
}

/* Stores @value (taken) into a name; the old value dies after. */
static void
store_slot (PlInterp   *I,
            gint        slot,
            const char *name,
            PlVal       value)
{
  if (slot >= 0 && I->frame != NULL && (guint) slot < I->frame->n_locals)
    {
      PlVal *local = &I->frame->locals[slot];
      PlVal old = *local;
      *local = value;
      if (is_array_val (&old) || is_array_val (local))
        notify_local (I, slot);
      pl_val_clear (&old);
      return;
    }
  set_global (I, name, value);
}

static void
store_name (PlInterp *I,
            PlNode   *node,
            PlVal     value)
{
  store_slot (I, node->slot, node->str, value);
}

static void bind_name (PlInterp   *I,
                       const char *name,
                       PlVal       value);

/* --- numbers ------------------------------------------------------------ */

static gboolean
is_number (const PlVal *v)
{
  return v->kind == PL_V_INT || v->kind == PL_V_BOOL || v->kind == PL_V_FLOAT;
}

static gint64
as_int (const PlVal *v)
{
  return v->kind == PL_V_BOOL ? (gint64) v->b : v->i;
}

static double
as_float (const PlVal *v)
{
  return v->kind == PL_V_FLOAT ? v->f : (double) as_int (v);
}

static gboolean
overflow (PlInterp *I)
{
  return pl_raise (I, PL_ERROR_OVERFLOW,
                   "integer result does not fit in 64 bits (Peakline's ints are 64-bit)");
}

static gboolean
int_pow (PlInterp *I,
         gint64    base,
         gint64    exp,
         gint64   *out)
{
  gint64 result = 1;

  while (exp > 0)
    {
      if (exp & 1)
        {
          if (__builtin_mul_overflow (result, base, &result))
            return overflow (I);
        }
      exp >>= 1;
      if (exp > 0 && __builtin_mul_overflow (base, base, &base))
        return overflow (I);
    }
  *out = result;
  return TRUE;
}

static gboolean
num_binop (PlInterp    *I,
           PlBinOp      op,
           const PlVal *a,
           const PlVal *b,
           PlVal       *result)
{
  gboolean both_int = a->kind != PL_V_FLOAT && b->kind != PL_V_FLOAT;

  if (both_int)
    {
      gint64 x = as_int (a), y = as_int (b), r = 0;
      gboolean both_bool = a->kind == PL_V_BOOL && b->kind == PL_V_BOOL;

      switch (op)
        {
        case PL_BIN_ADD:
          if (__builtin_add_overflow (x, y, &r))
            return overflow (I);
          break;
        case PL_BIN_SUB:
          if (__builtin_sub_overflow (x, y, &r))
            return overflow (I);
          break;
        case PL_BIN_MUL:
          if (__builtin_mul_overflow (x, y, &r))
            return overflow (I);
          break;
        case PL_BIN_DIV:
          if (y == 0)
            return pl_raise (I, PL_ERROR_ZERO_DIVISION, "division by zero");
          *result = pl_val_float ((double) x / (double) y);
          return TRUE;
        case PL_BIN_FLOORDIV:
        case PL_BIN_MOD:
          if (y == 0)
            return pl_raise (I, PL_ERROR_ZERO_DIVISION, op == PL_BIN_MOD ? "integer modulo by zero"
                                                                         : "integer division or modulo by zero");
          if (x == G_MININT64 && y == -1)
            {
              if (op == PL_BIN_MOD)
                r = 0;
              else
                return overflow (I);
              break;
            }
          {
            gint64 q = x / y, m = x % y;
            if (m != 0 && ((m < 0) != (y < 0)))
              {
                q -= 1;
                m += y;
              }
            r = op == PL_BIN_FLOORDIV ? q : m;
          }
          break;
        case PL_BIN_POW:
          if (y < 0)
            {
              if (x == 0)
                return pl_raise (I, PL_ERROR_ZERO_DIVISION, "0.0 cannot be raised to a negative power");
              *result = pl_val_float (pow ((double) x, (double) y));
              return TRUE;
            }
          if (!int_pow (I, x, y, &r))
            return FALSE;
          break;
        case PL_BIN_AND:
          r = x & y;
          if (both_bool)
            {
              *result = pl_val_bool (r);
              return TRUE;
            }
          break;
        case PL_BIN_OR:
          r = x | y;
          if (both_bool)
            {
              *result = pl_val_bool (r);
              return TRUE;
            }
          break;
        case PL_BIN_XOR:
          r = x ^ y;
          if (both_bool)
            {
              *result = pl_val_bool (r);
              return TRUE;
            }
          break;
        case PL_BIN_LSHIFT:
          if (y < 0)
            return pl_raise (I, PL_ERROR_VALUE, "negative shift count");
          if (x == 0)
            r = 0;
          else if (y >= 63 || (x > 0 ? x > (G_MAXINT64 >> y) : x < (G_MININT64 >> y)))
            return overflow (I);
          else
            r = (gint64) ((guint64) x << y);
          break;
        case PL_BIN_RSHIFT:
          if (y < 0)
            return pl_raise (I, PL_ERROR_VALUE, "negative shift count");
          r = y >= 63 ? (x < 0 ? -1 : 0) : x >> y;
          break;
        default:
          return pl_raise (I, PL_ERROR_TYPE, "unsupported operand type(s) for %s: '%s' and '%s'",
                           pl_binop_symbol (op), pl_val_type_name (a), pl_val_type_name (b));
        }
      *result = pl_val_int (r);
      return TRUE;
    }
  else
    {
      double x = as_float (a), y = as_float (b);

      switch (op)
        {
        case PL_BIN_ADD: *result = pl_val_float (x + y); return TRUE;
        case PL_BIN_SUB: *result = pl_val_float (x - y); return TRUE;
        case PL_BIN_MUL: *result = pl_val_float (x * y); return TRUE;
        case PL_BIN_DIV:
          if (y == 0)
            return pl_raise (I, PL_ERROR_ZERO_DIVISION, "float division by zero");
          *result = pl_val_float (x / y);
          return TRUE;
        case PL_BIN_FLOORDIV:
        case PL_BIN_MOD:
          if (y == 0)
            return pl_raise (I, PL_ERROR_ZERO_DIVISION, op == PL_BIN_MOD ? "float modulo" : "float floor division by zero");
          {
            /* CPython's float_divmod. */
            double mod = fmod (x, y), div = (x - mod) / y, floordiv;
            if (mod != 0)
              {
                if ((y < 0) != (mod < 0))
                  {
                    mod += y;
                    div -= 1.0;
                  }
              }
            else
              mod = copysign (0.0, y);
            if (div != 0)
              {
                floordiv = floor (div);
                if (div - floordiv > 0.5)
                  floordiv += 1.0;
              }
            else
              floordiv = copysign (0.0, x / y);
            *result = pl_val_float (op == PL_BIN_MOD ? mod : floordiv);
          }
          return TRUE;
        case PL_BIN_POW:
          if (x == 0 && y < 0)
            return pl_raise (I, PL_ERROR_ZERO_DIVISION, "0.0 cannot be raised to a negative power");
          if (x < 0 && y != floor (y) && isfinite (y))
            return pl_raise (I, PL_ERROR_VALUE,
                             "a negative number to a fractional power is complex, which Peakline does not support");
          {
            double r = pow (x, y);
            if (isinf (r) && isfinite (x) && isfinite (y))
              return pl_raise (I, PL_ERROR_OVERFLOW, "(34, 'Numerical result out of range')");
            *result = pl_val_float (r);
          }
          return TRUE;
        default:
          return pl_raise (I, PL_ERROR_TYPE, "unsupported operand type(s) for %s: '%s' and '%s'",
                           pl_binop_symbol (op), pl_val_type_name (a), pl_val_type_name (b));
        }
    }
}

static gboolean
is_arrayish (const PlVal *v)
{
  return v->kind == PL_V_ARRAY;
}

static gboolean
is_seq (const PlVal *v)
{
  return pl_val_is (v, PL_OBJ_LIST) || pl_val_is (v, PL_OBJ_TUPLE);
}

static gboolean
repeat_seq (PlInterp    *I,
            const PlVal *seq,
            gint64       times,
            PlVal       *result)
{
  PlValue *o = seq->obj;

  /* Repeating nothing is nothing, however many times (found by fuzzing:
   * [] * 83333333333339 looped for hours). */
  if (times < 0 || (o->kind == PL_OBJ_STR ? o->str.len == 0 : o->seq.n == 0))
    times = 0;
  if (o->kind == PL_OBJ_STR)
    {
      GString *s;
      if (o->str.len > 0 && (guint64) times > PL_MAX_SEQUENCE / o->str.len)
        return pl_raise (I, PL_ERROR_MEMORY, "the string would be too long");
      s = g_string_sized_new (o->str.len * times);
      for (gint64 i = 0; i < times; i++)
        g_string_append_len (s, o->str.s, o->str.len);
      {
        gsize len = s->len;
        *result = pl_val_obj (pl_str_take (g_string_free (s, FALSE), len));
      }
      return TRUE;
    }
  else
    {
      guint64 n = o->seq.n;
      PlVal *items;
      PlValue *r;

      if (n > 0 && (guint64) times > PL_MAX_SEQUENCE / n)
        return pl_raise (I, PL_ERROR_MEMORY, "the %s would be too long", o->kind == PL_OBJ_LIST ? "list" : "tuple");
      items = g_new (PlVal, MAX (n * times, 1));
      for (gint64 t = 0; t < times; t++)
        for (guint64 i = 0; i < n; i++)
          items[t * n + i] = pl_val_ref (&o->seq.items[i]);
      r = pl_seq_new (o->kind, items, n * times);
      g_free (items);
      if (r == NULL)
        return pl_raise (I, PL_ERROR_RECURSION, "containers nested too deeply");
      *result = pl_val_obj (r);
      return TRUE;
    }
}

static const PlBinaryOp engine_ops[PL_N_BIN] = {
  PL_BINOP_ADD, PL_BINOP_SUBTRACT, PL_BINOP_MULTIPLY, PL_BINOP_TRUE_DIVIDE,
  PL_BINOP_FLOOR_DIVIDE, PL_BINOP_REMAINDER, PL_BINOP_POWER, PL_BINOP_AND,
  PL_BINOP_OR, PL_BINOP_XOR, PL_BINOP_LSHIFT, PL_BINOP_RSHIFT, PL_N_BINOPS,
};

static gboolean
array_binop (PlInterp    *I,
             PlBinaryOp   eop,
             const char  *symbol,
             const PlVal *a,
             const PlVal *b,
             gboolean     inplace,
             PlVal       *result)
{
  PlArray *x = NULL, *y = NULL, *r;
  gboolean own_x = FALSE, own_y = FALSE;
  GError *error = NULL;

  if (eop == PL_N_BINOPS)
    return pl_raise (I, PL_ERROR_NOT_IMPLEMENTED, "the matrix product operator @ is not supported by Peakline");
  if (!pl_np_operand (I, a, &x, &own_x))
    goto fail_types;
  if (!pl_np_operand (I, b, &y, &own_y))
    goto fail_types;

  if (inplace && a->kind == PL_V_ARRAY && !a->np_scalar)
    {
      gboolean ok = pl_array_inplace (eop, x, y, &error);
      if (own_y)
        pl_array_unref (y);
      if (!ok)
        return pl_raise_gerror (I, error);
      *result = pl_val_ref (a);
      return TRUE;
    }
  r = pl_array_binary (eop, x, y, &error);
  if (own_x)
    pl_array_unref (x);
  if (own_y)
    pl_array_unref (y);
  if (r == NULL)
    return pl_raise_gerror (I, error);
  *result = pl_np_wrap (r);
  return TRUE;

fail_types:
  if (own_x && x != NULL)
    pl_array_unref (x);
  if (I->err.set && I->err.code != PL_ERROR_TYPE)
    return FALSE;
  clear_error (I);
  return pl_raise (I, PL_ERROR_TYPE, "unsupported operand type(s) for %s: '%s' and '%s'",
                   symbol, pl_val_type_name (a), pl_val_type_name (b));
}

gboolean
pl_binary_op (PlInterp    *I,
              PlBinOp      op,
              const PlVal *a,
              const PlVal *b,
              gboolean     inplace,
              PlVal       *result)
{
  const char *sym = pl_binop_symbol (op);

  if (is_arrayish (a) || is_arrayish (b))
    {
      const PlVal *other = is_arrayish (a) ? b : a;
      if (is_number (other) || is_arrayish (other) || is_seq (other))
        return array_binop (I, engine_ops[op], sym, a, b, inplace, result);
    }
  if (is_number (a) && is_number (b))
    return num_binop (I, op, a, b, result);

  if (a->kind == PL_V_OBJ && b->kind == PL_V_OBJ && op == PL_BIN_ADD && a->obj->kind == b->obj->kind)
    {
      PlValue *x = a->obj, *y = b->obj;

      if (x->kind == PL_OBJ_STR)
        {
          char *s;
          if (x->str.len + y->str.len > PL_MAX_SEQUENCE)
            return pl_raise (I, PL_ERROR_MEMORY, "the string would be too long");
          s = g_malloc (x->str.len + y->str.len + 1);
          memcpy (s, x->str.s, x->str.len);
          memcpy (s + x->str.len, y->str.s, y->str.len);
          s[x->str.len + y->str.len] = '\0';
          *result = pl_val_obj (pl_str_take (s, x->str.len + y->str.len));
          return TRUE;
        }
      if (x->kind == PL_OBJ_LIST || x->kind == PL_OBJ_TUPLE)
        {
          guint n = x->seq.n + y->seq.n;
          PlVal *items;
          PlValue *r;

          if ((guint64) x->seq.n + y->seq.n > PL_MAX_SEQUENCE)
            return pl_raise (I, PL_ERROR_MEMORY, "the sequence would be too long");
          items = g_new (PlVal, MAX (n, 1));
          for (guint i = 0; i < x->seq.n; i++)
            items[i] = pl_val_ref (&x->seq.items[i]);
          for (guint i = 0; i < y->seq.n; i++)
            items[x->seq.n + i] = pl_val_ref (&y->seq.items[i]);
          r = pl_seq_new (x->kind, items, n);
          g_free (items);
          if (r == NULL)
            return pl_raise (I, PL_ERROR_RECURSION, "containers nested too deeply");
          *result = pl_val_obj (r);
          return TRUE;
        }
    }
  if (op == PL_BIN_MUL)
    {
      const PlVal *seq = NULL, *n = NULL;
      if (a->kind == PL_V_OBJ && (a->obj->kind == PL_OBJ_STR || is_seq (a)) && (b->kind == PL_V_INT || b->kind == PL_V_BOOL))
        seq = a, n = b;
      else if (b->kind == PL_V_OBJ && (b->obj->kind == PL_OBJ_STR || is_seq (b)) && (a->kind == PL_V_INT || a->kind == PL_V_BOOL))
        seq = b, n = a;
      if (seq != NULL)
        return repeat_seq (I, seq, as_int (n), result);
      if ((a->kind == PL_V_OBJ && (a->obj->kind == PL_OBJ_STR || is_seq (a)) && b->kind == PL_V_FLOAT) ||
          (b->kind == PL_V_OBJ && (b->obj->kind == PL_OBJ_STR || is_seq (b)) && a->kind == PL_V_FLOAT))
        return pl_raise (I, PL_ERROR_TYPE, "can't multiply sequence by non-int of type 'float'");
    }
  if (op == PL_BIN_ADD && pl_val_is (a, PL_OBJ_STR))
    return pl_raise (I, PL_ERROR_TYPE, "can only concatenate str (not \"%s\") to str", pl_val_type_name (b));
  if (op == PL_BIN_ADD && is_seq (a))
    return pl_raise (I, PL_ERROR_TYPE, "can only concatenate %s (not \"%s\") to %s",
                     pl_val_type_name (a), pl_val_type_name (b), pl_val_type_name (a));
  if (op == PL_BIN_MOD && pl_val_is (a, PL_OBJ_STR))
    return pl_raise (I, PL_ERROR_NOT_IMPLEMENTED, "%%-formatting of strings is not supported by Peakline; use str() and +");
  return pl_raise (I, PL_ERROR_TYPE, "unsupported operand type(s) for %s: '%s' and '%s'",
                   sym, pl_val_type_name (a), pl_val_type_name (b));
}

static gboolean
unary_op (PlInterp    *I,
          PlUnOp       op,
          const PlVal *a,
          PlVal       *result)
{
  static const char *symbols[] = { "-", "+", "~" };

  if (a->kind == PL_V_ARRAY)
    {
      GError *error = NULL;
      PlArray *r = pl_array_unary (op == PL_UN_NEG ? PL_UNOP_NEGATIVE : op == PL_UN_POS ? PL_UNOP_POSITIVE : PL_UNOP_INVERT,
                                   a->arr, &error);
      if (r == NULL)
        return pl_raise_gerror (I, error);
      *result = pl_np_wrap (r);
      return TRUE;
    }
  if (a->kind == PL_V_INT || a->kind == PL_V_BOOL)
    {
      gint64 x = as_int (a);
      switch (op)
        {
        case PL_UN_NEG:
          if (x == G_MININT64)
            return overflow (I);
          *result = pl_val_int (-x);
          return TRUE;
        case PL_UN_POS:
          *result = pl_val_int (x);
          return TRUE;
        case PL_UN_INVERT:
          *result = pl_val_int (~x);
          return TRUE;
        default:
          break;
        }
    }
  if (a->kind == PL_V_FLOAT && op != PL_UN_INVERT)
    {
      *result = pl_val_float (op == PL_UN_NEG ? -a->f : a->f);
      return TRUE;
    }
  return pl_raise (I, PL_ERROR_TYPE, "bad operand type for unary %s: '%s'", symbols[op], pl_val_type_name (a));
}

/* --- comparisons -------------------------------------------------------- */

static gboolean
identical (const PlVal *a,
           const PlVal *b)
{
  if (a->kind != b->kind)
    return FALSE;
  switch (a->kind)
    {
    case PL_V_NONE: case PL_V_UNBOUND: return TRUE;
    case PL_V_BOOL: return a->b == b->b;
    case PL_V_INT: return a->i == b->i;
    case PL_V_FLOAT: return a->f == b->f;
    case PL_V_ARRAY: return a->arr == b->arr;
    case PL_V_OBJ:
      if (a->obj->kind == PL_OBJ_DTYPE && b->obj->kind == PL_OBJ_DTYPE)
        return a->obj->dtype == b->obj->dtype;
      return a->obj == b->obj;
    default: return FALSE;
    }
}

static gint
seq_compare_order (PlInterp    *I,
                   PlCmpOp      op,
                   const PlVal *a,
                   const PlVal *b,
                   gboolean    *out);

static gboolean
order_compare (PlInterp    *I,
               PlCmpOp      op,
               const PlVal *a,
               const PlVal *b,
               gboolean    *out)
{
  static const char *symbols[] = { "<", "<=", ">", ">=" };
  gint c;

  if (is_number (a) && is_number (b))
    {
      if (a->kind != PL_V_FLOAT && b->kind != PL_V_FLOAT)
        {
          gint64 x = as_int (a), y = as_int (b);
          c = (x > y) - (x < y);
        }
      else
        {
          double x = as_float (a), y = as_float (b);
          if (isnan (x) || isnan (y))
            {
              *out = FALSE;
              return TRUE;
            }
          c = (x > y) - (x < y);
        }
    }
  else if (pl_val_is (a, PL_OBJ_STR) && pl_val_is (b, PL_OBJ_STR))
    {
      gsize n = MIN (a->obj->str.len, b->obj->str.len);
      c = memcmp (a->obj->str.s, b->obj->str.s, n);
      if (c == 0)
        c = (a->obj->str.len > b->obj->str.len) - (a->obj->str.len < b->obj->str.len);
      c = (c > 0) - (c < 0);
    }
  else if (is_seq (a) && is_seq (b) && a->obj->kind == b->obj->kind)
    return seq_compare_order (I, op, a, b, out) >= 0;
  else
    return pl_raise (I, PL_ERROR_TYPE, "'%s' not supported between instances of '%s' and '%s'",
                     symbols[op], pl_val_type_name (a), pl_val_type_name (b));
  switch (op)
    {
    case PL_CMP_LT: *out = c < 0; break;
    case PL_CMP_LE: *out = c <= 0; break;
    case PL_CMP_GT: *out = c > 0; break;
    case PL_CMP_GE: default: *out = c >= 0; break;
    }
  return TRUE;
}

/* Lexicographic order of two tuples or lists. Returns -1 on error. */
static gint
seq_compare_order (PlInterp    *I,
                   PlCmpOp      op,
                   const PlVal *a,
                   const PlVal *b,
                   gboolean    *out)
{
  PlValue *x = a->obj, *y = b->obj;
  guint n = MIN (x->seq.n, y->seq.n);

  for (guint i = 0; i < n; i++)
    {
      gboolean eq;
      if (!pl_val_equal (I, &x->seq.items[i], &y->seq.items[i], &eq))
        return -1;
      if (!eq)
        return order_compare (I, op, &x->seq.items[i], &y->seq.items[i], out) ? 1 : -1;
    }
  {
    gint c = (x->seq.n > y->seq.n) - (x->seq.n < y->seq.n);
    switch (op)
      {
      case PL_CMP_LT: *out = c < 0; break;
      case PL_CMP_LE: *out = c <= 0; break;
      case PL_CMP_GT: *out = c > 0; break;
      default: *out = c >= 0; break;
      }
  }
  return 1;
}

gboolean
pl_val_equal (PlInterp    *I,
              const PlVal *a,
              const PlVal *b,
              gboolean    *out)
{
  if (!pl_interp_check_stack (I))
    return FALSE;
  if (a->kind == PL_V_ARRAY || b->kind == PL_V_ARRAY)
    {
      PlVal r = { 0, };
      gboolean ok;
      if (!pl_compare_op (I, PL_CMP_EQ, a, b, &r))
        return FALSE;
      ok = pl_val_truth (I, &r, out);
      pl_val_clear (&r);
      return ok;
    }
  if (is_number (a) && is_number (b))
    {
      if (a->kind != PL_V_FLOAT && b->kind != PL_V_FLOAT)
        *out = as_int (a) == as_int (b);
      else
        *out = as_float (a) == as_float (b);
      return TRUE;
    }
  if (a->kind == PL_V_OBJ && b->kind == PL_V_OBJ)
    {
      PlValue *x = a->obj, *y = b->obj;

      if (x->kind == PL_OBJ_DTYPE && y->kind == PL_OBJ_STR)
        {
          PlDType d;
          *out = pl_dtype_from_name (y->str.s, &d) && d == x->dtype;
          return TRUE;
        }
      if (y->kind == PL_OBJ_DTYPE && x->kind == PL_OBJ_STR)
        return pl_val_equal (I, b, a, out);
      if (x->kind != y->kind)
        {
          *out = FALSE;
          return TRUE;
        }
      switch (x->kind)
        {
        case PL_OBJ_STR:
          *out = x->str.len == y->str.len && memcmp (x->str.s, y->str.s, x->str.len) == 0;
          return TRUE;
        case PL_OBJ_TUPLE:
        case PL_OBJ_LIST:
          if (x->seq.n != y->seq.n)
            {
              *out = FALSE;
              return TRUE;
            }
          for (guint i = 0; i < x->seq.n; i++)
            {
              if (!pl_val_equal (I, &x->seq.items[i], &y->seq.items[i], out))
                return FALSE;
              if (!*out)
                return TRUE;
            }
          *out = TRUE;
          return TRUE;
        case PL_OBJ_RANGE:
          *out = pl_range_len (x) == pl_range_len (y) &&
                 (pl_range_len (x) == 0 || (x->range.start == y->range.start &&
                                            (pl_range_len (x) == 1 || x->range.step == y->range.step)));
          return TRUE;
        case PL_OBJ_DTYPE:
          *out = x->dtype == y->dtype;
          return TRUE;
        default:
          *out = x == y;
          return TRUE;
        }
    }
  *out = identical (a, b);
  return TRUE;
}

static gboolean
contains (PlInterp    *I,
          const PlVal *container,
          const PlVal *item,
          gboolean    *out)
{
  if (pl_val_is (container, PL_OBJ_STR))
    {
      if (!pl_val_is (item, PL_OBJ_STR))
        return pl_raise (I, PL_ERROR_TYPE, "'in <string>' requires string as left operand, not %s",
                         pl_val_type_name (item));
      *out = g_strstr_len (container->obj->str.s, container->obj->str.len, item->obj->str.s) != NULL ||
             item->obj->str.len == 0;
      return TRUE;
    }
  if (is_seq (container))
    {
      for (guint i = 0; i < container->obj->seq.n; i++)
        {
          if (!pl_val_equal (I, &container->obj->seq.items[i], item, out))
            return FALSE;
          if (*out)
            return TRUE;
        }
      *out = FALSE;
      return TRUE;
    }
  if (pl_val_is (container, PL_OBJ_DICT))
    {
      for (guint i = 0; i < container->obj->dict.n; i++)
        {
          if (!pl_val_equal (I, &container->obj->dict.keys[i], item, out))
            return FALSE;
          if (*out)
            return TRUE;
        }
      *out = FALSE;
      return TRUE;
    }
  if (pl_val_is (container, PL_OBJ_RANGE))
    {
      PlValue *r = container->obj;
      gint64 v;
      if (item->kind != PL_V_INT && item->kind != PL_V_BOOL)
        {
          *out = FALSE;
          return TRUE;
        }
      v = as_int (item);
      if (pl_range_len (r) == 0)
        *out = FALSE;
      else if (r->range.step > 0)
        *out = v >= r->range.start && v < r->range.stop && ((guint64) v - (guint64) r->range.start) % (guint64) r->range.step == 0;
      else
        *out = v <= r->range.start && v > r->range.stop && ((guint64) r->range.start - (guint64) v) % (0 - (guint64) r->range.step) == 0;
      return TRUE;
    }
  if (container->kind == PL_V_ARRAY)
    {
      PlVal eq = { 0, };
      PlVal any = { 0, };
      gboolean ok;
      if (!pl_compare_op (I, PL_CMP_EQ, container, item, &eq))
        return FALSE;
      if (eq.kind == PL_V_ARRAY && eq.arr->ndim > 0)
        {
          GError *error = NULL;
          PlArray *r = pl_array_reduce (PL_REDUCE_ANY, eq.arr, TRUE, 0, &error);
          pl_val_clear (&eq);
          if (r == NULL)
            return pl_raise_gerror (I, error);
          any = pl_np_wrap (r);
          ok = pl_val_truth (I, &any, out);
          pl_val_clear (&any);
          return ok;
        }
      ok = pl_val_truth (I, &eq, out);
      pl_val_clear (&eq);
      return ok;
    }
  return pl_raise (I, PL_ERROR_TYPE, "argument of type '%s' is not iterable", pl_val_type_name (container));
}

gboolean
pl_compare_op (PlInterp    *I,
               PlCmpOp      op,
               const PlVal *a,
               const PlVal *b,
               PlVal       *result)
{
  gboolean r;

  switch (op)
    {
    case PL_CMP_IS:
    case PL_CMP_IS_NOT:
      r = identical (a, b);
      *result = pl_val_bool (op == PL_CMP_IS ? r : !r);
      return TRUE;
    case PL_CMP_IN:
    case PL_CMP_NOT_IN:
      if (!contains (I, b, a, &r))
        return FALSE;
      *result = pl_val_bool (op == PL_CMP_IN ? r : !r);
      return TRUE;
    default:
      break;
    }

  if (is_arrayish (a) || is_arrayish (b))
    {
      const PlVal *other = is_arrayish (a) ? b : a;
      if (is_number (other) || is_arrayish (other) || is_seq (other))
        {
          static const PlBinaryOp cmp_ops[] = {
            PL_BINOP_LESS, PL_BINOP_LESS_EQUAL, PL_BINOP_GREATER, PL_BINOP_GREATER_EQUAL,
            PL_BINOP_EQUAL, PL_BINOP_NOT_EQUAL,
          };
          static const char *symbols[] = { "<", "<=", ">", ">=", "==", "!=" };
          return array_binop (I, cmp_ops[op], symbols[op], a, b, FALSE, result);
        }
      if (op == PL_CMP_EQ || op == PL_CMP_NE)
        {
          *result = pl_val_bool (op == PL_CMP_NE);
          return TRUE;
        }
    }
  if (op == PL_CMP_EQ || op == PL_CMP_NE)
    {
      if (!pl_val_equal (I, a, b, &r))
        return FALSE;
      *result = pl_val_bool (op == PL_CMP_EQ ? r : !r);
      return TRUE;
    }
  if (!order_compare (I, op, a, b, &r))
    return FALSE;
  *result = pl_val_bool (r);
  return TRUE;
}

/* --- attributes and items ------------------------------------------------ */

static gboolean
no_attr (PlInterp    *I,
         const PlVal *obj,
         const char  *name)
{
  return pl_raise (I, PL_ERROR_ATTRIBUTE, "'%s' object has no attribute '%s'", pl_val_type_name (obj), name);
}

gboolean
pl_get_attr (PlInterp    *I,
             const PlVal *obj,
             const char  *name,
             PlVal       *result)
{
  if (obj->kind == PL_V_ARRAY)
    return pl_np_array_attr (I, obj, name, result);
  if (obj->kind == PL_V_OBJ)
    {
      PlValue *o = obj->obj;

      switch (o->kind)
        {
        case PL_OBJ_MODULE:
          {
            PlVal *v = pl_module_lookup (o, name);
            if (v == NULL)
              return pl_raise (I, PL_ERROR_ATTRIBUTE, "module '%s' has no attribute '%s'", o->module.name, name);
            *result = pl_val_ref (v);
            return TRUE;
          }
        case PL_OBJ_OPAQUE:
          {
            /* Ignored modules absorb whatever the script does with them. */
            PlValue *child = pl_value_alloc (PL_OBJ_OPAQUE);
            child->opaque.name = g_strdup_printf ("%s.%s", o->opaque.name, name);
            *result = pl_val_obj (child);
            return TRUE;
          }
        case PL_OBJ_DTYPE:
          if (strcmp (name, "itemsize") == 0)
            {
              *result = pl_val_int (pl_dtype_itemsize (o->dtype));
              return TRUE;
            }
          if (strcmp (name, "name") == 0)
            {
              *result = pl_val_obj (pl_str_new (pl_dtype_name (o->dtype), -1));
              return TRUE;
            }
          if (strcmp (name, "kind") == 0)
            {
              static const char *kinds = "biuf";
              *result = pl_val_obj (pl_str_new (&kinds[pl_dtype_kind (o->dtype)], 1));
              return TRUE;
            }
          break;
        case PL_OBJ_FUNCTION:
          if (strcmp (name, "__name__") == 0)
            {
              *result = pl_val_obj (pl_str_new (o->func.def->str, -1));
              return TRUE;
            }
          break;
        case PL_OBJ_PARTIAL:
          if (strcmp (name, "func") == 0)
            {
              *result = pl_val_ref (&o->partial.func);
              return TRUE;
            }
          if (strcmp (name, "args") == 0)
            {
              PlVal *items = g_new (PlVal, MAX (o->partial.n_args, 1));
              PlValue *t;
              for (guint i = 0; i < o->partial.n_args; i++)
                items[i] = pl_val_ref (&o->partial.args[i]);
              t = pl_seq_new (PL_OBJ_TUPLE, items, o->partial.n_args);
              g_free (items);
              if (t == NULL)
                return pl_raise (I, PL_ERROR_RECURSION, "containers nested too deeply");
              *result = pl_val_obj (t);
              return TRUE;
            }
          break;
        case PL_OBJ_BUILTIN:
          if (strcmp (name, "__name__") == 0)
            {
              *result = pl_val_obj (pl_str_new (o->builtin.name, -1));
              return TRUE;
            }
          break;
        default:
          break;
        }
      {
        /* Methods of str, list, dict... live in the builtins table under
         * "type.method". */
        g_autofree char *key = g_strdup_printf ("%s.%s", pl_val_type_name (obj), name);
        PlVal *m = g_hash_table_lookup (I->builtins, key);
        if (m != NULL && pl_val_is (m, PL_OBJ_BUILTIN))
          {
            *result = pl_val_obj (pl_builtin_bind (m->obj, obj));
            return TRUE;
          }
      }
    }
  else if (obj->kind == PL_V_INT || obj->kind == PL_V_FLOAT || obj->kind == PL_V_BOOL)
    {
      g_autofree char *key = g_strdup_printf ("%s.%s", pl_val_type_name (obj), name);
      PlVal *m = g_hash_table_lookup (I->builtins, key);
      if (m != NULL && pl_val_is (m, PL_OBJ_BUILTIN))
        {
          *result = pl_val_obj (pl_builtin_bind (m->obj, obj));
          return TRUE;
        }
    }
  return no_attr (I, obj, name);
}

/* Python's PySlice_AdjustIndices over a sequence of @length. */
static gboolean
slice_indices (PlInterp    *I,
               PlValue     *slice,
               gint64       length,
               gint64      *start,
               gint64      *stop,
               gint64      *step,
               gint64      *count)
{
  gint64 s = 1;

  if (slice->slice.step.kind != PL_V_NONE)
    {
      if (!pl_val_to_index (I, &slice->slice.step, &s))
        return FALSE;
      if (s == 0)
        return pl_raise (I, PL_ERROR_VALUE, "slice step cannot be zero");
      if (s == G_MININT64)
        s = -G_MAXINT64;
    }
  *step = s;
  for (int k = 0; k < 2; k++)
    {
      PlVal *bound = k == 0 ? &slice->slice.start : &slice->slice.stop;
      gint64 *dst = k == 0 ? start : stop;
      gint64 v;

      if (bound->kind == PL_V_NONE)
        {
          if (k == 0)
            *dst = s < 0 ? length - 1 : 0;
          else
            *dst = s < 0 ? -1 : length;
          continue;
        }
      if (!pl_val_to_index (I, bound, &v))
        return FALSE;
      if (v < 0)
        {
          v = v < -length ? (s < 0 ? -1 : 0) : v + length;
        }
      else if (v >= length)
        v = s < 0 ? length - 1 : length;
      *dst = v;
    }
  if (s < 0)
    *count = *stop < *start ? (*start - *stop - 1) / (-s) + 1 : 0;
  else
    *count = *start < *stop ? (*stop - *start - 1) / s + 1 : 0;
  return TRUE;
}

gboolean
pl_get_item (PlInterp    *I,
             const PlVal *obj,
             const PlVal *index,
             PlVal       *result)
{
  if (obj->kind == PL_V_ARRAY)
    return pl_np_get_item (I, obj, index, result);
  if (obj->kind == PL_V_OBJ)
    {
      PlValue *o = obj->obj;
      gint64 length = -1;

      switch (o->kind)
        {
        case PL_OBJ_STR: length = g_utf8_strlen (o->str.s, o->str.len); break;
        case PL_OBJ_TUPLE: case PL_OBJ_LIST: length = o->seq.n; break;
        case PL_OBJ_RANGE: length = pl_range_len (o); break;
        case PL_OBJ_DICT:
          for (guint i = 0; i < o->dict.n; i++)
            {
              gboolean eq;
              if (!pl_val_equal (I, &o->dict.keys[i], index, &eq))
                return FALSE;
              if (eq)
                {
                  *result = pl_val_ref (&o->dict.values[i]);
                  return TRUE;
                }
            }
          {
            g_autofree char *k = pl_val_to_str (index, TRUE);
            return pl_raise (I, PL_ERROR_KEY, "%s", k);
          }
        default:
          break;
        }
      if (length >= 0)
        {
          const char *tname = pl_val_type_name (obj);

          if (pl_val_is (index, PL_OBJ_SLICE))
            {
              gint64 start = 0, stop = 0, step = 1, count = 0;

              if (!slice_indices (I, index->obj, length, &start, &stop, &step, &count))
                return FALSE;
              if (o->kind == PL_OBJ_RANGE)
                {
                  /* Wrapping arithmetic: only absurd ranges could overflow. */
                  gint64 rs = (gint64) ((guint64) o->range.start + (guint64) start * (guint64) o->range.step);
                  gint64 rstep = (gint64) ((guint64) o->range.step * (guint64) step);
                  if (rstep == 0)
                    rstep = 1;
                  *result = pl_val_obj (pl_range_new (rs, (gint64) ((guint64) rs + (guint64) count * (guint64) rstep), rstep));
                  return TRUE;
                }
              if (o->kind == PL_OBJ_STR)
                {
                  GString *s = g_string_new (NULL);
                  glong n_chars = length;
                  const char **starts = g_new (const char *, n_chars + 1);
                  const char *p = o->str.s;
                  for (glong i = 0; i < n_chars; i++)
                    {
                      starts[i] = p;
                      p = g_utf8_next_char (p);
                    }
                  starts[n_chars] = p;
                  for (gint64 i = 0, j = start; i < count; i++, j += step)
                    g_string_append_len (s, starts[j], starts[j + 1] - starts[j]);
                  g_free (starts);
                  {
                    gsize len = s->len;
                    *result = pl_val_obj (pl_str_take (g_string_free (s, FALSE), len));
                  }
                  return TRUE;
                }
              {
                PlVal *items = g_new (PlVal, MAX (count, 1));
                PlValue *r;
                for (gint64 i = 0, j = start; i < count; i++, j += step)
                  items[i] = pl_val_ref (&o->seq.items[j]);
                r = pl_seq_new (o->kind, items, count);
                g_free (items);
                *result = pl_val_obj (r);
                return TRUE;
              }
            }
          if (index->kind == PL_V_INT || index->kind == PL_V_BOOL ||
              (index->kind == PL_V_ARRAY && index->np_scalar && pl_dtype_kind (index->arr->dtype) != PL_DTYPE_KIND_FLOAT))
            {
              gint64 i;
              if (!pl_val_to_index (I, index, &i))
                return FALSE;
              if (i < 0)
                i += length;
              if (i < 0 || i >= length)
                return pl_raise (I, PL_ERROR_INDEX, "%s index out of range",
                                 o->kind == PL_OBJ_RANGE ? "range object" :
                                 o->kind == PL_OBJ_STR ? "string" : tname);
              switch (o->kind)
                {
                case PL_OBJ_STR:
                  {
                    const char *p = g_utf8_offset_to_pointer (o->str.s, i);
                    *result = pl_val_obj (pl_str_new (p, g_utf8_next_char (p) - p));
                  }
                  return TRUE;
                case PL_OBJ_RANGE:
                  *result = pl_val_int (o->range.start + i * o->range.step);
                  return TRUE;
                default:
                  *result = pl_val_ref (&o->seq.items[i]);
                  return TRUE;
                }
            }
          return pl_raise (I, PL_ERROR_TYPE, "%s indices must be integers or slices, not %s",
                           o->kind == PL_OBJ_STR ? "string" : tname, pl_val_type_name (index));
        }
    }
  return pl_raise (I, PL_ERROR_TYPE, "'%s' object is not subscriptable", pl_val_type_name (obj));
}

static gboolean
set_item (PlInterp    *I,
          const PlVal *obj,
          const PlVal *index,
          const PlVal *value)
{
  if (obj->kind == PL_V_ARRAY && !obj->np_scalar)
    return pl_np_set_item (I, obj, index, value);
  if (pl_val_is (obj, PL_OBJ_LIST))
    {
      PlValue *o = obj->obj;
      gint64 i;

      if (pl_val_is (index, PL_OBJ_SLICE))
        return pl_raise (I, PL_ERROR_NOT_IMPLEMENTED, "assigning to a slice of a list is not supported by Peakline");
      if (pl_val_depth (value) > 0 && value->obj->kind != PL_OBJ_STR && value->obj->kind != PL_OBJ_DTYPE)
        return pl_raise (I, PL_ERROR_NOT_IMPLEMENTED,
                         "Peakline lists can only be given numbers, strings and arrays after they are made");
      if (!pl_val_to_index (I, index, &i))
        return FALSE;
      if (i < 0)
        i += o->seq.n;
      if (i < 0 || i >= o->seq.n)
        return pl_raise (I, PL_ERROR_INDEX, "list assignment index out of range");
      {
        PlVal old = o->seq.items[i];
        o->seq.items[i] = pl_val_ref (value);
        pl_val_clear (&old);
      }
      return TRUE;
    }
  if (obj->kind == PL_V_OBJ && (obj->obj->kind == PL_OBJ_TUPLE || obj->obj->kind == PL_OBJ_STR ||
                                obj->obj->kind == PL_OBJ_RANGE))
    return pl_raise (I, PL_ERROR_TYPE, "'%s' object does not support item assignment", pl_val_type_name (obj));
  if (pl_val_is (obj, PL_OBJ_DICT))
    return pl_raise (I, PL_ERROR_NOT_IMPLEMENTED, "Peakline dictionaries cannot be changed after they are made");
  return pl_raise (I, PL_ERROR_TYPE, "'%s' object does not support item assignment", pl_val_type_name (obj));
}

/* --- calls -------------------------------------------------------------- */

static gboolean
call_function (PlInterp *I,
               PlValue  *fn,
               PlCall   *call,
               PlVal    *result)
{
  PlNode *def = fn->func.def;
  guint n_params = def->n_items;
  PlFrame frame = { 0, };
  PlVal retval = { 0, };
  Flow flow;

  if (call->n_args > n_params)
    return pl_raise (I, PL_ERROR_TYPE, "%s() takes %u positional argument%s but %u %s given",
                     def->str, n_params, n_params == 1 ? "" : "s", call->n_args,
                     call->n_args == 1 ? "was" : "were");
  if (I->call_depth >= PL_RECURSION_LIMIT)
    return pl_raise (I, PL_ERROR_RECURSION, "maximum recursion depth exceeded");
  if (!pl_interp_check_stack (I))
    return FALSE;

  frame.def = def;
  frame.n_locals = def->n_locals;
  frame.locals = g_new0 (PlVal, MAX (def->n_locals, 1));
  for (guint i = 0; i < call->n_args; i++)
    frame.locals[i] = pl_val_ref (&call->args[i]);
  for (guint k = 0; k < call->n_kw; k++)
    {
      guint i;
      for (i = 0; i < n_params; i++)
        if (strcmp (def->items[i]->str, call->kw_names[k]) == 0)
          break;
      if (i == n_params)
        {
          pl_raise (I, PL_ERROR_TYPE, "%s() got an unexpected keyword argument '%s'", def->str, call->kw_names[k]);
          goto fail;
        }
      if (frame.locals[i].kind != PL_V_UNBOUND)
        {
          pl_raise (I, PL_ERROR_TYPE, "%s() got multiple values for argument '%s'", def->str, call->kw_names[k]);
          goto fail;
        }
      frame.locals[i] = pl_val_ref (&call->kw_values[k]);
    }
  {
    GString *missing = NULL;
    guint n_missing = 0;

    for (guint i = 0; i < n_params; i++)
      {
        if (frame.locals[i].kind != PL_V_UNBOUND)
          continue;
        if (fn->func.defaults[i].kind != PL_V_UNBOUND)
          {
            frame.locals[i] = pl_val_ref (&fn->func.defaults[i]);
            continue;
          }
        n_missing++;
      }
    if (n_missing > 0)
      {
        guint seen = 0;
        missing = g_string_new (NULL);
        for (guint i = 0; i < n_params; i++)
          {
            if (frame.locals[i].kind != PL_V_UNBOUND)
              continue;
            seen++;
            if (seen > 1)
              g_string_append (missing, seen == n_missing ? (n_missing > 2 ? ", and " : " and ") : ", ");
            g_string_append_printf (missing, "'%s'", def->items[i]->str);
          }
        pl_raise (I, PL_ERROR_TYPE, "%s() missing %u required positional argument%s: %s",
                  def->str, n_missing, n_missing == 1 ? "" : "s", missing->str);
        g_string_free (missing, TRUE);
        goto fail;
      }
  }

  frame.parent = I->frame;
  I->frame = &frame;
  for (guint i = 0; i < n_params; i++)
    if (is_array_val (&frame.locals[i]))
      notify_local (I, i);
  I->call_depth++;
  flow = exec_block (I, def->body, def->n_body, &retval);
  if (I->hooks.frame_returning != NULL)
    I->hooks.frame_returning (I->user_data, def);
  I->call_depth--;
  I->frame = frame.parent;
  /* Locals die when the frame goes, in slot order, as CPython clears them. */
  for (guint i = 0; i < frame.n_locals; i++)
    pl_val_clear (&frame.locals[i]);
  g_free (frame.locals);
  if (flow == FLOW_ERROR)
    {
      pl_val_clear (&retval);
      return FALSE;
    }
  *result = retval.kind == PL_V_UNBOUND ? PL_VAL_NONE : retval;
  return TRUE;

fail:
  for (guint i = 0; i < frame.n_locals; i++)
    pl_val_clear (&frame.locals[i]);
  g_free (frame.locals);
  return FALSE;
}

gboolean
pl_interp_call_val (PlInterp    *I,
                    const PlVal *callee,
                    PlCall      *call,
                    PlVal       *result)
{
  if (callee->kind == PL_V_OBJ)
    {
      PlValue *o = callee->obj;

      switch (o->kind)
        {
        case PL_OBJ_FUNCTION:
          return call_function (I, o, call, result);
        case PL_OBJ_BUILTIN:
          if (!pl_interp_check_stack (I))
            return FALSE;
          return o->builtin.fn (I, o, call, result);
        case PL_OBJ_PARTIAL:
          {
            /* The partial's arguments come first; call keywords override. */
            PlCall merged = { 0, };
            gboolean ok;
            guint nkw = 0;

            if (!pl_interp_check_stack (I))
              return FALSE;
            merged.n_args = o->partial.n_args + call->n_args;
            merged.args = g_new (PlVal, MAX (merged.n_args, 1));
            /* A partial without arguments of its own has args == NULL, and
             * memcpy from NULL is undefined even for 0 bytes. */
            if (o->partial.n_args > 0)
              memcpy (merged.args, o->partial.args, sizeof (PlVal) * o->partial.n_args);
            if (call->n_args > 0)
              memcpy (merged.args + o->partial.n_args, call->args, sizeof (PlVal) * call->n_args);
            merged.kw_names = g_new (const char *, o->partial.n_kw + call->n_kw + 1);
            merged.kw_values = g_new (PlVal, o->partial.n_kw + call->n_kw + 1);
            for (guint i = 0; i < o->partial.n_kw; i++)
              {
                gboolean overridden = FALSE;
                for (guint j = 0; j < call->n_kw; j++)
                  if (strcmp (call->kw_names[j], o->partial.kw_names[i]) == 0)
                    overridden = TRUE;
                if (overridden)
                  continue;
                merged.kw_names[nkw] = o->partial.kw_names[i];
                merged.kw_values[nkw++] = o->partial.kw_values[i];
              }
            for (guint j = 0; j < call->n_kw; j++)
              {
                merged.kw_names[nkw] = call->kw_names[j];
                merged.kw_values[nkw++] = call->kw_values[j];
              }
            merged.n_kw = nkw;
            /* Keep the partial alive while it runs, as CPython does. */
            pl_value_ref (o);
            ok = pl_interp_call_val (I, &o->partial.func, &merged, result);
            pl_value_unref (o);
            g_free (merged.args);
            g_free (merged.kw_names);
            g_free (merged.kw_values);
            return ok;
          }
        case PL_OBJ_DTYPE:
          return pl_np_call_dtype (I, o->dtype, call, result);
        case PL_OBJ_NUMEXPR:
          return pl_ne_call_compiled (I, o, call, result);
        case PL_OBJ_OPAQUE:
          *result = PL_VAL_NONE;
          return TRUE;
        case PL_OBJ_BOXED:
          return pl_interp_call_val (I, &o->boxed, call, result);
        default:
          break;
        }
    }
  return pl_raise (I, PL_ERROR_TYPE, "'%s' object is not callable", pl_val_type_name (callee));
}

static gboolean
eval_call (PlInterp *I,
           PlNode   *node,
           PlVal    *out)
{
  PlVal callee = { 0, };
  GArray *args = NULL;
  PlVal *kw_values = NULL;
  const char **kw_names = NULL;
  PlCall call = { 0, };
  gboolean ok = FALSE;
  guint n_kw_done = 0;

  if (!eval (I, node->a, &callee))
    return FALSE;
  args = g_array_sized_new (FALSE, TRUE, sizeof (PlVal), node->n_items);
  for (guint i = 0; i < node->n_items; i++)
    {
      PlNode *arg = node->items[i];
      PlVal v = { 0, };

      if (!eval (I, arg->kind == PL_NODE_STARRED ? arg->a : arg, &v))
        goto out;
      if (arg->kind == PL_NODE_STARRED)
        {
          PlScriptIter it;
          PlVal item = { 0, };

          if (!pl_script_iter_init (I, &v, &it))
            {
              pl_val_clear (&v);
              locate (I, arg);
              goto out;
            }
          pl_val_clear (&v);
          while (pl_script_iter_next (I, &it, &item))
            {
              if (args->len >= 100000)
                {
                  pl_val_clear (&item);
                  pl_raise (I, PL_ERROR_VALUE, "too many arguments");
                  break;
                }
              g_array_append_val (args, item);
            }
          pl_script_iter_clear (&it);
          if (I->err.set)
            {
              locate (I, arg);
              goto out;
            }
        }
      else
        g_array_append_val (args, v);
    }
  kw_values = g_new0 (PlVal, MAX (node->n_items2, 1));
  kw_names = g_new0 (const char *, MAX (node->n_items2, 1));
  for (guint i = 0; i < node->n_items2; i++)
    {
      kw_names[i] = node->items2[i]->str;
      if (!eval (I, node->items2[i]->a, &kw_values[i]))
        goto out;
      n_kw_done++;
    }
  call.args = (PlVal *) args->data;
  call.n_args = args->len;
  call.kw_names = kw_names;
  call.kw_values = kw_values;
  call.n_kw = node->n_items2;
  {
    gint saved_call_line = I->call_line;
    I->call_line = node->line;
    ok = pl_interp_call_val (I, &callee, &call, out);
    I->call_line = saved_call_line;
  }

out:
  for (guint i = 0; i < args->len; i++)
    pl_val_clear (&g_array_index (args, PlVal, i));
  g_array_free (args, TRUE);
  for (guint i = 0; i < n_kw_done; i++)
    pl_val_clear (&kw_values[i]);
  g_free (kw_values);
  g_free (kw_names);
  pl_val_clear (&callee);
  return ok;
}

/* --- expressions -------------------------------------------------------- */

static gboolean
eval_seq (PlInterp  *I,
          PlNode    *node,
          PlObjKind  kind,
          PlVal     *out)
{
  PlVal *items = g_new0 (PlVal, MAX (node->n_items, 1));
  PlValue *r;

  for (guint i = 0; i < node->n_items; i++)
    if (!eval (I, node->items[i], &items[i]))
      {
        for (guint j = 0; j < i; j++)
          pl_val_clear (&items[j]);
        g_free (items);
        return FALSE;
      }
  r = pl_seq_new (kind, items, node->n_items);
  g_free (items);
  if (r == NULL)
    return pl_raise (I, PL_ERROR_RECURSION, "containers nested too deeply (Peakline's limit is %d levels)", PL_MAX_NESTING);
  *out = pl_val_obj (r);
  return TRUE;
}

static gboolean
eval_dict (PlInterp *I,
           PlNode   *node,
           PlVal    *out)
{
  PlValue *d = pl_value_alloc (PL_OBJ_DICT);
  gint depth = 0;

  d->dict.keys = g_new0 (PlVal, MAX (node->n_items, 1));
  d->dict.values = g_new0 (PlVal, MAX (node->n_items, 1));
  for (guint i = 0; i < node->n_items; i++)
    {
      PlVal k = { 0, }, v = { 0, };
      guint j;

      if (!eval (I, node->items[i], &k))
        goto fail;
      if (!eval (I, node->items2[i], &v))
        {
          pl_val_clear (&k);
          goto fail;
        }
      if (k.kind == PL_V_ARRAY || pl_val_is (&k, PL_OBJ_LIST) || pl_val_is (&k, PL_OBJ_DICT))
        {
          pl_raise (I, PL_ERROR_TYPE, "unhashable type: '%s'", pl_val_type_name (&k));
          pl_val_clear (&k);
          pl_val_clear (&v);
          goto fail;
        }
      for (j = 0; j < d->dict.n; j++)
        {
          gboolean eq;
          if (!pl_val_equal (I, &d->dict.keys[j], &k, &eq))
            {
              pl_val_clear (&k);
              pl_val_clear (&v);
              goto fail;
            }
          if (eq)
            break;
        }
      depth = MAX (depth, MAX (pl_val_depth (&k), pl_val_depth (&v)));
      if (j < d->dict.n)
        {
          pl_val_clear (&d->dict.values[j]);
          d->dict.values[j] = v;
          pl_val_clear (&k);
        }
      else
        {
          d->dict.keys[d->dict.n] = k;
          d->dict.values[d->dict.n] = v;
          d->dict.n++;
        }
    }
  if (depth + 1 > PL_MAX_NESTING)
    {
      pl_raise (I, PL_ERROR_RECURSION, "containers nested too deeply");
      goto fail;
    }
  d->depth = depth + 1;
  *out = pl_val_obj (d);
  return TRUE;

fail:
  pl_value_unref (d);
  return FALSE;
}

static gboolean
eval_slice (PlInterp *I,
            PlNode   *node,
            PlVal    *out)
{
  PlValue *s = pl_value_alloc (PL_OBJ_SLICE);
  PlNode *parts[3] = { node->a, node->b, node->c };
  PlVal *dst[3] = { &s->slice.start, &s->slice.stop, &s->slice.step };

  for (int i = 0; i < 3; i++)
    {
      *dst[i] = PL_VAL_NONE;
      if (parts[i] != NULL && !eval (I, parts[i], dst[i]))
        {
          pl_value_unref (s);
          return FALSE;
        }
      if (pl_val_depth (dst[i]) > 0)
        s->depth = MAX (s->depth, pl_val_depth (dst[i]) + 1);
    }
  if (s->depth > PL_MAX_NESTING)
    {
      pl_value_unref (s);
      return pl_raise (I, PL_ERROR_RECURSION, "containers nested too deeply");
    }
  *out = pl_val_obj (s);
  return TRUE;
}

static gboolean
eval_compare (PlInterp *I,
              PlNode   *node,
              PlVal    *out)
{
  PlVal left = { 0, };

  if (!eval (I, node->a, &left))
    return FALSE;
  for (guint i = 0; i < node->n_items; i++)
    {
      PlVal right = { 0, }, r = { 0, };
      gboolean truth;

      if (!eval (I, node->items[i], &right))
        {
          pl_val_clear (&left);
          return FALSE;
        }
      if (!pl_compare_op (I, node->ops[i], &left, &right, &r))
        {
          pl_val_clear (&left);
          pl_val_clear (&right);
          return FALSE;
        }
      pl_val_clear (&left);
      if (i + 1 == node->n_items)
        {
          pl_val_clear (&right);
          *out = r;
          return TRUE;
        }
      if (!pl_val_truth (I, &r, &truth))
        {
          pl_val_clear (&right);
          pl_val_clear (&r);
          return FALSE;
        }
      if (!truth)
        {
          pl_val_clear (&right);
          *out = r;
          return TRUE;
        }
      pl_val_clear (&r);
      left = right;
    }
  *out = left;
  return TRUE;
}

static gboolean
eval_inner (PlInterp *I,
            PlNode   *node,
            PlVal    *out)
{
  switch (node->kind)
    {
    case PL_NODE_INT:
      if (node->int_overflow)
        return pl_raise (I, PL_ERROR_OVERFLOW, "integer literal does not fit in 64 bits (Peakline's ints are 64-bit)");
      *out = pl_val_int (node->ival);
      return TRUE;
    case PL_NODE_FLOAT:
      *out = pl_val_float (node->fval);
      return TRUE;
    case PL_NODE_STR:
      *out = pl_val_obj (pl_str_new (node->str, node->str_len));
      return TRUE;
    case PL_NODE_TRUE:
      *out = pl_val_bool (TRUE);
      return TRUE;
    case PL_NODE_FALSE:
      *out = pl_val_bool (FALSE);
      return TRUE;
    case PL_NODE_NONE:
      *out = PL_VAL_NONE;
      return TRUE;
    case PL_NODE_ELLIPSIS:
      *out = pl_val_obj (pl_value_alloc (PL_OBJ_ELLIPSIS));
      return TRUE;
    case PL_NODE_NAME:
      return load_name (I, node, out);
    case PL_NODE_TUPLE:
      return eval_seq (I, node, PL_OBJ_TUPLE, out);
    case PL_NODE_LIST:
      return eval_seq (I, node, PL_OBJ_LIST, out);
    case PL_NODE_DICT:
      return eval_dict (I, node, out);
    case PL_NODE_BINOP:
      {
        PlVal a = { 0, }, b = { 0, };
        gboolean ok;

        if (!eval (I, node->a, &a))
          return FALSE;
        if (!eval (I, node->b, &b))
          {
            pl_val_clear (&a);
            return FALSE;
          }
        ok = pl_binary_op (I, node->op, &a, &b, FALSE, out);
        pl_val_clear (&a);
        pl_val_clear (&b);
        return ok;
      }
    case PL_NODE_UNARY:
      {
        PlVal a = { 0, };
        gboolean ok;

        if (!eval (I, node->a, &a))
          return FALSE;
        ok = unary_op (I, node->op, &a, out);
        pl_val_clear (&a);
        return ok;
      }
    case PL_NODE_NOT:
      {
        PlVal a = { 0, };
        gboolean truth, ok;

        if (!eval (I, node->a, &a))
          return FALSE;
        ok = pl_val_truth (I, &a, &truth);
        pl_val_clear (&a);
        if (ok)
          *out = pl_val_bool (!truth);
        return ok;
      }
    case PL_NODE_AND:
    case PL_NODE_OR:
      {
        PlVal a = { 0, };
        gboolean truth;

        if (!eval (I, node->a, &a))
          return FALSE;
        if (!pl_val_truth (I, &a, &truth))
          {
            pl_val_clear (&a);
            return FALSE;
          }
        if ((node->kind == PL_NODE_AND) != truth)
          {
            *out = a;
            return TRUE;
          }
        pl_val_clear (&a);
        return eval (I, node->b, out);
      }
    case PL_NODE_COMPARE:
      return eval_compare (I, node, out);
    case PL_NODE_IFEXP:
      {
        PlVal c = { 0, };
        gboolean truth;

        if (!eval (I, node->b, &c))
          return FALSE;
        if (!pl_val_truth (I, &c, &truth))
          {
            pl_val_clear (&c);
            return FALSE;
          }
        pl_val_clear (&c);
        return eval (I, truth ? node->a : node->c, out);
      }
    case PL_NODE_CALL:
      return eval_call (I, node, out);
    case PL_NODE_ATTR:
      {
        PlVal obj = { 0, };
        gboolean ok;

        if (!eval (I, node->a, &obj))
          return FALSE;
        ok = pl_get_attr (I, &obj, node->str, out);
        pl_val_clear (&obj);
        return ok;
      }
    case PL_NODE_SUBSCRIPT:
      {
        PlVal obj = { 0, }, index = { 0, };
        gboolean ok;

        if (!eval (I, node->a, &obj))
          return FALSE;
        if (!eval (I, node->b, &index))
          {
            pl_val_clear (&obj);
            return FALSE;
          }
        ok = pl_get_item (I, &obj, &index, out);
        pl_val_clear (&obj);
        pl_val_clear (&index);
        return ok;
      }
    case PL_NODE_SLICE:
      return eval_slice (I, node, out);
    case PL_NODE_FSTRING:
      {
        GString *s = g_string_new (NULL);

        for (guint i = 0; i < node->n_items; i++)
          {
            PlNode *part = node->items[i];
            PlVal v = { 0, }, spec = { 0, };
            gboolean ok;

            if (part->kind == PL_NODE_STR)
              {
                g_string_append_len (s, part->str, part->str_len);
                continue;
              }
            if (!eval (I, part->a, &v))
              {
                g_string_free (s, TRUE);
                return FALSE;
              }
            if (part->op == 'r' || part->op == 'a' || part->op == 's')
              {
                char *text = pl_val_to_str (&v, part->op != 's');
                pl_val_clear (&v);
                v = pl_val_obj (pl_str_take (text, strlen (text)));
              }
            if (part->b != NULL && !eval (I, part->b, &spec))
              {
                pl_val_clear (&v);
                g_string_free (s, TRUE);
                return FALSE;
              }
            ok = pl_format_with_spec (I, &v, part->b != NULL ? spec.obj->str.s : "", s);
            pl_val_clear (&v);
            pl_val_clear (&spec);
            if (!ok || s->len > PL_MAX_SEQUENCE)
              {
                g_string_free (s, TRUE);
                if (ok)
                  pl_raise (I, PL_ERROR_MEMORY, "the string would be too long");
                locate (I, part);
                return FALSE;
              }
          }
        {
          gsize len = s->len;
          *out = pl_val_obj (pl_str_take (g_string_free (s, FALSE), len));
        }
        return TRUE;
      }
    case PL_NODE_STARRED:
      return pl_raise (I, PL_ERROR_SYNTAX, "can't use starred expression here");
    default:
      return pl_raise (I, PL_ERROR_NOT_IMPLEMENTED, "this %s is not supported by Peakline",
                       pl_node_kind_name (node->kind));
    }
}

static gboolean
eval (PlInterp *I,
      PlNode   *node,
      PlVal    *out)
{
  out->kind = PL_V_UNBOUND;
  if (!pl_interp_check_stack (I) || !eval_inner (I, node, out))
    {
      locate (I, node);
      return FALSE;
    }
  return TRUE;
}

/* --- statements --------------------------------------------------------- */

static gboolean
line_event (PlInterp *I,
            PlNode   *stmt)
{
  I->current_line = stmt->line;
  if (pl_engine_is_interrupted ())
    {
      pl_raise_kind (I, PL_ERROR_CANCELLED, "KeyboardInterrupt", "the run was stopped");
      locate (I, stmt);
      return FALSE;
    }
  if (I->hooks.line_started != NULL)
    I->hooks.line_started (I->user_data, I->frame ? (gconstpointer) I->frame->def : NULL, stmt->line);
  return TRUE;
}

/* Assigns @value (borrowed) to @target. */
static gboolean
assign (PlInterp    *I,
        PlNode      *target,
        const PlVal *value)
{
  switch (target->kind)
    {
    case PL_NODE_NAME:
      store_name (I, target, pl_val_ref (value));
      return TRUE;
    case PL_NODE_SUBSCRIPT:
      {
        PlVal obj = { 0, }, index = { 0, };
        gboolean ok;

        if (!eval (I, target->a, &obj))
          return FALSE;
        if (!eval (I, target->b, &index))
          {
            pl_val_clear (&obj);
            return FALSE;
          }
        ok = set_item (I, &obj, &index, value);
        pl_val_clear (&obj);
        pl_val_clear (&index);
        if (!ok)
          locate (I, target);
        return ok;
      }
    case PL_NODE_ATTR:
      {
        PlVal obj = { 0, };
        gboolean ok = FALSE;

        if (!eval (I, target->a, &obj))
          return FALSE;
        if (obj.kind == PL_V_OBJ && obj.obj->kind == PL_OBJ_OPAQUE)
          ok = TRUE;
        else
          pl_raise (I, PL_ERROR_ATTRIBUTE, "cannot set attribute '%s' of '%s' object (not supported by Peakline)",
                    target->str, pl_val_type_name (&obj));
        pl_val_clear (&obj);
        if (!ok)
          locate (I, target);
        return ok;
      }
    case PL_NODE_TUPLE:
    case PL_NODE_LIST:
      {
        PlScriptIter it;
        PlVal *items;
        guint n = target->n_items, got = 0;
        gboolean ok = TRUE;

        if (!pl_script_iter_init (I, value, &it))
          {
            clear_error (I);
            pl_raise (I, PL_ERROR_TYPE, "cannot unpack non-iterable %s object", pl_val_type_name (value));
            locate (I, target);
            return FALSE;
          }
        items = g_new0 (PlVal, MAX (n, 1));
        for (;;)
          {
            PlVal item = { 0, };
            if (!pl_script_iter_next (I, &it, &item))
              break;
            if (got >= n)
              {
                pl_val_clear (&item);
                pl_raise (I, PL_ERROR_VALUE, "too many values to unpack (expected %u)", n);
                break;
              }
            items[got++] = item;
          }
        pl_script_iter_clear (&it);
        if (!I->err.set && got < n)
          pl_raise (I, PL_ERROR_VALUE, "not enough values to unpack (expected %u, got %u)", n, got);
        if (I->err.set)
          {
            locate (I, target);
            ok = FALSE;
          }
        for (guint i = 0; ok && i < n; i++)
          if (!assign (I, target->items[i], &items[i]))
            ok = FALSE;
        for (guint i = 0; i < n; i++)
          pl_val_clear (&items[i]);
        g_free (items);
        return ok;
      }
    default:
      pl_raise (I, PL_ERROR_SYNTAX, "cannot assign to %s", pl_node_kind_name (target->kind));
      locate (I, target);
      return FALSE;
    }
}

static gboolean
delete_target (PlInterp *I,
               PlNode   *target)
{
  switch (target->kind)
    {
    case PL_NODE_NAME:
      if (target->slot >= 0 && I->frame != NULL && (guint) target->slot < I->frame->n_locals)
        {
          PlVal *local = &I->frame->locals[target->slot];
          if (local->kind == PL_V_UNBOUND)
            {
              pl_raise_kind (I, PL_ERROR_NAME, "UnboundLocalError",
                             "cannot access local variable '%s' where it is not associated with a value",
                             target->str);
              locate (I, target);
              return FALSE;
            }
          if (is_array_val (local))
            {
              PlVal old = *local;

              *local = (PlVal) { .kind = PL_V_UNBOUND };
              notify_local (I, target->slot);
              pl_val_clear (&old);
            }
          else
            pl_val_clear (local);
          return TRUE;
        }
      if (!g_hash_table_contains (I->globals, target->str))
        {
          pl_raise (I, PL_ERROR_NAME, "name '%s' is not defined", target->str);
          locate (I, target);
          return FALSE;
        }
      g_hash_table_remove (I->globals, target->str);
      return TRUE;
    case PL_NODE_TUPLE:
    case PL_NODE_LIST:
      for (guint i = 0; i < target->n_items; i++)
        if (!delete_target (I, target->items[i]))
          return FALSE;
      return TRUE;
    case PL_NODE_SUBSCRIPT:
      {
        PlVal obj = { 0, };
        if (!eval (I, target->a, &obj))
          return FALSE;
        if (obj.kind == PL_V_ARRAY)
          pl_raise (I, PL_ERROR_VALUE, "cannot delete array elements");
        else if (pl_val_is (&obj, PL_OBJ_LIST) || pl_val_is (&obj, PL_OBJ_DICT))
          pl_raise (I, PL_ERROR_NOT_IMPLEMENTED, "deleting items of a %s is not supported by Peakline",
                    pl_val_type_name (&obj));
        else
          pl_raise (I, PL_ERROR_TYPE, "'%s' object doesn't support item deletion", pl_val_type_name (&obj));
        pl_val_clear (&obj);
        locate (I, target);
        return FALSE;
      }
    default:
      pl_raise (I, PL_ERROR_ATTRIBUTE, "cannot delete this %s", pl_node_kind_name (target->kind));
      locate (I, target);
      return FALSE;
    }
}

static gboolean
exec_import (PlInterp *I,
             PlNode   *stmt);

static Flow
exec_for (PlInterp *I,
          PlNode   *stmt,
          PlVal    *retval)
{
  PlVal seq = { 0, };
  PlScriptIter it;
  Flow flow = FLOW_NORMAL;

  if (!line_event (I, stmt))
    return FLOW_ERROR;
  if (!eval (I, stmt->b, &seq))
    return FLOW_ERROR;
  if (!pl_script_iter_init (I, &seq, &it))
    {
      pl_val_clear (&seq);
      locate (I, stmt->b);
      return FLOW_ERROR;
    }
  pl_val_clear (&seq);
  for (gboolean first = TRUE;; first = FALSE)
    {
      PlVal item = { 0, };
      gboolean ok;

      /* The header runs once per iteration and once more at exhaustion. */
      if (!first && !line_event (I, stmt))
        {
          flow = FLOW_ERROR;
          break;
        }
      if (!pl_script_iter_next (I, &it, &item))
        {
          if (I->err.set)
            {
              locate (I, stmt->b);
              flow = FLOW_ERROR;
            }
          else if (stmt->n_orelse > 0)
            flow = exec_block (I, stmt->orelse, stmt->n_orelse, retval);
          break;
        }
      ok = assign (I, stmt->a, &item);
      pl_val_clear (&item);
      if (!ok)
        {
          flow = FLOW_ERROR;
          break;
        }
      flow = exec_block (I, stmt->body, stmt->n_body, retval);
      if (flow == FLOW_BREAK)
        {
          flow = FLOW_NORMAL;
          break;
        }
      if (flow == FLOW_CONTINUE)
        flow = FLOW_NORMAL;
      if (flow != FLOW_NORMAL)
        break;
    }
  pl_script_iter_clear (&it);
  return flow;
}

static Flow
exec_while (PlInterp *I,
            PlNode   *stmt,
            PlVal    *retval)
{
  for (;;)
    {
      PlVal test = { 0, };
      gboolean truth;
      Flow flow;

      if (!line_event (I, stmt))
        return FLOW_ERROR;
      if (!eval (I, stmt->a, &test))
        return FLOW_ERROR;
      if (!pl_val_truth (I, &test, &truth))
        {
          pl_val_clear (&test);
          locate (I, stmt->a);
          return FLOW_ERROR;
        }
      pl_val_clear (&test);
      if (!truth)
        {
          if (stmt->n_orelse > 0)
            return exec_block (I, stmt->orelse, stmt->n_orelse, retval);
          return FLOW_NORMAL;
        }
      flow = exec_block (I, stmt->body, stmt->n_body, retval);
      if (flow == FLOW_BREAK)
        return FLOW_NORMAL;
      if (flow == FLOW_CONTINUE || flow == FLOW_NORMAL)
        continue;
      return flow;
    }
}

static gboolean
make_function (PlInterp *I,
               PlNode   *def)
{
  PlValue *fn = pl_value_alloc (PL_OBJ_FUNCTION);
  gint depth = 0;

  fn->func.def = def;
  fn->func.script = pl_script_ref (I->script);
  fn->func.n_params = def->n_items;
  fn->func.defaults = g_new0 (PlVal, MAX (def->n_items, 1));
  for (guint i = 0; i < def->n_items; i++)
    {
      if (def->items[i]->a == NULL)
        continue;
      if (!eval (I, def->items[i]->a, &fn->func.defaults[i]))
        {
          pl_value_unref (fn);
          return FALSE;
        }
      depth = MAX (depth, pl_val_depth (&fn->func.defaults[i]));
    }
  if (depth + 1 > PL_MAX_NESTING)
    {
      pl_value_unref (fn);
      return pl_raise (I, PL_ERROR_RECURSION, "default values nested too deeply");
    }
  fn->depth = depth + 1;
  {
    /* The def binds its name like an assignment. */
    bind_name (I, def->str, pl_val_obj (fn));
  }
  return TRUE;
}

static Flow
exec_stmt (PlInterp *I,
           PlNode   *stmt,
           PlVal    *retval)
{
  if (stmt->kind == PL_NODE_FOR)
    return exec_for (I, stmt, retval);
  if (stmt->kind == PL_NODE_WHILE)
    return exec_while (I, stmt, retval);
  if (!line_event (I, stmt))
    return FLOW_ERROR;

  switch (stmt->kind)
    {
    case PL_NODE_EXPR_STMT:
      {
        PlVal v = { 0, };
        if (!eval (I, stmt->a, &v))
          return FLOW_ERROR;
        pl_val_clear (&v);
        return FLOW_NORMAL;
      }
    case PL_NODE_ASSIGN:
      {
        PlVal v = { 0, };
        if (!eval (I, stmt->a, &v))
          return FLOW_ERROR;
        for (guint i = 0; i < stmt->n_items; i++)
          if (!assign (I, stmt->items[i], &v))
            {
              pl_val_clear (&v);
              return FLOW_ERROR;
            }
        pl_val_clear (&v);
        return FLOW_NORMAL;
      }
    case PL_NODE_ANNASSIGN:
      {
        PlVal v = { 0, };
        gboolean ok;
        if (stmt->c == NULL)
          return FLOW_NORMAL;
        if (!eval (I, stmt->c, &v))
          return FLOW_ERROR;
        ok = assign (I, stmt->a, &v);
        pl_val_clear (&v);
        return ok ? FLOW_NORMAL : FLOW_ERROR;
      }
    case PL_NODE_AUGASSIGN:
      {
        PlNode *target = stmt->a;
        PlVal cur = { 0, }, rhs = { 0, }, r = { 0, };
        PlVal obj = { 0, }, index = { 0, };
        gboolean ok = FALSE;

        if (target->kind == PL_NODE_SUBSCRIPT)
          {
            if (!eval (I, target->a, &obj))
              return FLOW_ERROR;
            if (!eval (I, target->b, &index))
              goto aug_out;
            if (!pl_get_item (I, &obj, &index, &cur))
              {
                locate (I, target);
                goto aug_out;
              }
          }
        else if (target->kind == PL_NODE_ATTR)
          {
            pl_raise (I, PL_ERROR_ATTRIBUTE, "setting attributes is not supported by Peakline");
            locate (I, target);
            return FLOW_ERROR;
          }
        else if (!eval (I, target, &cur))
          return FLOW_ERROR;
        if (!eval (I, stmt->b, &rhs))
          goto aug_out;
        if (!pl_binary_op (I, stmt->op, &cur, &rhs, TRUE, &r))
          {
            locate (I, stmt);
            goto aug_out;
          }
        /* Drop our reference before rebinding so that counts match CPython's. */
        pl_val_clear (&cur);
        if (target->kind == PL_NODE_SUBSCRIPT)
          {
            ok = set_item (I, &obj, &index, &r);
            if (!ok)
              locate (I, target);
          }
        else
          {
            store_name (I, target, r);
            r.kind = PL_V_UNBOUND;
            ok = TRUE;
          }
      aug_out:
        pl_val_clear (&cur);
        pl_val_clear (&rhs);
        pl_val_clear (&r);
        pl_val_clear (&obj);
        pl_val_clear (&index);
        return ok ? FLOW_NORMAL : FLOW_ERROR;
      }
    case PL_NODE_DEL:
      for (guint i = 0; i < stmt->n_items; i++)
        if (!delete_target (I, stmt->items[i]))
          return FLOW_ERROR;
      return FLOW_NORMAL;
    case PL_NODE_PASS:
    case PL_NODE_GLOBAL:
      return FLOW_NORMAL;
    case PL_NODE_BREAK:
      return FLOW_BREAK;
    case PL_NODE_CONTINUE:
      return FLOW_CONTINUE;
    case PL_NODE_RETURN:
      if (I->frame == NULL)
        {
          pl_raise (I, PL_ERROR_SYNTAX, "'return' outside function");
          locate (I, stmt);
          return FLOW_ERROR;
        }
      if (stmt->a != NULL)
        {
          if (!eval (I, stmt->a, retval))
            return FLOW_ERROR;
        }
      else
        *retval = PL_VAL_NONE;
      return FLOW_RETURN;
    case PL_NODE_RAISE:
      {
        PlVal v = { 0, };

        if (stmt->a == NULL)
          {
            pl_raise (I, PL_ERROR_RUNTIME, "No active exception to reraise");
            locate (I, stmt);
            return FLOW_ERROR;
          }
        if (!eval (I, stmt->a, &v))
          return FLOW_ERROR;
        pl_raise_value (I, &v);
        pl_val_clear (&v);
        locate (I, stmt->a);
        return FLOW_ERROR;
      }
    case PL_NODE_ASSERT:
      {
        PlVal v = { 0, };
        gboolean truth;

        if (!eval (I, stmt->a, &v))
          return FLOW_ERROR;
        if (!pl_val_truth (I, &v, &truth))
          {
            pl_val_clear (&v);
            locate (I, stmt->a);
            return FLOW_ERROR;
          }
        pl_val_clear (&v);
        if (!truth)
          {
            g_autofree char *text = NULL;
            if (stmt->b != NULL)
              {
                if (!eval (I, stmt->b, &v))
                  return FLOW_ERROR;
                text = pl_val_to_str (&v, FALSE);
                pl_val_clear (&v);
              }
            pl_raise_kind (I, PL_ERROR_RUNTIME, "AssertionError", "%s", text ? text : "");
            locate (I, stmt);
            return FLOW_ERROR;
          }
        return FLOW_NORMAL;
      }
    case PL_NODE_IF:
      {
        PlVal test = { 0, };
        gboolean truth;

        if (!eval (I, stmt->a, &test))
          return FLOW_ERROR;
        if (!pl_val_truth (I, &test, &truth))
          {
            pl_val_clear (&test);
            locate (I, stmt->a);
            return FLOW_ERROR;
          }
        pl_val_clear (&test);
        if (truth)
          return exec_block (I, stmt->body, stmt->n_body, retval);
        return exec_block (I, stmt->orelse, stmt->n_orelse, retval);
      }
    case PL_NODE_DEF:
      return make_function (I, stmt) ? FLOW_NORMAL : FLOW_ERROR;
    case PL_NODE_IMPORT:
    case PL_NODE_FROM:
      return exec_import (I, stmt) ? FLOW_NORMAL : FLOW_ERROR;
    default:
      pl_raise (I, PL_ERROR_NOT_IMPLEMENTED, "this statement is not supported by Peakline");
      locate (I, stmt);
      return FLOW_ERROR;
    }
}

static Flow
exec_block (PlInterp  *I,
            PlNode   **body,
            guint      n,
            PlVal     *retval)
{
  if (!pl_interp_check_stack (I))
    return FLOW_ERROR;
  for (guint i = 0; i < n; i++)
    {
      Flow flow = exec_stmt (I, body[i], retval);
      if (flow == FLOW_ERROR)
        {
          locate (I, body[i]);
          return flow;
        }
      if (flow != FLOW_NORMAL)
        return flow;
    }
  return FLOW_NORMAL;
}

/* --- imports ------------------------------------------------------------ */

static const char *ignored_modules[] = {
  "memory_profiler", "matplotlib", "matplotlib.pyplot", "pandas", "contextlib",
};

static gboolean
import_error (PlInterp   *I,
              const char *name)
{
  return pl_raise (I, PL_ERROR_IMPORT,
                   "No module named '%s' (Peakline scripts can import numpy, numexpr, time, sys and "
                   "functools; memory_profiler, matplotlib, pandas and contextlib are accepted and ignored)",
                   name);
}

/* Resolves a module by dotted name: a new reference, or an opaque value
 * for ignored modules. */
static gboolean
find_module (PlInterp   *I,
             const char *name,
             PlVal      *out)
{
  PlVal *m = g_hash_table_lookup (I->modules, name);

  if (m != NULL)
    {
      *out = pl_val_ref (m);
      return TRUE;
    }
  if (strcmp (name, "numpy.random") == 0)
    {
      PlVal np = { 0, };
      gboolean ok;
      if (!find_module (I, "numpy", &np))
        return FALSE;
      ok = pl_get_attr (I, &np, "random", out);
      pl_val_clear (&np);
      return ok;
    }
  for (gsize i = 0; i < G_N_ELEMENTS (ignored_modules); i++)
    if (strcmp (name, ignored_modules[i]) == 0 ||
        (g_str_has_prefix (name, ignored_modules[i]) && name[strlen (ignored_modules[i])] == '.'))
      {
        PlValue *o = pl_value_alloc (PL_OBJ_OPAQUE);
        o->opaque.name = g_strdup (name);
        *out = pl_val_obj (o);
        return TRUE;
      }
  return import_error (I, name);
}

static void
bind_name (PlInterp   *I,
           const char *name,
           PlVal       value)
{
  gint slot = -1;

  /* No PlNode on the stack: this is inlined into the statement loop, whose
   * frame every Python call repeats. */
  if (I->frame != NULL)
    for (guint i = 0; i < I->frame->def->n_locals; i++)
      if (strcmp (I->frame->def->locals[i], name) == 0)
        slot = i;
  store_slot (I, slot, name, value);
}

static gboolean
exec_import (PlInterp *I,
             PlNode   *stmt)
{
  if (stmt->kind == PL_NODE_IMPORT)
    {
      for (guint i = 0; i < stmt->n_items; i++)
        {
          PlNode *alias = stmt->items[i];
          PlVal m = { 0, };

          if (!find_module (I, alias->str, &m))
            {
              locate (I, alias);
              return FALSE;
            }
          if (alias->str2 != NULL)
            bind_name (I, alias->str2, m);
          else
            {
              /* import a.b binds a. */
              g_autofree char *top = g_strdup (alias->str);
              char *dot = strchr (top, '.');
              if (dot != NULL)
                {
                  *dot = '\0';
                  pl_val_clear (&m);
                  if (!find_module (I, top, &m))
                    {
                      locate (I, alias);
                      return FALSE;
                    }
                }
              bind_name (I, top, m);
            }
        }
      return TRUE;
    }
  else
    {
      PlVal m = { 0, };

      if (!find_module (I, stmt->str, &m))
        {
          locate (I, stmt);
          return FALSE;
        }
      for (guint i = 0; i < stmt->n_items; i++)
        {
          PlNode *alias = stmt->items[i];
          PlVal v = { 0, };

          if (strcmp (alias->str, "*") == 0)
            {
              if (m.kind == PL_V_OBJ && m.obj->kind == PL_OBJ_MODULE)
                {
                  GHashTableIter iter;
                  gpointer key, value;
                  g_hash_table_iter_init (&iter, m.obj->module.attrs);
                  while (g_hash_table_iter_next (&iter, &key, &value))
                    bind_name (I, key, pl_val_ref (value));
                }
              continue;
            }
          if (!pl_get_attr (I, &m, alias->str, &v))
            {
              clear_error (I);
              pl_raise (I, PL_ERROR_IMPORT, "cannot import name '%s' from '%s'", alias->str, stmt->str);
              locate (I, alias);
              pl_val_clear (&m);
              return FALSE;
            }
          bind_name (I, alias->str2 ? alias->str2 : alias->str, v);
        }
      pl_val_clear (&m);
      return TRUE;
    }
}

/* --- public API --------------------------------------------------------- */

static void
free_val_ptr (gpointer p)
{
  PlVal *v = p;
  pl_val_clear (v);
  g_free (v);
}

/**
 * pl_interp_new:
 * @script: a parsed program
 * @hooks: (nullable): listeners, copied
 * @user_data: passed to the hooks
 *
 * Returns: (transfer full): an interpreter ready to run @script
 */
PlInterp *
pl_interp_new (PlScript            *script,
               const PlInterpHooks *hooks,
               gpointer             user_data)
{
  PlInterp *self;

  g_return_val_if_fail (script != NULL, NULL);
  g_return_val_if_fail (!script->for_editor, NULL);

  self = g_new0 (PlInterp, 1);
  self->script = pl_script_ref (script);
  if (hooks != NULL)
    self->hooks = *hooks;
  self->user_data = user_data;
  self->globals = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, free_val_ptr);
  self->builtins = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, free_val_ptr);
  self->modules = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, free_val_ptr);
  self->out_line = g_string_new (NULL);
  pl_builtins_install (self);
  return self;
}

/**
 * pl_interp_free:
 * @self: (nullable): an interpreter
 *
 * Frees the interpreter and every value it still holds.
 */
void
pl_interp_free (PlInterp *self)
{
  if (self == NULL)
    return;
  /* Globals first: their values may be arrays the run layer watches. */
  g_hash_table_destroy (self->globals);
  pl_val_clear (&self->ne_last_out);
  g_hash_table_destroy (self->modules);
  g_hash_table_destroy (self->builtins);
  g_string_free (self->out_line, TRUE);
  clear_error (self);
  pl_script_unref (self->script);
  g_free (self);
}

/**
 * pl_interp_run:
 * @self: an interpreter
 * @error: return location for the script's error
 *
 * Runs the module top to bottom.
 *
 * Returns: %TRUE if the script finished without an error
 */
gboolean
pl_interp_run (PlInterp  *self,
               GError   **error)
{
  PlVal retval = { 0, };
  Flow flow;
  char here;
  guintptr saved_base = self->stack_base;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->call_depth == 0)
    self->stack_base = (guintptr) &here;
  clear_error (self);
  flow = exec_block (self, self->script->module->body, self->script->module->n_body, &retval);
  pl_val_clear (&retval);
  flush_output (self);
  self->stack_base = saved_base;
  if (flow == FLOW_ERROR)
    {
      take_error (self, error);
      return FALSE;
    }
  return TRUE;
}

/**
 * pl_interp_call:
 * @self: an interpreter
 * @callable: a pipeline (function, partial or builtin)
 * @error: return location for the script's error
 *
 * Calls @callable with no further arguments and drops its result.
 *
 * Returns: %TRUE on success
 */
gboolean
pl_interp_call (PlInterp  *self,
                PlValue   *callable,
                GError   **error)
{
  PlVal callee, result = { 0, };
  PlCall call = { 0, };
  gboolean ok;
  char here;
  guintptr saved_base = self ? self->stack_base : 0;
  PlRaised saved = { 0, };

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (callable != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* Called from a hook while the script runs: keep the outer state. */
  gint saved_line = self->current_line;

  saved = self->err;
  memset (&self->err, 0, sizeof self->err);
  if (self->stack_base == 0)
    self->stack_base = (guintptr) &here;
  callee = pl_val_obj (callable);
  ok = pl_interp_call_val (self, &callee, &call, &result);
  pl_val_clear (&result);
  self->stack_base = saved_base;
  /* An error before the pipeline's first line (wrong arguments) belongs to
   * the line that asked for the call. */
  if (!ok && self->err.line == 0)
    {
      self->err.line = saved_line;
      self->err.col = 1;
    }
  self->current_line = saved_line;
  if (!ok)
    {
      flush_output (self);
      take_error (self, error);
    }
  clear_error (self);
  self->err = saved;
  return ok;
}

/**
 * pl_value_get_callable_name:
 * @callable: a function, partial or builtin
 *
 * Returns: "fun1" for fun1 or partial(fun1, ...), "ones" for np.ones
 */
const char *
pl_value_get_callable_name (PlValue *callable)
{
  g_return_val_if_fail (callable != NULL, NULL);

  switch (callable->kind)
    {
    case PL_OBJ_FUNCTION:
      return callable->func.def->str;
    case PL_OBJ_BUILTIN:
      return callable->builtin.name;
    case PL_OBJ_PARTIAL:
      if (callable->partial.func.kind == PL_V_OBJ)
        return pl_value_get_callable_name (callable->partial.func.obj);
      return "partial";
    case PL_OBJ_DTYPE:
      return pl_dtype_name (callable->dtype);
    case PL_OBJ_NUMEXPR:
      return "NumExpr";
    case PL_OBJ_BOXED:
      return pl_val_type_name (&callable->boxed);
    default:
      return "pipeline";
    }
}

/**
 * pl_value_get_code:
 * @callable: a function, partial or builtin
 *
 * Returns: (nullable): the code identity line events carry for frames of
 *   this function; %NULL for builtins
 */
gconstpointer
pl_value_get_code (PlValue *callable)
{
  g_return_val_if_fail (callable != NULL, NULL);

  if (callable->kind == PL_OBJ_FUNCTION)
    return callable->func.def;
  if (callable->kind == PL_OBJ_PARTIAL && callable->partial.func.kind == PL_V_OBJ)
    return pl_value_get_code (callable->partial.func.obj);
  return NULL;
}

/* The arrays in @v: itself, or those in a tuple, list or dict. */
static void
foreach_array_in (PlVal            *v,
                  const char       *name,
                  PlBoundArrayFunc  func,
                  gpointer          user_data)
{
  if (v->kind == PL_V_ARRAY && !v->np_scalar)
    {
      func (name, v->arr, user_data);
      return;
    }
  if (v->kind != PL_V_OBJ)
    return;
  /* Containers are bounded in depth (PlValue.depth), so this ends. */
  switch (v->obj->kind)
    {
    case PL_OBJ_TUPLE:
    case PL_OBJ_LIST:
      for (guint i = 0; i < v->obj->seq.n; i++)
        foreach_array_in (&v->obj->seq.items[i], name, func, user_data);
      break;
    case PL_OBJ_DICT:
      for (guint i = 0; i < v->obj->dict.n; i++)
        foreach_array_in (&v->obj->dict.values[i], name, func, user_data);
      break;
    case PL_OBJ_BOXED:
      foreach_array_in (&v->obj->boxed, name, func, user_data);
      break;
    default:
      break;
    }
}

/* The parameter of @fn (a script function or NULL) at @index, or NULL. */
static const char *
param_name (PlValue *fn,
            guint    index)
{
  if (fn == NULL || fn->kind != PL_OBJ_FUNCTION || index >= fn->func.n_params)
    return NULL;
  return fn->func.def->items[index]->str;
}

static PlValue *
partial_target (PlValue *callable)
{
  while (callable->kind == PL_OBJ_PARTIAL)
    {
      if (callable->partial.func.kind != PL_V_OBJ)
        return NULL;
      callable = callable->partial.func.obj;
    }
  return callable;
}

/* Positional arguments of nested partials, innermost first (the order the
 * function receives them); *@n_positional counts them. */
static void
foreach_partial_array (PlValue          *partial,
                       PlValue          *fn,
                       guint            *n_positional,
                       GHashTable       *bound,
                       PlBoundArrayFunc  func,
                       gpointer          user_data)
{
  if (partial->partial.func.kind == PL_V_OBJ && partial->partial.func.obj->kind == PL_OBJ_PARTIAL)
    foreach_partial_array (partial->partial.func.obj, fn, n_positional, bound, func, user_data);

  for (guint i = 0; i < partial->partial.n_args; i++)
    {
      const char *name = param_name (fn, (*n_positional)++);

      if (name != NULL)
        g_hash_table_add (bound, (gpointer) name);
      foreach_array_in (&partial->partial.args[i], name, func, user_data);
    }
  for (guint i = 0; i < partial->partial.n_kw; i++)
    {
      g_hash_table_add (bound, partial->partial.kw_names[i]);
      foreach_array_in (&partial->partial.kw_values[i], partial->partial.kw_names[i], func, user_data);
    }
}

/**
 * pl_value_foreach_bound_array:
 * @callable: a pipeline: a function, partial or builtin
 * @func: called with each array and the parameter it binds (or %NULL)
 *
 * Calls @func for each array that calling @callable hands to the function
 * without making it: the arguments a partial binds and the defaults of the
 * parameters it leaves, looking into tuples, lists and dicts among them.
 * These exist before a run measures the pipeline. An array bound twice is
 * reported twice.
 */
void
pl_value_foreach_bound_array (PlValue          *callable,
                              PlBoundArrayFunc  func,
                              gpointer          user_data)
{
  g_autoptr(GHashTable) bound = NULL;
  PlValue *fn;
  guint n_positional = 0;

  g_return_if_fail (callable != NULL);
  g_return_if_fail (func != NULL);

  bound = g_hash_table_new (g_str_hash, g_str_equal);
  fn = partial_target (callable);
  if (callable->kind == PL_OBJ_PARTIAL)
    foreach_partial_array (callable, fn, &n_positional, bound, func, user_data);

  if (fn != NULL && fn->kind == PL_OBJ_FUNCTION)
    for (guint i = n_positional; i < fn->func.n_params; i++)
      {
        const char *name = param_name (fn, i);

        if (fn->func.defaults[i].kind != PL_V_UNBOUND &&
            !g_hash_table_contains (bound, name))
          foreach_array_in (&fn->func.defaults[i], name, func, user_data);
      }
}
