/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "engine/pl-error.h"
#include "pl-lexer.h"

/* Python allows 100 levels of indentation and 200 of brackets; so do we. */
#define MAX_INDENT 100
#define MAX_PARENS 200

typedef struct
{
  const char *src;
  const char *p;
  const char *end;
  gint        line;
  const char *line_start;
  /* Column cache: columns are counted in characters, incrementally. */
  const char *col_ptr;
  gint        col_val;
  GArray     *tokens;
  GArray     *comments;    /* (nullable) of PL_TOK_COMMENT */
  gint        indents[MAX_INDENT + 1];
  gint        n_indents;
  char        parens[MAX_PARENS];
  gint        paren_line[MAX_PARENS];
  gint        paren_col[MAX_PARENS];
  gint        n_parens;
  gint        err_line;
  gint        err_col;
  GError     *error;
} Lexer;

static const char *op_strings[PL_N_OPS] = {
  "(", ")", "[", "]", "{", "}", ":", ",", ";", ".", "->", "@",
  "+", "-", "*", "/", "//", "%", "**", "&", "|", "^", "~", "<<", ">>",
  "<", ">", "<=", ">=", "==", "!=", "=", ":=",
  "+=", "-=", "*=", "/=", "//=", "%=", "**=", "&=", "|=", "^=", "<<=", ">>=", "@=",
};

const char *
pl_op_to_string (PlOp op)
{
  if ((int) op < 0 || op >= PL_N_OPS)
    return "?";
  return op_strings[op];
}

static gint
column_of (Lexer *lx, const char *p)
{
  if (lx->col_ptr < lx->line_start || lx->col_ptr > p)
    {
      lx->col_ptr = lx->line_start;
      lx->col_val = 1;
    }
  while (lx->col_ptr < p)
    {
      /* Count UTF-8 lead bytes only. */
      if (((guchar) *lx->col_ptr & 0xC0) != 0x80)
        lx->col_val++;
      lx->col_ptr++;
    }
  /* col_val counts characters started before p, plus one. A continuation
   * byte at p itself cannot happen for token starts. */
  return lx->col_val;
}

static void
lex_error (Lexer      *lx,
           const char *at,
           const char *format,
           ...) G_GNUC_PRINTF (3, 4);

static void
lex_error (Lexer      *lx,
           const char *at,
           const char *format,
           ...)
{
  va_list args;

  if (lx->error != NULL)
    return;
  va_start (args, format);
  lx->error = g_error_new_valist (PL_ERROR, PL_ERROR_SYNTAX, format, args);
  va_end (args);
  lx->err_line = lx->line;
  lx->err_col = column_of (lx, at);
}

static PlToken *
push (Lexer       *lx,
      PlTokenKind  kind,
      const char  *start,
      const char  *stop)
{
  PlToken tok = { 0, };

  tok.kind = kind;
  tok.line = lx->line;
  tok.col = column_of (lx, start);
  tok.end_line = lx->line;
  tok.end_col = column_of (lx, stop);
  g_array_append_val (lx->tokens, tok);
  return &g_array_index (lx->tokens, PlToken, lx->tokens->len - 1);
}

/* Records the comment from @start (its '#') to the end of the line, and
 * returns that end. */
static const char *
skip_comment (Lexer      *lx,
              const char *start)
{
  const char *p = start;

  while (p < lx->end && *p != '\n' && *p != '\r')
    p++;
  if (lx->comments != NULL)
    {
      PlToken tok = { 0, };

      tok.kind = PL_TOK_COMMENT;
      tok.line = lx->line;
      tok.col = column_of (lx, start);
      tok.end_line = lx->line;
      tok.end_col = column_of (lx, p);
      tok.text = g_strndup (start, p - start);
      tok.text_len = p - start;
      g_array_append_val (lx->comments, tok);
    }
  return p;
}

static gboolean
is_name_start (guchar c)
{
  return g_ascii_isalpha (c) || c == '_' || c >= 0x80;
}

