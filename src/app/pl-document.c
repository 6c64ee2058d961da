/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "engine/pl-error.h"
#include "script/pl-script.h"

#include "pl-code.h"
#include "pl-document.h"

#define DEFAULT_PREAMBLE \
  "import time\n" \
  "from functools import partial\n" \
  "\n" \
  "import numpy as np\n" \
  "import numexpr as ne\n"

/* Edits of one step (or of the Source view) closer together than this are
 * undone as one. */
#define MERGE_INTERVAL_US (1 * G_USEC_PER_SEC)

struct _PlDocument
{
  GObject parent_instance;

  char       *text;
  char       *saved_text;
  char       *preamble;
  char       *options;       /* the keyword arguments of the analyze call */
  char       *unstructured_reason;
  GListStore *pipelines;

  GPtrArray  *undo;          /* of char *: texts before each change */
  GPtrArray  *redo;
  gpointer    last_edit_key; /* the step (or the document) edited last */
  gint64      last_edit_time;

  guint       applying : 1;  /* the pipelines are being rebuilt from text */
  guint       structured : 1;
  guint       valid : 1;
};

G_DEFINE_FINAL_TYPE (PlDocument, pl_document, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_TEXT,
  PROP_STRUCTURED,
  PROP_UNSTRUCTURED_REASON,
  PROP_COMPARE,
  PROP_VALID,
  PROP_MODIFIED,
  PROP_CAN_UNDO,
  PROP_CAN_REDO,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void pl_document_pipeline_changed (PlDocument *self,
                                          PlStep     *step,
                                          PlPipeline *pipeline);

/* --- parsing ------------------------------------------------------------ */

typedef struct
{
  char      *name;
  GStrv      params;
  GPtrArray *steps;   /* of PlStep */
  guint      line;
  gboolean   used;
} ParsedDef;

static void
parsed_def_free (gpointer data)
{
  ParsedDef *def = data;

  g_free (def->name);
  g_strfreev (def->params);
  g_ptr_array_unref (def->steps);
  g_free (def);
}

static gboolean
is_blank (const char *line)
{
  for (; *line; line++)
    if (!g_ascii_isspace (*line))
      return FALSE;
  return TRUE;
}

static gboolean
is_preamble_line (const char *line)
{
  return is_blank (line) ||
         line[0] == '#' ||
         g_str_has_prefix (line, "import ") ||
         g_str_has_prefix (line, "from ");
}

static guint
count_indent (const char *line)
{
  guint n = 0;

  while (line[n] == ' ')
    n++;
  return n;
}

static gboolean
fail (char       **reason,
      guint        line,
      const char  *message)
{
  *reason = g_strdup_printf (_("Line %u: %s"), line, message);
  return FALSE;
}

/* Reads `def name(params):` and its body from @lines at *@i. */
static gboolean
parse_def (char       **lines,
           guint       *i,
           ParsedDef  **out,
           char       **reason)
{
  g_autoptr(GRegex) regex = NULL;
  g_autoptr(GMatchInfo) match = NULL;
  g_autofree char *params_text = NULL;
  g_autoptr(GArray) widths = NULL;
  ParsedDef *def;
  guint def_line = *i + 1;
  gboolean prev_opens = FALSE;

  regex = g_regex_new ("^def\\s+([A-Za-z_][A-Za-z0-9_]*)\\s*\\((.*)\\)\\s*:\\s*(#.*)?$", 0, 0, NULL);
  if (!g_regex_match (regex, lines[*i], 0, &match))
    return fail (reason, def_line, _("the builders show only a one-line “def name(parameters):”"));

  def = g_new0 (ParsedDef, 1);
  def->name = g_match_info_fetch (match, 1);
  def->line = def_line;
  def->steps = g_ptr_array_new_with_free_func (g_object_unref);
  params_text = g_match_info_fetch (match, 2);
  def->params = pl_code_split_top_level (params_text, ',');
  *out = def;

  if (def->params == NULL)
    return fail (reason, def_line, _("the parameters cannot be read"));

  for (guint k = 0; def->params[k]; k++)
    {
      if (*def->params[k] == '\0' && def->params[k + 1] == NULL)
        {
          /* `def f():` or a trailing comma. */
          g_free (def->params[k]);
          def->params[k] = NULL;
          break;
        }
      if (!pl_code_is_identifier (def->params[k], -1))
        return fail (reason, def_line, _("the builders show only plain parameter names"));
    }

  widths = g_array_new (FALSE, FALSE, sizeof (guint));
  (*i)++;

  for (; lines[*i] != NULL; (*i)++)
    {
      const char *line = lines[*i];
      guint width;
      guint level;
      g_autofree char *code = NULL;
      g_auto(GStrv) balanced = NULL;
      g_autoptr(GError) error = NULL;

      if (is_blank (line))
        continue;
      if (line[0] != ' ' && line[0] != '\t')
        break;
      if (strchr (line, '\t') != NULL && line[count_indent (line)] == '\t')
        return fail (reason, *i + 1, _("tabs are used for indentation"));

      width = count_indent (line);
      if (widths->len == 0)
        g_array_append_val (widths, width);
      else if (width > g_array_index (widths, guint, widths->len - 1))
        {
          if (!prev_opens)
            return fail (reason, *i + 1, _("unexpected indentation"));
          g_array_append_val (widths, width);
        }
      else
        {
          if (prev_opens)
            return fail (reason, *i + 1, _("the block has no body"));
          while (widths->len > 0 && width < g_array_index (widths, guint, widths->len - 1))
            g_array_set_size (widths, widths->len - 1);
          if (widths->len == 0 || width != g_array_index (widths, guint, widths->len - 1))
            return fail (reason, *i + 1, _("the indentation does not match an outer level"));
        }
      level = widths->len - 1;

      code = g_strchomp (g_strdup (line + width));
      if (g_str_has_suffix (code, ";"))
        code[strlen (code) - 1] = '\0';
      balanced = pl_code_split_top_level (code, '\n');
      if (balanced == NULL)
        return fail (reason, *i + 1, _("a statement continues over several lines"));
      if (!pl_code_check_statement (code, &error))
        return fail (reason, *i + 1, error->message);

      prev_opens = pl_code_opens_block (code);
      g_ptr_array_add (def->steps, pl_step_new (code, level));
      pl_step_set_line (g_ptr_array_index (def->steps, def->steps->len - 1), *i + 1);
    }

  if (prev_opens)
    return fail (reason, *i, _("the block has no body"));

  /* A body that only passes has no steps. */
  if (def->steps->len == 1 &&
      g_strcmp0 (pl_step_get_code (g_ptr_array_index (def->steps, 0)), "pass") == 0)
    g_ptr_array_set_size (def->steps, 0);

  return TRUE;
}

static ParsedDef *
find_def (GPtrArray  *defs,
          const char *name)
{
  for (guint k = 0; k < defs->len; k++)
    {
      ParsedDef *def = g_ptr_array_index (defs, k);

      if (g_strcmp0 (def->name, name) == 0)
        return def;
    }
  return NULL;
}

/* Turns one argument of the analyze call into a pipeline. */
static PlPipeline *
pipeline_from_call_item (const char  *item,
                         GPtrArray   *defs,
                         guint        line,
                         char       **reason)
{
  g_autofree char *inner = NULL;
  g_auto(GStrv) pieces = NULL;
  g_autoptr(PlPipeline) pipeline = NULL;
  ParsedDef *def;
  gsize len = strlen (item);

  if (pl_code_is_identifier (item, -1))
    {
      inner = g_strdup (item);
    }
  else if (g_str_has_prefix (item, "partial(") && len > 9 && item[len - 1] == ')')
    {
      inner = g_strndup (item + 8, len - 9);
    }
  else
    {
      fail (reason, line, _("the builders show only pipelines written as partial(function, arguments)"));
      return NULL;
    }

  pieces = pl_code_split_top_level (inner, ',');
  if (pieces == NULL || *pieces[0] == '\0')
    {
      fail (reason, line, _("a pipeline has no function"));
      return NULL;
    }

  def = find_def (defs, pieces[0]);
  if (def != NULL)
    {
      GString *arguments = g_string_new (NULL);
      guint n_values = 0;

      for (guint k = 1; pieces[k]; k++)
        {
          if (*pieces[k] == '\0' && pieces[k + 1] == NULL)
            break;
          if (def->params[n_values] == NULL)
            {
              g_string_free (arguments, TRUE);
              fail (reason, line, _("a pipeline gets more arguments than its function has parameters"));
              return NULL;
            }
          if (strchr (pieces[k], '=') != NULL)
            {
              g_auto(GStrv) kw = pl_code_split_top_level (pieces[k], '=');

              if (kw && kw[0] && pl_code_is_identifier (kw[0], -1) && kw[1] && kw[2] == NULL)
                {
                  g_string_free (arguments, TRUE);
                  fail (reason, line, _("the builders show only positional arguments of a pipeline"));
                  return NULL;
                }
            }
          if (arguments->len > 0)
            g_string_append (arguments, ", ");
          g_string_append_printf (arguments, "%s=%s", def->params[n_values], pieces[k]);
          n_values++;
        }

      if (def->params[n_values] != NULL)
        {
          g_string_free (arguments, TRUE);
          fail (reason, line, _("a pipeline gets fewer arguments than its function has parameters"));
          return NULL;
        }

      pipeline = pl_pipeline_new (def->name, TRUE);
      pl_pipeline_set_arguments (pipeline, arguments->str);
      g_string_free (arguments, TRUE);
      for (guint k = 0; k < def->steps->len; k++)
        pl_pipeline_append_step (pipeline, g_ptr_array_index (def->steps, k));
      def->used = TRUE;
    }
  else
    {
      const char *comma;

      /* A NumPy function measured as one call: np.ones, np.random.random... */
      for (const char *p = pieces[0]; *p; p++)
        if (!g_ascii_isalnum (*p) && *p != '_' && *p != '.')
          {
            fail (reason, line, _("a pipeline's function cannot be read"));
            return NULL;
          }

      comma = strchr (inner, ',');
      pipeline = pl_pipeline_new (pieces[0], FALSE);
      if (comma != NULL)
        {
          g_autofree char *rest = g_strstrip (g_strdup (comma + 1));
          gsize rlen = strlen (rest);

          if (rlen > 0 && rest[rlen - 1] == ',')
            rest[rlen - 1] = '\0';
          pl_pipeline_set_arguments (pipeline, g_strstrip (rest));
        }
    }

  return g_steal_pointer (&pipeline);
}

typedef struct
{
  char      *preamble;
  char      *options;
  GPtrArray *pipelines;   /* of PlPipeline */
} Parsed;

static void
parsed_clear (Parsed *parsed)
{
  g_clear_pointer (&parsed->preamble, g_free);
  g_clear_pointer (&parsed->options, g_free);
  g_clear_pointer (&parsed->pipelines, g_ptr_array_unref);
}

static gboolean
parse_text (const char  *text,
            Parsed      *parsed,
            char       **reason)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  g_autoptr(GPtrArray) defs = g_ptr_array_new_with_free_func (parsed_def_free);
  GString *preamble = g_string_new (NULL);
  gboolean seen_call = FALSE;
  guint i = 0;

  parsed->pipelines = g_ptr_array_new_with_free_func (g_object_unref);

  /* Windows line ends: drop the carriage returns. */
  for (guint k = 0; lines[k]; k++)
    {
      gsize len = strlen (lines[k]);

      if (len > 0 && lines[k][len - 1] == '\r')
        lines[k][len - 1] = '\0';
    }

  for (; lines[i] && is_preamble_line (lines[i]); i++)
    {
      g_string_append (preamble, lines[i]);
      g_string_append_c (preamble, '\n');
    }
  while (preamble->len > 0 && g_ascii_isspace (preamble->str[preamble->len - 1]))
    g_string_truncate (preamble, preamble->len - 1);
  if (preamble->len > 0)
    g_string_append_c (preamble, '\n');
  parsed->preamble = g_string_free (preamble, FALSE);

  while (lines[i] != NULL)
    {
      const char *line = lines[i];

      if (is_blank (line))
        {
          i++;
          continue;
        }

      if (g_str_has_prefix (line, "def "))
        {
          ParsedDef *def = NULL;
          gboolean ok = parse_def (lines, &i, &def, reason);

          if (def != NULL)
            g_ptr_array_add (defs, def);
          if (!ok)
            return FALSE;
          if (find_def (defs, def->name) != def)
            return fail (reason, def->line, _("a function is defined twice"));
          continue;
        }

      if (g_str_has_prefix (line, "utils.analyze_memory("))
        {
          GString *call = g_string_new (NULL);
          guint call_line = i + 1;
          g_auto(GStrv) items = NULL;
          GString *options = NULL;
          char *inner;
          gsize len;

          if (seen_call)
            {
              g_string_free (call, TRUE);
              return fail (reason, call_line, _("the builders show one utils.analyze_memory call"));
            }
          seen_call = TRUE;

          /* The call may span several lines; read until its brackets close. */
          for (;;)
            {
              g_auto(GStrv) probe = NULL;

              g_string_append (call, lines[i]);
              i++;
              probe = pl_code_split_top_level (call->str, ',');
              if (probe != NULL)
                break;
              if (lines[i] == NULL)
                {
                  g_string_free (call, TRUE);
                  return fail (reason, call_line, _("the utils.analyze_memory call is not closed"));
                }
              g_string_append_c (call, ' ');
            }

          g_strstrip (call->str);
          len = strlen (call->str);
          if (len > 0 && call->str[len - 1] == ';')
            call->str[--len] = '\0';
          g_strchomp (call->str);
          len = strlen (call->str);
          if (len == 0 || call->str[len - 1] != ')')
            {
              g_string_free (call, TRUE);
              return fail (reason, call_line, _("the utils.analyze_memory call is followed by more code"));
            }
          inner = g_strndup (call->str + strlen ("utils.analyze_memory("),
                             len - strlen ("utils.analyze_memory(") - 1);
          g_string_free (call, TRUE);
          items = pl_code_split_top_level (inner, ',');
          g_free (inner);
          if (items == NULL)
            return fail (reason, call_line, _("the utils.analyze_memory call cannot be read"));

          options = g_string_new (NULL);
          for (guint k = 0; items[k]; k++)
            {
              g_auto(GStrv) kw = NULL;

              if (*items[k] == '\0')
                continue;
              kw = pl_code_split_top_level (items[k], '=');
              if (kw && kw[0] && kw[1] && kw[2] == NULL && pl_code_is_identifier (kw[0], -1))
                {
                  if (options->len > 0)
                    g_string_append (options, ", ");
                  g_string_append (options, items[k]);
                }
              else
                {
                  PlPipeline *pipeline;

                  if (options->len > 0)
                    {
                      g_string_free (options, TRUE);
                      return fail (reason, call_line, _("a pipeline follows the keyword arguments"));
                    }
                  pipeline = pipeline_from_call_item (items[k], defs, call_line, reason);
                  if (pipeline == NULL)
                    {
                      g_string_free (options, TRUE);
                      return FALSE;
                    }
                  g_ptr_array_add (parsed->pipelines, pipeline);
                }
            }
          parsed->options = g_string_free (options, FALSE);

          if (parsed->pipelines->len == 0)
            return fail (reason, call_line, _("the utils.analyze_memory call measures nothing"));
          if (parsed->pipelines->len > 2)
            return fail (reason, call_line, _("the builders show at most two pipelines, A and B"));
          continue;
        }

      return fail (reason, i + 1, _("the builders show only imports, functions and one utils.analyze_memory call"));
    }

  for (guint k = 0; k < defs->len; k++)
    {
      ParsedDef *def = g_ptr_array_index (defs, k);

      if (!def->used)
        return fail (reason, def->line, _("a function is not measured by utils.analyze_memory"));
    }

  if (!seen_call && defs->len == 0 && parsed->preamble[0] == '\0')
    return TRUE;   /* an empty script: one empty pipeline */

  if (!seen_call)
    return fail (reason, 1, _("the script has no utils.analyze_memory call"));

  return TRUE;
}

