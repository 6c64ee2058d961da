/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "pl-numexpr-private.h"

#include "pl-dtype.h"

#include <math.h>
#include <string.h>

/* numexpr evaluates the code object of the expression with its
 * ExpressionNode classes standing in for the variables (expressions.py).
 * This file does that to the syntax tree of pl-numexpr-parser.c: Python's
 * semantics for constants (folded as Python folds them, errors as Python
 * raises them), numexpr's methods for everything else, so that the tree and
 * its kinds are exactly the ones numexpr builds. */

/* --- arena ------------------------------------------------------------- */

void
ne_arena_init (NeArena *arena)
{
  arena->nodes = g_ptr_array_new_with_free_func (g_free);
  arena->strings = g_ptr_array_new_with_free_func (g_free);
}

void
ne_arena_clear (NeArena *arena)
{
  g_clear_pointer (&arena->nodes, g_ptr_array_unref);
  g_clear_pointer (&arena->strings, g_ptr_array_unref);
}

NeNode *
ne_arena_node (NeArena *arena)
{
  NeNode *node = g_new0 (NeNode, 1);

  node->reg = -1;
  g_ptr_array_add (arena->nodes, node);
  return node;
}

const char *
ne_arena_strdup (NeArena    *arena,
                 const char *s)
{
  char *copy = g_strdup (s);

  g_ptr_array_add (arena->strings, copy);
  return copy;
}

/* --- values: Python constants and numexpr nodes ------------------------ */

typedef enum
{
  V_CONST,      /* a Python constant (not yet a ConstantNode) */
  V_NODE,       /* an ExpressionNode */
  V_NONE,
  V_FUNC,       /* one of numexpr's functions */
  V_OTHER,      /* a tuple, list, string, lambda...: not usable */
} VType;

typedef struct
{
  VType       t;
  NeValue     c;         /* V_CONST */
  NeNode     *node;      /* V_NODE */
  guint       func;      /* V_FUNC: index in the function table */
  const char *what;      /* V_OTHER: Python's type name */
} Val;

typedef struct
{
  NeArena    *arena;
  NeKindFunc  kind_of;
  gpointer    user_data;
  const char *src;
  GError    **error;
} Builder;

static const char *
value_type_name (const NeValue *v)
{
  switch (v->type)
    {
    case NE_VALUE_PY_BOOL:    return "bool";
    case NE_VALUE_PY_INT:     return "int";
    case NE_VALUE_PY_FLOAT:   return "float";
    case NE_VALUE_NP_BOOL:    return "numpy.bool_";
    case NE_VALUE_NP_INT64:   return "numpy.int64";
    case NE_VALUE_NP_FLOAT32: return "numpy.float32";
    case NE_VALUE_NP_FLOAT64: return "numpy.float64";
    default:                  return "object";
    }
}

static gboolean
value_is_bool (const NeValue *v)
{
  return v->type == NE_VALUE_PY_BOOL || v->type == NE_VALUE_NP_BOOL;
}

static gboolean
value_is_float (const NeValue *v)
{
  return v->type == NE_VALUE_PY_FLOAT || v->type == NE_VALUE_NP_FLOAT32
         || v->type == NE_VALUE_NP_FLOAT64;
}

static gboolean
value_is_numpy (const NeValue *v)
{
  return v->type >= NE_VALUE_NP_BOOL;
}

static double
value_as_double (const NeValue *v)
{
  if (value_is_float (v))
    return v->f;
  if (value_is_bool (v))
    return v->b ? 1.0 : 0.0;
  return (double) v->i;
}

static gint64
value_as_int (const NeValue *v)
{
  if (value_is_bool (v))
    return v->b ? 1 : 0;
  return v->i;
}

/* numexpr's bestConstantType() and ConstantNode's kind. */
static NeKind
value_kind (const NeValue *v)
{
  switch (v->type)
    {
    case NE_VALUE_PY_BOOL:
    case NE_VALUE_NP_BOOL:
      return NE_KIND_BOOL;
    case NE_VALUE_NP_INT64:
      return NE_KIND_LONG;
    case NE_VALUE_PY_INT:
      return (v->i >= G_MININT32 && v->i <= G_MAXINT32) ? NE_KIND_INT : NE_KIND_LONG;
    case NE_VALUE_NP_FLOAT32:
      return NE_KIND_FLOAT;
    case NE_VALUE_PY_FLOAT:
    case NE_VALUE_NP_FLOAT64:
    default:
      return NE_KIND_DOUBLE;
    }
}

static NeNode *
constant_node (Builder       *b,
               const NeValue *v)
{
  NeNode *n = ne_arena_node (b->arena);

  n->type = NE_NODE_CONSTANT;
  n->value = *v;
  n->kind = value_kind (v);
  return n;
}

static const char *
node_class_name (const NeNode *n)
{
  switch (n->type)
    {
    case NE_NODE_CONSTANT: return "ConstantNode";
    case NE_NODE_VARIABLE: return "VariableNode";
    case NE_NODE_OP:
    default:
      /* Functions build FuncNode, operators OpNode. */
      return n->op >= NE_OP_WHERE && n->op != NE_OP_CAST ? "FuncNode" : "OpNode";
    }
}

static const char *
val_type_name (const Val *v)
{
  switch (v->t)
    {
    case V_CONST: return value_type_name (&v->c);
    case V_NODE:  return node_class_name (v->node);
    case V_NONE:  return "NoneType";
    case V_FUNC:  return "function";
    case V_OTHER:
    default:      return v->what;
    }
}

static NeKind
common_kind (NeNode **nodes,
             guint    n)
{
  NeKind k = NE_KIND_BOOL;

  for (guint i = 0; i < n; i++)
    k = MAX (k, nodes[i]->kind);
  return k;
}

static NeNode *
op_node (Builder *b,
         NeOp     op,
         NeNode **children,
         guint    n_children,
         gint     kind)   /* -1: common kind of the children */
{
  NeNode *n = ne_arena_node (b->arena);

  n->type = NE_NODE_OP;
  n->op = op;
  n->n_children = n_children;
  for (guint i = 0; i < n_children; i++)
    n->children[i] = children[i];
  n->kind = kind >= 0 ? (NeKind) kind : common_kind (children, n_children);
  return n;
}

static NeNode *
op2 (Builder *b,
     NeOp     op,
     NeNode  *x,
     NeNode  *y,
     gint     kind)
{
  NeNode *c[2] = { x, y };

  return op_node (b, op, c, 2, kind);
}

/* --- Python arithmetic on constants ------------------------------------ */

static gboolean
overflow_error (Builder *b)
{
  g_set_error (b->error, PL_ERROR, PL_ERROR_OVERFLOW,
               "Python int too large to convert to C long");
  return FALSE;
}

static gboolean
unsupported_operands (Builder    *b,
                      const char *op,
                      const Val  *x,
                      const Val  *y)
{
  g_set_error (b->error, PL_ERROR, PL_ERROR_TYPE,
               "unsupported operand type(s) for %s: '%s' and '%s'",
               op, val_type_name (x), val_type_name (y));
  return FALSE;
}