static gboolean
is_name_char (guchar c)
{
  return g_ascii_isalnum (c) || c == '_' || c >= 0x80;
}

/* Reads digits with single underscores between them. Returns FALSE on a
 * misplaced underscore. */
static gboolean
scan_digits (Lexer    *lx,
             GString  *out,
             gboolean (*is_digit) (gchar c))
{
  gboolean need_digit = FALSE;

  while (lx->p < lx->end)
    {
      char c = *lx->p;

      if (c == '_')
        {
          if (need_digit || lx->p + 1 >= lx->end || !is_digit (lx->p[1]))
            return FALSE;
          need_digit = TRUE;
          lx->p++;
          continue;
        }
      if (!is_digit (c))
        break;
      g_string_append_c (out, c);
      need_digit = FALSE;
      lx->p++;
    }
  return !need_digit;
}

static gboolean is_dec (gchar c) { return g_ascii_isdigit (c); }
static gboolean is_hex (gchar c) { return g_ascii_isxdigit (c); }
static gboolean is_oct (gchar c) { return c >= '0' && c <= '7'; }
static gboolean is_bin (gchar c) { return c == '0' || c == '1'; }

static void
lex_number (Lexer *lx)
{
  const char *start = lx->p;
  g_autoptr(GString) digits = g_string_new (NULL);
  gboolean is_float = FALSE;
  PlToken *tok;

  if (*lx->p == '0' && lx->p + 1 < lx->end && strchr ("xXoObB", lx->p[1]) != NULL && lx->p[1] != '\0')
    {
      char kind = g_ascii_tolower (lx->p[1]);
      gboolean (*pred) (gchar) = kind == 'x' ? is_hex : kind == 'o' ? is_oct : is_bin;
      guint base = kind == 'x' ? 16 : kind == 'o' ? 8 : 2;
      guint64 v = 0;
      gboolean overflow = FALSE;

      lx->p += 2;
      if (lx->p < lx->end && *lx->p == '_')
        lx->p++;
      if (!scan_digits (lx, digits, pred) || digits->len == 0 ||
          (lx->p < lx->end && is_name_char (*lx->p)))
        {
          lex_error (lx, start, "invalid %s literal",
                     base == 16 ? "hexadecimal" : base == 8 ? "octal" : "binary");
          return;
        }
      for (gsize i = 0; i < digits->len; i++)
        {
          guint d = g_ascii_xdigit_value (digits->str[i]);
          if (v > (G_MAXUINT64 - d) / base)
            overflow = TRUE;
          v = v * base + d;
        }
      tok = push (lx, PL_TOK_INT, start, lx->p);
      tok->int_overflow = overflow || v > G_MAXINT64;
      tok->ival = (gint64) (tok->int_overflow ? 0 : v);
      return;
    }

  if (*lx->p != '.')
    {
      if (!scan_digits (lx, digits, is_dec))
        {
          lex_error (lx, start, "invalid decimal literal");
          return;
        }
    }
  if (lx->p < lx->end && *lx->p == '.')
    {
      is_float = TRUE;
      g_string_append_c (digits, '.');
      lx->p++;
      if (lx->p < lx->end && *lx->p == '_')
        {
          lex_error (lx, start, "invalid decimal literal");
          return;
        }
      if (!scan_digits (lx, digits, is_dec))
        {
          lex_error (lx, start, "invalid decimal literal");
          return;
        }
    }
  if (lx->p < lx->end && (*lx->p == 'e' || *lx->p == 'E'))
    {
      const char *save = lx->p;
      gsize save_len = digits->len;

      g_string_append_c (digits, 'e');
      lx->p++;
      if (lx->p < lx->end && (*lx->p == '+' || *lx->p == '-'))
        g_string_append_c (digits, *lx->p++);
      if (lx->p >= lx->end || !g_ascii_isdigit (*lx->p))
        {
          lx->p = save;
          g_string_truncate (digits, save_len);
          lex_error (lx, start, "invalid decimal literal");
          return;
        }
      if (!scan_digits (lx, digits, is_dec))
        {
          lex_error (lx, start, "invalid decimal literal");
          return;
        }
      is_float = TRUE;
    }
  if (lx->p < lx->end && (*lx->p == 'j' || *lx->p == 'J'))
    {
      lex_error (lx, start, "complex numbers are not supported");
      return;
    }
  if (lx->p < lx->end && is_name_char (*lx->p))
    {
      lex_error (lx, start, "invalid decimal literal");
      return;
    }

  if (is_float)
    {
      tok = push (lx, PL_TOK_FLOAT, start, lx->p);
      tok->fval = g_ascii_strtod (digits->str, NULL);
    }
  else
    {
      guint64 v = 0;
      gboolean overflow = FALSE;

      /* Python forbids leading zeros in non-zero decimal integers. */
      if (digits->len > 1 && digits->str[0] == '0')
        {
          for (gsize i = 0; i < digits->len; i++)
            if (digits->str[i] != '0')
              {
                lex_error (lx, start, "leading zeros in decimal integer literals are not permitted; "
                           "use an 0o prefix for octal integers");
                return;
              }
        }
      for (gsize i = 0; i < digits->len; i++)
        {
          guint d = digits->str[i] - '0';
          if (v > (G_MAXUINT64 - d) / 10)
            overflow = TRUE;
          v = v * 10 + d;
        }
      tok = push (lx, PL_TOK_INT, start, lx->p);
      tok->int_overflow = overflow || v > G_MAXINT64;
      tok->ival = (gint64) (tok->int_overflow ? 0 : v);
    }
}