/* --- writing ------------------------------------------------------------ */

/* The number of complete lines written so far: steps learn their line. */
static guint
count_lines (GString *out)
{
  guint n = 0;

  for (gsize i = 0; i < out->len; i++)
    if (out->str[i] == '\n')
      n++;
  return n;
}

static char *
pl_document_write (PlDocument *self)
{
  GString *out = g_string_new (self->preamble);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->pipelines));
  gboolean any_def = FALSE;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PlPipeline) pipeline = g_list_model_get_item (G_LIST_MODEL (self->pipelines), i);
      g_auto(GStrv) params = NULL;
      g_autofree char *joined = NULL;
      guint n_steps;

      if (!pl_pipeline_get_is_function (pipeline))
        continue;

      params = pl_pipeline_dup_parameters (pipeline);
      joined = g_strjoinv (", ", params);
      if (out->len > 0)
        g_string_append (out, "\n\n");
      g_string_append_printf (out, "def %s(%s):\n", pl_pipeline_get_name (pipeline), joined);
      any_def = TRUE;

      n_steps = pl_pipeline_get_n_steps (pipeline);
      if (n_steps == 0)
        g_string_append (out, "    pass\n");
      for (guint k = 0; k < n_steps; k++)
        {
          PlStep *step = pl_pipeline_get_step (pipeline, k);

          pl_step_set_line (step, count_lines (out) + 1);
          for (guint d = 0; d <= pl_step_get_indent (step); d++)
            g_string_append (out, "    ");
          g_string_append (out, pl_step_get_code (step));
          g_string_append_c (out, '\n');
        }
    }

  if (out->len > 0)
    g_string_append (out, any_def ? "\n\n" : "\n");

  g_string_append (out, "utils.analyze_memory(\n");
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PlPipeline) pipeline = g_list_model_get_item (G_LIST_MODEL (self->pipelines), i);
      g_autofree char *args = pl_pipeline_dup_call_arguments (pipeline);

      if (*args != '\0')
        g_string_append_printf (out, "    partial(%s, %s),\n", pl_pipeline_get_name (pipeline), args);
      else
        /* Without arguments the function itself is the pipeline, as the
         * tutorial writes utils.analyze_memory(main). */
        g_string_append_printf (out, "    %s,\n", pl_pipeline_get_name (pipeline));
    }
  if (self->options != NULL && *self->options != '\0')
    g_string_append_printf (out, "    %s,\n", self->options);
  g_string_append (out, ")\n");

  return g_string_free (out, FALSE);
}

