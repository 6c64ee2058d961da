/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "engine/pl-error.h"

#include "pl-code.h"

static gboolean
is_ident_start (char c)
{
  return g_ascii_isalpha (c) || c == '_';
}

static gboolean
is_ident_char (char c)
{
  return g_ascii_isalnum (c) || c == '_';
}

gboolean
pl_code_is_identifier (const char *text,
                       gssize      length)
{
  g_return_val_if_fail (text != NULL, FALSE);

  if (length < 0)
    length = strlen (text);

  if (length == 0 || !is_ident_start (text[0]))
    return FALSE;

  for (gssize i = 1; i < length; i++)
    if (!is_ident_char (text[i]))
      return FALSE;

  return TRUE;
}

/* Skips a comment starting at @p (at its '#'): it ends with its line. */
static const char *
skip_comment (const char *p)
{
  while (*p && *p != '\n')
    p++;
  return p;
}

/* Skips a string literal starting at @p (at its quote); returns the position
 * after its closing quote, or NULL when it does not close (a one-quote
 * string closes on its own line, unless a backslash continues it). */
static const char *
skip_string (const char *p)
{
  char quote = *p;
  gboolean triple = p[1] == quote && p[2] == quote;

  p += triple ? 3 : 1;
  while (*p)
    {
      if (*p == '\\' && p[1])
        {
          p += 2;
          continue;
        }
      if (*p == '\n' && !triple)
        return NULL;
      if (*p == quote)
        {
          if (!triple)
            return p + 1;
          if (p[1] == quote && p[2] == quote)
            return p + 3;
        }
      p++;
    }

  return NULL;
}

GStrv
pl_code_split_top_level (const char *text,
                         char        separator)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  GString *piece = g_string_new (NULL);
  int depth = 0;

  g_return_val_if_fail (text != NULL, NULL);

  for (const char *p = text; *p; )
    {
      if (*p == '"' || *p == '\'')
        {
          const char *end = skip_string (p);

          if (end == NULL)
            goto fail;
          g_string_append_len (piece, p, end - p);
          p = end;
          continue;
        }
      if (*p == '#')
        {
          p = skip_comment (p);
          continue;
        }
      if (*p == '(' || *p == '[' || *p == '{')
        depth++;
      else if (*p == ')' || *p == ']' || *p == '}')
        {
          if (--depth < 0)
            goto fail;
        }
      else if (*p == separator && depth == 0)
        {
          g_strv_builder_add (builder, g_strstrip (piece->str));
          g_string_truncate (piece, 0);
          p++;
          continue;
        }
      g_string_append_c (piece, *p);
      p++;
    }

  if (depth != 0)
    goto fail;

  g_strv_builder_add (builder, g_strstrip (piece->str));
  g_string_free (piece, TRUE);
  return g_strv_builder_end (builder);

fail:
  g_string_free (piece, TRUE);
  return NULL;
}

static const char *block_keywords[] = { "for", "while", "if", "elif", "else", "with", "try", "except", "finally" };
static const char *refused_keywords[] = { "def", "class", "lambda", "async", "await", "yield", "global", "nonlocal" };

static gboolean
starts_with_word (const char *code,
                  const char *word)
{
  gsize len = strlen (word);

  return strncmp (code, word, len) == 0 && !is_ident_char (code[len]);
}

/* The statement's structure: each string literal becomes one 's', and
 * comments and backslash line continuations go. NULL when a string does not
 * close. */
static char *
dup_shape (const char *code)
{
  GString *shape = g_string_new (NULL);

  for (const char *p = code; *p; )
    {
      if (*p == '"' || *p == '\'')
        {
          const char *end = skip_string (p);

          if (end == NULL)
            {
              g_string_free (shape, TRUE);
              return NULL;
            }
          g_string_append_c (shape, 's');
          p = end;
          continue;
        }
      if (*p == '#')
        {
          p = skip_comment (p);
          continue;
        }
      if (*p == '\\' && p[1] == '\n')
        {
          g_string_append_c (shape, ' ');
          p += 2;
          continue;
        }
      g_string_append_c (shape, *p);
      p++;
    }

  return g_string_free (shape, FALSE);
}