static void
append_utf8 (GString *s, gunichar c)
{
  char buf[8];
  gint n = g_unichar_to_utf8 (c, buf);
  g_string_append_len (s, buf, n);
}

static void
lex_string (Lexer      *lx,
            const char *start,
            gboolean    raw,
            gboolean    is_bytes,
            gboolean    is_f)
{
  char quote = *lx->p;
  gboolean triple = lx->p + 2 < lx->end && lx->p[1] == quote && lx->p[2] == quote;
  gint start_line = lx->line;
  const char *start_line_start = lx->line_start;
  g_autoptr(GString) value = g_string_new (NULL);
  PlToken *tok;
  const char *body_start, *body_end = NULL;
  gint body_col;

  lx->p += triple ? 3 : 1;
  body_start = lx->p;
  body_col = column_of (lx, body_start);
  for (;;)
    {
      char c;

      if (lx->p >= lx->end)
        {
          lx->line = start_line;
          lx->line_start = start_line_start;
          if (triple)
            lex_error (lx, start, "unterminated triple-quoted string literal (detected at line %d)",
                       start_line);
          else
            lex_error (lx, start, "unterminated string literal (detected at line %d)", start_line);
          return;
        }
      c = *lx->p;
      if (c == quote)
        {
          if (!triple)
            {
              body_end = lx->p;
              lx->p++;
              break;
            }
          if (lx->p + 2 < lx->end && lx->p[1] == quote && lx->p[2] == quote)
            {
              body_end = lx->p;
              lx->p += 3;
              break;
            }
          g_string_append_c (value, c);
          lx->p++;
          continue;
        }
      if (c == '\n' || c == '\r')
        {
          if (!triple)
            {
              lx->line = start_line;
              lx->line_start = start_line_start;
              lex_error (lx, start, "unterminated string literal (detected at line %d)", start_line);
              return;
            }
          if (c == '\r' && lx->p + 1 < lx->end && lx->p[1] == '\n')
            lx->p++;
          lx->p++;
          g_string_append_c (value, '\n');
          lx->line++;
          lx->line_start = lx->p;
          continue;
        }
      if (c == '\\' && lx->p + 1 < lx->end)
        {
          char e = lx->p[1];

          if (e == '\n' || e == '\r')
            {
              if (raw)
                g_string_append_c (value, '\\');
              lx->p += 2;
              if (e == '\r' && lx->p < lx->end && *lx->p == '\n')
                lx->p++;
              if (raw)
                g_string_append_c (value, '\n');
              lx->line++;
              lx->line_start = lx->p;
              continue;
            }
          if (raw)
            {
              g_string_append_c (value, '\\');
              g_string_append_c (value, e);
              lx->p += 2;
              continue;
            }
          lx->p += 2;
          switch (e)
            {
            case 'n': g_string_append_c (value, '\n'); break;
            case 't': g_string_append_c (value, '\t'); break;
            case 'r': g_string_append_c (value, '\r'); break;
            case '0': case '1': case '2': case '3': case '4': case '5': case '6': case '7':
              {
                guint v = e - '0';
                for (int i = 0; i < 2 && lx->p < lx->end && is_oct (*lx->p); i++)
                  v = v * 8 + (*lx->p++ - '0');
                append_utf8 (value, v);
              }
              break;
            case 'a': g_string_append_c (value, '\a'); break;
            case 'b': g_string_append_c (value, '\b'); break;
            case 'f': g_string_append_c (value, '\f'); break;
            case 'v': g_string_append_c (value, '\v'); break;
            case '\\': case '\'': case '"':
              g_string_append_c (value, e);
              break;
            case 'x': case 'u': case 'U':
              {
                int n = e == 'x' ? 2 : e == 'u' ? 4 : 8;
                guint32 v = 0;

                for (int i = 0; i < n; i++)
                  {
                    if (lx->p >= lx->end || !g_ascii_isxdigit (*lx->p) || (is_bytes && e != 'x'))
                      {
                        lex_error (lx, start, "(unicode error) truncated \\%cXX escape", e);
                        return;
                      }
                    v = v * 16 + g_ascii_xdigit_value (*lx->p++);
                  }
                if (v > 0x10FFFF || (v >= 0xD800 && v < 0xE000))
                  {
                    lex_error (lx, start, "(unicode error) illegal Unicode character");
                    return;
                  }
                append_utf8 (value, v);
              }
              break;
            default:
              g_string_append_c (value, '\\');
              g_string_append_c (value, e);
              break;
            }
          continue;
        }
      g_string_append_c (value, c);
      lx->p++;
    }

  if (is_f)
    {
      /* The parser splits the raw body into text and expressions. */
      g_string_assign (value, "");
      if (body_end != NULL)
        g_string_append_len (value, body_start, body_end - body_start);
    }
  tok = push (lx, PL_TOK_STRING, start, lx->p);
  tok->fstring = is_f;
  tok->raw = raw;
  tok->body_line = start_line;
  tok->body_col = body_col;
  tok->line = start_line;
  {
    /* The start column is on the first line. */
    const char *save_ls = lx->line_start;
    lx->line_start = start_line_start;
    lx->col_ptr = NULL;
    tok->col = column_of (lx, start);
    lx->line_start = save_ls;
    lx->col_ptr = NULL;
  }
  tok->text_len = value->len;
  tok->text = g_string_free (g_steal_pointer (&value), FALSE);
}