/* --- checking ----------------------------------------------------------- */

static void
pl_document_check (PlDocument *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->pipelines));
  g_autoptr(GHashTable) names = g_hash_table_new (g_str_hash, g_str_equal);
  gboolean valid = TRUE;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PlPipeline) pipeline = g_list_model_get_item (G_LIST_MODEL (self->pipelines), i);
      const char *name = pl_pipeline_get_name (pipeline);
      guint n_steps = pl_pipeline_get_n_steps (pipeline);
      gboolean prev_opens = FALSE;
      guint prev_indent = 0;

      if (pl_pipeline_get_is_function (pipeline))
        {
          if (!pl_code_is_identifier (name, -1) || g_hash_table_contains (names, name))
            valid = FALSE;
          g_hash_table_add (names, (gpointer) name);
        }
      if (!pl_pipeline_check_arguments (pipeline, NULL))
        valid = FALSE;

      for (guint k = 0; k < n_steps; k++)
        {
          PlStep *step = pl_pipeline_get_step (pipeline, k);
          guint indent = pl_step_get_indent (step);
          g_autoptr(GError) error = NULL;

          if (!pl_code_check_statement (pl_step_get_code (step), &error))
            ;
          else if (prev_opens && indent != prev_indent + 1)
            g_set_error_literal (&error, PL_ERROR, PL_ERROR_SYNTAX,
                                 _("This step is the body of the block above: indent it"));
          else if (!prev_opens && indent > prev_indent)
            g_set_error_literal (&error, PL_ERROR, PL_ERROR_SYNTAX,
                                 _("This step is indented but no block opens above it"));
          else if (pl_code_opens_block (pl_step_get_code (step)) &&
                   (k + 1 == n_steps || pl_step_get_indent (pl_pipeline_get_step (pipeline, k + 1)) <= indent))
            g_set_error_literal (&error, PL_ERROR, PL_ERROR_SYNTAX,
                                 _("The block has no body: add an indented step below"));

          pl_step_set_error (step, error ? error->message : NULL);
          if (error != NULL)
            valid = FALSE;

          prev_opens = pl_code_opens_block (pl_step_get_code (step));
          prev_indent = indent;
        }
    }

  if (n == 0)
    valid = FALSE;

  /* The builders' check is quick but shallow; the interpreter's parser is
   * the judge. Its error goes to the step on the line it names. */
  if (valid && self->text != NULL)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(PlScript) script = pl_script_parse ("script.py", self->text, -1, &error);
      gint line = 0, column = 0;

      if (script == NULL && pl_script_error_get_location (error, &line, &column))
        {
          PlStep *step = pl_document_find_step (self, line, NULL);

          if (step != NULL)
            {
              const char *message = strstr (error->message, "error: ");
              g_autofree char *first_line = NULL;

              message = message ? message + strlen ("error: ") : error->message;
              first_line = g_strndup (message, strcspn (message, "\n"));
              pl_step_set_error (step, first_line);
              valid = FALSE;
            }
        }
    }

  if (self->valid != valid)
    {
      self->valid = valid;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VALID]);
    }
}