static NeValueType
result_value_type (const NeValue *x,
                   const NeValue *y,
                   gboolean       as_float)
{
  gboolean np = value_is_numpy (x) || value_is_numpy (y);

  if (as_float || value_is_float (x) || value_is_float (y))
    {
      if (x->type == NE_VALUE_NP_FLOAT32 && !(y->type == NE_VALUE_NP_FLOAT64)
          && !(value_is_numpy (y) && !value_is_float (y)))
        return NE_VALUE_NP_FLOAT32;
      if (y->type == NE_VALUE_NP_FLOAT32 && !(x->type == NE_VALUE_NP_FLOAT64)
          && !(value_is_numpy (x) && !value_is_float (x)))
        return NE_VALUE_NP_FLOAT32;
      return np ? NE_VALUE_NP_FLOAT64 : NE_VALUE_PY_FLOAT;
    }
  return np ? NE_VALUE_NP_INT64 : NE_VALUE_PY_INT;
}

static void
set_float (NeValue     *r,
           NeValueType  type,
           double       v)
{
  r->type = type;
  /* The small NumPy floats that arise are float16 (NumPy functions of bools
   * compute in half precision). */
  r->f = type == NE_VALUE_NP_FLOAT32 ? (double) pl_half_to_float (pl_double_to_half (v)) : v;
}

/* Folds x op y for two constants with Python's (or NumPy scalars') rules. */
static gboolean
fold_binary (Builder    *b,
             const char *op,
             const Val  *xv,
             const Val  *yv,
             NeValue    *r)
{
  const NeValue *x = &xv->c, *y = &yv->c;
  gboolean fl = value_is_float (x) || value_is_float (y);
  gboolean np = value_is_numpy (x) || value_is_numpy (y);
  NeValueType rt = result_value_type (x, y, FALSE);

  if (strcmp (op, "+") == 0 || strcmp (op, "-") == 0 || strcmp (op, "*") == 0)
    {
      if (fl)
        {
          double a = value_as_double (x), c = value_as_double (y);
          set_float (r, rt, op[0] == '+' ? a + c : op[0] == '-' ? a - c : a * c);
        }
      else
        {
          gint64 a = value_as_int (x), c = value_as_int (y), v;
          gboolean ovf = op[0] == '+' ? __builtin_add_overflow (a, c, &v)
                       : op[0] == '-' ? __builtin_sub_overflow (a, c, &v)
                       : __builtin_mul_overflow (a, c, &v);
          if (ovf && !np)
            return overflow_error (b);
          if (ovf)
            v = (gint64) (op[0] == '+' ? (guint64) a + (guint64) c
                          : op[0] == '-' ? (guint64) a - (guint64) c
                          : (guint64) a * (guint64) c);
          r->type = rt;
          r->i = v;
        }
      return TRUE;
    }
  if (strcmp (op, "/") == 0)
    {
      double a = value_as_double (x), c = value_as_double (y);

      if (c == 0 && !np)
        {
          g_set_error (b->error, PL_ERROR, PL_ERROR_ZERO_DIVISION,
                       fl ? "float division by zero" : "division by zero");
          return FALSE;
        }
      set_float (r, result_value_type (x, y, TRUE), a / c);
      return TRUE;
    }
  if (strcmp (op, "//") == 0 || strcmp (op, "%") == 0)
    {
      gboolean is_mod = op[0] == '%';

      if (fl)
        {
          double a = value_as_double (x), c = value_as_double (y), m, d;

          if (c == 0 && !np)
            {
              g_set_error (b->error, PL_ERROR, PL_ERROR_ZERO_DIVISION,
                           is_mod ? "float modulo" : "float floor division by zero");
              return FALSE;
            }
          /* CPython's float_divmod. */
          m = fmod (a, c);
          d = (a - m) / c;
          if (m != 0)
            {
              if ((c < 0) != (m < 0))
                {
                  m += c;
                  d -= 1.0;
                }
            }
          else
            m = copysign (0.0, c);
          if (d != 0)
            {
              double fd = floor (d);
              if (d - fd > 0.5)
                fd += 1.0;
              d = fd;
            }
          else
            d = copysign (0.0, a / c);
          set_float (r, rt, is_mod ? m : d);
        }
      else
        {
          gint64 a = value_as_int (x), c = value_as_int (y), q, m;

          if (c == 0)
            {
              if (np)
                {
                  r->type = rt;
                  r->i = 0;
                  return TRUE;
                }
              g_set_error (b->error, PL_ERROR, PL_ERROR_ZERO_DIVISION,
                           "integer division or modulo by zero");
              return FALSE;
            }
          if (a == G_MININT64 && c == -1)
            {
              q = G_MININT64;   /* wraps as NumPy does; Python would grow */
              m = 0;
            }
          else
            {
              q = a / c;
              m = a % c;
              if (m != 0 && ((m < 0) != (c < 0)))
                {
                  q -= 1;
                  m += c;
                }
            }
          r->type = rt;
          r->i = is_mod ? m : q;
        }
      return TRUE;
    }
  if (strcmp (op, "**") == 0)
    {
      if (!fl && value_as_int (y) >= 0)
        {
          gint64 base = value_as_int (x), e = value_as_int (y), acc = 1;

          while (e > 0)
            {
              if (e & 1)
                {
                  if (__builtin_mul_overflow (acc, base, &acc) && !np)
                    return overflow_error (b);
                }
              e >>= 1;
              if (e > 0 && __builtin_mul_overflow (base, base, &base) && !np)
                return overflow_error (b);
            }
          r->type = rt;
          r->i = acc;
          return TRUE;
        }
      {
        double a = value_as_double (x), c = value_as_double (y);

        if (a == 0 && c < 0 && !np)
          {
            g_set_error (b->error, PL_ERROR, PL_ERROR_ZERO_DIVISION,
                         "0.0 cannot be raised to a negative power");
            return FALSE;
          }
        if (a < 0 && c != floor (c) && !np)
          {
            g_set_error (b->error, PL_ERROR, PL_ERROR_NOT_IMPLEMENTED,
                         "a negative number to a fractional power is complex, "
                         "and complex numbers are not supported in numexpr "
                         "expressions here");
            return FALSE;
          }
        if (!np && isinf (pow (a, c)) && isfinite (a) && isfinite (c))
          {
            /* CPython's float_pow checks errno. */
            g_set_error_literal (b->error, PL_ERROR, PL_ERROR_OVERFLOW,
                                 "(34, 'Numerical result out of range')");
            return FALSE;
          }
        set_float (r, result_value_type (x, y, TRUE), pow (a, c));
        return TRUE;
      }
    }
  if (strcmp (op, "<<") == 0 || strcmp (op, ">>") == 0 || strcmp (op, "&") == 0
      || strcmp (op, "|") == 0 || strcmp (op, "^") == 0)
    {
      gint64 a, c;

      if (fl)
        return unsupported_operands (b, op, xv, yv);
      a = value_as_int (x);
      c = value_as_int (y);
      if (op[0] == '&' || op[0] == '|' || op[0] == '^')
        {
          gint64 v = op[0] == '&' ? (a & c) : op[0] == '|' ? (a | c) : (a ^ c);

          if (value_is_bool (x) && value_is_bool (y))
            {
              r->type = np ? NE_VALUE_NP_BOOL : NE_VALUE_PY_BOOL;
              r->b = v != 0;
            }
          else
            {
              r->type = rt;
              r->i = v;
            }
          return TRUE;
        }
      if (c < 0)
        {
          g_set_error (b->error, PL_ERROR, PL_ERROR_VALUE, "negative shift count");
          return FALSE;
        }
      r->type = rt;
      if (op[0] == '<')
        {
          if (c >= 63 || (a != 0 && (a > (G_MAXINT64 >> c) || a < (G_MININT64 >> c))))
            {
              if (a != 0 && !np)
                return overflow_error (b);
              r->i = 0;
            }
          else
            r->i = (gint64) ((guint64) a << c);
        }
      else
        r->i = c >= 63 ? (a < 0 ? -1 : 0) : a >> c;
      return TRUE;
    }
  if (strcmp (op, "@") == 0)
    return unsupported_operands (b, op, xv, yv);

  g_assert_not_reached ();
  return FALSE;
}