guint
pl_code_continuation_indent (const char *before)
{
  const char *open[64];
  const char *line = before;
  guint depth = 0;
  const char *p;
  guint indent = 0;

  g_return_val_if_fail (before != NULL, 0);

  for (p = before; *p; )
    {
      if (*p == '"' || *p == '\'')
        {
          const char *end = skip_string (p);

          if (end == NULL)
            break;
          for (const char *q = p; q < end; q++)
            if (*q == '\n')
              line = q + 1;
          p = end;
          continue;
        }
      if (*p == '#')
        {
          p = skip_comment (p);
          continue;
        }
      if (*p == '\n')
        line = p + 1;
      else if ((*p == '(' || *p == '[' || *p == '{') && depth < G_N_ELEMENTS (open))
        open[depth++] = p;
      else if ((*p == ')' || *p == ']' || *p == '}') && depth > 0)
        depth--;
      p++;
    }

  if (depth > 0)
    {
      const char *bracket = open[depth - 1];
      const char *bracket_line = bracket;
      const char *q = bracket + 1;

      while (bracket_line > before && bracket_line[-1] != '\n')
        bracket_line--;
      while (*q == ' ' || *q == '\t')
        q++;
      if (*q != '\0' && *q != '\n' && *q != '#')
        return g_utf8_pointer_to_offset (bracket_line, bracket) + 1;
      /* Nothing after the bracket yet: a hanging indent. */
      while (bracket_line[indent] == ' ')
        indent++;
      return indent + 4;
    }

  while (line[indent] == ' ')
    indent++;
  return indent;
}

gboolean
pl_code_opens_block (const char *code)
{
  g_autofree char *shape = NULL;
  gsize len;

  g_return_val_if_fail (code != NULL, FALSE);

  shape = dup_shape (code);
  if (shape == NULL)
    return FALSE;
  g_strstrip (shape);
  len = strlen (shape);
  if (len == 0 || shape[len - 1] != ':')
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (block_keywords); i++)
    if (starts_with_word (shape, block_keywords[i]))
      return TRUE;

  return FALSE;
}

gboolean
pl_code_check_statement (const char  *code,
                         GError     **error)
{
  g_autofree char *stripped = NULL;
  g_autofree char *shape = NULL;
  int depth = 0;
  char stack[64];
  char last;
  gsize len;

  g_return_val_if_fail (code != NULL, FALSE);

  stripped = g_strstrip (g_strdup (code));
  if (*stripped == '\0')
    {
      g_set_error_literal (error, PL_ERROR, PL_ERROR_SYNTAX,
                           _("The step is empty; write a statement or delete the step"));
      return FALSE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (refused_keywords); i++)
    if (starts_with_word (stripped, refused_keywords[i]))
      {
        g_set_error (error, PL_ERROR, PL_ERROR_SYNTAX,
                     _("“%s” cannot be a step; edit it in the Source view"),
                     refused_keywords[i]);
        return FALSE;
      }

  shape = dup_shape (stripped);
  if (shape == NULL)
    {
      g_set_error_literal (error, PL_ERROR, PL_ERROR_SYNTAX,
                           _("A string is not closed; add the closing quote"));
      return FALSE;
    }
  g_strstrip (shape);
  /* A note: only comments. */
  if (*shape == '\0')
    return TRUE;

  /* Match the brackets; a line may break only inside them. */
  for (const char *p = shape; *p; p++)
    {
      if (*p == '(' || *p == '[' || *p == '{')
        {
          if (depth >= (int) sizeof stack)
            {
              g_set_error_literal (error, PL_ERROR, PL_ERROR_SYNTAX,
                                   _("The brackets are nested too deeply"));
              return FALSE;
            }
          stack[depth++] = *p;
        }
      else if (*p == ')' || *p == ']' || *p == '}')
        {
          char open = *p == ')' ? '(' : *p == ']' ? '[' : '{';

          if (depth == 0 || stack[depth - 1] != open)
            {
              g_set_error (error, PL_ERROR, PL_ERROR_SYNTAX,
                           _("Unmatched “%c”; check the brackets"), *p);
              return FALSE;
            }
          depth--;
        }
      else if (*p == '\n' && depth == 0)
        {
          g_set_error_literal (error, PL_ERROR, PL_ERROR_SYNTAX,
                               _("A step is one statement: break its line only inside brackets, or add a step"));
          return FALSE;
        }
    }

  if (depth > 0)
    {
      char open = stack[depth - 1];

      g_set_error (error, PL_ERROR, PL_ERROR_SYNTAX,
                   _("“%c” is never closed; add “%c”"), open,
                   open == '(' ? ')' : open == '[' ? ']' : '}');
      return FALSE;
    }

  len = strlen (shape);
  last = len ? shape[len - 1] : '\0';

  if (last == ':' && !pl_code_opens_block (stripped))
    {
      g_set_error_literal (error, PL_ERROR, PL_ERROR_SYNTAX,
                           _("Only for, while, if, else and with end in a colon"));
      return FALSE;
    }

  if (last != ':' && pl_code_opens_block (stripped) == FALSE)
    {
      for (guint i = 0; i < G_N_ELEMENTS (block_keywords); i++)
        if (starts_with_word (stripped, block_keywords[i]))
          {
            g_set_error (error, PL_ERROR, PL_ERROR_SYNTAX,
                         _("“%s” needs a colon at the end"), block_keywords[i]);
            return FALSE;
          }
    }

  if (strchr ("+-*/%&|^<>=,.@~\\", last) != NULL && last != '\0')
    {
      g_set_error (error, PL_ERROR, PL_ERROR_SYNTAX,
                   _("The statement ends in “%c”; complete the expression"), last);
      return FALSE;
    }

  /* An assignment needs something on each side. */
  if (shape[0] == '=')
    {
      g_set_error_literal (error, PL_ERROR, PL_ERROR_SYNTAX,
                           _("Nothing to assign to; write a name before “=”"));
      return FALSE;
    }

  return TRUE;
}