static gboolean
match_op (Lexer *lx)
{
  /* Longest match first. */
  static const PlOp order[] = {
    PL_OP_DSTAREQ, PL_OP_DSLASHEQ, PL_OP_LSHIFTEQ, PL_OP_RSHIFTEQ,
    PL_OP_ARROW, PL_OP_DSTAR, PL_OP_DSLASH, PL_OP_LSHIFT, PL_OP_RSHIFT,
    PL_OP_LESSEQ, PL_OP_GREATEREQ, PL_OP_EQEQ, PL_OP_NOTEQ, PL_OP_WALRUS,
    PL_OP_PLUSEQ, PL_OP_MINUSEQ, PL_OP_STAREQ, PL_OP_SLASHEQ, PL_OP_PERCENTEQ,
    PL_OP_AMPEREQ, PL_OP_VBAREQ, PL_OP_CIRCUMFLEXEQ, PL_OP_ATEQ,
    PL_OP_LPAR, PL_OP_RPAR, PL_OP_LSQB, PL_OP_RSQB, PL_OP_LBRACE, PL_OP_RBRACE,
    PL_OP_COLON, PL_OP_COMMA, PL_OP_SEMI, PL_OP_DOT, PL_OP_AT,
    PL_OP_PLUS, PL_OP_MINUS, PL_OP_STAR, PL_OP_SLASH, PL_OP_PERCENT,
    PL_OP_AMPER, PL_OP_VBAR, PL_OP_CIRCUMFLEX, PL_OP_TILDE,
    PL_OP_LESS, PL_OP_GREATER, PL_OP_EQUAL,
  };

  for (gsize i = 0; i < G_N_ELEMENTS (order); i++)
    {
      const char *s = op_strings[order[i]];
      gsize n = strlen (s);

      if ((gsize) (lx->end - lx->p) >= n && memcmp (lx->p, s, n) == 0)
        {
          const char *start = lx->p;
          PlOp op = order[i];
          PlToken *tok;

          if (op == PL_OP_LPAR || op == PL_OP_LSQB || op == PL_OP_LBRACE)
            {
              if (lx->n_parens >= MAX_PARENS)
                {
                  lex_error (lx, start, "too many nested parentheses");
                  return FALSE;
                }
              lx->parens[lx->n_parens] = *start;
              lx->paren_line[lx->n_parens] = lx->line;
              lx->paren_col[lx->n_parens] = column_of (lx, start);
              lx->n_parens++;
            }
          else if (op == PL_OP_RPAR || op == PL_OP_RSQB || op == PL_OP_RBRACE)
            {
              char open = op == PL_OP_RPAR ? '(' : op == PL_OP_RSQB ? '[' : '{';

              if (lx->n_parens == 0)
                {
                  lex_error (lx, start, "unmatched '%c'", *start);
                  return FALSE;
                }
              if (lx->parens[lx->n_parens - 1] != open)
                {
                  if (lx->paren_line[lx->n_parens - 1] != lx->line)
                    lex_error (lx, start, "closing parenthesis '%c' does not match opening parenthesis '%c' on line %d",
                               *start, lx->parens[lx->n_parens - 1], lx->paren_line[lx->n_parens - 1]);
                  else
                    lex_error (lx, start, "closing parenthesis '%c' does not match opening parenthesis '%c'",
                               *start, lx->parens[lx->n_parens - 1]);
                  return FALSE;
                }
              lx->n_parens--;
            }
          lx->p += n;
          tok = push (lx, PL_TOK_OP, start, lx->p);
          tok->op = op;
          return TRUE;
        }
    }
  return FALSE;
}