static gboolean
fold_compare (const char    *op,
              const NeValue *x,
              const NeValue *y)
{
  double a = value_as_double (x), c = value_as_double (y);

  if (!value_is_float (x) && !value_is_float (y))
    {
      gint64 ia = value_as_int (x), ic = value_as_int (y);

      if (strcmp (op, "<") == 0) return ia < ic;
      if (strcmp (op, ">") == 0) return ia > ic;
      if (strcmp (op, "<=") == 0) return ia <= ic;
      if (strcmp (op, ">=") == 0) return ia >= ic;
      if (strcmp (op, "==") == 0) return ia == ic;
      return ia != ic;
    }
  if (strcmp (op, "<") == 0) return a < c;
  if (strcmp (op, ">") == 0) return a > c;
  if (strcmp (op, "<=") == 0) return a <= c;
  if (strcmp (op, ">=") == 0) return a >= c;
  if (strcmp (op, "==") == 0) return a == c;
  return a != c;
}

/* --- functions --------------------------------------------------------- */

typedef enum
{
  F_PLAIN,     /* func(): ophelper, fold constants, int -> double */
  F_WHERE,
  F_REDUCE,
  F_UNSUPPORTED,
} FuncClass;

typedef struct
{
  const char *name;
  FuncClass   cls;
  NeOp        op;
  gint        minkind;   /* -1: none */
  gint        maxkind;
} FuncDef;

static const FuncDef functions[] = {
  { "copy",      F_PLAIN, NE_OP_COPY,      -1, -1 },
  { "ones_like", F_PLAIN, NE_OP_ONES_LIKE, -1, -1 },
  { "sqrt",      F_PLAIN, NE_OP_SQRT,      NE_KIND_FLOAT, -1 },
  { "sin",       F_PLAIN, NE_OP_SIN,       NE_KIND_FLOAT, -1 },
  { "cos",       F_PLAIN, NE_OP_COS,       NE_KIND_FLOAT, -1 },
  { "tan",       F_PLAIN, NE_OP_TAN,       NE_KIND_FLOAT, -1 },
  { "arcsin",    F_PLAIN, NE_OP_ARCSIN,    NE_KIND_FLOAT, -1 },
  { "arccos",    F_PLAIN, NE_OP_ARCCOS,    NE_KIND_FLOAT, -1 },
  { "arctan",    F_PLAIN, NE_OP_ARCTAN,    NE_KIND_FLOAT, -1 },
  { "sinh",      F_PLAIN, NE_OP_SINH,      NE_KIND_FLOAT, -1 },
  { "cosh",      F_PLAIN, NE_OP_COSH,      NE_KIND_FLOAT, -1 },
  { "tanh",      F_PLAIN, NE_OP_TANH,      NE_KIND_FLOAT, -1 },
  { "arcsinh",   F_PLAIN, NE_OP_ARCSINH,   NE_KIND_FLOAT, -1 },
  { "arccosh",   F_PLAIN, NE_OP_ARCCOSH,   NE_KIND_FLOAT, -1 },
  { "arctanh",   F_PLAIN, NE_OP_ARCTANH,   NE_KIND_FLOAT, -1 },
  { "fmod",      F_PLAIN, NE_OP_FMOD,      NE_KIND_FLOAT, -1 },
  { "arctan2",   F_PLAIN, NE_OP_ARCTAN2,   NE_KIND_FLOAT, -1 },
  { "log",       F_PLAIN, NE_OP_LOG,       NE_KIND_FLOAT, -1 },
  { "log1p",     F_PLAIN, NE_OP_LOG1P,     NE_KIND_FLOAT, -1 },
  { "log10",     F_PLAIN, NE_OP_LOG10,     NE_KIND_FLOAT, -1 },
  { "exp",       F_PLAIN, NE_OP_EXP,       NE_KIND_FLOAT, -1 },
  { "expm1",     F_PLAIN, NE_OP_EXPM1,     NE_KIND_FLOAT, -1 },
  { "abs",       F_PLAIN, NE_OP_ABSOLUTE,  NE_KIND_FLOAT, -1 },
  { "ceil",      F_PLAIN, NE_OP_CEIL,      NE_KIND_FLOAT, NE_KIND_DOUBLE },
  { "floor",     F_PLAIN, NE_OP_FLOOR,     NE_KIND_FLOAT, NE_KIND_DOUBLE },
  { "where",     F_WHERE, NE_OP_WHERE,     -1, -1 },
  { "sum",       F_REDUCE, NE_OP_SUM,  -1, -1 },
  { "prod",      F_REDUCE, NE_OP_PROD, -1, -1 },
  { "min",       F_REDUCE, NE_OP_MIN,  -1, -1 },
  { "max",       F_REDUCE, NE_OP_MAX,  -1, -1 },
  { "real",      F_UNSUPPORTED, 0, -1, -1 },
  { "imag",      F_UNSUPPORTED, 0, -1, -1 },
  { "complex",   F_UNSUPPORTED, 0, -1, -1 },
  { "conj",      F_UNSUPPORTED, 0, -1, -1 },
  { "contains",  F_UNSUPPORTED, 0, -1, -1 },
};

static gint
find_function (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (functions); i++)
    if (strcmp (functions[i].name, name) == 0)
      return (gint) i;
  return -1;
}

/* NumPy applied to constant arguments (numexpr folds func() of constants
 * with the NumPy function: the result is a NumPy scalar). */