/* --- state -------------------------------------------------------------- */

static void
pl_document_notify_history (PlDocument *self,
                            gboolean    could_undo,
                            gboolean    could_redo,
                            gboolean    was_modified)
{
  if (could_undo != pl_document_get_can_undo (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_UNDO]);
  if (could_redo != pl_document_get_can_redo (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_REDO]);
  if (was_modified != pl_document_get_modified (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
}

/* Records that the text changes from the current one, for undo. */
static void
pl_document_record (PlDocument *self,
                    gpointer    key)
{
  gint64 now = g_get_monotonic_time ();

  g_ptr_array_set_size (self->redo, 0);

  if (key != NULL && key == self->last_edit_key &&
      now - self->last_edit_time < MERGE_INTERVAL_US &&
      self->undo->len > 0)
    {
      self->last_edit_time = now;
      return;
    }

  g_ptr_array_add (self->undo, g_strdup (self->text));
  self->last_edit_key = key;
  self->last_edit_time = now;
}

static void
pl_document_set_structured (PlDocument *self,
                            gboolean    structured,
                            const char *reason)
{
  gboolean was_structured = self->structured;
  gboolean reason_changed = g_strcmp0 (reason, self->unstructured_reason) != 0;

  self->structured = !!structured;
  if (reason_changed)
    {
      g_free (self->unstructured_reason);
      self->unstructured_reason = g_strdup (reason);
    }

  if (was_structured != self->structured)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STRUCTURED]);
  if (reason_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UNSTRUCTURED_REASON]);
}