/* Handles the start of a logical line: measures indentation, skips blank and
 * comment-only lines, emits INDENT/DEDENT. Returns FALSE at the end. */
static gboolean
start_line (Lexer *lx)
{
  for (;;)
    {
      gint col = 0;
      const char *p = lx->p;

      while (p < lx->end && (*p == ' ' || *p == '\t' || *p == '\f'))
        {
          if (*p == ' ')
            col++;
          else if (*p == '\t')
            col = (col / 8 + 1) * 8;
          else
            col = 0;
          p++;
        }
      if (p >= lx->end)
        {
          lx->p = p;
          return FALSE;
        }
      if (*p == '#' || *p == '\n' || *p == '\r' || (*p == '\\' && p + 1 < lx->end && (p[1] == '\n' || p[1] == '\r')))
        {
          /* A blank or comment line: skip it entirely. */
          if (*p == '#')
            p = skip_comment (lx, p);
          while (p < lx->end && *p != '\n' && *p != '\r')
            p++;
          if (p < lx->end)
            {
              if (*p == '\r' && p + 1 < lx->end && p[1] == '\n')
                p++;
              p++;
            }
          lx->p = p;
          lx->line++;
          lx->line_start = p;
          continue;
        }
      lx->p = p;
      if (col > lx->indents[lx->n_indents - 1])
        {
          if (lx->n_indents > MAX_INDENT)
            {
              lex_error (lx, p, "too many levels of indentation");
              return FALSE;
            }
          lx->indents[lx->n_indents++] = col;
          push (lx, PL_TOK_INDENT, p, p);
        }
      else
        {
          while (col < lx->indents[lx->n_indents - 1])
            {
              lx->n_indents--;
              push (lx, PL_TOK_DEDENT, p, p);
            }
          if (col != lx->indents[lx->n_indents - 1])
            {
              lex_error (lx, p, "unindent does not match any outer indentation level");
              return FALSE;
            }
        }
      return TRUE;
    }
}