static gboolean
fold_function (Builder       *b,
               const FuncDef *f,
               const NeValue *args,
               guint          n_args,
               NeValue       *r)
{
  double a = n_args > 0 ? value_as_double (&args[0]) : 0;
  double c = n_args > 1 ? value_as_double (&args[1]) : 0;
  gboolean all_bool = TRUE, any_float = FALSE;
  double v;

  for (guint i = 0; i < n_args; i++)
    {
      /* bools and float16 stay in half precision in NumPy's loops. */
      all_bool = all_bool && (value_is_bool (&args[i])
                              || args[i].type == NE_VALUE_NP_FLOAT32);
      any_float = any_float || value_is_float (&args[i]);
    }

  if ((f->op == NE_OP_ARCTAN2 || f->op == NE_OP_FMOD) ? n_args != 2 : n_args != 1)
    {
      g_set_error (b->error, PL_ERROR, PL_ERROR_TYPE,
                   "%s() takes %d arguments (%u given)", f->name,
                   (f->op == NE_OP_ARCTAN2 || f->op == NE_OP_FMOD) ? 2 : 1, n_args);
      return FALSE;
    }

  switch (f->op)
    {
    case NE_OP_COPY:
    case NE_OP_ONES_LIKE:
      /* np.copy(3.0) is a 0-d array, which numexpr's ConstantNode cannot
       * hash. */
      g_set_error_literal (b->error, PL_ERROR, PL_ERROR_TYPE,
                           "unhashable type: 'numpy.ndarray'");
      return FALSE;
    case NE_OP_ABSOLUTE:
      if (value_is_bool (&args[0]))
        {
          r->type = NE_VALUE_NP_BOOL;
          r->b = args[0].b;
          return TRUE;
        }
      if (!any_float)
        {
          r->type = NE_VALUE_NP_INT64;
          r->i = args[0].i < 0 ? (gint64) (0 - (guint64) args[0].i) : args[0].i;
          return TRUE;
        }
      v = fabs (a);
      break;
    case NE_OP_FMOD:
      if (!any_float)
        {
          gint64 ia = value_as_int (&args[0]), ic = value_as_int (&args[1]);
          r->type = NE_VALUE_NP_INT64;
          r->i = (ic == 0 || ic == -1) ? 0 : ia % ic;
          return TRUE;
        }
      v = fmod (a, c);
      break;
    case NE_OP_SQRT:    v = sqrt (a); break;
    case NE_OP_SIN:     v = sin (a); break;
    case NE_OP_COS:     v = cos (a); break;
    case NE_OP_TAN:     v = tan (a); break;
    case NE_OP_ARCSIN:  v = asin (a); break;
    case NE_OP_ARCCOS:  v = acos (a); break;
    case NE_OP_ARCTAN:  v = atan (a); break;
    case NE_OP_SINH:    v = sinh (a); break;
    case NE_OP_COSH:    v = cosh (a); break;
    case NE_OP_TANH:    v = tanh (a); break;
    case NE_OP_ARCSINH: v = asinh (a); break;
    case NE_OP_ARCCOSH: v = acosh (a); break;
    case NE_OP_ARCTANH: v = atanh (a); break;
    case NE_OP_LOG:     v = log (a); break;
    case NE_OP_LOG1P:   v = log1p (a); break;
    case NE_OP_LOG10:   v = log10 (a); break;
    case NE_OP_EXP:     v = exp (a); break;
    case NE_OP_EXPM1:   v = expm1 (a); break;
    case NE_OP_CEIL:    v = ceil (a); break;
    case NE_OP_FLOOR:   v = floor (a); break;
    case NE_OP_ARCTAN2: v = atan2 (a, c); break;
    default:
      g_assert_not_reached ();
      return FALSE;
    }
  /* NumPy computes bool and float16 arguments in float16 (through float):
   * numexpr sees a 'float' constant with a half's precision. */
  if (all_bool)
    v = pl_half_to_float (pl_float_to_half ((float) v));
  set_float (r, all_bool ? NE_VALUE_NP_FLOAT32 : NE_VALUE_NP_FLOAT64, v);
  return TRUE;
}

/* --- the evaluator ----------------------------------------------------- */

/* Python's unary - and ~ on a constant. */
static gboolean
unary_const (Builder       *b,
             char           op,
             const NeValue *x,
             NeValue       *r)
{
  *r = *x;
  if (op == '-')
    {
      if (value_is_float (r))
        r->f = -r->f;
      else if (value_is_bool (r))
        {
          if (r->type == NE_VALUE_PY_BOOL)
            {
              r->type = NE_VALUE_PY_INT;
              r->i = x->b ? -1 : 0;
            }
        }
      else if (r->i == G_MININT64 && r->type == NE_VALUE_PY_INT)
        return overflow_error (b);
      else
        r->i = (gint64) (0 - (guint64) r->i);
      return TRUE;
    }
  if (value_is_float (r))
    {
      g_set_error (b->error, PL_ERROR, PL_ERROR_TYPE,
                   "bad operand type for unary ~: '%s'", value_type_name (r));
      return FALSE;
    }
  if (r->type == NE_VALUE_NP_BOOL)
    r->b = !r->b;
  else
    {
      r->i = ~value_as_int (x);
      if (r->type == NE_VALUE_PY_BOOL)
        r->type = NE_VALUE_PY_INT;
    }
  return TRUE;
}

static gboolean eval_syn (Builder *b, NeSyn *s, Val *out);

static void
val_node (Val    *v,
          NeNode *node)
{
  memset (v, 0, sizeof *v);
  v->t = V_NODE;
  v->node = node;
}

static void
val_const (Val           *v,
           const NeValue *c)
{
  memset (v, 0, sizeof *v);
  v->t = V_CONST;
  v->c = *c;
}

/* ophelper: constants become ConstantNodes; anything else is a TypeError. */
static gboolean
as_node (Builder    *b,
         const Val  *v,
         NeNode    **out)
{
  if (v->t == V_NODE)
    {
      *out = v->node;
      return TRUE;
    }
  if (v->t == V_CONST)
    {
      *out = constant_node (b, &v->c);
      return TRUE;
    }
  g_set_error (b->error, PL_ERROR, PL_ERROR_TYPE,
               "unsupported object type: <class '%s'>", val_type_name (v));
  return FALSE;
}

static gboolean
bool_error (Builder *b)
{
  g_set_error_literal (b->error, PL_ERROR, PL_ERROR_TYPE,
                       "You can't use Python's standard boolean operators in "
                       "NumExpr expressions. You should use their bitwise "
                       "counterparts instead: '&' instead of 'and', '|' instead "
                       "of 'or', and '~' instead of 'not'.");
  return FALSE;
}

/* Python's truth value of a value; nodes refuse (ExpressionNode.__bool__). */
static gboolean
truth (Builder   *b,
       const Val *v,
       gboolean  *out)
{
  switch (v->t)
    {
    case V_CONST:
      *out = value_is_float (&v->c) ? v->c.f != 0 : value_as_int (&v->c) != 0;
      return TRUE;
    case V_NONE:
      *out = FALSE;
      return TRUE;
    case V_NODE:
      return bool_error (b);
    case V_FUNC:
    case V_OTHER:
    default:
      *out = TRUE;
      return TRUE;
    }
}

