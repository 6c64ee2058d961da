/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "pl-numexpr-private.h"

#include <string.h>

/* From numexpr's expression tree to a register program, as necompiler.py
 * does it: typeCompileAst() picks an opcode for each operation by trying the
 * upcasts of its argument kinds in numexpr's order and inserts casts;
 * then common subexpressions are merged, operations on constants are folded
 * (with the VM's own kernels, so folding never changes a bit), and
 * temporaries are assigned registers that are reused as soon as their last
 * reader has run. */

/* --- kinds ------------------------------------------------------------- */

const char *
ne_kind_name (NeKind kind)
{
  static const char *names[] = { "bool", "int", "long", "float", "double" };

  g_return_val_if_fail (kind < NE_N_KINDS, "none");
  return names[kind];
}

char
ne_kind_code (NeKind kind)
{
  g_return_val_if_fail (kind < NE_N_KINDS, 'n');
  return "bilfd"[kind];
}

PlDType
ne_kind_dtype (NeKind kind)
{
  static const PlDType dtypes[] = {
    PL_DTYPE_BOOL, PL_DTYPE_INT32, PL_DTYPE_INT64, PL_DTYPE_FLOAT32, PL_DTYPE_FLOAT64
  };

  g_return_val_if_fail (kind < NE_N_KINDS, PL_DTYPE_FLOAT64);
  return dtypes[kind];
}

gsize
ne_kind_itemsize (NeKind kind)
{
  static const gsize sizes[] = { 1, 4, 8, 4, 8 };

  g_return_val_if_fail (kind < NE_N_KINDS, 8);
  return sizes[kind];
}

gboolean
ne_kind_from_dtype (PlDType  dtype,
                    NeKind  *out_kind)
{
  /* necompiler.getType(). */
  switch (dtype)
    {
    case PL_DTYPE_BOOL:
      *out_kind = NE_KIND_BOOL;
      return TRUE;
    case PL_DTYPE_INT8:
    case PL_DTYPE_INT16:
    case PL_DTYPE_INT32:
    case PL_DTYPE_UINT8:
    case PL_DTYPE_UINT16:
      *out_kind = NE_KIND_INT;
      return TRUE;
    case PL_DTYPE_INT64:
    case PL_DTYPE_UINT32:
    case PL_DTYPE_UINT64:
      *out_kind = NE_KIND_LONG;
      return TRUE;
    case PL_DTYPE_FLOAT16:
    case PL_DTYPE_FLOAT32:
      *out_kind = NE_KIND_FLOAT;
      return TRUE;
    case PL_DTYPE_FLOAT64:
      *out_kind = NE_KIND_DOUBLE;
      return TRUE;
    case PL_N_DTYPES:
    case PL_DTYPE_NONE:
    default:
      return FALSE;
    }
}

const char *
ne_op_name (NeOp op)
{
  static const char *names[] = {
    "add", "sub", "mul", "div", "pow", "mod", "lshift", "rshift", "and", "or",
    "gt", "ge", "eq", "ne", "neg", "invert", "where", "copy", "ones_like",
    "cast", "sqrt", "sin", "cos", "tan", "arcsin", "arccos", "arctan", "sinh",
    "cosh", "tanh", "arcsinh", "arccosh", "arctanh", "log", "log1p", "log10",
    "exp", "expm1", "absolute", "ceil", "floor", "arctan2", "fmod",
    "sum", "prod", "min", "max",
  };
  G_STATIC_ASSERT (G_N_ELEMENTS (names) == NE_N_OPS);

  g_return_val_if_fail (op < NE_N_OPS, "?");
  return names[op];
}

/* --- names ------------------------------------------------------------- */

static void
collect_names (NeNode     *node,
               GHashTable *seen,
               GPtrArray  *names)
{
  if (node->type == NE_NODE_VARIABLE)
    {
      if (g_hash_table_add (seen, (gpointer) node->name))
        g_ptr_array_add (names, (gpointer) node->name);
      return;
    }
  for (guint i = 0; i < node->n_children; i++)
    collect_names (node->children[i], seen, names);
}

static gint
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

