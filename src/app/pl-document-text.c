/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "script/pl-script.h"

#include "pl-code.h"
#include "pl-document-text.h"

#define DEFAULT_PREAMBLE \
  "import time\n" \
  "from functools import partial\n" \
  "\n" \
  "import numpy as np\n" \
  "import numexpr as ne\n"

/* --- layout ------------------------------------------------------------- */

PlDocumentLayout *
pl_document_layout_new (void)
{
  PlDocumentLayout *layout = g_new0 (PlDocumentLayout, 1);

  layout->preamble = g_strdup (DEFAULT_PREAMBLE);
  layout->options = g_strdup ("");
  return layout;
}

PlDocumentLayout *
pl_document_layout_copy (const PlDocumentLayout *layout)
{
  PlDocumentLayout *copy = g_new0 (PlDocumentLayout, 1);

  copy->preamble = g_strdup (layout->preamble);
  copy->options = g_strdup (layout->options);
  copy->call_leading = g_strdup (layout->call_leading);
  copy->call_source = g_strdup (layout->call_source);
  copy->call_key = g_strdup (layout->call_key);
  copy->tail = g_strdup (layout->tail);
  return copy;
}

void
pl_document_layout_free (PlDocumentLayout *layout)
{
  if (layout == NULL)
    return;
  g_free (layout->preamble);
  g_free (layout->options);
  g_free (layout->call_leading);
  g_free (layout->call_source);
  g_free (layout->call_key);
  g_free (layout->tail);
  g_free (layout);
}

/* What the analyze call says: each pipeline's name and arguments, and the
 * options. The call is written as it was read while this is unchanged. */
static char *
dup_call_key (PlPipeline * const *pipelines,
              guint               n,
              const char         *options)
{
  GString *key = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *args = pl_pipeline_dup_call_arguments (pipelines[i]);

      g_string_append_printf (key, "%s\x1f%s\x1e", pl_pipeline_get_name (pipelines[i]), args);
    }
  g_string_append (key, options ? options : "");
  return g_string_free (key, FALSE);
}

/* --- the text as lines -------------------------------------------------- */

typedef struct
{
  const char *text;
  GArray     *starts;   /* gsize: where each line starts; line N at N - 1 */
} Lines;

static void
lines_init (Lines      *lines,
            const char *text)
{
  gsize off = 0;

  lines->text = text;
  lines->starts = g_array_new (FALSE, FALSE, sizeof (gsize));
  g_array_append_val (lines->starts, off);
  for (gsize i = 0; text[i]; i++)
    if (text[i] == '\n' && text[i + 1] != '\0')
      {
        off = i + 1;
        g_array_append_val (lines->starts, off);
      }
}

static guint
lines_count (const Lines *lines)
{
  return lines->starts->len;
}

static const char *
line_start (const Lines *lines,
            guint        line)
{
  g_assert (line >= 1 && line <= lines_count (lines));
  return lines->text + g_array_index (lines->starts, gsize, line - 1);
}

/* Where @line ends: at its newline, or at the end of the text. */
static const char *
line_end (const Lines *lines,
          guint        line)
{
  const char *p = line_start (lines, line);

  while (*p && *p != '\n')
    p++;
  return p;
}

/* Lines @first to @last as written, without the last newline. */
static char *
dup_lines (const Lines *lines,
           guint        first,
           guint        last)
{
  const char *a = line_start (lines, first);
  const char *b = line_end (lines, last);

  return g_strndup (a, b - a);
}

/* Lines @first to @last with their newlines ("" when @last < @first). */
static char *
dup_whole_lines (const Lines *lines,
                 guint        first,
                 guint        last)
{
  const char *a, *b;

  if (last < first || first > lines_count (lines))
    return g_strdup ("");
  a = line_start (lines, first);
  b = line_end (lines, last);
  if (*b == '\n')
    b++;
  return g_strndup (a, b - a);
}

static gboolean
is_blank (const char *p)
{
  for (; *p && *p != '\n'; p++)
    if (!g_ascii_isspace (*p))
      return FALSE;
  return TRUE;
}

/* --- refusals ----------------------------------------------------------- */

static gboolean
refuse (char       **reason,
        guint        line,
        const char  *message)
{
  g_free (*reason);
  *reason = g_strdup_printf (_("Line %u: %s"), line, message);
  return FALSE;
}