/* The ExpressionNode methods for a binary operator; x or y is a node. */
static gboolean
node_binary (Builder    *b,
             const char *op,
             const Val  *xv,
             const Val  *yv,
             Val        *out)
{
  NeNode *x, *y;
  NeOp nop;
  gint kind = -1;
  gboolean swap = FALSE;

  if ((xv->t != V_NODE && xv->t != V_CONST) || (yv->t != V_NODE && yv->t != V_CONST))
    return unsupported_operands (b, op, xv, yv);

  if (strcmp (op, "//") == 0 || strcmp (op, "^") == 0 || strcmp (op, "@") == 0)
    return unsupported_operands (b, op, xv, yv);

  /* ExpressionNode has no __rand__ or __ror__: 3 & x fails in Python. */
  if (xv->t == V_CONST && (strcmp (op, "&") == 0 || strcmp (op, "|") == 0))
    return unsupported_operands (b, op, xv, yv);

  if (!as_node (b, xv, &x) || !as_node (b, yv, &y))
    return FALSE;

  /* 2 ** x is x.__rpow__(2): a plain binop, without pow_op's checks and
   * expansions. */
  if (xv->t == V_CONST && strcmp (op, "**") == 0)
    {
      val_node (out, op2 (b, NE_OP_POW, x, y, -1));
      return TRUE;
    }

  if (strcmp (op, "/") == 0)
    {
      /* truediv_op (optimization 'aggressive'). */
      if (y->type == NE_NODE_CONSTANT && x->kind == y->kind
          && (x->kind == NE_KIND_FLOAT || x->kind == NE_KIND_DOUBLE))
        {
          NeValue inv;

          inv.type = y->value.type == NE_VALUE_NP_FLOAT32 ? NE_VALUE_NP_FLOAT32
                     : y->value.type == NE_VALUE_NP_FLOAT64 ? NE_VALUE_NP_FLOAT64
                     : NE_VALUE_PY_FLOAT;
          if (value_as_double (&y->value) == 0 && inv.type == NE_VALUE_PY_FLOAT)
            {
              g_set_error (b->error, PL_ERROR, PL_ERROR_ZERO_DIVISION,
                           "float division by zero");
              return FALSE;
            }
          set_float (&inv, inv.type, 1. / value_as_double (&y->value));
          val_node (out, op2 (b, NE_OP_MUL, x, constant_node (b, &inv), -1));
          return TRUE;
        }
      kind = MAX (x->kind, y->kind);
      if (kind <= NE_KIND_LONG)
        kind = NE_KIND_DOUBLE;
      val_node (out, op2 (b, NE_OP_DIV, x, y, kind));
      return TRUE;
    }

  if (strcmp (op, "**") == 0)
    {
      /* pow_op. */
      if ((y->kind == NE_KIND_INT || y->kind == NE_KIND_LONG)
          && (x->kind == NE_KIND_INT || x->kind == NE_KIND_LONG))
        {
          if (y->type != NE_NODE_CONSTANT)
            {
              g_set_error (b->error, PL_ERROR, PL_ERROR_TYPE,
                           "'<' not supported between instances of 'str' and 'int'");
              return FALSE;
            }
          if (value_as_int (&y->value) < 0)
            {
              g_set_error (b->error, PL_ERROR, PL_ERROR_VALUE,
                           "Integers to negative integer powers are not allowed.");
              return FALSE;
            }
        }
      if (x->type == NE_NODE_CONSTANT && y->type == NE_NODE_CONSTANT)
        {
          Val cx, cy;
          NeValue r;

          val_const (&cx, &x->value);
          val_const (&cy, &y->value);
          if (!fold_binary (b, "**", &cx, &cy, &r))
            return FALSE;
          val_node (out, constant_node (b, &r));
          return TRUE;
        }
      if (y->type == NE_NODE_CONSTANT)
        {
          double e = value_as_double (&y->value);
          const double range = 50;

          if (value_is_bool (&y->value))
            e = y->value.b ? 1 : 0;
          if (floor (2 * e) == 2 * e && fabs (e) <= range)
            {
              gint32 n = (gint32) fabs (e);
              gint32 half = ((gint32) fabs (2 * e)) % 2;
              NeNode *r = NULL, *p = x;
              gint32 mask = 1;

              for (;;)
                {
                  if (n & mask)
                    r = r == NULL ? p : op2 (b, NE_OP_MUL, r, p, -1);
                  mask <<= 1;
                  if (mask > n)
                    break;
                  p = op2 (b, NE_OP_MUL, p, p, -1);
                }
              if (half)
                {
                  NeKind k = x->kind;
                  NeNode *c[1] = { x };
                  NeNode *sq;

                  if (k == NE_KIND_INT || k == NE_KIND_LONG)
                    k = NE_KIND_DOUBLE;
                  sq = op_node (b, NE_OP_SQRT, c, 1, k);
                  r = r == NULL ? sq : op2 (b, NE_OP_MUL, r, sq, -1);
                }
              if (r == NULL)
                {
                  NeNode *c[1] = { x };
                  r = op_node (b, NE_OP_ONES_LIKE, c, 1, -1);
                }
              if (e < 0)
                {
                  NeValue one = { .type = NE_VALUE_PY_INT, .i = 1 };
                  r = op2 (b, NE_OP_DIV, constant_node (b, &one), r, -1);
                }
              val_node (out, r);
              return TRUE;
            }
        }
      val_node (out, op2 (b, NE_OP_POW, x, y, -1));
      return TRUE;
    }

  if (x->type == NE_NODE_CONSTANT && y->type == NE_NODE_CONSTANT)
    {
      Val cx, cy;
      NeValue r;

      val_const (&cx, &x->value);
      val_const (&cy, &y->value);
      if (strcmp (op, "<") == 0 || strcmp (op, ">") == 0 || strcmp (op, "<=") == 0
          || strcmp (op, ">=") == 0 || strcmp (op, "==") == 0 || strcmp (op, "!=") == 0)
        {
          r.type = (value_is_numpy (&x->value) || value_is_numpy (&y->value))
                   ? NE_VALUE_NP_BOOL : NE_VALUE_PY_BOOL;
          r.b = fold_compare (op, &x->value, &y->value);
        }
      else if (!fold_binary (b, op, &cx, &cy, &r))
        return FALSE;
      val_node (out, constant_node (b, &r));
      return TRUE;
    }

  if (strcmp (op, "+") == 0) nop = NE_OP_ADD;
  else if (strcmp (op, "-") == 0) nop = NE_OP_SUB;
  else if (strcmp (op, "*") == 0) nop = NE_OP_MUL;
  else if (strcmp (op, "%") == 0) nop = NE_OP_MOD;
  else if (strcmp (op, "<<") == 0) nop = NE_OP_LSHIFT;
  else if (strcmp (op, ">>") == 0) nop = NE_OP_RSHIFT;
  else if (strcmp (op, "&") == 0) { nop = NE_OP_AND; kind = NE_KIND_BOOL; }
  else if (strcmp (op, "|") == 0) { nop = NE_OP_OR; kind = NE_KIND_BOOL; }
  else if (strcmp (op, ">") == 0) { nop = NE_OP_GT; kind = NE_KIND_BOOL; }
  else if (strcmp (op, ">=") == 0) { nop = NE_OP_GE; kind = NE_KIND_BOOL; }
  else if (strcmp (op, "<") == 0) { nop = NE_OP_GT; kind = NE_KIND_BOOL; swap = TRUE; }
  else if (strcmp (op, "<=") == 0) { nop = NE_OP_GE; kind = NE_KIND_BOOL; swap = TRUE; }
  else if (strcmp (op, "==") == 0) { nop = NE_OP_EQ; kind = NE_KIND_BOOL; }
  else if (strcmp (op, "!=") == 0) { nop = NE_OP_NE; kind = NE_KIND_BOOL; }
  else
    return unsupported_operands (b, op, xv, yv);

  val_node (out, swap ? op2 (b, nop, y, x, kind) : op2 (b, nop, x, y, kind));
  return TRUE;
}