GArray *
pl_lex (const char  *source,
        gsize        length,
        gint        *err_line,
        gint        *err_col,
        GError     **error)
{
  return pl_lex_full (source, length, NULL, err_line, err_col, error);
}

GArray *
pl_lex_full (const char  *source,
             gsize        length,
             GArray      *comments,
             gint        *err_line,
             gint        *err_col,
             GError     **error)
{
  Lexer lx = { 0, };
  gboolean at_line_start = TRUE;

  lx.src = source;
  lx.p = source;
  lx.end = source + length;
  lx.line = 1;
  lx.line_start = source;
  lx.tokens = g_array_new (FALSE, TRUE, sizeof (PlToken));
  lx.comments = comments;
  lx.indents[0] = 0;
  lx.n_indents = 1;

  /* A UTF-8 byte order mark is allowed at the start. */
  if (length >= 3 && memcmp (source, "\xEF\xBB\xBF", 3) == 0)
    lx.p += 3;

  {
    const char *bad = NULL;
    if (!g_utf8_validate_len (source, length, &bad))
      {
        const char *q;
        for (q = source; q < bad; q++)
          if (*q == '\n')
            {
              lx.line++;
              lx.line_start = q + 1;
            }
        lx.end = bad;
        if (bad < source + length && *bad == '\0')
          lex_error (&lx, bad, "source code cannot contain null bytes");
        else
          lex_error (&lx, bad, "(unicode error) the file is not valid UTF-8");
        goto out;
      }
  }

  while (lx.error == NULL)
    {
      char c;

      if (at_line_start && lx.n_parens == 0)
        {
          if (!start_line (&lx))
            break;
          at_line_start = FALSE;
        }
      if (lx.p >= lx.end)
        break;
      c = *lx.p;

      if (c == ' ' || c == '\t' || c == '\f')
        {
          lx.p++;
          continue;
        }
      if (c == '#')
        {
          lx.p = skip_comment (&lx, lx.p);
          continue;
        }
      if (c == '\n' || c == '\r')
        {
          if (lx.n_parens == 0)
            {
              PlToken *last = lx.tokens->len > 0 ? &g_array_index (lx.tokens, PlToken, lx.tokens->len - 1) : NULL;
              if (last != NULL && last->kind != PL_TOK_NEWLINE)
                push (&lx, PL_TOK_NEWLINE, lx.p, lx.p);
              at_line_start = TRUE;
            }
          if (c == '\r' && lx.p + 1 < lx.end && lx.p[1] == '\n')
            lx.p++;
          lx.p++;
          lx.line++;
          lx.line_start = lx.p;
          continue;
        }
      if (c == '\\')
        {
          if (lx.p + 1 < lx.end && (lx.p[1] == '\n' || lx.p[1] == '\r'))
            {
              lx.p++;
              if (*lx.p == '\r' && lx.p + 1 < lx.end && lx.p[1] == '\n')
                lx.p++;
              lx.p++;
              lx.line++;
              lx.line_start = lx.p;
              if (lx.p >= lx.end)
                {
                  lex_error (&lx, lx.p, "unexpected EOF while parsing");
                  break;
                }
              continue;
            }
          lex_error (&lx, lx.p, "unexpected character after line continuation character");
          break;
        }
      if (g_ascii_isdigit (c) || (c == '.' && lx.p + 1 < lx.end && g_ascii_isdigit (lx.p[1])))
        {
          lex_number (&lx);
          continue;
        }
      if (c == '"' || c == '\'')
        {
          lex_string (&lx, lx.p, FALSE, FALSE, FALSE);
          continue;
        }
      if (is_name_start (c))
        {
          const char *start = lx.p;
          gsize n;

          while (lx.p < lx.end && is_name_char (*lx.p))
            lx.p++;
          n = lx.p - start;
          /* String prefixes. */
          if (lx.p < lx.end && (*lx.p == '"' || *lx.p == '\'') && n <= 2)
            {
              gboolean raw = FALSE, bytes = FALSE, fstr = FALSE, ok = TRUE;

              for (gsize i = 0; i < n; i++)
                {
                  char pc = g_ascii_tolower (start[i]);
                  if (pc == 'r') raw = TRUE;
                  else if (pc == 'b') bytes = TRUE;
                  else if (pc == 'f') fstr = TRUE;
                  else if (pc == 'u' && n == 1) ;
                  else ok = FALSE;
                }
              if (ok && !(bytes && fstr))
                {
                  if (bytes)
                    {
                      lex_error (&lx, start, "bytes literals are not supported");
                      break;
                    }
                  lex_string (&lx, start, raw, bytes, fstr);
                  continue;
                }
            }
          {
            PlToken *tok = push (&lx, PL_TOK_NAME, start, lx.p);
            tok->text = g_strndup (start, n);
            tok->text_len = n;
          }
          continue;
        }
      if (match_op (&lx))
        continue;
      if (lx.error != NULL)
        break;
      if (c == '!')
        lex_error (&lx, lx.p, "invalid syntax");
      else if ((guchar) c < 0x20 || c == 0x7f)
        lex_error (&lx, lx.p, "invalid non-printable character U+%04X", (guint) (guchar) c);
      else
        lex_error (&lx, lx.p, "invalid character '%c' (U+%04X)", c, (guint) (guchar) c);
    }

  if (lx.error == NULL && lx.n_parens > 0)
    {
      lx.line = lx.paren_line[lx.n_parens - 1];
      lx.error = g_error_new (PL_ERROR, PL_ERROR_SYNTAX, "'%c' was never closed",
                              lx.parens[lx.n_parens - 1]);
      lx.err_line = lx.line;
      lx.err_col = lx.paren_col[lx.n_parens - 1];
    }

out:
  if (lx.error != NULL)
    {
      if (err_line)
        *err_line = lx.err_line;
      if (err_col)
        *err_col = lx.err_col;
      g_propagate_error (error, lx.error);
      pl_tokens_free (lx.tokens);
      return NULL;
    }

  {
    PlToken *last = lx.tokens->len > 0 ? &g_array_index (lx.tokens, PlToken, lx.tokens->len - 1) : NULL;
    if (last != NULL && last->kind != PL_TOK_NEWLINE && last->kind != PL_TOK_DEDENT)
      push (&lx, PL_TOK_NEWLINE, lx.p, lx.p);
    lx.line_start = lx.p;
    lx.col_ptr = NULL;
    while (lx.n_indents > 1)
      {
        lx.n_indents--;
        push (&lx, PL_TOK_DEDENT, lx.p, lx.p);
      }
    push (&lx, PL_TOK_EOF, lx.p, lx.p);
  }
  return lx.tokens;
}

void
pl_tokens_free (GArray *tokens)
{
  if (tokens == NULL)
    return;
  for (guint i = 0; i < tokens->len; i++)
    g_free (g_array_index (tokens, PlToken, i).text);
  g_array_free (tokens, TRUE);
}