/* "Line N: Kind: message" from an error of the script layer. */
static gboolean
refuse_error (char         **reason,
              const GError  *error)
{
  const char *message = strstr (error->message, "error: ");
  g_autofree char *first_line = NULL;
  gint line = 1;

  message = message ? message + strlen ("error: ") : error->message;
  first_line = g_strndup (message, strcspn (message, "\n"));
  pl_script_error_get_location (error, &line, NULL);
  return refuse (reason, MAX (line, 1), first_line);
}

/* --- functions ---------------------------------------------------------- */

typedef struct
{
  const PlScriptFunction *fn;
  guint                   first_line;   /* the `def` line */
  guint                   last_line;    /* its body's last line */
  char                   *leading;
  GPtrArray              *steps;        /* of PlStep */
  guint                   body_indent;
  guint                   block_indent;
  gboolean                used;
} ParsedDef;

static void
parsed_def_free (gpointer data)
{
  ParsedDef *def = data;

  g_free (def->leading);
  g_clear_pointer (&def->steps, g_ptr_array_unref);
  g_free (def);
}

/* One step: the lines of statements that share lines, or a comment. */
typedef struct
{
  guint    line;
  guint    end_line;
  guint    depth;
  gboolean is_comment;
} Group;

static gint
compare_groups (gconstpointer a,
                gconstpointer b)
{
  const Group *x = a, *y = b;

  return (x->line > y->line) - (x->line < y->line);
}

/* The comment that is all of @line (after its indentation), or NULL. */
static const PlScriptStatement *
full_line_comment (PlScript    *script,
                   const Lines *lines,
                   guint        line)
{
  for (guint i = 0; i < pl_script_get_n_comments (script); i++)
    {
      const PlScriptStatement *c = pl_script_get_comment (script, i);

      if ((guint) c->line == line)
        {
          const char *p = line_start (lines, line);

          while (*p == ' ' || *p == '\t')
            p++;
          return *p == '#' ? c : NULL;
        }
    }
  return NULL;
}

static guint
indent_width (const char *line)
{
  guint n = 0;

  while (line[n] == ' ')
    n++;
  return n;
}

static gboolean
has_tab_indent (const char *line)
{
  for (; *line == ' ' || *line == '\t'; line++)
    if (*line == '\t')
      return TRUE;
  return FALSE;
}

/* The step's code from its lines: without the first line's indentation,
 * which the continuation lines keep relative to it. */
