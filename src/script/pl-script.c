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
collect_experiments (PlNode *node,
                     GArray *lines)
{
  if (node == NULL)
    return;
  if (node->kind == PL_NODE_CALL && node->a != NULL && node->a->kind == PL_NODE_ATTR &&
      g_strcmp0 (node->a->str, "analyze_memory") == 0 && node->a->a != NULL &&
      node->a->a->kind == PL_NODE_NAME && g_strcmp0 (node->a->a->str, "utils") == 0)
    g_array_append_val (lines, node->line);
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
compare_int (gconstpointer a,
             gconstpointer b)
{
  gint x = *(const gint *) a, y = *(const gint *) b;
  return (x > y) - (x < y);
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
  self->module = pl_parse_module (self->arena, self->source, self->length, &line, &col, &kind, &local);
  if (self->module == NULL)
    {
      char *msg = pl_script_format_error (filename, self->source, self->length, line, col, kind, local->message);
      g_set_error_literal (error, PL_ERROR, PL_ERROR_SYNTAX, msg);
      g_free (msg);
      g_error_free (local);
      return NULL;
    }
  collect_experiments (self->module, self->experiment_lines);
  g_array_sort (self->experiment_lines, compare_int);
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