GPtrArray *
ne_collect_names (NeNode *root)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  GPtrArray *names = g_ptr_array_new ();

  collect_names (root, seen, names);
  g_ptr_array_sort (names, compare_names);
  return names;
}

/* --- typing ------------------------------------------------------------ */

static NeScalar
convert_constant (const NeValue *v,
                  NeKind         kind)
{
  NeScalar s = { 0 };
  gboolean fl = v->type == NE_VALUE_PY_FLOAT || v->type == NE_VALUE_NP_FLOAT32
                || v->type == NE_VALUE_NP_FLOAT64;
  gboolean bo = v->type == NE_VALUE_PY_BOOL || v->type == NE_VALUE_NP_BOOL;
  double d = fl ? v->f : bo ? (v->b ? 1.0 : 0.0) : (double) v->i;
  gint64 i = fl ? (gint64) v->f : bo ? (v->b ? 1 : 0) : v->i;

  switch (kind)
    {
    case NE_KIND_BOOL:   s.b = fl ? (v->f != 0) : (i != 0); break;
    case NE_KIND_INT:    s.i = (gint32) i; break;
    case NE_KIND_LONG:   s.l = i; break;
    /* numpy.float32(x) of a Python int rounds once from the exact value. */
    case NE_KIND_FLOAT:  s.f = fl ? (float) d : (float) i; break;
    case NE_KIND_DOUBLE: s.d = fl ? d : (double) i; break;
    case NE_N_KINDS:
    default:
      g_assert_not_reached ();
    }
  return s;
}

typedef struct
{
  NeArena     *arena;
  GError     **error;
  GHashTable  *interned;   /* key string -> NeNode */
  GHashTable  *ids;        /* NeNode -> id + 1 */
} Compiler;

/* typeCompileAst(): returns a new, typed tree. */
static NeNode *
type_compile (Compiler *c,
              NeNode   *node)
{
  NeNode *typed;
  NeKind base[3], sig[3];
  gint code = -1;
  guint n = node->n_children;

  if (node->type != NE_NODE_OP)
    {
      typed = ne_arena_node (c->arena);
      *typed = *node;
      typed->reg = -1;
      if (typed->type == NE_NODE_CONSTANT)
        typed->scalar = convert_constant (&typed->value, typed->kind);
      return typed;
    }

  for (guint i = 0; i < n; i++)
    base[i] = sig[i] = node->children[i]->kind;

  /* sigPerms(): every upcast of the argument kinds, the first argument
   * varying slowest, each from its own kind up to double. */
  for (;;)
    {
      gint pos;

      code = ne_code_lookup (node->op, node->kind, n, sig);
      if (code >= 0)
        break;
      for (pos = (gint) n - 1; pos >= 0; pos--)
        {
          if (sig[pos] < NE_KIND_DOUBLE)
            {
              sig[pos]++;
              break;
            }
          sig[pos] = base[pos];
        }
      if (pos < 0)
        break;
    }

  if (code < 0)
    {
      GString *s = g_string_new (NULL);

      g_string_append_printf (s, "%s_%c", ne_op_name (node->op), ne_kind_code (node->kind));
      for (guint i = 0; i < n; i++)
        g_string_append_c (s, ne_kind_code (base[i]));
      if (node->op >= NE_OP_SUM)
        g_string_append_c (s, 'n');   /* the axis argument */
      g_set_error (c->error, PL_ERROR, PL_ERROR_NOT_IMPLEMENTED,
                   "couldn't find matching opcode for '%s'", s->str);
      g_string_free (s, TRUE);
      return NULL;
    }

  typed = ne_arena_node (c->arena);
  *typed = *node;
  typed->reg = code;   /* the opcode, until registers are assigned */
  for (guint i = 0; i < n; i++)
    {
      NeNode *child = node->children[i];

      if (base[i] != sig[i])
        {
          if (child->type == NE_NODE_CONSTANT)
            {
              NeNode *k = ne_arena_node (c->arena);

              *k = *child;
              k->kind = sig[i];
              child = k;
            }
          else
            {
              NeNode *cast = ne_arena_node (c->arena);

              cast->type = NE_NODE_OP;
              cast->op = NE_OP_CAST;
              cast->kind = sig[i];
              cast->n_children = 1;
              cast->children[0] = child;
              child = cast;
            }
        }
      typed->children[i] = type_compile (c, child);
      if (typed->children[i] == NULL)
        return NULL;
    }
  return typed;
}