static char *
dedent (const char *source,
        guint       base,
        gboolean   *ok)
{
  g_auto(GStrv) parts = g_strsplit (source, "\n", -1);
  GString *code = g_string_new (NULL);
  gsize len;

  *ok = TRUE;
  for (guint i = 0; parts[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append_c (code, '\n');
      if (is_blank (parts[i]))
        continue;
      if (indent_width (parts[i]) < base)
        *ok = FALSE;
      else
        g_string_append (code, parts[i] + base);
    }

  /* As the builders always read a step: no trailing blanks, no ';'. */
  g_strchomp (code->str);
  len = strlen (code->str);
  if (len > 0 && code->str[len - 1] == ';')
    code->str[len - 1] = '\0';
  g_strchomp (code->str);
  code->len = strlen (code->str);
  return g_string_free (code, FALSE);
}

/* Reads the body of @def into steps. */
static gboolean
read_body (PlScript    *script,
           const Lines *lines,
           ParsedDef   *def,
           char       **reason)
{
  const PlScriptFunction *fn = def->fn;
  g_autoptr(GArray) groups = g_array_new (FALSE, TRUE, sizeof (Group));
  guint prev_end = fn->header.end_line;
  gboolean body_indent_known = FALSE, block_indent_known = FALSE;

  /* Statements that share a line are one step: `x = 1; y = 2`. */
  for (guint k = 0; k < fn->n_outline; k++)
    {
      const PlScriptOutlineItem *item = &fn->outline[k];
      Group *last = groups->len > 0 ? &g_array_index (groups, Group, groups->len - 1) : NULL;

      if ((guint) item->statement.line == (guint) fn->header.end_line)
        return refuse (reason, fn->header.line,
                       _("the builders show only a one-line “def name(parameters):”"));
      if (last != NULL && (guint) item->statement.line <= last->end_line)
        {
          last->end_line = MAX (last->end_line, (guint) item->statement.end_line);
        }
      else
        {
          Group g = { item->statement.line, item->statement.end_line, item->depth, FALSE };

          g_array_append_val (groups, g);
        }
    }

  /* Comments on lines of their own are steps too, as the builders show a
   * note; those indented under the body's end still belong to it. */
  for (guint line = fn->header.end_line + 1; line <= lines_count (lines); line++)
    {
      gboolean inside = FALSE;

      for (guint k = 0; k < groups->len && !inside; k++)
        {
          Group *g = &g_array_index (groups, Group, k);

          inside = line >= g->line && line <= g->end_line && !g->is_comment;
        }
      if (inside)
        continue;
      if (full_line_comment (script, lines, line) != NULL &&
          (line <= def->last_line || indent_width (line_start (lines, line)) > 0 ||
           has_tab_indent (line_start (lines, line))))
        {
          Group g = { line, line, 0, TRUE };

          g_array_append_val (groups, g);
          def->last_line = MAX (def->last_line, line);
          continue;
        }
      if (line > def->last_line && !is_blank (line_start (lines, line)))
        break;
    }
  g_array_sort (groups, compare_groups);

  /* A comment is at the level of the statement it precedes, or after the
   * last one at the level of that. */
  for (guint k = 0; k < groups->len; k++)
    {
      Group *g = &g_array_index (groups, Group, k);
      gboolean found = FALSE;

      if (!g->is_comment)
        continue;
      for (guint j = k + 1; j < groups->len && !found; j++)
        if (!g_array_index (groups, Group, j).is_comment)
          {
            g->depth = g_array_index (groups, Group, j).depth;
            found = TRUE;
          }
      if (!found && k > 0)
        g->depth = g_array_index (groups, Group, k - 1).depth;
    }

  def->steps = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint k = 0; k < groups->len; k++)
    {
      Group *g = &g_array_index (groups, Group, k);
      g_autofree char *source = dup_lines (lines, g->line, g->end_line);
      g_autofree char *leading = dup_whole_lines (lines, prev_end + 1, g->line - 1);
      g_autofree char *code = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(PlStep) step = NULL;
      guint base = indent_width (source);
      gboolean ok;

      for (guint line = g->line; line <= g->end_line; line++)
        if (has_tab_indent (line_start (lines, line)))
          return refuse (reason, line, _("tabs are used for indentation"));

      code = dedent (source, base, &ok);
      if (!ok)
        return refuse (reason, g->line, _("a continuation line is indented less than the statement’s first line"));
      if (!pl_code_check_statement (code, &error))
        return refuse (reason, g->line, error->message);

      if (!g->is_comment && g->depth == 0 && !body_indent_known)
        {
          def->body_indent = base;
          body_indent_known = TRUE;
        }
      if (!g->is_comment && g->depth == 1 && !block_indent_known && base > def->body_indent)
        {
          def->block_indent = base - def->body_indent;
          block_indent_known = TRUE;
        }

      step = pl_step_new (code, g->depth);
      pl_step_set_line (step, g->line);
      pl_step_set_source (step, *leading != '\0' ? leading : NULL, source);
      g_ptr_array_add (def->steps, g_steal_pointer (&step));
      prev_end = g->end_line;
    }

  /* A body that only passes has no steps. */
  if (def->steps->len == 1 &&
      g_strcmp0 (pl_step_get_code (g_ptr_array_index (def->steps, 0)), "pass") == 0)
    g_ptr_array_set_size (def->steps, 0);

  return TRUE;
}