static gboolean
binary (Builder    *b,
        const char *op,
        const Val  *x,
        const Val  *y,
        Val        *out)
{
  if (x->t == V_CONST && y->t == V_CONST)
    {
      NeValue r;

      if (strcmp (op, "<") == 0 || strcmp (op, ">") == 0 || strcmp (op, "<=") == 0
          || strcmp (op, ">=") == 0 || strcmp (op, "==") == 0 || strcmp (op, "!=") == 0)
        {
          r.type = (value_is_numpy (&x->c) || value_is_numpy (&y->c))
                   ? NE_VALUE_NP_BOOL : NE_VALUE_PY_BOOL;
          r.b = fold_compare (op, &x->c, &y->c);
        }
      else if (!fold_binary (b, op, x, y, &r))
        return FALSE;
      val_const (out, &r);
      return TRUE;
    }
  if (x->t == V_NODE || y->t == V_NODE)
    return node_binary (b, op, x, y, out);
  if ((strcmp (op, "==") == 0 || strcmp (op, "!=") == 0))
    {
      /* None == 1 and friends: plain Python identity semantics. */
      NeValue r = { .type = NE_VALUE_PY_BOOL };
      r.b = (x->t == y->t && x->t == V_NONE) == (op[0] == '=');
      val_const (out, &r);
      return TRUE;
    }
  return unsupported_operands (b, op, x, y);
}

/* gen_reduce_axis_func(): _func(a, axis=None), outermost level only. */
static gboolean
call_reduction (Builder       *b,
                NeSyn         *s,
                const FuncDef *f,
                Val           *args,
                guint          n_args,
                Val           *out)
{
  const char *who = "gen_reduce_axis_func.<locals>._func()";
  Val *a = NULL, *axis = NULL;
  guint n_positional = 0;
  gint axis_value = NE_ALL_AXES;
  NeNode *node, *child;

  for (guint i = 0; i < n_args; i++)
    {
      const char *kw = g_ptr_array_index (s->kwnames, i);

      if (kw == NULL)
        {
          n_positional++;
          if (n_positional == 1)
            a = &args[i];
          else if (n_positional == 2)
            axis = &args[i];
        }
      else if (strcmp (kw, "a") == 0 || strcmp (kw, "axis") == 0)
        {
          Val **slot = kw[1] == '\0' ? &a : &axis;
          if (*slot != NULL)
            {
              g_set_error (b->error, PL_ERROR, PL_ERROR_TYPE,
                           "%s got multiple values for argument '%s'", who, kw);
              return FALSE;
            }
          *slot = &args[i];
        }
      else
        {
          g_set_error (b->error, PL_ERROR, PL_ERROR_TYPE,
                       "%s got an unexpected keyword argument '%s'", who, kw);
          return FALSE;
        }
    }
  if (n_positional > 2)
    {
      g_set_error (b->error, PL_ERROR, PL_ERROR_TYPE,
                   "%s takes from 1 to 2 positional arguments but %u were given",
                   who, n_positional);
      return FALSE;
    }
  if (a == NULL)
    {
      g_set_error (b->error, PL_ERROR, PL_ERROR_TYPE,
                   "%s missing 1 required positional argument: 'a'", who);
      return FALSE;
    }

  /* encode_axis() */
  if (axis != NULL && axis->t != V_NONE)
    {
      const NeValue *v = NULL;

      if (axis->t == V_CONST)
        v = &axis->c;
      else if (axis->t == V_NODE && axis->node->type == NE_NODE_CONSTANT)
        v = &axis->node->value;
      else if (axis->t == V_NODE)
        return bool_error (b);   /* axis < 0 on a node */
      else
        {
          g_set_error (b->error, PL_ERROR, PL_ERROR_TYPE,
                       "'<' not supported between instances of '%s' and 'int'",
                       val_type_name (axis));
          return FALSE;
        }
      if (value_as_double (v) < 0)
        {
          g_set_error_literal (b->error, PL_ERROR, PL_ERROR_VALUE,
                               "negative axis are not supported");
          return FALSE;
        }
      if (value_as_double (v) > 254)
        {
          g_set_error_literal (b->error, PL_ERROR, PL_ERROR_VALUE, "cannot encode axis");
          return FALSE;
        }
      axis_value = (gint) value_as_double (v);
    }

  if (a->t == V_NODE && a->node->type == NE_NODE_CONSTANT)
    {
      *out = *a;   /* a ConstantNode is its own reduction */
      return TRUE;
    }
  if (a->t == V_CONST && (a->c.type == NE_VALUE_PY_BOOL || a->c.type == NE_VALUE_PY_FLOAT))
    child = constant_node (b, &a->c);
  else if (a->t == V_NODE)
    child = a->node;
  else
    {
      g_set_error (b->error, PL_ERROR, PL_ERROR_ATTRIBUTE,
                   "'%s' object has no attribute 'astKind'", val_type_name (a));
      return FALSE;
    }

  node = op_node (b, f->op, &child, 1, child->kind);
  node->axis = axis_value;
  val_node (out, node);
  return TRUE;
}