/* --- common subexpressions and folding --------------------------------- */

static guint
node_id (Compiler *c,
         NeNode   *node)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (c->ids, node)) - 1;
}

static NeNode *
intern (Compiler *c,
        NeNode   *node)
{
  GString *key = g_string_new (NULL);
  NeNode *found;

  if (node->type == NE_NODE_OP)
    {
      gboolean all_const = TRUE;

      for (guint i = 0; i < node->n_children; i++)
        {
          node->children[i] = intern (c, node->children[i]);
          all_const = all_const && node->children[i]->type == NE_NODE_CONSTANT;
        }

      if (all_const && node->op < NE_OP_SUM)
        {
          /* Fold: run the kernel on the constants' single values. */
          const NeCodeInfo *info = ne_code_info ((guint) node->reg);
          NeScalar result = { 0 };

          if (info->arity == 3)
            ne_where_strided ((guint) node->reg, &result,
                              &node->children[0]->scalar, 0,
                              &node->children[1]->scalar, 0,
                              &node->children[2]->scalar, 0, 1);
          else
            info->vv (&result, &node->children[0]->scalar,
                      info->arity > 1 ? &node->children[1]->scalar : NULL, NULL, 1);
          node->type = NE_NODE_CONSTANT;
          node->scalar = result;
          node->n_children = 0;
          node->reg = -1;
        }
    }

  switch (node->type)
    {
    case NE_NODE_CONSTANT:
      g_string_append_printf (key, "c%d:", node->kind);
      for (gsize i = 0; i < ne_kind_itemsize (node->kind); i++)
        g_string_append_printf (key, "%02x", ((const guint8 *) &node->scalar)[i]);
      break;
    case NE_NODE_VARIABLE:
      g_string_append_printf (key, "v%d:%s", node->kind, node->name);
      break;
    case NE_NODE_OP:
    default:
      g_string_append_printf (key, "o%d", node->reg);
      for (guint i = 0; i < node->n_children; i++)
        g_string_append_printf (key, ":%u", node_id (c, node->children[i]));
      break;
    }

  found = g_hash_table_lookup (c->interned, key->str);
  if (found != NULL)
    {
      g_string_free (key, TRUE);
      return found;
    }
  g_hash_table_insert (c->interned, g_string_free (key, FALSE), node);
  g_hash_table_insert (c->ids, node,
                       GUINT_TO_POINTER (g_hash_table_size (c->ids) + 1));
  return node;
}

/* --- registers --------------------------------------------------------- */

typedef struct
{
  NeProgram *prog;
  GArray    *regs;     /* NeReg */
  GArray    *instrs;   /* NeInstr */
  GArray    *free_temps;
  NeNode    *root;
  GError   **error;
} Emitter;

static void
count_uses (NeNode     *node,
            GHashTable *visited)
{
  if (!g_hash_table_add (visited, node))
    return;
  for (guint i = 0; i < node->n_children; i++)
    {
      node->children[i]->uses++;
      count_uses (node->children[i], visited);
    }
}

static gint
new_reg (Emitter    *e,
         NeRegClass  cls,
         NeKind      kind)
{
  NeReg r = { .cls = cls, .kind = kind };

  if (e->regs->len >= NE_MAX_REGS)
    {
      if (e->error != NULL && *e->error == NULL)
        g_set_error (e->error, PL_ERROR, PL_ERROR_VALUE,
                     "the expression is too complex: it needs more than %d "
                     "registers; split it into smaller expressions", NE_MAX_REGS);
      return -1;
    }
  g_array_append_val (e->regs, r);
  return (gint) e->regs->len - 1;
}

/* Assigns a register to a leaf: inputs have theirs, constants get one each
 * (common subexpression elimination already merged equal constants). */
