/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "pl-interp-private.h"
#include "pl-lexer.h"
#include "pl-parser.h"
#include "pl-script-private.h"

/* Builds the "FILE:LINE:COL: error: Kind: message" text with the source line
 * and a caret under COL. */
char *
pl_script_format_error (const char *filename,
                        const char *source,
                        gsize       length,
                        gint        line,
                        gint        col,
                        const char *kind,
                        const char *message)
{
  GString *s = g_string_new (NULL);
  const char *p = source, *end = source + length, *line_end;
  gint cur = 1;

  if (line < 1)
    line = 1;
  if (col < 1)
    col = 1;
  g_string_append_printf (s, "%s:%d:%d: error: %s: %s", filename, line, col, kind, message);
  while (p < end && cur < line)
    {
      if (*p == '\n')
        cur++;
      p++;
    }
  if (cur != line || source == NULL)
    return g_string_free (s, FALSE);
  line_end = p;
  while (line_end < end && *line_end != '\n' && *line_end != '\r')
    line_end++;
  g_string_append (s, "\n    ");
  {
    /* Invalid UTF-8 must not reach the message. */
    g_autofree char *text = g_utf8_make_valid (p, line_end - p);
    g_string_append (s, text);
    g_string_append (s, "\n    ");
    {
      const char *q = text;
      for (gint i = 1; i < col && *q; i++)
        {
          g_string_append_c (s, *q == '\t' ? '\t' : ' ');
          q = g_utf8_next_char (q);
        }
    }
    g_string_append_c (s, '^');
  }
  return g_string_free (s, FALSE);
}

static void
clear_token (gpointer data)
{
  PlToken *tok = data;

  g_clear_pointer (&tok->text, g_free);
}

static void
collect_experiments (PlNode    *node,
                     GPtrArray *lines)
{
  if (node == NULL)
    return;
  if (node->kind == PL_NODE_CALL && node->a != NULL && node->a->kind == PL_NODE_ATTR &&
      g_strcmp0 (node->a->str, "analyze_memory") == 0 && node->a->a != NULL &&
      node->a->a->kind == PL_NODE_NAME && g_strcmp0 (node->a->a->str, "utils") == 0)
    g_ptr_array_add (lines, node);
  collect_experiments (node->a, lines);
  collect_experiments (node->b, lines);
  collect_experiments (node->c, lines);
  for (guint i = 0; i < node->n_items; i++)
    collect_experiments (node->items[i], lines);
  for (guint i = 0; i < node->n_items2; i++)
    collect_experiments (node->items2[i], lines);
  for (guint i = 0; i < node->n_body; i++)
    collect_experiments (node->body[i], lines);
  for (guint i = 0; i < node->n_orelse; i++)
    collect_experiments (node->orelse[i], lines);
}

static gint
compare_nodes (gconstpointer a,
               gconstpointer b)
{
  const PlNode *x = *(PlNode * const *) a, *y = *(PlNode * const *) b;
  if (x->line != y->line)
    return (x->line > y->line) - (x->line < y->line);
  return (x->col > y->col) - (x->col < y->col);
}

/* Byte offset of (line, col) in the source; col counts characters. */
static gsize
offset_of (PlScript *self,
           gint      line,
           gint      col)
{
  gsize start, end;
  const char *p;

  if (line < 1)
    return 0;
  if ((guint) line > self->line_offsets->len)
    return self->length;
  start = g_array_index (self->line_offsets, gsize, line - 1);
  end = (guint) line < self->line_offsets->len ? g_array_index (self->line_offsets, gsize, line) : self->length;
  p = self->source + start;
  for (gint i = 1; i < col && p < self->source + end; i++)
    p = g_utf8_next_char (p);
  return MIN ((gsize) (p - self->source), end);
}

/* The end of a statement: compound statements end with their last block. */
static void
node_end (const PlNode *node,
          gint         *line,
          gint         *col)
{
  if (node->n_orelse > 0)
    node_end (node->orelse[node->n_orelse - 1], line, col);
  else if (node->n_body > 0 &&
           (node->kind == PL_NODE_IF || node->kind == PL_NODE_WHILE || node->kind == PL_NODE_FOR ||
            node->kind == PL_NODE_DEF || node->kind == PL_NODE_ERROR))
    node_end (node->body[node->n_body - 1], line, col);
  else
    {
      *line = node->end_line;
      *col = node->end_col;
    }
}