static gboolean
call_function (Builder       *b,
               NeSyn         *s,
               const FuncDef *f,
               Val           *args,
               guint          n_args,
               gboolean       has_kw,
               Val           *out)
{
  NeNode *nodes[3];

  if (f->cls == F_UNSUPPORTED)
    {
      g_set_error (b->error, PL_ERROR, PL_ERROR_NOT_IMPLEMENTED,
                   "%s() works on complex numbers and strings, which Peakline's "
                   "numexpr does not support", f->name);
      return FALSE;
    }
  if (f->cls == F_REDUCE)
    return call_reduction (b, s, f, args, n_args, out);
  if (has_kw)
    {
      const char *kw = NULL;

      for (guint i = 0; kw == NULL && i < s->kwnames->len; i++)
        kw = g_ptr_array_index (s->kwnames, i);
      g_set_error (b->error, PL_ERROR, PL_ERROR_TYPE,
                   "%s() got an unexpected keyword argument '%s'",
                   f->cls == F_WHERE ? "where_func" : "function", kw);
      return FALSE;
    }

  if (f->cls == F_WHERE)
    {
      gboolean t;

      if (n_args > 3)
        {
          g_set_error (b->error, PL_ERROR, PL_ERROR_TYPE,
                       "where_func() takes 3 positional arguments but %u were given",
                       n_args);
          return FALSE;
        }
      if (n_args < 3)
        {
          /* Python's words for missing arguments. */
          static const char *missing[] = {
            "3 required positional arguments: 'a', 'b', and 'c'",
            "2 required positional arguments: 'b' and 'c'",
            "1 required positional argument: 'c'",
          };
          g_set_error (b->error, PL_ERROR, PL_ERROR_TYPE,
                       "where_func() missing %s", missing[n_args]);
          return FALSE;
        }
      for (guint i = 0; i < 3; i++)
        if (!as_node (b, &args[i], &nodes[i]))
          return FALSE;
      if (nodes[0]->type == NE_NODE_CONSTANT)
        {
          Val cond;

          val_const (&cond, &nodes[0]->value);
          if (!truth (b, &cond, &t))
            return FALSE;
          val_node (out, t ? nodes[1] : nodes[2]);
          return TRUE;
        }
      val_node (out, op_node (b, NE_OP_WHERE, nodes, 3, -1));
      return TRUE;
    }

  /* F_PLAIN */
  if (n_args > 3)
    {
      g_set_error (b->error, PL_ERROR, PL_ERROR_NOT_IMPLEMENTED,
                   "couldn't find matching opcode for '%s'", f->name);
      return FALSE;
    }
  for (guint i = 0; i < n_args; i++)
    if (!as_node (b, &args[i], &nodes[i]))
      return FALSE;
  {
    gboolean all_const = TRUE;
    NeKind kind;

    for (guint i = 0; i < n_args; i++)
      all_const = all_const && nodes[i]->type == NE_NODE_CONSTANT;
    if (all_const)
      {
        NeValue vals[3], r;

        for (guint i = 0; i < n_args; i++)
          vals[i] = nodes[i]->value;
        if (!fold_function (b, f, vals, n_args, &r))
          return FALSE;
        val_node (out, constant_node (b, &r));
        return TRUE;
      }
    kind = common_kind (nodes, n_args);
    if (kind == NE_KIND_INT || kind == NE_KIND_LONG)
      kind = NE_KIND_DOUBLE;
    else
      {
        if (f->minkind >= 0 && (gint) kind < f->minkind)
          kind = f->minkind;
        if (f->maxkind >= 0 && (gint) kind > f->maxkind)
          kind = f->maxkind;
      }
    val_node (out, op_node (b, f->op, nodes, n_args, kind));
  }
  return TRUE;
}