static gboolean
emit_leaf (Emitter *e,
           NeNode  *node)
{
  if (node->reg >= 0)
    return TRUE;

  if (node->type == NE_NODE_VARIABLE)
    {
      for (guint i = 0; i < e->prog->n_inputs; i++)
        if (strcmp (e->prog->input_names[i], node->name) == 0)
          node->reg = (gint) i + 1;
      g_assert (node->reg >= 1);
      return TRUE;
    }

  g_assert (node->type == NE_NODE_CONSTANT);
  node->reg = new_reg (e, NE_REG_CONSTANT, node->kind);
  if (node->reg < 0)
    return FALSE;
  g_array_index (e->regs, NeReg, node->reg).value = node->scalar;
  return TRUE;
}

static void
free_temp (Emitter *e,
           gint     reg)
{
  if (reg > (gint) e->prog->n_inputs
      && g_array_index (e->regs, NeReg, reg).cls == NE_REG_TEMP)
    g_array_append_val (e->free_temps, reg);
}

/* Emits the instructions of @node in post order; returns its register. */
static gint
emit_node (Emitter    *e,
           NeNode     *node,
           GHashTable *regs_of)   /* op NeNode -> reg + 1 */
{
  NeInstr in = { 0 };
  gint src[3];
  gint dst;
  gpointer known;

  if (node->type != NE_NODE_OP)
    {
      if (!emit_leaf (e, node))
        return -1;
      return node->reg;
    }

  known = g_hash_table_lookup (regs_of, node);
  if (known != NULL)
    return GPOINTER_TO_INT (known) - 1;

  for (guint i = 0; i < node->n_children; i++)
    {
      src[i] = emit_node (e, node->children[i], regs_of);
      if (src[i] < 0)
        return -1;
    }

  /* The sources whose last reader this is free their registers first, so
   * the result may reuse one of them (elementwise, reading and writing the
   * same element is safe). */
  for (guint i = 0; i < node->n_children; i++)
    {
      NeNode *child = node->children[i];

      if (child->type == NE_NODE_OP && --child->uses == 0)
        free_temp (e, src[i]);
    }

  /* A source's register may hold the result only if the kinds agree: a
   * cast in place from int32 to double would overwrite elements before they
   * are read (numexpr reuses registers within a kind, too). */
  dst = -1;
  if (node == e->root)
    dst = 0;
  else
    for (gint k = (gint) e->free_temps->len - 1; k >= 0 && dst < 0; k--)
      {
        gint candidate = g_array_index (e->free_temps, gint, k);
        gboolean clash = FALSE;

        for (guint i = 0; i < node->n_children; i++)
          clash = clash || (src[i] == candidate
                            && g_array_index (e->regs, NeReg, candidate).kind != node->kind);
        if (clash)
          continue;
        dst = candidate;
        g_array_remove_index (e->free_temps, (guint) k);
        g_array_index (e->regs, NeReg, dst).kind = node->kind;
      }
  if (dst < 0)
    {
      dst = new_reg (e, NE_REG_TEMP, node->kind);
      if (dst < 0)
        return -1;
    }

  in.code = (guint16) node->reg;
  in.arity = (guint16) node->n_children;
  in.dst = (guint16) dst;
  for (guint i = 0; i < node->n_children; i++)
    in.src[i] = (guint16) src[i];
  g_array_append_val (e->instrs, in);
  g_hash_table_insert (regs_of, node, GINT_TO_POINTER (dst + 1));
  return dst;
}

static gboolean
contains_reduction (NeNode *node)
{
  if (node->type != NE_NODE_OP)
    return FALSE;
  if (node->op >= NE_OP_SUM)
    return TRUE;
  for (guint i = 0; i < node->n_children; i++)
    if (contains_reduction (node->children[i]))
      return TRUE;
  return FALSE;
}

static NeKind
kind_from_signature (const char *name,
                     gpointer    user_data)
{
  const NeProgram *prog = user_data;

  for (guint i = 0; i < prog->n_inputs; i++)
    if (strcmp (prog->input_names[i], name) == 0)
      return prog->input_kinds[i];
  return NE_KIND_DOUBLE;
}