static PlScriptStatement
statement_at (PlScript *self,
              gint      line,
              gint      col,
              gint      end_line,
              gint      end_col)
{
  PlScriptStatement st;
  gsize a, b;

  st.line = line;
  st.col = col;
  st.end_line = end_line;
  st.end_col = end_col;
  a = offset_of (self, st.line, st.col);
  b = offset_of (self, st.end_line, st.end_col);
  st.text = pl_arena_strndup (self->arena, self->source + a, b > a ? b - a : 0);
  return st;
}

static PlScriptStatement
statement_of (PlScript     *self,
              const PlNode *node)
{
  gint end_line, end_col;

  node_end (node, &end_line, &end_col);
  return statement_at (self, node->line, node->col, end_line, end_col);
}

/* The header of a compound statement: from its keyword to its colon. */
static PlScriptStatement
header_of (PlScript     *self,
           const PlNode *node)
{
  return statement_at (self, node->line, node->col, node->head_end_line, node->head_end_col);
}

static void add_outline (PlScript  *self,
                         GArray    *items,
                         PlNode   **body,
                         guint      n_body,
                         guint      depth,
                         gboolean   into_defs);

static void
add_item (GArray            *items,
          PlScriptStatement  statement,
          PlScriptKind       kind,
          guint              depth)
{
  PlScriptOutlineItem item = { 0, };

  item.statement = statement;
  item.kind = kind;
  item.depth = depth;
  g_array_append_val (items, item);
}

/* The `else:` branch of an if, while or for, or the elif chain that
 * continues an if. */
static void
add_orelse (PlScript *self,
            GArray   *items,
            PlNode   *node,
            guint     depth,
            gboolean  into_defs)
{
  if (node->n_orelse == 0)
    return;
  if (node->else_line > 0)
    {
      add_item (items,
                statement_at (self, node->else_line, node->else_col, node->else_end_line, node->else_end_col),
                PL_SCRIPT_KIND_BLOCK, depth);
      add_outline (self, items, node->orelse, node->n_orelse, depth + 1, into_defs);
    }
  else
    {
      /* `elif`: the nested if starts at its keyword, at this depth. */
      add_outline (self, items, node->orelse, node->n_orelse, depth, into_defs);
    }
}

static void
add_outline (PlScript  *self,
             GArray    *items,
             PlNode   **body,
             guint      n_body,
             guint      depth,
             gboolean   into_defs)
{
  for (guint i = 0; i < n_body; i++)
    {
      PlNode *node = body[i];

      switch (node->kind)
        {
        case PL_NODE_IF:
        case PL_NODE_WHILE:
        case PL_NODE_FOR:
          add_item (items, header_of (self, node), PL_SCRIPT_KIND_BLOCK, depth);
          add_outline (self, items, node->body, node->n_body, depth + 1, into_defs);
          add_orelse (self, items, node, depth, into_defs);
          break;
        case PL_NODE_DEF:
          add_item (items, header_of (self, node), PL_SCRIPT_KIND_DEF, depth);
          if (into_defs)
            add_outline (self, items, node->body, node->n_body, depth + 1, into_defs);
          break;
        case PL_NODE_IMPORT:
        case PL_NODE_FROM:
          add_item (items, statement_of (self, node), PL_SCRIPT_KIND_IMPORT, depth);
          break;
        case PL_NODE_ERROR:
          {
            PlScriptOutlineItem item = { 0, };

            item.statement = statement_at (self, node->line, node->col, node->end_line, node->end_col);
            item.kind = node->n_body > 0 ? PL_SCRIPT_KIND_BLOCK : PL_SCRIPT_KIND_SIMPLE;
            item.depth = depth;
            item.error = pl_arena_printf (self->arena, "%s: %s", node->str2, node->str);
            item.error_line = node->err_line;
            item.error_col = node->err_col;
            g_array_append_val (items, item);
            add_outline (self, items, node->body, node->n_body, depth + 1, into_defs);
          }
          break;
        default:
          add_item (items, statement_of (self, node), PL_SCRIPT_KIND_SIMPLE, depth);
          break;
        }
    }
}

/* "np.random.random" for a name or a chain of attributes of a name. */
static char *
dotted_name (PlScript     *self,
             const PlNode *node)
{
  if (node->kind == PL_NODE_NAME)
    return node->str;
  if (node->kind == PL_NODE_ATTR && node->a != NULL)
    {
      const char *base = dotted_name (self, node->a);

      if (base != NULL)
        return pl_arena_printf (self->arena, "%s.%s", base, node->str);
    }
  return NULL;
}