static gboolean
eval_syn (Builder *b,
          NeSyn   *s,
          Val     *out)
{
  memset (out, 0, sizeof *out);

  switch (s->type)
    {
    case NE_SYN_NAME:
      {
        gint f;

        if (strcmp (s->name, "True") == 0 || strcmp (s->name, "False") == 0)
          {
            NeValue v = { .type = NE_VALUE_PY_BOOL, .b = s->name[0] == 'T' };
            val_const (out, &v);
            return TRUE;
          }
        if (strcmp (s->name, "None") == 0)
          {
            out->t = V_NONE;
            return TRUE;
          }
        f = find_function (s->name);
        if (f >= 0)
          {
            out->t = V_FUNC;
            out->func = (guint) f;
            return TRUE;
          }
        {
          NeNode *n = ne_arena_node (b->arena);

          n->type = NE_NODE_VARIABLE;
          n->name = ne_arena_strdup (b->arena, s->name);
          n->kind = b->kind_of != NULL ? b->kind_of (s->name, b->user_data) : NE_KIND_DOUBLE;
          val_node (out, n);
          return TRUE;
        }
      }

    case NE_SYN_INT:
      if (s->overflow)
        return overflow_error (b);
      {
        NeValue v = { .type = NE_VALUE_PY_INT, .i = s->ival };
        val_const (out, &v);
      }
      return TRUE;

    case NE_SYN_FLOAT:
      {
        NeValue v = { .type = NE_VALUE_PY_FLOAT, .f = s->fval };
        val_const (out, &v);
      }
      return TRUE;

    case NE_SYN_IMAG:
      g_set_error (b->error, PL_ERROR, PL_ERROR_NOT_IMPLEMENTED,
                   "complex constants are not supported by Peakline's numexpr "
                   "(column %d)", s->col);
      return FALSE;

    case NE_SYN_STRING:
      g_set_error (b->error, PL_ERROR, PL_ERROR_NOT_IMPLEMENTED,
                   "string constants are not supported by Peakline's numexpr "
                   "(column %d)", s->col);
      return FALSE;

    case NE_SYN_LAMBDA:
      out->t = V_OTHER;
      out->what = "function";
      return TRUE;

    case NE_SYN_TUPLE:
    case NE_SYN_LIST:
      for (guint i = 0; i < s->args->len; i++)
        {
          Val item;
          if (!eval_syn (b, g_ptr_array_index (s->args, i), &item))
            return FALSE;
        }
      out->t = V_OTHER;
      out->what = s->type == NE_SYN_TUPLE ? "tuple" : "list";
      return TRUE;

    case NE_SYN_BINOP:
      {
        Val x, y;

        if (!eval_syn (b, s->kids[0], &x) || !eval_syn (b, s->kids[1], &y))
          return FALSE;
        return binary (b, s->op, &x, &y, out);
      }

    case NE_SYN_UNARY:
      {
        Val x;

        if (!eval_syn (b, s->kids[0], &x))
          return FALSE;
        if (s->op[0] == '+')
          {
            if (x.t != V_CONST && x.t != V_NODE)
              goto bad_unary;
            *out = x;
            if (x.t == V_CONST && x.c.type == NE_VALUE_PY_BOOL)
              {
                /* +True is the int 1. */
                out->c.type = NE_VALUE_PY_INT;
                out->c.i = x.c.b ? 1 : 0;
              }
            return TRUE;
          }
        if (x.t == V_CONST)
          {
            NeValue r;

            if (!unary_const (b, s->op[0], &x.c, &r))
              return FALSE;
            val_const (out, &r);
            return TRUE;
          }
        if (x.t == V_NODE && x.node->type == NE_NODE_CONSTANT)
          {
            /* ConstantNode.__neg__ / __invert__ */
            NeValue r;

            if (!unary_const (b, s->op[0], &x.node->value, &r))
              return FALSE;
            val_node (out, constant_node (b, &r));
            return TRUE;
          }
        if (x.t == V_NODE)
          {
            NeNode *c[1] = { x.node };
            val_node (out, op_node (b, s->op[0] == '-' ? NE_OP_NEG : NE_OP_INVERT,
                                    c, 1, -1));
            return TRUE;
          }
      bad_unary:
        g_set_error (b->error, PL_ERROR, PL_ERROR_TYPE,
                     "bad operand type for unary %c: '%s'", s->op[0],
                     val_type_name (&x));
        return FALSE;
      }

    case NE_SYN_NOT:
      {
        Val x;
        gboolean t;

        if (!eval_syn (b, s->kids[0], &x) || !truth (b, &x, &t))
          return FALSE;
        {
          NeValue r = { .type = NE_VALUE_PY_BOOL, .b = !t };
          val_const (out, &r);
        }
        return TRUE;
      }

    case NE_SYN_AND:
    case NE_SYN_OR:
      {
        Val x;
        gboolean t;

        if (!eval_syn (b, s->kids[0], &x) || !truth (b, &x, &t))
          return FALSE;
        if ((s->type == NE_SYN_AND) != t)
          {
            *out = x;
            return TRUE;
          }
        return eval_syn (b, s->kids[1], out);
      }

    case NE_SYN_IFEXP:
      {
        Val cond;
        gboolean t;

        if (!eval_syn (b, s->kids[1], &cond) || !truth (b, &cond, &t))
          return FALSE;
        return eval_syn (b, s->kids[t ? 0 : 2], out);
      }

    case NE_SYN_COMPARE:
      {
        Val left, right, result;

        if (!eval_syn (b, g_ptr_array_index (s->args, 0), &left))
          return FALSE;
        for (guint i = 0; i < s->ops->len; i++)
          {
            const char *op = g_ptr_array_index (s->ops, i);
            gboolean t;

            if (!eval_syn (b, g_ptr_array_index (s->args, i + 1), &right))
              return FALSE;
            if (strcmp (op, "in") == 0 || strcmp (op, "not in") == 0
                || strcmp (op, "is") == 0 || strcmp (op, "is not") == 0)
              {
                if (op[0] == 'i' && op[1] == 's')
                  {
                    /* Identity: only None is None here. */
                    NeValue r = { .type = NE_VALUE_PY_BOOL };
                    r.b = ((left.t == V_NONE && right.t == V_NONE)
                           || (left.t == V_NODE && right.t == V_NODE
                               && left.node == right.node)) == (op[2] == '\0');
                    val_const (&result, &r);
                  }
                else
                  {
                    g_set_error (b->error, PL_ERROR, PL_ERROR_TYPE,
                                 "argument of type '%s' is not iterable",
                                 val_type_name (&right));
                    return FALSE;
                  }
              }
            else if (!binary (b, op, &left, &right, &result))
              return FALSE;
            if (i + 1 == s->ops->len)
              {
                *out = result;
                return TRUE;
              }
            /* a < b < c is (a < b) and (b < c). */
            if (!truth (b, &result, &t))
              return FALSE;
            if (!t)
              {
                *out = result;
                return TRUE;
              }
            left = right;
          }
        g_assert_not_reached ();
        return FALSE;
      }

    case NE_SYN_CALL:
      {
        Val callee;
        Val args[8];
        gboolean has_kw = FALSE;
        guint n = s->args->len;

        if (!eval_syn (b, s->kids[0], &callee))
          return FALSE;
        if (n > G_N_ELEMENTS (args))
          n = G_N_ELEMENTS (args);
        for (guint i = 0; i < s->args->len; i++)
          {
            Val tmp;
            if (!eval_syn (b, g_ptr_array_index (s->args, i), i < n ? &args[i] : &tmp))
              return FALSE;
            if (g_ptr_array_index (s->kwnames, i) != NULL)
              has_kw = TRUE;
          }
        if (callee.t != V_FUNC)
          {
            g_set_error (b->error, PL_ERROR, PL_ERROR_TYPE,
                         "'%s' object is not callable", val_type_name (&callee));
            return FALSE;
          }
        return call_function (b, s, &functions[callee.func], args, s->args->len,
                              has_kw, out);
      }

    case NE_SYN_SUBSCRIPT:
      {
        Val x;

        if (!eval_syn (b, s->kids[0], &x))
          return FALSE;
        g_set_error (b->error, PL_ERROR, PL_ERROR_TYPE,
                     "'%s' object is not subscriptable", val_type_name (&x));
        return FALSE;
      }

    case NE_SYN_ATTRIBUTE:
      {
        Val x;

        if (!eval_syn (b, s->kids[0], &x))
          return FALSE;
        if (strcmp (s->name, "real") == 0 && x.t == V_CONST)
          {
            /* int.real, float.real; True.real is 1. */
            if (x.c.type == NE_VALUE_PY_BOOL)
              {
                x.c.type = NE_VALUE_PY_INT;
                x.c.i = x.c.b ? 1 : 0;
              }
            *out = x;
            return TRUE;
          }
        if (strcmp (s->name, "real") == 0 && x.t == V_NODE)
          {
            if (x.node->type == NE_NODE_CONSTANT)
              {
                /* ConstantNode(complex(value).real): a double. */
                NeValue r = { .type = NE_VALUE_PY_FLOAT, .f = value_as_double (&x.node->value) };
                val_node (out, constant_node (b, &r));
              }
            else
              {
                /* OpNode('real', (self,), 'double'): for the real kinds the
                 * value itself as a double. */
                NeNode *c[1] = { x.node };
                val_node (out, op_node (b, NE_OP_COPY, c, 1, NE_KIND_DOUBLE));
              }
            return TRUE;
          }
        if (strcmp (s->name, "imag") == 0 && (x.t == V_NODE || x.t == V_CONST))
          {
            g_set_error (b->error, PL_ERROR, PL_ERROR_NOT_IMPLEMENTED,
                         "'.imag' is about complex numbers, which Peakline's "
                         "numexpr does not support");
            return FALSE;
          }
        g_set_error (b->error, PL_ERROR, PL_ERROR_ATTRIBUTE,
                     "'%s' object has no attribute '%s'", val_type_name (&x), s->name);
        return FALSE;
      }

    default:
      g_assert_not_reached ();
      return FALSE;
    }
}

NeNode *
ne_build (NeArena     *arena,
          const char  *expression,
          NeKindFunc   kind_of,
          gpointer     user_data,
          GError     **error)
{
  NeSyntax syntax;
  Builder b = { 0 };
  NeSyn *root;
  Val v;
  NeNode *result = NULL;

  ne_syntax_init (&syntax);
  root = ne_parse (&syntax, expression, error);
  if (root != NULL)
    {
      b.arena = arena;
      b.kind_of = kind_of;
      b.user_data = user_data;
      b.src = expression;
      b.error = error;
      if (eval_syn (&b, root, &v))
        {
          if (v.t == V_CONST)
            result = constant_node (&b, &v.c);
          else if (v.t == V_NODE)
            result = v.node;
          else
            g_set_error (error, PL_ERROR, PL_ERROR_TYPE,
                         "unsupported expression type: <class '%s'>",
                         val_type_name (&v));
        }
    }

  ne_syntax_clear (&syntax);
  return result;
}