NeProgram *
ne_program_compile (const char         *expression,
                    guint               n_inputs,
                    const char * const *input_names,
                    const NeKind       *input_kinds,
                    GError            **error)
{
  NeArena arena;
  NeProgram *prog = g_new0 (NeProgram, 1);
  NeNode *root, *typed;
  g_autoptr(GPtrArray) names = NULL;
  Compiler c = { 0 };
  Emitter e = { 0 };
  gboolean ok = FALSE;

  prog->n_inputs = n_inputs;
  prog->input_names = g_new0 (char *, n_inputs + 1);
  prog->input_kinds = g_new0 (NeKind, MAX (n_inputs, 1));
  for (guint i = 0; i < n_inputs; i++)
    {
      prog->input_names[i] = g_strdup (input_names[i]);
      prog->input_kinds[i] = input_kinds[i];
    }

  ne_arena_init (&arena);
  root = ne_build (&arena, expression, kind_from_signature, prog, error);
  if (root == NULL)
    goto out;

  /* getInputOrder(): the given names must be exactly the expression's. */
  names = ne_collect_names (root);
  {
    gboolean same = names->len == n_inputs;

    for (guint i = 0; same && i < names->len; i++)
      {
        gboolean found = FALSE;
        for (guint j = 0; j < n_inputs; j++)
          found = found || strcmp (g_ptr_array_index (names, i), input_names[j]) == 0;
        same = found;
      }
    if (!same)
      {
        g_autoptr(GString) given = g_string_new (NULL);
        g_autoptr(GString) found = g_string_new (NULL);

        for (guint j = 0; j < n_inputs; j++)
          g_string_append_printf (given, "%s'%s'", j > 0 ? ", " : "", input_names[j]);
        for (guint i = 0; i < names->len; i++)
          g_string_append_printf (found, "%s'%s'", i > 0 ? ", " : "",
                                  (const char *) g_ptr_array_index (names, i));
        g_set_error (error, PL_ERROR, PL_ERROR_VALUE,
                     "input names ([%s]) don't match those found in expression ({%s})",
                     given->str, found->str);
        goto out;
      }
  }

  /* A bare variable or constant is copied into the output. */
  if (root->type != NE_NODE_OP)
    {
      NeNode *copy = ne_arena_node (&arena);

      copy->type = NE_NODE_OP;
      copy->op = NE_OP_COPY;
      copy->kind = root->kind;
      copy->n_children = 1;
      copy->children[0] = root;
      root = copy;
    }

  c.arena = &arena;
  c.error = error;
  c.interned = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  c.ids = g_hash_table_new (NULL, NULL);
  typed = type_compile (&c, root);
  if (typed == NULL)
    goto out_compiler;
  prog->result_kind = typed->kind;

  /* numexpr's "reduction operations must occur last": the driver reduces
   * what the program computes. */
  prog->reduce_op = -1;
  if (typed->op >= NE_OP_SUM && typed->type == NE_NODE_OP)
    {
      prog->reduce_op = typed->op;
      prog->reduce_axis = typed->axis;
      typed = typed->children[0];
      if (typed->type != NE_NODE_OP)
        {
          NeNode *copy = ne_arena_node (&arena);
          NeKind k = typed->kind;

          copy->type = NE_NODE_OP;
          copy->op = NE_OP_COPY;
          copy->kind = k;
          copy->n_children = 1;
          copy->children[0] = typed;
          copy->reg = ne_code_lookup (NE_OP_COPY, k, 1, &k);
          typed = copy;
        }
    }
  if (contains_reduction (typed))
    {
      g_set_error_literal (error, PL_ERROR, PL_ERROR_RUNTIME,
                           "invalid program: reduction operations must occur last");
      goto out_compiler;
    }
  typed = intern (&c, typed);

  /* Folding may have turned the whole expression into a constant. */
  if (typed->type != NE_NODE_OP)
    {
      NeNode *copy = ne_arena_node (&arena);
      NeKind k = typed->kind;

      copy->type = NE_NODE_OP;
      copy->op = NE_OP_COPY;
      copy->kind = k;
      copy->n_children = 1;
      copy->children[0] = typed;
      copy->reg = ne_code_lookup (NE_OP_COPY, k, 1, &k);
      g_assert (copy->reg >= 0);
      typed = copy;
    }

  {
    g_autoptr(GHashTable) visited = g_hash_table_new (NULL, NULL);
    g_autoptr(GHashTable) regs_of = g_hash_table_new (NULL, NULL);
    NeReg out_reg = { .cls = NE_REG_OUTPUT, .kind = typed->kind };

    count_uses (typed, visited);
    e.prog = prog;
    e.root = typed;
    e.error = error;
    e.regs = g_array_new (FALSE, TRUE, sizeof (NeReg));
    e.instrs = g_array_new (FALSE, TRUE, sizeof (NeInstr));
    e.free_temps = g_array_new (FALSE, FALSE, sizeof (gint));
    g_array_append_val (e.regs, out_reg);
    for (guint i = 0; i < n_inputs; i++)
      {
        NeReg r = { .cls = NE_REG_INPUT, .kind = input_kinds[i] };
        g_array_append_val (e.regs, r);
      }

    if (emit_node (&e, typed, regs_of) >= 0)
      {
        prog->n_regs = e.regs->len;
        prog->regs = (NeReg *) g_array_free (e.regs, FALSE);
        prog->n_instrs = e.instrs->len;
        prog->instrs = (NeInstr *) g_array_free (e.instrs, FALSE);
        for (guint r = 0; r < prog->n_regs; r++)
          if (prog->regs[r].cls == NE_REG_TEMP)
            prog->n_temps++;
        e.regs = NULL;
        e.instrs = NULL;
        ok = TRUE;
      }
    if (e.regs != NULL)
      g_array_unref (e.regs);
    if (e.instrs != NULL)
      g_array_unref (e.instrs);
    g_array_unref (e.free_temps);
  }

out_compiler:
  g_hash_table_unref (c.interned);
  g_hash_table_unref (c.ids);
out:
  ne_arena_clear (&arena);
  if (!ok)
    {
      ne_program_free (prog);
      return NULL;
    }
  return prog;
}

