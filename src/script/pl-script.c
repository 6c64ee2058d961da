/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "pl-interp-private.h"
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
            node->kind == PL_NODE_DEF))
    node_end (node->body[node->n_body - 1], line, col);
  else
    {
      *line = node->end_line;
      *col = node->end_col;
    }
}

static PlScriptStatement
statement_of (PlScript     *self,
              const PlNode *node)
{
  PlScriptStatement st;
  gsize a, b;

  st.line = node->line;
  st.col = node->col;
  node_end (node, &st.end_line, &st.end_col);
  a = offset_of (self, st.line, st.col);
  b = offset_of (self, st.end_line, st.end_col);
  st.text = pl_arena_strndup (self->arena, self->source + a, b > a ? b - a : 0);
  return st;
}

static void
build_structure (PlScript  *self,
                 GPtrArray *calls)
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
      g_array_append_val (self->functions, fn);
    }

  for (guint i = 0; i < calls->len; i++)
    {
      PlNode *call = calls->pdata[i];
      PlScriptExperiment ex = { 0, };
      PlScriptStatement *pipes, *values;
      const char **names;

      ex.call = statement_of (self, call);
      ex.n_pipelines = call->n_items;
      pipes = pl_arena_alloc (self->arena, sizeof (PlScriptStatement) * MAX (call->n_items, 1));
      for (guint k = 0; k < call->n_items; k++)
        pipes[k] = statement_of (self, call->items[k]);
      ex.pipelines = pipes;
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
  g_autoptr(PlScript) self = NULL;
  GError *local = NULL;
  gint line = 0, col = 0;
  const char *kind = "SyntaxError";

  g_return_val_if_fail (filename != NULL, NULL);
  g_return_val_if_fail (source != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (length < 0)
    length = strlen (source);
  self = g_new0 (PlScript, 1);
  self->ref_count = 1;
  self->filename = g_strdup (filename);
  self->source = g_malloc (length + 1);
  memcpy (self->source, source, length);
  self->source[length] = '\0';
  self->length = length;
  self->arena = pl_arena_new ();
  self->experiment_lines = g_array_new (FALSE, FALSE, sizeof (gint));
  self->line_offsets = g_array_new (FALSE, FALSE, sizeof (gsize));
  self->functions = g_array_new (FALSE, TRUE, sizeof (PlScriptFunction));
  self->experiments = g_array_new (FALSE, TRUE, sizeof (PlScriptExperiment));
  self->module = pl_parse_module (self->arena, self->source, self->length, &line, &col, &kind, &local);
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
    build_structure (self, calls);
    g_ptr_array_free (calls, TRUE);
  }
  return g_steal_pointer (&self);
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