static void
pl_document_replace_pipelines (PlDocument *self,
                               GPtrArray  *pipelines)
{
  gboolean was_compare = pl_document_get_compare (self);
  guint n_old = g_list_model_get_n_items (G_LIST_MODEL (self->pipelines));

  for (guint i = 0; i < n_old; i++)
    {
      g_autoptr(PlPipeline) old = g_list_model_get_item (G_LIST_MODEL (self->pipelines), i);

      g_signal_handlers_disconnect_by_data (old, self);
    }

  for (guint i = 0; i < pipelines->len; i++)
    g_signal_connect_object (g_ptr_array_index (pipelines, i), "changed",
                             G_CALLBACK (pl_document_pipeline_changed), self,
                             G_CONNECT_SWAPPED);

  g_list_store_splice (self->pipelines, 0, n_old, pipelines->pdata, pipelines->len);

  if (was_compare != pl_document_get_compare (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COMPARE]);
}

/* Reads @text into the pipelines when the builders can show it. */
static gboolean
pl_document_apply_text (PlDocument *self)
{
  Parsed parsed = { 0 };
  g_autofree char *reason = NULL;

  if (!parse_text (self->text, &parsed, &reason))
    {
      pl_document_set_structured (self, FALSE, reason);
      parsed_clear (&parsed);
      return FALSE;
    }

  self->applying = TRUE;
  g_free (self->preamble);
  self->preamble = g_steal_pointer (&parsed.preamble);
  if (*self->preamble == '\0')
    {
      g_free (self->preamble);
      self->preamble = g_strdup (DEFAULT_PREAMBLE);
    }
  g_free (self->options);
  self->options = g_steal_pointer (&parsed.options);

  if (parsed.pipelines->len == 0)
    g_ptr_array_add (parsed.pipelines, pl_pipeline_new ("fun1", TRUE));

  pl_document_replace_pipelines (self, parsed.pipelines);
  self->applying = FALSE;

  parsed_clear (&parsed);
  pl_document_set_structured (self, TRUE, NULL);
  pl_document_check (self);

  return TRUE;
}