void
ne_program_free (NeProgram *program)
{
  if (program == NULL)
    return;
  g_strfreev (program->input_names);
  g_free (program->input_kinds);
  g_free (program->regs);
  g_free (program->instrs);
  g_free (program);
}

static void
append_reg (GString         *s,
            const NeProgram *p,
            guint            r)
{
  const NeReg *reg = &p->regs[r];

  switch (reg->cls)
    {
    case NE_REG_OUTPUT:
      g_string_append (s, "r0");
      break;
    case NE_REG_INPUT:
      g_string_append_printf (s, "r%u[%s]", r, p->input_names[r - 1]);
      break;
    case NE_REG_CONSTANT:
      switch (reg->kind)
        {
        case NE_KIND_BOOL:   g_string_append_printf (s, "c%u[%s]", r, reg->value.b ? "True" : "False"); break;
        case NE_KIND_INT:    g_string_append_printf (s, "c%u[%d]", r, reg->value.i); break;
        case NE_KIND_LONG:   g_string_append_printf (s, "c%u[%" G_GINT64_FORMAT "]", r, reg->value.l); break;
        case NE_KIND_FLOAT:  g_string_append_printf (s, "c%u[%.9g]", r, (double) reg->value.f); break;
        case NE_KIND_DOUBLE: g_string_append_printf (s, "c%u[%.17g]", r, reg->value.d); break;
        case NE_N_KINDS:
        default:
          g_assert_not_reached ();
        }
      break;
    case NE_REG_TEMP:
    default:
      g_string_append_printf (s, "t%u", r);
      break;
    }
}

char *
ne_program_disassemble (const NeProgram *program)
{
  GString *s = g_string_new (NULL);

  for (guint k = 0; k < program->n_instrs; k++)
    {
      const NeInstr *in = &program->instrs[k];

      g_string_append (s, ne_code_info (in->code)->name);
      g_string_append_c (s, ' ');
      append_reg (s, program, in->dst);
      for (guint i = 0; i < in->arity; i++)
        {
          g_string_append (s, ", ");
          append_reg (s, program, in->src[i]);
        }
      g_string_append_c (s, '\n');
    }
  return g_string_free (s, FALSE);
}