/* Reads a pipeline argument as `name` or `partial(name, ...)`. */
static PlScriptPartial
partial_of (PlScript     *self,
            const PlNode *node)
{
  PlScriptPartial part = { 0, };
  PlScriptStatement *args, *values;
  const char **names;

  if (node->kind == PL_NODE_NAME)
    {
      part.function = node->str;
      return part;
    }
  if (node->kind != PL_NODE_CALL || node->a == NULL || node->a->kind != PL_NODE_NAME ||
      g_strcmp0 (node->a->str, "partial") != 0)
    return part;

  part.is_partial = TRUE;
  if (node->n_items == 0)
    return part;
  for (guint k = 0; k < node->n_items; k++)
    if (node->items[k]->kind == PL_NODE_STARRED)
      return part;
  part.function = dotted_name (self, node->items[0]);
  part.n_args = node->n_items - 1;
  args = pl_arena_alloc (self->arena, sizeof (PlScriptStatement) * MAX (part.n_args, 1));
  for (guint k = 1; k < node->n_items; k++)
    args[k - 1] = statement_of (self, node->items[k]);
  part.args = args;
  part.n_keywords = node->n_items2;
  names = pl_arena_alloc (self->arena, sizeof (char *) * (node->n_items2 + 1));
  values = pl_arena_alloc (self->arena, sizeof (PlScriptStatement) * MAX (node->n_items2, 1));
  for (guint k = 0; k < node->n_items2; k++)
    {
      names[k] = node->items2[k]->str;
      values[k] = statement_of (self, node->items2[k]->a);
    }
  part.keyword_names = names;
  part.keyword_values = values;
  return part;
}

static void
build_structure (PlScript  *self,
                 GPtrArray *calls,
                 GArray    *comments)
{
  gsize off = 0;

  g_array_append_val (self->line_offsets, off);
  for (gsize i = 0; i < self->length; i++)
    if (self->source[i] == '\n')
      {
        off = i + 1;
        g_array_append_val (self->line_offsets, off);
      }

  for (guint i = 0; i < self->module->n_body; i++)
    {
      PlNode *def = self->module->body[i];
      PlScriptFunction fn = { 0, };
      const char **params, **defaults;
      PlScriptStatement *stmts;

      if (def->kind != PL_NODE_DEF)
        continue;
      fn.name = def->str;
      fn.def = statement_of (self, def);
      fn.n_params = def->n_items;
      params = pl_arena_alloc (self->arena, sizeof (char *) * (def->n_items + 1));
      defaults = pl_arena_alloc (self->arena, sizeof (char *) * (def->n_items + 1));
      for (guint k = 0; k < def->n_items; k++)
        {
          params[k] = def->items[k]->str;
          defaults[k] = def->items[k]->a != NULL ? statement_of (self, def->items[k]->a).text : NULL;
        }
      fn.params = params;
      fn.defaults = defaults;
      fn.n_statements = def->n_body;
      stmts = pl_arena_alloc (self->arena, sizeof (PlScriptStatement) * MAX (def->n_body, 1));
      for (guint k = 0; k < def->n_body; k++)
        stmts[k] = statement_of (self, def->body[k]);
      fn.statements = stmts;
      fn.header = header_of (self, def);
      {
        g_autoptr(GArray) items = g_array_new (FALSE, TRUE, sizeof (PlScriptOutlineItem));
        PlScriptOutlineItem *copy;

        add_outline (self, items, def->body, def->n_body, 0, TRUE);
        copy = pl_arena_alloc (self->arena, sizeof (PlScriptOutlineItem) * MAX (items->len, 1));
        if (items->len > 0)
          memcpy (copy, items->data, sizeof (PlScriptOutlineItem) * items->len);
        fn.n_outline = items->len;
        fn.outline = copy;
      }
      g_array_append_val (self->functions, fn);
    }

  add_outline (self, self->outline, self->module->body, self->module->n_body, 0, FALSE);

  for (guint i = 0; i < comments->len; i++)
    {
      const PlToken *tok = &g_array_index (comments, PlToken, i);
      PlScriptStatement st = statement_at (self, tok->line, tok->col, tok->end_line, tok->end_col);

      g_array_append_val (self->comments, st);
    }

  for (guint i = 0; i < calls->len; i++)
    {
      PlNode *call = calls->pdata[i];
      PlScriptExperiment ex = { 0, };
      PlScriptStatement *pipes, *values;
      PlScriptPartial *parts;
      const char **names;

      ex.call = statement_of (self, call);
      ex.n_pipelines = call->n_items;
      pipes = pl_arena_alloc (self->arena, sizeof (PlScriptStatement) * MAX (call->n_items, 1));
      parts = pl_arena_alloc (self->arena, sizeof (PlScriptPartial) * MAX (call->n_items, 1));
      for (guint k = 0; k < call->n_items; k++)
        {
          pipes[k] = statement_of (self, call->items[k]);
          parts[k] = partial_of (self, call->items[k]);
        }
      ex.pipelines = pipes;
      ex.partials = parts;
      ex.n_keywords = call->n_items2;
      names = pl_arena_alloc (self->arena, sizeof (char *) * (call->n_items2 + 1));
      values = pl_arena_alloc (self->arena, sizeof (PlScriptStatement) * MAX (call->n_items2, 1));
      for (guint k = 0; k < call->n_items2; k++)
        {
          names[k] = call->items2[k]->str;
          values[k] = statement_of (self, call->items2[k]->a);
        }
      ex.keyword_names = names;
      ex.keyword_values = values;
      g_array_append_val (self->experiments, ex);
      g_array_append_val (self->experiment_lines, call->line);
    }
}