/* Reads a def's line: one line, plain parameter names. */
static gboolean
read_header (ParsedDef  *def,
             char      **reason)
{
  const PlScriptFunction *fn = def->fn;
  g_autofree char *params = NULL;
  g_autofree char *plain = NULL;
  g_autofree char *plain_comma = NULL;
  GString *squashed;
  gboolean same;

  if (fn->header.line != fn->header.end_line)
    return refuse (reason, fn->header.line,
                   _("the builders show only a one-line “def name(parameters):”"));
  for (guint k = 0; k < fn->n_params; k++)
    if (fn->defaults[k] != NULL)
      return refuse (reason, fn->header.line, _("the builders show only plain parameter names"));

  /* Annotations are not kept by the builders: the line must be the name
   * and the parameters, whatever the spaces. */
  squashed = g_string_new (NULL);
  for (const char *p = fn->header.text; *p; p++)
    if (!g_ascii_isspace (*p))
      g_string_append_c (squashed, *p);
  params = g_strjoinv (",", (char **) fn->params);
  plain = g_strdup_printf ("def%s(%s):", fn->name, params);
  plain_comma = g_strdup_printf ("def%s(%s,):", fn->name, params);
  same = g_str_equal (squashed->str, plain) || (fn->n_params > 0 && g_str_equal (squashed->str, plain_comma));
  g_string_free (squashed, TRUE);
  if (!same)
    return refuse (reason, fn->header.line, _("the builders show only plain parameter names"));

  return TRUE;
}

/* --- the analyze call --------------------------------------------------- */

/* An argument as one line of text: the builders edit arguments in one-line
 * fields, and a line break inside brackets means nothing to Python. */