static void
pl_document_regenerate (PlDocument *self,
                        gpointer    undo_key)
{
  gboolean could_undo = pl_document_get_can_undo (self);
  gboolean could_redo = pl_document_get_can_redo (self);
  gboolean was_modified = pl_document_get_modified (self);
  g_autofree char *text = pl_document_write (self);

  if (g_strcmp0 (text, self->text) == 0)
    {
      pl_document_check (self);
      return;
    }

  pl_document_record (self, undo_key);
  g_free (self->text);
  self->text = g_steal_pointer (&text);
  pl_document_check (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEXT]);
  pl_document_notify_history (self, could_undo, could_redo, was_modified);
}

static void
pl_document_pipeline_changed (PlDocument *self,
                              PlStep     *step,
                              PlPipeline *pipeline)
{
  if (self->applying)
    return;

  /* The builders are only live over a script they can show. */
  if (!self->structured)
    return;

  pl_document_regenerate (self, step);
}

/* --- GObject ------------------------------------------------------------ */

static void
pl_document_dispose (GObject *object)
{
  PlDocument *self = PL_DOCUMENT (object);

  if (self->pipelines != NULL)
    {
      g_autoptr(GPtrArray) none = g_ptr_array_new ();

      pl_document_replace_pipelines (self, none);
    }
  g_clear_object (&self->pipelines);

  G_OBJECT_CLASS (pl_document_parent_class)->dispose (object);
}

static void
pl_document_finalize (GObject *object)
{
  PlDocument *self = PL_DOCUMENT (object);

  g_clear_pointer (&self->text, g_free);
  g_clear_pointer (&self->saved_text, g_free);
  g_clear_pointer (&self->preamble, g_free);
  g_clear_pointer (&self->options, g_free);
  g_clear_pointer (&self->unstructured_reason, g_free);
  g_clear_pointer (&self->undo, g_ptr_array_unref);
  g_clear_pointer (&self->redo, g_ptr_array_unref);

  G_OBJECT_CLASS (pl_document_parent_class)->finalize (object);
}