static PlScript *
parse (const char  *filename,
       const char  *source,
       gssize       length,
       gboolean     for_editor,
       GError     **error)
{
  g_autoptr(PlScript) self = NULL;
  g_autoptr(GArray) comments = NULL;
  GError *local = NULL;
  gint line = 0, col = 0;
  const char *kind = "SyntaxError";

  if (length < 0)
    length = strlen (source);
  self = g_new0 (PlScript, 1);
  self->ref_count = 1;
  self->filename = g_strdup (filename);
  self->source = g_malloc (length + 1);
  memcpy (self->source, source, length);
  self->source[length] = '\0';
  self->length = length;
  self->for_editor = for_editor;
  self->arena = pl_arena_new ();
  self->experiment_lines = g_array_new (FALSE, FALSE, sizeof (gint));
  self->line_offsets = g_array_new (FALSE, FALSE, sizeof (gsize));
  self->functions = g_array_new (FALSE, TRUE, sizeof (PlScriptFunction));
  self->experiments = g_array_new (FALSE, TRUE, sizeof (PlScriptExperiment));
  self->outline = g_array_new (FALSE, TRUE, sizeof (PlScriptOutlineItem));
  self->comments = g_array_new (FALSE, TRUE, sizeof (PlScriptStatement));
  comments = g_array_new (FALSE, TRUE, sizeof (PlToken));
  g_array_set_clear_func (comments, clear_token);
  self->module = pl_parse_module_full (self->arena, self->source, self->length, for_editor, comments,
                                       &line, &col, &kind, &local);
  if (self->module == NULL)
    {
      char *msg = pl_script_format_error (filename, self->source, self->length, line, col, kind, local->message);
      g_set_error_literal (error, PL_ERROR, PL_ERROR_SYNTAX, msg);
      g_free (msg);
      g_error_free (local);
      return NULL;
    }
  {
    GPtrArray *calls = g_ptr_array_new ();
    collect_experiments (self->module, calls);
    g_ptr_array_sort (calls, compare_nodes);
    build_structure (self, calls, comments);
    g_ptr_array_free (calls, TRUE);
  }
  return g_steal_pointer (&self);
}

/**
 * pl_script_parse:
 * @filename: the name errors mention
 * @source: the program text (UTF-8)
 * @length: its length, or -1 if nul-terminated
 * @error: return location for a SyntaxError
 *
 * Returns: (transfer full) (nullable): the parsed program
 */