static char *
one_line (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p; p++)
    {
      if (*p == '\n')
        {
          while (g_ascii_isspace (p[1]))
            p++;
          g_string_append_c (out, ' ');
          continue;
        }
      g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

static ParsedDef *
find_def (GPtrArray  *defs,
          const char *name)
{
  for (guint k = 0; k < defs->len; k++)
    {
      ParsedDef *def = g_ptr_array_index (defs, k);

      if (g_strcmp0 (def->fn->name, name) == 0)
        return def;
    }
  return NULL;
}

static gboolean
is_empty_partial (const char *text)
{
  g_autofree char *squashed = g_strdup (text);
  char *q = squashed;

  for (const char *p = text; *p; p++)
    if (!g_ascii_isspace (*p))
      *q++ = *p;
  *q = '\0';
  return g_str_equal (squashed, "partial()");
}

/* Turns one pipeline argument of the analyze call into a pipeline. */
static PlPipeline *
read_pipeline (const PlScriptStatement *text,
               const PlScriptPartial   *part,
               GPtrArray               *defs,
               guint                    line,
               char                   **reason)
{
  g_autoptr(PlPipeline) pipeline = NULL;
  GString *arguments;
  ParsedDef *def;

  if (part->function == NULL)
    {
      if (!part->is_partial)
        refuse (reason, line, _("the builders show only pipelines written as partial(function, arguments)"));
      else if (is_empty_partial (text->text))
        refuse (reason, line, _("a pipeline has no function"));
      else
        refuse (reason, line, _("a pipeline's function cannot be read"));
      return NULL;
    }

  def = find_def (defs, part->function);
  arguments = g_string_new (NULL);
  if (def != NULL)
    {
      const PlScriptFunction *fn = def->fn;

      if (part->n_keywords > 0)
        refuse (reason, line, _("the builders show only positional arguments of a pipeline"));
      else if (part->n_args > fn->n_params)
        refuse (reason, line, _("a pipeline gets more arguments than its function has parameters"));
      else if (part->n_args < fn->n_params)
        refuse (reason, line, _("a pipeline gets fewer arguments than its function has parameters"));
      else if (def->used)
        refuse (reason, line, _("the builders show each function in one pipeline only"));
      else
        {
          for (guint k = 0; k < part->n_args; k++)
            {
              g_autofree char *value = one_line (part->args[k].text);

              g_string_append_printf (arguments, "%s%s=%s", k > 0 ? ", " : "", fn->params[k], value);
            }
          pipeline = pl_pipeline_new (fn->name, TRUE);
          pl_pipeline_set_arguments (pipeline, arguments->str);
          for (guint k = 0; k < def->steps->len; k++)
            pl_pipeline_append_step (pipeline, g_ptr_array_index (def->steps, k));
          def->used = TRUE;
        }
    }
  else
    {
      /* A NumPy function measured as one call: np.ones, np.random.random... */
      for (guint k = 0; k < part->n_args; k++)
        {
          g_autofree char *value = one_line (part->args[k].text);

          g_string_append_printf (arguments, "%s%s", k > 0 ? ", " : "", value);
        }
      for (guint k = 0; k < part->n_keywords; k++)
        {
          g_autofree char *value = one_line (part->keyword_values[k].text);

          g_string_append_printf (arguments, "%s%s=%s", arguments->len > 0 ? ", " : "",
                                  part->keyword_names[k], value);
        }
      pipeline = pl_pipeline_new (part->function, FALSE);
      pl_pipeline_set_arguments (pipeline, arguments->str);
    }
  g_string_free (arguments, TRUE);

  return g_steal_pointer (&pipeline);
}

/* --- reading ------------------------------------------------------------ */

typedef struct
{
  guint      line;
  guint      last_line;
  ParsedDef *def;        /* NULL: the analyze call */
} TopItem;

static gboolean
read_script (PlScript          *script,
             const Lines       *lines,
             PlDocumentLayout  *layout,
             GPtrArray         *pipelines,
             char             **reason)
{
  g_autoptr(GPtrArray) defs = g_ptr_array_new_with_free_func (parsed_def_free);
  g_autoptr(GArray) items = g_array_new (FALSE, TRUE, sizeof (TopItem));
  const PlScriptExperiment *experiment = NULL;
  guint preamble_end = lines_count (lines);
  guint prev_end;

  /* The module: imports first, then functions and one analyze call. */
  for (guint i = 0; i < pl_script_get_n_outline_items (script); i++)
    {
      const PlScriptOutlineItem *item = pl_script_get_outline_item (script, i);
      const PlScriptStatement *st = &item->statement;
      TopItem top = { st->line, st->end_line, NULL };

      if (item->kind == PL_SCRIPT_KIND_IMPORT && items->len == 0)
        continue;

      if (item->kind == PL_SCRIPT_KIND_DEF && item->depth == 0)
        {
          for (guint f = 0; f < pl_script_get_n_functions (script); f++)
            {
              const PlScriptFunction *fn = pl_script_get_function (script, f);

              if (fn->header.line == st->line && fn->header.col == st->col)
                {
                  ParsedDef *def = g_new0 (ParsedDef, 1);

                  def->fn = fn;
                  def->first_line = fn->def.line;
                  def->last_line = fn->def.end_line;
                  def->body_indent = 4;
                  def->block_indent = 4;
                  if (find_def (defs, fn->name) != NULL)
                    {
                      parsed_def_free (def);
                      return refuse (reason, st->line, _("a function is defined twice"));
                    }
                  g_ptr_array_add (defs, def);
                  top.def = def;
                }
            }
          g_assert (top.def != NULL);
          g_array_append_val (items, top);
          continue;
        }

      if (item->kind == PL_SCRIPT_KIND_SIMPLE && item->depth == 0)
        {
          for (guint e = 0; e < pl_script_get_n_experiments (script); e++)
            {
              const PlScriptExperiment *ex = pl_script_get_experiment (script, e);

              if (ex->call.line != st->line || ex->call.col != st->col)
                continue;
              if (ex->call.end_line != st->end_line || ex->call.end_col != st->end_col)
                return refuse (reason, st->line, _("the utils.analyze_memory call is followed by more code"));
              if (experiment != NULL)
                return refuse (reason, st->line, _("the builders show one utils.analyze_memory call"));
              experiment = ex;
            }
          if (experiment != NULL && (guint) experiment->call.line == (guint) st->line)
            {
              g_array_append_val (items, top);
              continue;
            }
        }

      return refuse (reason, st->line, _("the builders show only imports, functions and one utils.analyze_memory call"));
    }

  /* The bodies, and where each item's text ends. */
  for (guint i = 0; i < items->len; i++)
    {
      TopItem *top = &g_array_index (items, TopItem, i);

      if (top->def == NULL)
        continue;
      if (!read_header (top->def, reason) || !read_body (script, lines, top->def, reason))
        return FALSE;
      top->last_line = top->def->last_line;
    }

  /* The preamble, without the blank lines that part it from what follows. */
  if (items->len > 0)
    preamble_end = g_array_index (items, TopItem, 0).line - 1;
  {
    guint last = preamble_end;

    while (last > 0 && is_blank (line_start (lines, last)))
      last--;
    g_free (layout->preamble);
    layout->preamble = dup_whole_lines (lines, 1, last);
    prev_end = last;
  }

  if (items->len == 0)
    {
      if (*layout->preamble == '\0')
        {
          /* An empty script: one empty pipeline. */
          g_free (layout->preamble);
          layout->preamble = g_strdup (DEFAULT_PREAMBLE);
          return TRUE;
        }
      return refuse (reason, 1, _("the script has no utils.analyze_memory call"));
    }

  /* The text above each item stays with it. */
  for (guint i = 0; i < items->len; i++)
    {
      TopItem *top = &g_array_index (items, TopItem, i);
      char *leading = dup_whole_lines (lines, prev_end + 1, top->line - 1);

      if (i == 0 && *layout->preamble == '\0')
        {
          /* A script without imports gets the tutorial's when it is
           * written, parted from what follows as the builders do. */
          g_free (layout->preamble);
          layout->preamble = g_strdup (DEFAULT_PREAMBLE);
          g_clear_pointer (&leading, g_free);
        }
      if (top->def != NULL)
        top->def->leading = leading;
      else
        layout->call_leading = leading;
      prev_end = top->last_line;
    }
  {
    const char *end = line_end (lines, prev_end);

    layout->tail = g_strdup (end);
  }

  if (experiment == NULL)
    return refuse (reason, 1, _("the script has no utils.analyze_memory call"));

  /* The pipelines, in the order the call measures them. */
  for (guint k = 0; k < experiment->n_pipelines; k++)
    {
      PlPipeline *pipeline = read_pipeline (&experiment->pipelines[k], &experiment->partials[k],
                                            defs, experiment->pipelines[k].line, reason);

      if (pipeline == NULL)
        return FALSE;
      g_ptr_array_add (pipelines, pipeline);
    }
  if (pipelines->len == 0)
    return refuse (reason, experiment->call.line, _("the utils.analyze_memory call measures nothing"));
  if (pipelines->len > 2)
    return refuse (reason, experiment->call.line, _("the builders show at most two pipelines, A and B"));

  for (guint k = 0; k < defs->len; k++)
    {
      ParsedDef *def = g_ptr_array_index (defs, k);
      PlPipeline *pipeline = NULL;

      if (!def->used)
        return refuse (reason, def->first_line, _("a function is not measured by utils.analyze_memory"));
      for (guint i = 0; i < pipelines->len && pipeline == NULL; i++)
        if (g_strcmp0 (pl_pipeline_get_name (g_ptr_array_index (pipelines, i)), def->fn->name) == 0)
          pipeline = g_ptr_array_index (pipelines, i);
      g_assert (pipeline != NULL);
      {
        g_autofree char *header = dup_lines (lines, def->fn->header.line, def->fn->header.line);

        pl_pipeline_set_source (pipeline, def->leading, header, def->body_indent, def->block_indent);
      }
    }

  {
    GString *options = g_string_new (NULL);

    for (guint k = 0; k < experiment->n_keywords; k++)
      {
        g_autofree char *value = one_line (experiment->keyword_values[k].text);

        g_string_append_printf (options, "%s%s=%s", k > 0 ? ", " : "", experiment->keyword_names[k], value);
      }
    g_free (layout->options);
    layout->options = g_string_free (options, FALSE);
  }
  layout->call_source = dup_lines (lines, experiment->call.line, experiment->call.end_line);
  layout->call_key = dup_call_key ((PlPipeline **) pipelines->pdata, pipelines->len, layout->options);

  return TRUE;
}

gboolean
pl_document_text_read (const char        *text,
                       PlDocumentLayout **layout,
                       GPtrArray        **pipelines,
                       char             **reason)
{
  g_autoptr(PlDocumentLayout) read_layout = NULL;
  g_autoptr(GPtrArray) read_pipelines = NULL;
  g_autoptr(PlScript) script = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *plain = NULL;
  Lines lines;
  gboolean ok;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (layout != NULL && pipelines != NULL && reason != NULL, FALSE);

  /* Windows line ends: the builders write "\n". */
  {
    GString *s = g_string_new (NULL);

    for (const char *p = text; *p; p++)
      if (!(*p == '\r' && p[1] == '\n'))
        g_string_append_c (s, *p);
    plain = g_string_free (s, FALSE);
  }

  script = pl_script_parse_for_editor ("script.py", plain, -1, &error);
  if (script == NULL)
    return refuse_error (reason, error);

  read_layout = g_new0 (PlDocumentLayout, 1);
  read_layout->preamble = g_strdup ("");
  read_layout->options = g_strdup ("");
  read_pipelines = g_ptr_array_new_with_free_func (g_object_unref);
  lines_init (&lines, plain);
  ok = read_script (script, &lines, read_layout, read_pipelines, reason);
  g_array_unref (lines.starts);
  if (!ok)
    return FALSE;

  *layout = g_steal_pointer (&read_layout);
  *pipelines = g_steal_pointer (&read_pipelines);
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

/* A step's code at @width spaces: its continuation lines keep their
 * indentation relative to the first line. */
static void
append_code (GString    *out,
             const char *code,
             guint       width)
{
  g_auto(GStrv) parts = g_strsplit (code, "\n", -1);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append_c (out, '\n');
      if (*parts[i] == '\0')
        continue;
      for (guint k = 0; k < width; k++)
        g_string_append_c (out, ' ');
      g_string_append (out, parts[i]);
    }
}

char *
pl_document_text_write (const PlDocumentLayout *layout,
                        GListModel             *model)
{
  GString *out;
  g_autoptr(GPtrArray) pipelines = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *key = NULL;
  gboolean any_def = FALSE;

  g_return_val_if_fail (layout != NULL, NULL);
  g_return_val_if_fail (G_IS_LIST_MODEL (model), NULL);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    g_ptr_array_add (pipelines, g_list_model_get_item (model, i));

  out = g_string_new (layout->preamble);
  for (guint i = 0; i < pipelines->len; i++)
    {
      PlPipeline *pipeline = g_ptr_array_index (pipelines, i);
      const char *leading = pl_pipeline_get_leading (pipeline);
      const char *header = pl_pipeline_get_header (pipeline);
      guint n_steps;

      if (!pl_pipeline_get_is_function (pipeline))
        continue;

      g_string_append (out, leading ? leading : out->len > 0 ? "\n\n" : "");
      if (header != NULL)
        g_string_append (out, header);
      else
        {
          g_auto(GStrv) params = pl_pipeline_dup_parameters (pipeline);
          g_autofree char *joined = g_strjoinv (", ", params);

          g_string_append_printf (out, "def %s(%s):", pl_pipeline_get_name (pipeline), joined);
        }
      g_string_append_c (out, '\n');
      any_def = TRUE;

      n_steps = pl_pipeline_get_n_steps (pipeline);
      if (n_steps == 0)
        {
          append_code (out, "pass", pl_pipeline_get_indent_width (pipeline, 0));
          g_string_append_c (out, '\n');
        }
      for (guint k = 0; k < n_steps; k++)
        {
          PlStep *step = pl_pipeline_get_step (pipeline, k);
          const char *source = pl_step_get_source (step);

          if (pl_step_get_leading (step) != NULL)
            g_string_append (out, pl_step_get_leading (step));
          pl_step_set_line (step, count_lines (out) + 1);
          if (source != NULL)
            g_string_append (out, source);
          else
            append_code (out, pl_step_get_code (step),
                         pl_pipeline_get_indent_width (pipeline, pl_step_get_indent (step)));
          g_string_append_c (out, '\n');
        }
    }

  if (layout->call_leading != NULL)
    g_string_append (out, layout->call_leading);
  else if (out->len > 0)
    g_string_append (out, any_def ? "\n\n" : "\n");

  key = dup_call_key ((PlPipeline **) pipelines->pdata, pipelines->len, layout->options);
  if (layout->call_source != NULL && g_strcmp0 (key, layout->call_key) == 0)
    g_string_append (out, layout->call_source);
  else
    {
      g_string_append (out, "utils.analyze_memory(\n");
      for (guint i = 0; i < pipelines->len; i++)
        {
          PlPipeline *pipeline = g_ptr_array_index (pipelines, i);
          g_autofree char *args = pl_pipeline_dup_call_arguments (pipeline);

          if (*args != '\0')
            g_string_append_printf (out, "    partial(%s, %s),\n", pl_pipeline_get_name (pipeline), args);
          else
            /* Without arguments the function itself is the pipeline, as the
             * tutorial writes utils.analyze_memory(main). */
            g_string_append_printf (out, "    %s,\n", pl_pipeline_get_name (pipeline));
        }
      if (layout->options != NULL && *layout->options != '\0')
        g_string_append_printf (out, "    %s,\n", layout->options);
      g_string_append (out, ")");
    }
  g_string_append (out, layout->tail ? layout->tail : "\n");

  return g_string_free (out, FALSE);
}