static void
pl_document_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  PlDocument *self = PL_DOCUMENT (object);

  switch (prop_id)
    {
    case PROP_TEXT:
      g_value_set_string (value, pl_document_get_text (self));
      break;
    case PROP_STRUCTURED:
      g_value_set_boolean (value, pl_document_get_structured (self));
      break;
    case PROP_UNSTRUCTURED_REASON:
      g_value_set_string (value, pl_document_get_unstructured_reason (self));
      break;
    case PROP_COMPARE:
      g_value_set_boolean (value, pl_document_get_compare (self));
      break;
    case PROP_VALID:
      g_value_set_boolean (value, pl_document_get_valid (self));
      break;
    case PROP_MODIFIED:
      g_value_set_boolean (value, pl_document_get_modified (self));
      break;
    case PROP_CAN_UNDO:
      g_value_set_boolean (value, pl_document_get_can_undo (self));
      break;
    case PROP_CAN_REDO:
      g_value_set_boolean (value, pl_document_get_can_redo (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pl_document_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  PlDocument *self = PL_DOCUMENT (object);

  switch (prop_id)
    {
    case PROP_TEXT:
      pl_document_set_text (self, g_value_get_string (value));
      break;
    case PROP_COMPARE:
      pl_document_set_compare (self, g_value_get_boolean (value));
      break;
    case PROP_MODIFIED:
      pl_document_set_modified (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pl_document_class_init (PlDocumentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = pl_document_dispose;
  object_class->finalize = pl_document_finalize;
  object_class->get_property = pl_document_get_property;
  object_class->set_property = pl_document_set_property;

  properties[PROP_TEXT] =
    g_param_spec_string ("text", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STRUCTURED] =
    g_param_spec_boolean ("structured", NULL, NULL, TRUE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_UNSTRUCTURED_REASON] =
    g_param_spec_string ("unstructured-reason", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_COMPARE] =
    g_param_spec_boolean ("compare", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_VALID] =
    g_param_spec_boolean ("valid", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_MODIFIED] =
    g_param_spec_boolean ("modified", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAN_UNDO] =
    g_param_spec_boolean ("can-undo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAN_REDO] =
    g_param_spec_boolean ("can-redo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pl_document_init (PlDocument *self)
{
  g_autoptr(GPtrArray) pipelines = g_ptr_array_new_with_free_func (g_object_unref);

  self->pipelines = g_list_store_new (PL_TYPE_PIPELINE);
  self->undo = g_ptr_array_new_with_free_func (g_free);
  self->redo = g_ptr_array_new_with_free_func (g_free);
  self->preamble = g_strdup (DEFAULT_PREAMBLE);
  self->options = g_strdup ("");
  self->structured = TRUE;

  g_ptr_array_add (pipelines, pl_pipeline_new ("fun1", TRUE));
  pl_document_replace_pipelines (self, pipelines);
  self->text = pl_document_write (self);
  self->saved_text = g_strdup (self->text);
  pl_document_check (self);
}

PlDocument *
pl_document_new (void)
{
  return g_object_new (PL_TYPE_DOCUMENT, NULL);
}

const char *
pl_document_get_text (PlDocument *self)
{
  g_return_val_if_fail (PL_IS_DOCUMENT (self), NULL);

  return self->text;
}

gboolean
pl_document_set_text (PlDocument *self,
                      const char *text)
{
  gboolean could_undo, could_redo, was_modified;

  g_return_val_if_fail (PL_IS_DOCUMENT (self), FALSE);

  if (text == NULL)
    text = "";

  if (g_strcmp0 (text, self->text) == 0)
    return self->structured;

  could_undo = pl_document_get_can_undo (self);
  could_redo = pl_document_get_can_redo (self);
  was_modified = pl_document_get_modified (self);

  pl_document_record (self, self);
  g_free (self->text);
  self->text = g_strdup (text);
  pl_document_apply_text (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEXT]);
  pl_document_notify_history (self, could_undo, could_redo, was_modified);

  return self->structured;
}

gboolean
pl_document_load_text (PlDocument *self,
                       const char *text)
{
  gboolean could_undo, could_redo, was_modified;

  g_return_val_if_fail (PL_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (text != NULL, FALSE);

  could_undo = pl_document_get_can_undo (self);
  could_redo = pl_document_get_can_redo (self);
  was_modified = pl_document_get_modified (self);

  g_ptr_array_set_size (self->undo, 0);
  g_ptr_array_set_size (self->redo, 0);
  self->last_edit_key = NULL;
  g_free (self->text);
  self->text = g_strdup (text);
  g_free (self->saved_text);
  self->saved_text = g_strdup (text);
  pl_document_apply_text (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEXT]);
  pl_document_notify_history (self, could_undo, could_redo, was_modified);

  return self->structured;
}

gboolean
pl_document_get_structured (PlDocument *self)
{
  g_return_val_if_fail (PL_IS_DOCUMENT (self), FALSE);

  return self->structured;
}

const char *
pl_document_get_unstructured_reason (PlDocument *self)
{
  g_return_val_if_fail (PL_IS_DOCUMENT (self), NULL);

  return self->unstructured_reason;
}

GListModel *
pl_document_get_pipelines (PlDocument *self)
{
  g_return_val_if_fail (PL_IS_DOCUMENT (self), NULL);

  return G_LIST_MODEL (self->pipelines);
}

guint
pl_document_get_n_pipelines (PlDocument *self)
{
  g_return_val_if_fail (PL_IS_DOCUMENT (self), 0);

  return g_list_model_get_n_items (G_LIST_MODEL (self->pipelines));
}

PlPipeline *
pl_document_get_pipeline (PlDocument *self,
                          guint       index)
{
  g_autoptr(PlPipeline) pipeline = NULL;

  g_return_val_if_fail (PL_IS_DOCUMENT (self), NULL);

  /* Borrowed: the store keeps its reference. */
  pipeline = g_list_model_get_item (G_LIST_MODEL (self->pipelines), index);
  return pipeline;
}

gboolean
pl_document_get_compare (PlDocument *self)
{
  g_return_val_if_fail (PL_IS_DOCUMENT (self), FALSE);

  return pl_document_get_n_pipelines (self) > 1;
}

static char *
next_name (PlDocument *self,
           const char *name)
{
  gsize len = strlen (name);
  gsize digits = 0;
  g_autofree char *stem = NULL;
  guint64 number = 1;

  while (digits < len && g_ascii_isdigit (name[len - 1 - digits]))
    digits++;
  stem = g_strndup (name, len - digits);
  if (digits > 0)
    number = g_ascii_strtoull (name + len - digits, NULL, 10);

  for (number++; ; number++)
    {
      g_autofree char *candidate = g_strdup_printf ("%s%" G_GUINT64_FORMAT, stem, number);
      gboolean taken = FALSE;

      for (guint i = 0; i < pl_document_get_n_pipelines (self); i++)
        if (g_strcmp0 (pl_pipeline_get_name (pl_document_get_pipeline (self, i)), candidate) == 0)
          taken = TRUE;
      if (!taken)
        return g_steal_pointer (&candidate);
    }
}

void
pl_document_set_compare (PlDocument *self,
                         gboolean    compare)
{
  g_return_if_fail (PL_IS_DOCUMENT (self));

  compare = !!compare;
  if (compare == pl_document_get_compare (self) || !self->structured)
    return;

  if (compare)
    {
      PlPipeline *a = pl_document_get_pipeline (self, 0);
      g_autofree char *name = next_name (self, pl_pipeline_get_name (a));
      g_autoptr(PlPipeline) b = pl_pipeline_copy (a, name);

      g_signal_connect_object (b, "changed", G_CALLBACK (pl_document_pipeline_changed),
                               self, G_CONNECT_SWAPPED);
      g_list_store_append (self->pipelines, b);
    }
  else
    {
      while (pl_document_get_n_pipelines (self) > 1)
        {
          PlPipeline *b = pl_document_get_pipeline (self, 1);

          g_signal_handlers_disconnect_by_data (b, self);
          g_list_store_remove (self->pipelines, 1);
        }
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COMPARE]);
  pl_document_regenerate (self, NULL);
}

gboolean
pl_document_get_valid (PlDocument *self)
{
  g_return_val_if_fail (PL_IS_DOCUMENT (self), FALSE);

  return self->structured ? self->valid : TRUE;
}

gboolean
pl_document_get_modified (PlDocument *self)
{
  g_return_val_if_fail (PL_IS_DOCUMENT (self), FALSE);

  return g_strcmp0 (self->text, self->saved_text) != 0;
}

void
pl_document_set_modified (PlDocument *self,
                          gboolean    modified)
{
  gboolean was_modified;

  g_return_if_fail (PL_IS_DOCUMENT (self));

  was_modified = pl_document_get_modified (self);
  g_free (self->saved_text);
  /* Unmodified means: the text is what was saved. */
  self->saved_text = modified ? NULL : g_strdup (self->text);
  if (was_modified != pl_document_get_modified (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
}

gboolean
pl_document_get_can_undo (PlDocument *self)
{
  g_return_val_if_fail (PL_IS_DOCUMENT (self), FALSE);

  return self->undo->len > 0;
}

gboolean
pl_document_get_can_redo (PlDocument *self)
{
  g_return_val_if_fail (PL_IS_DOCUMENT (self), FALSE);

  return self->redo->len > 0;
}

static void
pl_document_travel (PlDocument *self,
                    GPtrArray  *from,
                    GPtrArray  *to)
{
  gboolean could_undo = pl_document_get_can_undo (self);
  gboolean could_redo = pl_document_get_can_redo (self);
  gboolean was_modified = pl_document_get_modified (self);
  char *text;

  if (from->len == 0)
    return;

  text = g_ptr_array_steal_index (from, from->len - 1);
  g_ptr_array_add (to, self->text);
  self->text = text;
  self->last_edit_key = NULL;
  pl_document_apply_text (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEXT]);
  pl_document_notify_history (self, could_undo, could_redo, was_modified);
}

void
pl_document_undo (PlDocument *self)
{
  g_return_if_fail (PL_IS_DOCUMENT (self));

  pl_document_travel (self, self->undo, self->redo);
}

void
pl_document_redo (PlDocument *self)
{
  g_return_if_fail (PL_IS_DOCUMENT (self));

  pl_document_travel (self, self->redo, self->undo);
}

PlStep *
pl_document_find_step (PlDocument *self,
                       guint       line,
                       guint      *pipeline_index)
{
  g_return_val_if_fail (PL_IS_DOCUMENT (self), NULL);

  if (!self->structured)
    return NULL;

  for (guint i = 0; i < pl_document_get_n_pipelines (self); i++)
    {
      PlPipeline *pipeline = pl_document_get_pipeline (self, i);

      for (guint k = 0; k < pl_pipeline_get_n_steps (pipeline); k++)
        {
          PlStep *step = pl_pipeline_get_step (pipeline, k);

          if (pl_step_get_line (step) == line)
            {
              if (pipeline_index != NULL)
                *pipeline_index = i;
              return step;
            }
        }
    }

  return NULL;
}