PlScript *
pl_script_parse (const char  *filename,
                 const char  *source,
                 gssize       length,
                 GError     **error)
{
  g_return_val_if_fail (filename != NULL, NULL);
  g_return_val_if_fail (source != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return parse (filename, source, length, FALSE, error);
}

/**
 * pl_script_parse_for_editor:
 * @filename: the name errors mention
 * @source: the program text (UTF-8)
 * @length: its length, or -1 if nul-terminated
 * @error: return location for an error no statement can hold
 *
 * Parses for the static structure only: a statement of a function body
 * with a syntax error becomes an outline item with that error, and the
 * parse goes on. The result cannot run.
 *
 * Returns: (transfer full) (nullable): the program's structure
 */
PlScript *
pl_script_parse_for_editor (const char  *filename,
                            const char  *source,
                            gssize       length,
                            GError     **error)
{
  g_return_val_if_fail (filename != NULL, NULL);
  g_return_val_if_fail (source != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return parse (filename, source, length, TRUE, error);
}

/**
 * pl_script_ref:
 * @self: a #PlScript
 *
 * Returns: (transfer full): @self
 */
PlScript *
pl_script_ref (PlScript *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_int_inc (&self->ref_count);
  return self;
}

/**
 * pl_script_unref:
 * @self: a #PlScript
 */
void
pl_script_unref (PlScript *self)
{
  g_return_if_fail (self != NULL);
  if (!g_atomic_int_dec_and_test (&self->ref_count))
    return;
  g_free (self->filename);
  g_free (self->source);
  pl_arena_free (self->arena);
  g_array_unref (self->experiment_lines);
  g_array_unref (self->line_offsets);
  g_array_unref (self->functions);
  g_array_unref (self->experiments);
  g_array_unref (self->outline);
  g_array_unref (self->comments);
  g_free (self);
}

const char *
pl_script_get_filename (PlScript *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->filename;
}

const char *
pl_script_get_source (PlScript *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->source;
}

guint
pl_script_get_n_experiments (PlScript *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->experiment_lines->len;
}

gint
pl_script_get_experiment_line (PlScript *self,
                               guint     index)
{
  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (index < self->experiment_lines->len, 0);
  return g_array_index (self->experiment_lines, gint, index);
}

/**
 * pl_script_get_n_functions:
 * @self: a #PlScript
 *
 * Returns: the number of top-level function definitions
 */
guint
pl_script_get_n_functions (PlScript *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->functions->len;
}

/**
 * pl_script_get_function:
 * @self: a #PlScript
 * @index: which definition, in source order
 *
 * Returns: (transfer none): the definition's name, parameters and statements
 */
const PlScriptFunction *
pl_script_get_function (PlScript *self,
                        guint     index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->functions->len, NULL);
  return &g_array_index (self->functions, PlScriptFunction, index);
}

/**
 * pl_script_get_experiment:
 * @self: a #PlScript
 * @index: which utils.analyze_memory call, in source order
 *
 * Returns: (transfer none): the call and the text of its arguments
 */
const PlScriptExperiment *
pl_script_get_experiment (PlScript *self,
                          guint     index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->experiments->len, NULL);
  return &g_array_index (self->experiments, PlScriptExperiment, index);
}

/**
 * pl_script_get_n_outline_items:
 * @self: a #PlScript
 *
 * Returns: the number of items of the module's outline
 */
guint
pl_script_get_n_outline_items (PlScript *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->outline->len;
}

/**
 * pl_script_get_outline_item:
 * @self: a #PlScript
 * @index: which item, in source order
 *
 * Returns: (transfer none): a statement of the module outside function
 *   bodies, or a header
 */
const PlScriptOutlineItem *
pl_script_get_outline_item (PlScript *self,
                            guint     index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->outline->len, NULL);
  return &g_array_index (self->outline, PlScriptOutlineItem, index);
}

/**
 * pl_script_get_n_comments:
 * @self: a #PlScript
 *
 * Returns: the number of comments in the source
 */
guint
pl_script_get_n_comments (PlScript *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->comments->len;
}

/**
 * pl_script_get_comment:
 * @self: a #PlScript
 * @index: which comment, in source order
 *
 * Returns: (transfer none): the comment's extent and text
 */
const PlScriptStatement *
pl_script_get_comment (PlScript *self,
                       guint     index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->comments->len, NULL);
  return &g_array_index (self->comments, PlScriptStatement, index);
}

/**
 * pl_script_error_get_location:
 * @error: an error from this layer
 * @line: (out) (optional): its line
 * @column: (out) (optional): its column
 *
 * Returns: %TRUE if @error carries a "FILE:LINE:COL: error:" location
 */
gboolean
pl_script_error_get_location (const GError *error,
                              gint         *line,
                              gint         *column)
{
  const char *msg, *mark, *p;
  gint64 numbers[2];

  g_return_val_if_fail (error != NULL, FALSE);
  msg = error->message;
  mark = strstr (msg, ": error: ");
  if (mark == NULL)
    return FALSE;
  /* Walk back over ":COL" and ":LINE" (the file name may hold colons). */
  p = mark;
  for (int k = 1; k >= 0; k--)
    {
      const char *digits_end = p;
      while (p > msg && g_ascii_isdigit (p[-1]))
        p--;
      if (p == digits_end || p == msg || p[-1] != ':')
        return FALSE;
      numbers[k] = g_ascii_strtoll (p, NULL, 10);
      p--;
    }
  if (line)
    *line = (gint) numbers[0];
  if (column)
    *column = (gint) numbers[1];
  return TRUE;
}