char *
pl_code_dup_assigned_name (const char *code)
{
  const char *p;
  const char *start;
  gsize len;

  g_return_val_if_fail (code != NULL, NULL);

  p = code;
  while (g_ascii_isspace (*p))
    p++;

  if (starts_with_word (p, "for"))
    {
      p += 3;
      while (g_ascii_isspace (*p))
        p++;
      start = p;
      while (is_ident_char (*p))
        p++;
      len = p - start;
      if (len == 0 || !is_ident_start (*start) || (len == 1 && *start == '_'))
        return NULL;
      return g_strndup (start, len);
    }

  if (!is_ident_start (*p))
    return NULL;

  start = p;
  while (is_ident_char (*p))
    p++;
  len = p - start;

  while (*p == ' ' || *p == '\t')
    p++;

  /* NAME = ... (but not ==) or NAME op= ... */
  if (p[0] == '=' && p[1] != '=')
    return g_strndup (start, len);
  if (p[0] && strchr ("+-*/%&|^@", p[0]) && p[1] == '=')
    return g_strndup (start, len);
  if (p[0] && p[1] && (strncmp (p, "//=", 3) == 0 || strncmp (p, "**=", 3) == 0))
    return g_strndup (start, len);

  return NULL;
}

GStrv
pl_code_dup_identifiers (const char *code)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (code != NULL, NULL);

  for (const char *p = code; *p; )
    {
      if (*p == '"' || *p == '\'')
        {
          const char *end = skip_string (p);

          if (end == NULL)
            break;
          p = end;
          continue;
        }
      if (*p == '#')
        {
          p = skip_comment (p);
          continue;
        }
      if (is_ident_start (*p) && (p == code || !is_ident_char (p[-1])))
        {
          const char *start = p;
          g_autofree char *name = NULL;

          while (is_ident_char (*p))
            p++;
          name = g_strndup (start, p - start);
          g_strv_builder_add (builder, name);
          continue;
        }
      p++;
    }

  return g_strv_builder_end (builder);
}

/**
 * pl_code_dup_statement_at:
 * @lines: the script's lines (NULL-terminated)
 * @line: a line number, from 1
 *
 * The statement that starts at @line, as one line: a statement continued
 * over the following lines (open brackets, a backslash) is joined with
 * single spaces, so a table cell, a card or a row subtitle shows all of it.
 *
 * Returns: (transfer full) (nullable): the text, or %NULL if @line is not
 *   a line of @lines
 */
char *
pl_code_dup_statement_at (const char * const *lines,
                          int                 line)
{
  GString *text;
  guint n;

  g_return_val_if_fail (lines != NULL, NULL);

  n = g_strv_length ((char **) lines);
  if (line < 1 || (guint) line > n)
    return NULL;

  text = g_string_new (NULL);
  for (guint i = line - 1; i < n; i++)
    {
      g_autofree char *piece = g_strstrip (g_strdup (lines[i]));
      g_auto(GStrv) balanced = NULL;
      gboolean backslash = g_str_has_suffix (piece, "\\");

      if (backslash)
        piece[strlen (piece) - 1] = '\0';
      if (text->len > 0 && *piece != '\0')
        g_string_append_c (text, ' ');
      g_string_append (text, g_strchomp (piece));
      balanced = pl_code_split_top_level (text->str, '\n');
      if (balanced != NULL && !backslash)
        break;
    }
  return g_string_free (text, FALSE);
}
