/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "engine/pl-error.h"
#include "pl-lexer.h"
#include "pl-parser.h"

typedef struct
{
  PlArena    *arena;
  GArray     *tokens;
  guint       pos;
  GError     *error;
  gint        err_line;
  gint        err_col;
  const char *err_kind;
  gint        nest;        /* recursion depth of the expression parser */
  gboolean    recover;     /* keep broken statements of function bodies */
  guint       in_def;      /* how many definitions enclose the position */
} Parser;

#define TOK(p) (&g_array_index ((p)->tokens, PlToken, (p)->pos))
#define PEEK(p, k) (&g_array_index ((p)->tokens, PlToken, MIN ((p)->pos + (k), (p)->tokens->len - 1)))

static const char *keywords[] = {
  "False", "None", "True", "and", "as", "assert", "async", "await", "break",
  "class", "continue", "def", "del", "elif", "else", "except", "finally",
  "for", "from", "global", "if", "import", "in", "is", "lambda", "nonlocal",
  "not", "or", "pass", "raise", "return", "try", "while", "with", "yield",
};

static gboolean
is_keyword (const char *s)
{
  for (gsize i = 0; i < G_N_ELEMENTS (keywords); i++)
    if (strcmp (s, keywords[i]) == 0)
      return TRUE;
  return FALSE;
}

static void
error_at (Parser        *p,
          const PlToken *tok,
          const char    *kind,
          const char    *format,
          ...) G_GNUC_PRINTF (4, 5);

static void
error_at (Parser        *p,
          const PlToken *tok,
          const char    *kind,
          const char    *format,
          ...)
{
  va_list args;

  if (p->error != NULL)
    return;
  va_start (args, format);
  p->error = g_error_new_valist (PL_ERROR, PL_ERROR_SYNTAX, format, args);
  va_end (args);
  p->err_line = tok->line;
  p->err_col = tok->col;
  p->err_kind = kind;
}

static void
error_node (Parser       *p,
            const PlNode *node,
            const char   *message)
{
  if (p->error != NULL)
    return;
  p->error = g_error_new_literal (PL_ERROR, PL_ERROR_SYNTAX, message);
  p->err_line = node->line;
  p->err_col = node->col;
  p->err_kind = "SyntaxError";
}

static void
invalid_syntax (Parser *p)
{
  PlToken *tok = TOK (p);

  if (tok->kind == PL_TOK_INDENT)
    error_at (p, tok, "IndentationError", "unexpected indent");
  else if (tok->kind == PL_TOK_EOF)
    error_at (p, tok, "SyntaxError", "unexpected EOF while parsing");
  else
    error_at (p, tok, "SyntaxError", "invalid syntax");
}

static gboolean
at_op (Parser *p,
       PlOp    op)
{
  PlToken *tok = TOK (p);
  return tok->kind == PL_TOK_OP && tok->op == op;
}

static gboolean
at_kw (Parser     *p,
       const char *kw)
{
  PlToken *tok = TOK (p);
  return tok->kind == PL_TOK_NAME && strcmp (tok->text, kw) == 0;
}

static PlToken *
advance (Parser *p)
{
  PlToken *tok = TOK (p);
  if (p->pos + 1 < p->tokens->len)
    p->pos++;
  return tok;
}

static gboolean
accept_op (Parser *p,
           PlOp    op)
{
  if (at_op (p, op))
    {
      advance (p);
      return TRUE;
    }
  return FALSE;
}

static gboolean
accept_kw (Parser     *p,
           const char *kw)
{
  if (at_kw (p, kw))
    {
      advance (p);
      return TRUE;
    }
  return FALSE;
}

static gboolean
expect_op (Parser *p,
           PlOp    op)
{
  if (accept_op (p, op))
    return TRUE;
  if (op == PL_OP_COLON)
    error_at (p, TOK (p), "SyntaxError", "expected ':'");
  else
    invalid_syntax (p);
  return FALSE;
}

static PlNode *
new_node (Parser     *p,
          PlNodeKind  kind,
          PlToken    *tok)
{
  return pl_node_new (p->arena, kind, tok->line, tok->col);
}

static void
set_end (Parser *p,
         PlNode *node)
{
  /* The end of the previous token. */
  if (p->pos > 0)
    {
      PlToken *prev = &g_array_index (p->tokens, PlToken, p->pos - 1);
      node->end_line = prev->end_line;
      node->end_col = prev->end_col;
    }
}

/* The end of a compound statement's header: its colon, just consumed. */
static void
set_head_end (Parser *p,
              PlNode *node)
{
  PlToken *colon = &g_array_index (p->tokens, PlToken, p->pos - 1);

  node->head_end_line = colon->end_line;
  node->head_end_col = colon->end_col;
}

/* Where an `else:` branch starts and where its colon ends. */
static void
set_else (Parser        *p,
          PlNode        *node,
          const PlToken *els)
{
  PlToken *colon = &g_array_index (p->tokens, PlToken, p->pos - 1);

  node->else_line = els->line;
  node->else_col = els->col;
  node->else_end_line = colon->end_line;
  node->else_end_col = colon->end_col;
}

static PlNode **
steal_list (Parser    *p,
            GPtrArray *list,
            guint     *n)
{
  PlNode **ret;

  *n = list->len;
  ret = pl_arena_alloc (p->arena, sizeof (PlNode *) * MAX (list->len, 1));
  if (list->len > 0)
    memcpy (ret, list->pdata, sizeof (PlNode *) * list->len);
  g_ptr_array_free (list, TRUE);
  return ret;
}

static gint
depth_of (const PlNode *n)
{
  return n != NULL ? n->depth : 0;
}

/* Computes the tree height of @node from its children and refuses trees too
 * deep to evaluate safely. */
static PlNode *
finish (Parser *p,
        PlNode *node)
{
  gint d = MAX (depth_of (node->a), MAX (depth_of (node->b), depth_of (node->c)));

  for (guint i = 0; i < node->n_items; i++)
    d = MAX (d, depth_of (node->items[i]));
  for (guint i = 0; i < node->n_items2; i++)
    d = MAX (d, depth_of (node->items2[i]));
  node->depth = d + 1;
  set_end (p, node);
  if (node->depth > PL_PARSER_MAX_DEPTH)
    error_node (p, node, "expression too deeply nested (Peakline's limit is 500 levels)");
  return node;
}

static PlNode *parse_test (Parser *p);
static PlNode *parse_expr (Parser *p);
static PlNode *parse_star_expr_list (Parser *p, gboolean allow_star);
static void    parse_block (Parser *p, PlNode ***body, guint *n_body, const char *what, gint what_line);
static PlNode *parse_statement_list (Parser *p, GPtrArray *out);

/* --- expressions -------------------------------------------------------- */

static gboolean
enter (Parser *p)
{
  if (++p->nest > PL_PARSER_MAX_DEPTH)
    {
      error_at (p, TOK (p), "SyntaxError", "too many nested parentheses");
      return FALSE;
    }
  return TRUE;
}

static void
leave (Parser *p)
{
  p->nest--;
}

static PlNode *
parse_subscript_item (Parser *p)
{
  PlToken *start = TOK (p);
  PlNode *lower = NULL;

  if (!at_op (p, PL_OP_COLON))
    {
      lower = parse_test (p);
      if (lower == NULL)
        return NULL;
      if (!at_op (p, PL_OP_COLON))
        return lower;
    }
  {
    PlNode *slice = new_node (p, PL_NODE_SLICE, start);

    slice->a = lower;
    advance (p);   /* ':' */
    if (!at_op (p, PL_OP_COLON) && !at_op (p, PL_OP_COMMA) && !at_op (p, PL_OP_RSQB))
      {
        slice->b = parse_test (p);
        if (slice->b == NULL)
          return NULL;
      }
    if (accept_op (p, PL_OP_COLON))
      {
        if (!at_op (p, PL_OP_COMMA) && !at_op (p, PL_OP_RSQB))
          {
            slice->c = parse_test (p);
            if (slice->c == NULL)
              return NULL;
          }
      }
    return finish (p, slice);
  }
}

static PlNode *
parse_call (Parser  *p,
            PlNode  *callee,
            PlToken *lpar)
{
  PlNode *call = pl_node_new (p->arena, PL_NODE_CALL, callee->line, callee->col);
  GPtrArray *args = g_ptr_array_new ();
  GPtrArray *kwargs = g_ptr_array_new ();

  call->a = callee;
  while (!at_op (p, PL_OP_RPAR))
    {
      PlToken *tok = TOK (p);

      if (tok->kind == PL_TOK_NAME && PEEK (p, 1)->kind == PL_TOK_OP && PEEK (p, 1)->op == PL_OP_EQUAL)
        {
          PlNode *kw = new_node (p, PL_NODE_KEYWORD, tok);

          if (is_keyword (tok->text))
            {
              error_at (p, tok, "SyntaxError", "cannot assign to %s", tok->text);
              break;
            }
          kw->str = pl_arena_strndup (p->arena, tok->text, strlen (tok->text));
          for (guint i = 0; i < kwargs->len; i++)
            if (strcmp (((PlNode *) kwargs->pdata[i])->str, kw->str) == 0)
              {
                error_at (p, tok, "SyntaxError", "keyword argument repeated: %s", kw->str);
                break;
              }
          advance (p);
          advance (p);
          kw->a = parse_test (p);
          if (kw->a == NULL)
            break;
          g_ptr_array_add (kwargs, finish (p, kw));
        }
      else if (at_op (p, PL_OP_DSTAR))
        {
          error_at (p, tok, "SyntaxError", "**kwargs in calls are not supported by Peakline");
          break;
        }
      else if (at_op (p, PL_OP_STAR))
        {
          PlNode *star = new_node (p, PL_NODE_STARRED, tok);

          advance (p);
          star->a = parse_test (p);
          if (star->a == NULL)
            break;
          if (kwargs->len > 0)
            {
              error_node (p, star, "iterable argument unpacking follows keyword argument unpacking");
              break;
            }
          g_ptr_array_add (args, finish (p, star));
        }
      else
        {
          PlNode *arg = parse_test (p);

          if (arg == NULL)
            break;
          if (at_kw (p, "for"))
            {
              error_at (p, TOK (p), "SyntaxError", "generator expressions are not supported by Peakline");
              break;
            }
          if (kwargs->len > 0)
            {
              error_node (p, arg, "positional argument follows keyword argument");
              break;
            }
          g_ptr_array_add (args, arg);
        }
      if (!accept_op (p, PL_OP_COMMA))
        break;
    }
  call->items = steal_list (p, args, &call->n_items);
  call->items2 = steal_list (p, kwargs, &call->n_items2);
  if (p->error != NULL)
    return NULL;
  if (!at_op (p, PL_OP_RPAR))
    {
      if (TOK (p)->kind == PL_TOK_NAME || TOK (p)->kind == PL_TOK_INT ||
          TOK (p)->kind == PL_TOK_FLOAT || TOK (p)->kind == PL_TOK_STRING)
        error_at (p, TOK (p), "SyntaxError", "invalid syntax. Perhaps you forgot a comma?");
      else
        invalid_syntax (p);
      return NULL;
    }
  (void) lpar;
  advance (p);
  return finish (p, call);
}

/* --- f-strings ----------------------------------------------------------- */

static void
decode_escapes (GString    *out,
                const char *s,
                gsize       n,
                gboolean    raw)
{
  for (gsize i = 0; i < n; i++)
    {
      char c = s[i];

      if (c != '\\' || raw || i + 1 >= n)
        {
          g_string_append_c (out, c);
          continue;
        }
      c = s[++i];
      switch (c)
        {
        case 'n': g_string_append_c (out, '\n'); break;
        case 't': g_string_append_c (out, '\t'); break;
        case 'r': g_string_append_c (out, '\r'); break;
        case '\\': case '\'': case '"': g_string_append_c (out, c); break;
        case '\n': break;
        case '0': g_string_append_c (out, '\0'); break;
        case 'x': case 'u': case 'U':
          {
            int len = c == 'x' ? 2 : c == 'u' ? 4 : 8;
            guint32 v = 0;
            int k;
            for (k = 0; k < len && i + 1 < n && g_ascii_isxdigit (s[i + 1]); k++)
              v = v * 16 + g_ascii_xdigit_value (s[++i]);
            if (k == len && v <= 0x10FFFF && !(v >= 0xD800 && v < 0xE000) && v != 0)
              {
                char buf[8];
                g_string_append_len (out, buf, g_unichar_to_utf8 (v, buf));
              }
          }
          break;
        default:
          g_string_append_c (out, '\\');
          g_string_append_c (out, c);
          break;
        }
    }
}

/* Moves a sub-parser's positions to where the text sits in the file. */
static void
shift_positions (PlNode *node,
                 gint    line,
                 gint    col)
{
  if (node == NULL)
    return;
  if (node->line == 1)
    node->col += col - 2;
  node->line += line - 1;
  if (node->end_line == 1)
    node->end_col += col - 2;
  node->end_line += line - 1;
  shift_positions (node->a, line, col);
  shift_positions (node->b, line, col);
  shift_positions (node->c, line, col);
  for (guint i = 0; i < node->n_items; i++)
    shift_positions (node->items[i], line, col);
  for (guint i = 0; i < node->n_items2; i++)
    shift_positions (node->items2[i], line, col);
}

/* Parses the expression of a replacement field, which starts at (line,
 * col) of the file. */
static PlNode *
parse_field_expression (Parser     *p,
                        const char *text,
                        gsize       len,
                        gint        line,
                        gint        col)
{
  g_autofree char *wrapped = NULL;
  GError *error = NULL;
  gint el = 0, ec = 0;
  Parser sub = { 0, };
  PlNode *node = NULL;
  gsize k = 0;

  while (k < len && (text[k] == ' ' || text[k] == '\t'))
    k++;
  if (k == len)
    {
      PlToken at = { 0, };
      at.line = line;
      at.col = col;
      error_at (p, &at, "SyntaxError", "f-string: empty expression not allowed");
      return NULL;
    }
  /* Parenthesised, so that the expression may span lines. */
  wrapped = g_strdup_printf ("(%.*s)", (int) len, text);
  sub.tokens = pl_lex (wrapped, strlen (wrapped), &el, &ec, &error);
  sub.arena = p->arena;
  sub.nest = p->nest + 1;
  if (sub.tokens == NULL)
    {
      PlToken at = { 0, };
      at.line = line + el - 1;
      at.col = el == 1 ? MAX (col, col + ec - 2) : ec;
      error_at (p, &at, "SyntaxError", "f-string: %s", error->message);
      g_error_free (error);
      return NULL;
    }
  node = parse_test (&sub);
  if (node != NULL && TOK (&sub)->kind != PL_TOK_NEWLINE && TOK (&sub)->kind != PL_TOK_EOF)
    {
      invalid_syntax (&sub);
      node = NULL;
    }
  if (sub.error != NULL)
    {
      PlToken at = { 0, };
      at.line = line + sub.err_line - 1;
      at.col = sub.err_line == 1 ? MAX (col, col + sub.err_col - 2) : sub.err_col;
      error_at (p, &at, sub.err_kind ? sub.err_kind : "SyntaxError", "f-string: %s", sub.error->message);
      g_error_free (sub.error);
      node = NULL;
    }
  pl_tokens_free (sub.tokens);
  if (node != NULL)
    shift_positions (node, line, col);
  return node;
}

/* Splits the raw body of an f-string into text and replacement fields,
 * appending parts to @parts. @line/@col: where body[0] is in the file. */
static gboolean
parse_fstring_body (Parser     *p,
                    PlToken    *tok,
                    const char *body,
                    gsize       len,
                    gint        line,
                    gint        col,
                    GPtrArray  *parts,
                    gint        depth)
{
  gsize i = 0;
  GString *lit = g_string_new (NULL);
  gint cur_line = line, cur_col = col;
  gint lit_line = line, lit_col = col;

#define ADVANCE()                                                     \
  G_STMT_START {                                                      \
    if (body[i] == '\n') { cur_line++; cur_col = 1; }                  \
    else if (((guchar) body[i] & 0xC0) != 0x80) cur_col++;            \
    i++;                                                              \
  } G_STMT_END

  if (depth > 2)
    {
      g_string_free (lit, TRUE);
      error_at (p, tok, "SyntaxError", "f-string: expressions nested too deeply");
      return FALSE;
    }
  while (i < len)
    {
      char c = body[i];

      if ((c == '{' || c == '}') && i + 1 < len && body[i + 1] == c)
        {
          g_string_append_c (lit, c);
          ADVANCE ();
          ADVANCE ();
          continue;
        }
      if (c == '}')
        {
          PlToken at = { 0, };
          at.line = cur_line;
          at.col = cur_col;
          g_string_free (lit, TRUE);
          error_at (p, &at, "SyntaxError", "f-string: single '}' is not allowed");
          return FALSE;
        }
      if (c != '{')
        {
          gsize start = i;
          /* Decode escapes over a run of plain text. */
          while (i < len && body[i] != '{' && body[i] != '}')
            {
              if (body[i] == '\\' && i + 1 < len && !tok->raw)
                ADVANCE ();
              ADVANCE ();
            }
          decode_escapes (lit, body + start, i - start, tok->raw);
          continue;
        }

      /* A replacement field. */
      {
        PlNode *field;
        gsize expr_start, expr_end;
        gint expr_line, expr_col, nesting = 0;
        char quote = 0;
        gboolean self_doc = FALSE, explicit_conv = FALSE;

        if (lit->len > 0)
          {
            PlNode *s = pl_node_new (p->arena, PL_NODE_STR, lit_line, lit_col);
            s->str = pl_arena_strndup (p->arena, lit->str, lit->len);
            s->str_len = lit->len;
            s->depth = 1;
            g_ptr_array_add (parts, s);
            g_string_truncate (lit, 0);
          }
        field = pl_node_new (p->arena, PL_NODE_FORMATTED, cur_line, cur_col);
        ADVANCE ();   /* '{' */
        expr_start = i;
        expr_line = cur_line;
        expr_col = cur_col;
        while (i < len)
          {
            char d = body[i];
            if (quote)
              {
                if (d == quote)
                  quote = 0;
              }
            else if (d == '\'' || d == '"')
              quote = d;
            else if (d == '(' || d == '[' || d == '{')
              nesting++;
            else if ((d == ')' || d == ']' || d == '}') && nesting > 0)
              nesting--;
            else if (nesting == 0 && (d == '}' || d == ':' || (d == '!' && !(i + 1 < len && body[i + 1] == '='))))
              break;
            ADVANCE ();
          }
        expr_end = i;
        if (i >= len)
          {
            g_string_free (lit, TRUE);
            error_at (p, tok, "SyntaxError", "f-string: expecting '}'");
            return FALSE;
          }
        {
          /* f"{x=}" prints "x=" and then the value's repr. */
          gsize e = expr_end;
          while (e > expr_start && (body[e - 1] == ' ' || body[e - 1] == '\t'))
            e--;
          if (e > expr_start && body[e - 1] == '=' &&
              !(e - 1 > expr_start && strchr ("=!<>", body[e - 2]) != NULL))
            {
              PlNode *s = pl_node_new (p->arena, PL_NODE_STR, expr_line, expr_col);
              s->str = pl_arena_strndup (p->arena, body + expr_start, expr_end - expr_start);
              s->str_len = expr_end - expr_start;
              s->depth = 1;
              g_ptr_array_add (parts, s);
              field->op = 'r';
              self_doc = TRUE;
              expr_end = e - 1;
            }
        }
        field->a = parse_field_expression (p, body + expr_start, expr_end - expr_start, expr_line, expr_col);
        if (field->a == NULL)
          {
            g_string_free (lit, TRUE);
            return FALSE;
          }
        if (body[i] == '!')
          {
            ADVANCE ();
            if (i >= len || (body[i] != 'r' && body[i] != 's' && body[i] != 'a'))
              {
                g_string_free (lit, TRUE);
                error_at (p, tok, "SyntaxError", "f-string: invalid conversion character: expected 's', 'r', or 'a'");
                return FALSE;
              }
            field->op = body[i];
            explicit_conv = TRUE;
            ADVANCE ();
          }
        if (i < len && body[i] == ':')
          {
            if (self_doc && !explicit_conv)
              field->op = 0;
            gsize spec_start;
            gint spec_line, spec_col, n2 = 0;
            GPtrArray *spec_parts = g_ptr_array_new ();
            PlNode *spec;

            ADVANCE ();
            spec_start = i;
            spec_line = cur_line;
            spec_col = cur_col;
            while (i < len && !(body[i] == '}' && n2 == 0))
              {
                if (body[i] == '{')
                  n2++;
                else if (body[i] == '}')
                  n2--;
                ADVANCE ();
              }
            if (!parse_fstring_body (p, tok, body + spec_start, i - spec_start, spec_line, spec_col, spec_parts,
                                     depth + 1))
              {
                g_ptr_array_free (spec_parts, TRUE);
                g_string_free (lit, TRUE);
                return FALSE;
              }
            spec = pl_node_new (p->arena, PL_NODE_FSTRING, spec_line, spec_col);
            spec->items = steal_list (p, spec_parts, &spec->n_items);
            field->b = finish (p, spec);
          }
        if (i >= len || body[i] != '}')
          {
            g_string_free (lit, TRUE);
            error_at (p, tok, "SyntaxError", "f-string: expecting '}'");
            return FALSE;
          }
        ADVANCE ();
        {
          gint d = MAX (depth_of (field->a), depth_of (field->b));
          field->depth = d + 1;
        }
        g_ptr_array_add (parts, field);
        lit_line = cur_line;
        lit_col = cur_col;
      }
    }
  if (lit->len > 0)
    {
      PlNode *s = pl_node_new (p->arena, PL_NODE_STR, lit_line, lit_col);
      s->str = pl_arena_strndup (p->arena, lit->str, lit->len);
      s->str_len = lit->len;
      s->depth = 1;
      g_ptr_array_add (parts, s);
    }
  g_string_free (lit, TRUE);
  return TRUE;
#undef ADVANCE
}

static PlNode *
parse_atom (Parser *p)
{
  PlToken *tok = TOK (p);
  PlNode *node;

  switch (tok->kind)
    {
    case PL_TOK_INT:
      node = new_node (p, PL_NODE_INT, tok);
      node->ival = tok->ival;
      node->int_overflow = tok->int_overflow;
      advance (p);
      return finish (p, node);
    case PL_TOK_FLOAT:
      node = new_node (p, PL_NODE_FLOAT, tok);
      node->fval = tok->fval;
      advance (p);
      return finish (p, node);
    case PL_TOK_STRING:
      {
        GString *s;
        gboolean any_f = FALSE;

        for (guint k = p->pos; k < p->tokens->len && g_array_index (p->tokens, PlToken, k).kind == PL_TOK_STRING; k++)
          any_f |= g_array_index (p->tokens, PlToken, k).fstring;
        if (any_f)
          {
            /* Adjacent literals concatenate; f-strings split into parts. */
            GPtrArray *parts = g_ptr_array_new ();

            node = new_node (p, PL_NODE_FSTRING, tok);
            while (TOK (p)->kind == PL_TOK_STRING)
              {
                PlToken *t = TOK (p);
                if (t->fstring)
                  {
                    if (!parse_fstring_body (p, t, t->text, t->text_len, t->body_line, t->body_col, parts, 0))
                      {
                        g_ptr_array_free (parts, TRUE);
                        return NULL;
                      }
                  }
                else if (t->text_len > 0)
                  {
                    PlNode *part = new_node (p, PL_NODE_STR, t);
                    part->str = pl_arena_strndup (p->arena, t->text, t->text_len);
                    part->str_len = t->text_len;
                    part->depth = 1;
                    g_ptr_array_add (parts, part);
                  }
                advance (p);
              }
            node->items = steal_list (p, parts, &node->n_items);
            return finish (p, node);
          }
        s = g_string_new_len (tok->text, tok->text_len);
        node = new_node (p, PL_NODE_STR, tok);
        advance (p);
        /* Adjacent literals concatenate. */
        while (TOK (p)->kind == PL_TOK_STRING)
          {
            g_string_append_len (s, TOK (p)->text, TOK (p)->text_len);
            advance (p);
          }
        node->str = pl_arena_strndup (p->arena, s->str, s->len);
        node->str_len = s->len;
        g_string_free (s, TRUE);
        return finish (p, node);
      }
    case PL_TOK_NAME:
      if (strcmp (tok->text, "True") == 0)
        node = new_node (p, PL_NODE_TRUE, tok);
      else if (strcmp (tok->text, "False") == 0)
        node = new_node (p, PL_NODE_FALSE, tok);
      else if (strcmp (tok->text, "None") == 0)
        node = new_node (p, PL_NODE_NONE, tok);
      else if (strcmp (tok->text, "lambda") == 0)
        {
          error_at (p, tok, "SyntaxError", "lambda is not supported by Peakline; use def");
          return NULL;
        }
      else if (strcmp (tok->text, "yield") == 0 || strcmp (tok->text, "await") == 0)
        {
          error_at (p, tok, "SyntaxError", "'%s' is not supported by Peakline", tok->text);
          return NULL;
        }
      else if (is_keyword (tok->text))
        {
          invalid_syntax (p);
          return NULL;
        }
      else
        {
          node = new_node (p, PL_NODE_NAME, tok);
          node->str = pl_arena_strndup (p->arena, tok->text, strlen (tok->text));
        }
      advance (p);
      return finish (p, node);
    case PL_TOK_OP:
      if (tok->op == PL_OP_LPAR)
        {
          advance (p);
          if (accept_op (p, PL_OP_RPAR))
            {
              node = new_node (p, PL_NODE_TUPLE, tok);
              node->items = pl_arena_alloc (p->arena, sizeof (PlNode *));
              return finish (p, node);
            }
          node = parse_star_expr_list (p, FALSE);
          if (node == NULL)
            return NULL;
          if (at_kw (p, "for"))
            {
              error_at (p, TOK (p), "SyntaxError", "generator expressions are not supported by Peakline");
              return NULL;
            }
          if (!at_op (p, PL_OP_RPAR))
            {
              if (TOK (p)->kind == PL_TOK_NAME || TOK (p)->kind == PL_TOK_INT ||
                  TOK (p)->kind == PL_TOK_FLOAT || TOK (p)->kind == PL_TOK_STRING)
                error_at (p, TOK (p), "SyntaxError", "invalid syntax. Perhaps you forgot a comma?");
              else
                invalid_syntax (p);
              return NULL;
            }
          advance (p);
          if (node->kind == PL_NODE_TUPLE)
            {
              /* The tuple starts at its parenthesis. */
              node->line = tok->line;
              node->col = tok->col;
              set_end (p, node);
            }
          return node;
        }
      if (tok->op == PL_OP_LSQB)
        {
          GPtrArray *items = g_ptr_array_new ();

          node = new_node (p, PL_NODE_LIST, tok);
          advance (p);
          while (!at_op (p, PL_OP_RSQB))
            {
              PlNode *item = parse_test (p);
              if (item == NULL)
                break;
              g_ptr_array_add (items, item);
              if (at_kw (p, "for"))
                {
                  error_at (p, TOK (p), "SyntaxError", "list comprehensions are not supported by Peakline");
                  break;
                }
              if (!accept_op (p, PL_OP_COMMA))
                break;
            }
          node->items = steal_list (p, items, &node->n_items);
          if (p->error != NULL)
            return NULL;
          if (!expect_op (p, PL_OP_RSQB))
            return NULL;
          return finish (p, node);
        }
      if (tok->op == PL_OP_LBRACE)
        {
          GPtrArray *keys = g_ptr_array_new ();
          GPtrArray *values = g_ptr_array_new ();

          node = new_node (p, PL_NODE_DICT, tok);
          advance (p);
          while (!at_op (p, PL_OP_RBRACE))
            {
              PlNode *k = parse_test (p), *v;
              if (k == NULL)
                break;
              if (!at_op (p, PL_OP_COLON))
                {
                  error_at (p, TOK (p), "SyntaxError", "sets are not supported by Peakline");
                  break;
                }
              advance (p);
              v = parse_test (p);
              if (v == NULL)
                break;
              g_ptr_array_add (keys, k);
              g_ptr_array_add (values, v);
              if (!accept_op (p, PL_OP_COMMA))
                break;
            }
          node->items = steal_list (p, keys, &node->n_items);
          node->items2 = steal_list (p, values, &node->n_items2);
          if (p->error != NULL)
            return NULL;
          if (!expect_op (p, PL_OP_RBRACE))
            return NULL;
          return finish (p, node);
        }
      if (tok->op == PL_OP_DOT && PEEK (p, 1)->kind == PL_TOK_OP && PEEK (p, 1)->op == PL_OP_DOT &&
          PEEK (p, 2)->kind == PL_TOK_OP && PEEK (p, 2)->op == PL_OP_DOT)
        {
          node = new_node (p, PL_NODE_ELLIPSIS, tok);
          advance (p);
          advance (p);
          advance (p);
          return finish (p, node);
        }
      break;
    default:
      break;
    }
  invalid_syntax (p);
  return NULL;
}

static PlNode *
parse_primary (Parser *p)
{
  PlNode *node = parse_atom (p);

  while (node != NULL)
    {
      PlToken *tok = TOK (p);

      if (at_op (p, PL_OP_LPAR))
        {
          advance (p);
          if (!enter (p))
            return NULL;
          node = parse_call (p, node, tok);
          leave (p);
        }
      else if (at_op (p, PL_OP_LSQB))
        {
          PlNode *sub = pl_node_new (p->arena, PL_NODE_SUBSCRIPT, node->line, node->col);
          GPtrArray *items = g_ptr_array_new ();
          gboolean trailing_comma = FALSE;

          advance (p);
          if (!enter (p))
            {
              g_ptr_array_free (items, TRUE);
              return NULL;
            }
          sub->a = node;
          for (;;)
            {
              PlNode *item = parse_subscript_item (p);
              if (item == NULL)
                break;
              g_ptr_array_add (items, item);
              trailing_comma = FALSE;
              if (!accept_op (p, PL_OP_COMMA))
                break;
              trailing_comma = TRUE;
              if (at_op (p, PL_OP_RSQB))
                break;
            }
          leave (p);
          if (p->error != NULL)
            {
              g_ptr_array_free (items, TRUE);
              return NULL;
            }
          if (items->len == 1 && !trailing_comma)
            {
              sub->b = items->pdata[0];
              g_ptr_array_free (items, TRUE);
            }
          else
            {
              PlNode *tuple = pl_node_new (p->arena, PL_NODE_TUPLE, ((PlNode *) items->pdata[0])->line,
                                           ((PlNode *) items->pdata[0])->col);
              tuple->items = steal_list (p, items, &tuple->n_items);
              sub->b = finish (p, tuple);
            }
          if (!expect_op (p, PL_OP_RSQB))
            return NULL;
          node = finish (p, sub);
        }
      else if (at_op (p, PL_OP_DOT))
        {
          PlNode *attr;
          PlToken *name;

          advance (p);
          name = TOK (p);
          if (name->kind != PL_TOK_NAME || is_keyword (name->text))
            {
              invalid_syntax (p);
              return NULL;
            }
          attr = pl_node_new (p->arena, PL_NODE_ATTR, node->line, node->col);
          attr->a = node;
          attr->str = pl_arena_strndup (p->arena, name->text, strlen (name->text));
          advance (p);
          node = finish (p, attr);
        }
      else
        break;
    }
  return node;
}

static PlNode *parse_factor (Parser *p);

static PlNode *
parse_power (Parser *p)
{
  PlNode *base = parse_primary (p);

  if (base != NULL && at_op (p, PL_OP_DSTAR))
    {
      PlNode *node = pl_node_new (p->arena, PL_NODE_BINOP, base->line, base->col);

      advance (p);
      node->op = PL_BIN_POW;
      node->a = base;
      node->b = parse_factor (p);
      if (node->b == NULL)
        return NULL;
      return finish (p, node);
    }
  return base;
}

static PlNode *
parse_factor (Parser *p)
{
  PlToken *tok = TOK (p);

  if (tok->kind == PL_TOK_OP && (tok->op == PL_OP_MINUS || tok->op == PL_OP_PLUS || tok->op == PL_OP_TILDE))
    {
      PlNode *node = new_node (p, PL_NODE_UNARY, tok);

      node->op = tok->op == PL_OP_MINUS ? PL_UN_NEG : tok->op == PL_OP_PLUS ? PL_UN_POS : PL_UN_INVERT;
      advance (p);
      if (!enter (p))
        return NULL;
      node->a = parse_factor (p);
      leave (p);
      if (node->a == NULL)
        return NULL;
      return finish (p, node);
    }
  return parse_power (p);
}

typedef struct
{
  PlOp    tok_op;
  PlBinOp bin_op;
} OpMap;

static PlNode *
parse_binary_level (Parser       *p,
                    int           level);

static const OpMap level_ops[][5] = {
  { { PL_OP_VBAR, PL_BIN_OR }, { PL_N_OPS, 0 } },
  { { PL_OP_CIRCUMFLEX, PL_BIN_XOR }, { PL_N_OPS, 0 } },
  { { PL_OP_AMPER, PL_BIN_AND }, { PL_N_OPS, 0 } },
  { { PL_OP_LSHIFT, PL_BIN_LSHIFT }, { PL_OP_RSHIFT, PL_BIN_RSHIFT }, { PL_N_OPS, 0 } },
  { { PL_OP_PLUS, PL_BIN_ADD }, { PL_OP_MINUS, PL_BIN_SUB }, { PL_N_OPS, 0 } },
  { { PL_OP_STAR, PL_BIN_MUL }, { PL_OP_SLASH, PL_BIN_DIV }, { PL_OP_DSLASH, PL_BIN_FLOORDIV },
    { PL_OP_PERCENT, PL_BIN_MOD }, { PL_OP_AT, PL_BIN_MATMUL } },
};

static PlNode *
parse_binary_level (Parser *p,
                    int     level)
{
  PlNode *left;

  if (level >= (int) G_N_ELEMENTS (level_ops))
    return parse_factor (p);
  left = parse_binary_level (p, level + 1);
  while (left != NULL)
    {
      PlToken *tok = TOK (p);
      const OpMap *found = NULL;

      if (tok->kind != PL_TOK_OP)
        break;
      for (int i = 0; i < 5 && level_ops[level][i].tok_op != PL_N_OPS; i++)
        if (level_ops[level][i].tok_op == tok->op)
          {
            found = &level_ops[level][i];
            break;
          }
      if (found == NULL)
        break;
      if (found->tok_op == PL_OP_STAR && level_ops[level][0].tok_op == PL_OP_STAR && FALSE)
        break;
      {
        PlNode *node = pl_node_new (p->arena, PL_NODE_BINOP, left->line, left->col);

        advance (p);
        node->op = found->bin_op;
        node->a = left;
        node->b = parse_binary_level (p, level + 1);
        if (node->b == NULL)
          return NULL;
        left = finish (p, node);
      }
    }
  return left;
}

static PlNode *
parse_expr (Parser *p)
{
  return parse_binary_level (p, 0);
}

static gboolean
comparison_op (Parser *p,
               gint   *op)
{
  PlToken *tok = TOK (p);

  if (tok->kind == PL_TOK_OP)
    {
      switch (tok->op)
        {
        case PL_OP_LESS: *op = PL_CMP_LT; break;
        case PL_OP_LESSEQ: *op = PL_CMP_LE; break;
        case PL_OP_GREATER: *op = PL_CMP_GT; break;
        case PL_OP_GREATEREQ: *op = PL_CMP_GE; break;
        case PL_OP_EQEQ: *op = PL_CMP_EQ; break;
        case PL_OP_NOTEQ: *op = PL_CMP_NE; break;
        default: return FALSE;
        }
      advance (p);
      return TRUE;
    }
  if (at_kw (p, "in"))
    {
      advance (p);
      *op = PL_CMP_IN;
      return TRUE;
    }
  if (at_kw (p, "not") && PEEK (p, 1)->kind == PL_TOK_NAME && strcmp (PEEK (p, 1)->text, "in") == 0)
    {
      advance (p);
      advance (p);
      *op = PL_CMP_NOT_IN;
      return TRUE;
    }
  if (at_kw (p, "is"))
    {
      advance (p);
      *op = accept_kw (p, "not") ? PL_CMP_IS_NOT : PL_CMP_IS;
      return TRUE;
    }
  return FALSE;
}

static PlNode *
parse_comparison (Parser *p)
{
  PlNode *left = parse_expr (p);
  GPtrArray *operands;
  GArray *ops;
  gint op;
  PlNode *node;

  if (left == NULL || !comparison_op (p, &op))
    return left;
  operands = g_ptr_array_new ();
  ops = g_array_new (FALSE, FALSE, sizeof (gint));
  do
    {
      PlNode *right = parse_expr (p);
      if (right == NULL)
        {
          g_ptr_array_free (operands, TRUE);
          g_array_free (ops, TRUE);
          return NULL;
        }
      g_array_append_val (ops, op);
      g_ptr_array_add (operands, right);
    }
  while (comparison_op (p, &op));
  node = pl_node_new (p->arena, PL_NODE_COMPARE, left->line, left->col);
  node->a = left;
  node->ops = pl_arena_alloc (p->arena, sizeof (gint) * ops->len);
  memcpy (node->ops, ops->data, sizeof (gint) * ops->len);
  g_array_free (ops, TRUE);
  node->items = steal_list (p, operands, &node->n_items);
  return finish (p, node);
}

static PlNode *
parse_not (Parser *p)
{
  PlToken *tok = TOK (p);

  if (at_kw (p, "not"))
    {
      PlNode *node = new_node (p, PL_NODE_NOT, tok);

      advance (p);
      if (!enter (p))
        return NULL;
      node->a = parse_not (p);
      leave (p);
      if (node->a == NULL)
        return NULL;
      return finish (p, node);
    }
  return parse_comparison (p);
}

static PlNode *
parse_and (Parser *p)
{
  PlNode *left = parse_not (p);

  while (left != NULL && at_kw (p, "and"))
    {
      PlNode *node = pl_node_new (p->arena, PL_NODE_AND, left->line, left->col);
      advance (p);
      node->a = left;
      node->b = parse_not (p);
      if (node->b == NULL)
        return NULL;
      left = finish (p, node);
    }
  return left;
}

static PlNode *
parse_or (Parser *p)
{
  PlNode *left = parse_and (p);

  while (left != NULL && at_kw (p, "or"))
    {
      PlNode *node = pl_node_new (p->arena, PL_NODE_OR, left->line, left->col);
      advance (p);
      node->a = left;
      node->b = parse_and (p);
      if (node->b == NULL)
        return NULL;
      left = finish (p, node);
    }
  return left;
}

static PlNode *
parse_test (Parser *p)
{
  PlNode *body, *node;

  if (!enter (p))
    return NULL;
  body = parse_or (p);
  if (body != NULL && at_kw (p, "if"))
    {
      node = pl_node_new (p->arena, PL_NODE_IFEXP, body->line, body->col);
      advance (p);
      node->a = body;
      node->b = parse_or (p);
      if (node->b == NULL || !accept_kw (p, "else"))
        {
          if (p->error == NULL)
            error_at (p, TOK (p), "SyntaxError", "expected 'else' after 'if' expression");
          leave (p);
          return NULL;
        }
      node->c = parse_test (p);
      body = node->c != NULL ? finish (p, node) : NULL;
    }
  if (body != NULL && at_op (p, PL_OP_WALRUS))
    {
      error_at (p, TOK (p), "SyntaxError", "the walrus operator := is not supported by Peakline");
      body = NULL;
    }
  leave (p);
  return body;
}

static gboolean
at_expr_end (Parser *p)
{
  PlToken *tok = TOK (p);

  if (tok->kind == PL_TOK_NEWLINE || tok->kind == PL_TOK_EOF)
    return TRUE;
  if (tok->kind == PL_TOK_OP)
    return tok->op == PL_OP_RPAR || tok->op == PL_OP_RSQB || tok->op == PL_OP_RBRACE ||
           tok->op == PL_OP_SEMI || tok->op == PL_OP_EQUAL || tok->op == PL_OP_COLON ||
           (tok->op >= PL_OP_PLUSEQ && tok->op <= PL_OP_ATEQ);
  if (tok->kind == PL_TOK_NAME && strcmp (tok->text, "in") == 0)
    return TRUE;
  return FALSE;
}

/* test (',' test)* [','] — a tuple when there is a comma. */
static PlNode *
parse_star_expr_list (Parser   *p,
                      gboolean  allow_star)
{
  PlNode *first;
  GPtrArray *items;
  PlNode *tuple;

  if (at_op (p, PL_OP_STAR))
    {
      error_at (p, TOK (p), "SyntaxError", "starred expressions are not supported by Peakline");
      return NULL;
    }
  first = parse_test (p);
  if (first == NULL || !at_op (p, PL_OP_COMMA))
    return first;
  items = g_ptr_array_new ();
  g_ptr_array_add (items, first);
  while (accept_op (p, PL_OP_COMMA))
    {
      PlNode *item;

      if (at_expr_end (p))
        break;
      if (at_op (p, PL_OP_STAR))
        {
          error_at (p, TOK (p), "SyntaxError", "starred expressions are not supported by Peakline");
          break;
        }
      item = parse_test (p);
      if (item == NULL)
        break;
      g_ptr_array_add (items, item);
    }
  tuple = pl_node_new (p->arena, PL_NODE_TUPLE, first->line, first->col);
  tuple->items = steal_list (p, items, &tuple->n_items);
  if (p->error != NULL)
    return NULL;
  (void) allow_star;
  return finish (p, tuple);
}

/* --- statements --------------------------------------------------------- */

static const char *
target_error (const PlNode *node)
{
  switch (node->kind)
    {
    case PL_NODE_CALL: return "function call";
    case PL_NODE_INT: case PL_NODE_FLOAT: case PL_NODE_STR: return "literal";
    case PL_NODE_TRUE: return "True";
    case PL_NODE_FALSE: return "False";
    case PL_NODE_NONE: return "None";
    case PL_NODE_ELLIPSIS: return "ellipsis";
    case PL_NODE_COMPARE: return "comparison";
    case PL_NODE_IFEXP: return "conditional expression";
    case PL_NODE_DICT: return "dict literal";
    case PL_NODE_LAMBDA: return "lambda";
    default: return "expression";
    }
}

/* Checks an assignment (or del, or for) target. */
static gboolean
check_target (Parser       *p,
              const PlNode *node,
              const char   *context)
{
  char *msg;

  switch (node->kind)
    {
    case PL_NODE_NAME:
    case PL_NODE_SUBSCRIPT:
    case PL_NODE_ATTR:
      return TRUE;
    case PL_NODE_TUPLE:
    case PL_NODE_LIST:
      if (strcmp (context, "del") != 0 && node->n_items == 0 && node->kind == PL_NODE_TUPLE)
        return TRUE;
      for (guint i = 0; i < node->n_items; i++)
        if (!check_target (p, node->items[i], context))
          return FALSE;
      return TRUE;
    default:
      if (strcmp (context, "=") == 0)
        msg = g_strdup_printf ("cannot assign to %s here. Maybe you meant '==' instead of '='?",
                               target_error (node));
      else if (strcmp (context, "del") == 0)
        msg = g_strdup_printf ("cannot delete %s", target_error (node));
      else
        msg = g_strdup_printf ("cannot assign to %s", target_error (node));
      error_node (p, node, msg);
      g_free (msg);
      return FALSE;
    }
}

static PlNode *
parse_import (Parser  *p,
              PlToken *kw)
{
  PlNode *node = new_node (p, PL_NODE_IMPORT, kw);
  GPtrArray *aliases = g_ptr_array_new ();

  advance (p);
  do
    {
      GString *name = g_string_new (NULL);
      PlToken *first = TOK (p);
      PlNode *alias = new_node (p, PL_NODE_ALIAS, first);

      for (;;)
        {
          PlToken *t = TOK (p);
          if (t->kind != PL_TOK_NAME || is_keyword (t->text))
            {
              invalid_syntax (p);
              break;
            }
          g_string_append (name, t->text);
          advance (p);
          if (!accept_op (p, PL_OP_DOT))
            break;
          g_string_append_c (name, '.');
        }
      alias->str = pl_arena_strndup (p->arena, name->str, name->len);
      g_string_free (name, TRUE);
      if (p->error != NULL)
        break;
      if (accept_kw (p, "as"))
        {
          PlToken *t = TOK (p);
          if (t->kind != PL_TOK_NAME || is_keyword (t->text))
            {
              invalid_syntax (p);
              break;
            }
          alias->str2 = pl_arena_strndup (p->arena, t->text, strlen (t->text));
          advance (p);
        }
      g_ptr_array_add (aliases, finish (p, alias));
    }
  while (accept_op (p, PL_OP_COMMA));
  node->items = steal_list (p, aliases, &node->n_items);
  return p->error ? NULL : finish (p, node);
}

static PlNode *
parse_from (Parser  *p,
            PlToken *kw)
{
  PlNode *node = new_node (p, PL_NODE_FROM, kw);
  GPtrArray *aliases = g_ptr_array_new ();
  GString *module = g_string_new (NULL);
  gboolean paren;

  advance (p);
  if (at_op (p, PL_OP_DOT))
    {
      g_string_free (module, TRUE);
      g_ptr_array_free (aliases, TRUE);
      error_at (p, TOK (p), "ImportError", "attempted relative import with no known parent package");
      return NULL;
    }
  for (;;)
    {
      PlToken *t = TOK (p);
      if (t->kind != PL_TOK_NAME || is_keyword (t->text))
        {
          invalid_syntax (p);
          break;
        }
      g_string_append (module, t->text);
      advance (p);
      if (!accept_op (p, PL_OP_DOT))
        break;
      g_string_append_c (module, '.');
    }
  node->str = pl_arena_strndup (p->arena, module->str, module->len);
  g_string_free (module, TRUE);
  if (p->error == NULL && !accept_kw (p, "import"))
    error_at (p, TOK (p), "SyntaxError", "expected 'import'");
  if (p->error != NULL)
    {
      g_ptr_array_free (aliases, TRUE);
      return NULL;
    }
  if (at_op (p, PL_OP_STAR))
    {
      PlNode *alias = new_node (p, PL_NODE_ALIAS, TOK (p));
      alias->str = pl_arena_strndup (p->arena, "*", 1);
      advance (p);
      g_ptr_array_add (aliases, finish (p, alias));
    }
  else
    {
      paren = accept_op (p, PL_OP_LPAR);
      do
        {
          PlToken *t = TOK (p);
          PlNode *alias;

          if (paren && at_op (p, PL_OP_RPAR))
            break;
          if (t->kind != PL_TOK_NAME || is_keyword (t->text))
            {
              invalid_syntax (p);
              break;
            }
          alias = new_node (p, PL_NODE_ALIAS, t);
          alias->str = pl_arena_strndup (p->arena, t->text, strlen (t->text));
          advance (p);
          if (accept_kw (p, "as"))
            {
              PlToken *a = TOK (p);
              if (a->kind != PL_TOK_NAME || is_keyword (a->text))
                {
                  invalid_syntax (p);
                  break;
                }
              alias->str2 = pl_arena_strndup (p->arena, a->text, strlen (a->text));
              advance (p);
            }
          g_ptr_array_add (aliases, finish (p, alias));
        }
      while (accept_op (p, PL_OP_COMMA));
      if (paren && p->error == NULL)
        expect_op (p, PL_OP_RPAR);
    }
  node->items = steal_list (p, aliases, &node->n_items);
  return p->error ? NULL : finish (p, node);
}

static PlNode *
parse_simple_statement (Parser *p)
{
  PlToken *tok = TOK (p);
  PlNode *node;

  if (tok->kind == PL_TOK_NAME)
    {
      const char *kw = tok->text;

      if (strcmp (kw, "pass") == 0 || strcmp (kw, "break") == 0 || strcmp (kw, "continue") == 0)
        {
          node = new_node (p, kw[0] == 'p' ? PL_NODE_PASS : kw[0] == 'b' ? PL_NODE_BREAK : PL_NODE_CONTINUE, tok);
          advance (p);
          return finish (p, node);
        }
      if (strcmp (kw, "return") == 0)
        {
          node = new_node (p, PL_NODE_RETURN, tok);
          advance (p);
          if (!at_expr_end (p))
            {
              node->a = parse_star_expr_list (p, TRUE);
              if (node->a == NULL)
                return NULL;
            }
          return finish (p, node);
        }
      if (strcmp (kw, "raise") == 0)
        {
          node = new_node (p, PL_NODE_RAISE, tok);
          advance (p);
          if (!at_expr_end (p))
            {
              node->a = parse_test (p);
              if (node->a == NULL)
                return NULL;
              if (at_kw (p, "from"))
                {
                  advance (p);
                  if (parse_test (p) == NULL)
                    return NULL;
                }
            }
          return finish (p, node);
        }
      if (strcmp (kw, "assert") == 0)
        {
          node = new_node (p, PL_NODE_ASSERT, tok);
          advance (p);
          node->a = parse_test (p);
          if (node->a == NULL)
            return NULL;
          if (accept_op (p, PL_OP_COMMA))
            {
              node->b = parse_test (p);
              if (node->b == NULL)
                return NULL;
            }
          return finish (p, node);
        }
      if (strcmp (kw, "del") == 0)
        {
          PlNode *targets;

          node = new_node (p, PL_NODE_DEL, tok);
          advance (p);
          targets = parse_star_expr_list (p, FALSE);
          if (targets == NULL)
            return NULL;
          if (targets->kind == PL_NODE_TUPLE && targets->n_items > 0)
            {
              node->items = targets->items;
              node->n_items = targets->n_items;
            }
          else
            {
              node->items = pl_arena_alloc (p->arena, sizeof (PlNode *));
              node->items[0] = targets;
              node->n_items = 1;
            }
          for (guint i = 0; i < node->n_items; i++)
            if (!check_target (p, node->items[i], "del"))
              return NULL;
          return finish (p, node);
        }
      if (strcmp (kw, "global") == 0 || strcmp (kw, "nonlocal") == 0)
        {
          GPtrArray *names = g_ptr_array_new ();

          if (kw[0] == 'n')
            {
              g_ptr_array_free (names, TRUE);
              error_at (p, tok, "SyntaxError", "'nonlocal' is not supported by Peakline");
              return NULL;
            }
          node = new_node (p, PL_NODE_GLOBAL, tok);
          advance (p);
          do
            {
              PlToken *t = TOK (p);
              PlNode *name;
              if (t->kind != PL_TOK_NAME || is_keyword (t->text))
                {
                  invalid_syntax (p);
                  break;
                }
              name = new_node (p, PL_NODE_NAME, t);
              name->str = pl_arena_strndup (p->arena, t->text, strlen (t->text));
              g_ptr_array_add (names, finish (p, name));
              advance (p);
            }
          while (accept_op (p, PL_OP_COMMA));
          node->items = steal_list (p, names, &node->n_items);
          return p->error ? NULL : finish (p, node);
        }
      if (strcmp (kw, "import") == 0)
        return parse_import (p, tok);
      if (strcmp (kw, "from") == 0)
        return parse_from (p, tok);
    }

  /* Expression, assignment or augmented assignment. */
  {
    PlNode *first = parse_star_expr_list (p, TRUE);
    PlToken *t = TOK (p);

    if (first == NULL)
      return NULL;
    if (t->kind == PL_TOK_OP && t->op >= PL_OP_PLUSEQ && t->op <= PL_OP_ATEQ)
      {
        static const PlBinOp aug[] = {
          PL_BIN_ADD, PL_BIN_SUB, PL_BIN_MUL, PL_BIN_DIV, PL_BIN_FLOORDIV, PL_BIN_MOD,
          PL_BIN_POW, PL_BIN_AND, PL_BIN_OR, PL_BIN_XOR, PL_BIN_LSHIFT, PL_BIN_RSHIFT, PL_BIN_MATMUL,
        };
        node = pl_node_new (p->arena, PL_NODE_AUGASSIGN, first->line, first->col);
        if (first->kind != PL_NODE_NAME && first->kind != PL_NODE_SUBSCRIPT && first->kind != PL_NODE_ATTR)
          {
            char *msg = g_strdup_printf ("'%s' is an illegal expression for augmented assignment",
                                         first->kind == PL_NODE_TUPLE ? "tuple" :
                                         first->kind == PL_NODE_LIST ? "list" : target_error (first));
            error_node (p, first, msg);
            g_free (msg);
            return NULL;
          }
        node->op = aug[t->op - PL_OP_PLUSEQ];
        advance (p);
        node->a = first;
        node->b = parse_star_expr_list (p, TRUE);
        if (node->b == NULL)
          return NULL;
        return finish (p, node);
      }
    if (t->kind == PL_TOK_OP && t->op == PL_OP_COLON)
      {
        /* An annotated assignment: x: int = 5. */
        node = pl_node_new (p->arena, PL_NODE_ANNASSIGN, first->line, first->col);
        if (first->kind != PL_NODE_NAME && first->kind != PL_NODE_SUBSCRIPT && first->kind != PL_NODE_ATTR)
          {
            error_node (p, first, first->kind == PL_NODE_TUPLE ?
                        "only single target (not tuple) can be annotated" : "illegal target for annotation");
            return NULL;
          }
        advance (p);
        node->a = first;
        node->b = parse_test (p);
        if (node->b == NULL)
          return NULL;
        if (accept_op (p, PL_OP_EQUAL))
          {
            node->c = parse_star_expr_list (p, TRUE);
            if (node->c == NULL)
              return NULL;
          }
        return finish (p, node);
      }
    if (t->kind == PL_TOK_OP && t->op == PL_OP_EQUAL)
      {
        GPtrArray *targets = g_ptr_array_new ();
        PlNode *value = first;

        node = pl_node_new (p->arena, PL_NODE_ASSIGN, first->line, first->col);
        while (accept_op (p, PL_OP_EQUAL))
          {
            if (!check_target (p, value, "="))
              break;
            g_ptr_array_add (targets, value);
            value = parse_star_expr_list (p, TRUE);
            if (value == NULL)
              break;
          }
        node->items = steal_list (p, targets, &node->n_items);
        if (p->error != NULL)
          return NULL;
        node->a = value;
        return finish (p, node);
      }
    node = pl_node_new (p->arena, PL_NODE_EXPR_STMT, first->line, first->col);
    node->a = first;
    return finish (p, node);
  }
}

/* simple_stmt (';' simple_stmt)* [';'] NEWLINE, appended to @out. */
static PlNode *
parse_statement_list (Parser    *p,
                      GPtrArray *out)
{
  PlNode *last = NULL;

  for (;;)
    {
      last = parse_simple_statement (p);
      if (last == NULL)
        return NULL;
      g_ptr_array_add (out, last);
      if (!accept_op (p, PL_OP_SEMI))
        break;
      if (TOK (p)->kind == PL_TOK_NEWLINE || TOK (p)->kind == PL_TOK_EOF)
        break;
    }
  if (TOK (p)->kind == PL_TOK_NEWLINE)
    advance (p);
  else if (TOK (p)->kind != PL_TOK_EOF)
    {
      PlToken *t = TOK (p);
      if (t->kind == PL_TOK_NAME || t->kind == PL_TOK_INT || t->kind == PL_TOK_FLOAT || t->kind == PL_TOK_STRING)
        error_at (p, t, "SyntaxError", "invalid syntax");
      else
        invalid_syntax (p);
      return NULL;
    }
  return last;
}

static void parse_statement (Parser *p, GPtrArray *out);

/* Marks names of a function's body: parameters and assigned names are
 * locals (slots), everything else global. */
typedef struct
{
  GPtrArray  *locals;   /* char *, arena-owned */
  GHashTable *globals;  /* declared global */
} Scope;

static void
scope_add (Scope      *scope,
           const char *name)
{
  if (g_hash_table_contains (scope->globals, name))
    return;
  for (guint i = 0; i < scope->locals->len; i++)
    if (strcmp (scope->locals->pdata[i], name) == 0)
      return;
  g_ptr_array_add (scope->locals, (gpointer) name);
}

static void
collect_targets (Scope  *scope,
                 PlNode *target)
{
  if (target == NULL)
    return;
  if (target->kind == PL_NODE_NAME)
    scope_add (scope, target->str);
  else if (target->kind == PL_NODE_TUPLE || target->kind == PL_NODE_LIST)
    for (guint i = 0; i < target->n_items; i++)
      collect_targets (scope, target->items[i]);
}

static void
collect_globals (Scope   *scope,
                 PlNode **body,
                 guint    n)
{
  for (guint i = 0; i < n; i++)
    {
      PlNode *s = body[i];
      if (s->kind == PL_NODE_GLOBAL)
        for (guint j = 0; j < s->n_items; j++)
          g_hash_table_add (scope->globals, s->items[j]->str);
      else if (s->kind == PL_NODE_IF || s->kind == PL_NODE_WHILE || s->kind == PL_NODE_FOR)
        {
          collect_globals (scope, s->body, s->n_body);
          collect_globals (scope, s->orelse, s->n_orelse);
        }
    }
}

static void
collect_locals (Scope   *scope,
                PlNode **body,
                guint    n)
{
  for (guint i = 0; i < n; i++)
    {
      PlNode *s = body[i];
      switch (s->kind)
        {
        case PL_NODE_ASSIGN:
          for (guint j = 0; j < s->n_items; j++)
            collect_targets (scope, s->items[j]);
          break;
        case PL_NODE_AUGASSIGN:
        case PL_NODE_ANNASSIGN:
          collect_targets (scope, s->a);
          break;
        case PL_NODE_DEL:
          for (guint j = 0; j < s->n_items; j++)
            collect_targets (scope, s->items[j]);
          break;
        case PL_NODE_FOR:
          collect_targets (scope, s->a);
          break;
        case PL_NODE_DEF:
          scope_add (scope, s->str);
          break;
        case PL_NODE_IMPORT:
          for (guint j = 0; j < s->n_items; j++)
            {
              PlNode *alias = s->items[j];
              if (alias->str2 != NULL)
                scope_add (scope, alias->str2);
              else
                {
                  /* import a.b binds a */
                  const char *dot = strchr (alias->str, '.');
                  if (dot == NULL)
                    scope_add (scope, alias->str);
                }
            }
          break;
        case PL_NODE_FROM:
          for (guint j = 0; j < s->n_items; j++)
            {
              PlNode *alias = s->items[j];
              if (strcmp (alias->str, "*") != 0)
                scope_add (scope, alias->str2 ? alias->str2 : alias->str);
            }
          break;
        default:
          break;
        }
      if (s->kind == PL_NODE_IF || s->kind == PL_NODE_WHILE || s->kind == PL_NODE_FOR)
        {
          collect_locals (scope, s->body, s->n_body);
          collect_locals (scope, s->orelse, s->n_orelse);
        }
    }
}

static void
resolve_expr (Scope  *scope,
              PlNode *node);

static void
resolve_list (Scope   *scope,
              PlNode **nodes,
              guint    n)
{
  for (guint i = 0; i < n; i++)
    resolve_expr (scope, nodes[i]);
}

static void
resolve_expr (Scope  *scope,
              PlNode *node)
{
  if (node == NULL)
    return;
  if (node->kind == PL_NODE_NAME)
    {
      node->slot = -1;
      for (guint i = 0; i < scope->locals->len; i++)
        if (strcmp (scope->locals->pdata[i], node->str) == 0)
          {
            node->slot = i;
            break;
          }
      return;
    }
  if (node->kind == PL_NODE_DEF)
    {
      /* Defaults belong to the enclosing scope; the body has its own. */
      for (guint i = 0; i < node->n_items; i++)
        resolve_expr (scope, node->items[i]->a);
      /* The function's own name is a target in this scope. */
      return;
    }
  if (node->kind == PL_NODE_GLOBAL)
    return;
  resolve_expr (scope, node->a);
  resolve_expr (scope, node->b);
  resolve_expr (scope, node->c);
  resolve_list (scope, node->items, node->n_items);
  resolve_list (scope, node->items2, node->n_items2);
  resolve_list (scope, node->body, node->n_body);
  resolve_list (scope, node->orelse, node->n_orelse);
}

static PlNode *
parse_def (Parser  *p,
           PlToken *kw)
{
  PlNode *node = new_node (p, PL_NODE_DEF, kw);
  PlToken *name = NULL;
  GPtrArray *params = g_ptr_array_new ();
  gboolean seen_default = FALSE;

  advance (p);
  name = TOK (p);
  if (name->kind != PL_TOK_NAME || is_keyword (name->text))
    {
      g_ptr_array_free (params, TRUE);
      invalid_syntax (p);
      return NULL;
    }
  node->str = pl_arena_strndup (p->arena, name->text, strlen (name->text));
  advance (p);
  if (!at_op (p, PL_OP_LPAR))
    {
      g_ptr_array_free (params, TRUE);
      error_at (p, TOK (p), "SyntaxError", "expected '('");
      return NULL;
    }
  advance (p);
  while (!at_op (p, PL_OP_RPAR))
    {
      PlToken *t = TOK (p);
      PlNode *param;

      if (at_op (p, PL_OP_STAR) || at_op (p, PL_OP_DSTAR) || at_op (p, PL_OP_SLASH))
        {
          error_at (p, t, "SyntaxError", "*args, **kwargs and / or * markers in parameters are not supported by Peakline");
          break;
        }
      if (t->kind != PL_TOK_NAME || is_keyword (t->text))
        {
          invalid_syntax (p);
          break;
        }
      param = new_node (p, PL_NODE_NAME, t);
      param->str = pl_arena_strndup (p->arena, t->text, strlen (t->text));
      for (guint i = 0; i < params->len; i++)
        if (strcmp (((PlNode *) params->pdata[i])->str, param->str) == 0)
          {
            error_at (p, t, "SyntaxError", "duplicate argument '%s' in function definition", param->str);
            break;
          }
      if (p->error != NULL)
        break;
      advance (p);
      if (accept_op (p, PL_OP_COLON))
        {
          /* An annotation: parsed, not evaluated. */
          if (parse_test (p) == NULL)
            break;
        }
      if (accept_op (p, PL_OP_EQUAL))
        {
          param->a = parse_test (p);
          if (param->a == NULL)
            break;
          seen_default = TRUE;
        }
      else if (seen_default)
        {
          error_at (p, t, "SyntaxError", "non-default argument follows default argument");
          break;
        }
      g_ptr_array_add (params, finish (p, param));
      if (!accept_op (p, PL_OP_COMMA))
        break;
    }
  node->items = steal_list (p, params, &node->n_items);
  if (p->error != NULL)
    return NULL;
  if (!expect_op (p, PL_OP_RPAR))
    return NULL;
  if (accept_op (p, PL_OP_ARROW))
    {
      if (parse_test (p) == NULL)
        return NULL;
    }
  if (!expect_op (p, PL_OP_COLON))
    return NULL;
  set_head_end (p, node);
  p->in_def++;
  parse_block (p, &node->body, &node->n_body, "function definition", kw->line);
  p->in_def--;
  if (p->error != NULL)
    return NULL;

  /* Scope analysis. */
  {
    Scope scope;

    scope.locals = g_ptr_array_new ();
    scope.globals = g_hash_table_new (g_str_hash, g_str_equal);
    collect_globals (&scope, node->body, node->n_body);
    for (guint i = 0; i < node->n_items; i++)
      {
        if (g_hash_table_contains (scope.globals, node->items[i]->str))
          {
            error_node (p, node->items[i], "name is parameter and global");
            break;
          }
        g_ptr_array_add (scope.locals, node->items[i]->str);
      }
    collect_locals (&scope, node->body, node->n_body);
    resolve_list (&scope, node->body, node->n_body);
    node->n_locals = scope.locals->len;
    node->locals = pl_arena_alloc (p->arena, sizeof (char *) * MAX (1, scope.locals->len));
    for (guint i = 0; i < scope.locals->len; i++)
      node->locals[i] = scope.locals->pdata[i];
    for (guint i = 0; i < node->n_items; i++)
      node->items[i]->slot = i;
    g_ptr_array_free (scope.locals, TRUE);
    g_hash_table_destroy (scope.globals);
  }
  node->first_line_of_body = node->n_body > 0 ? node->body[0]->line : node->line;
  set_end (p, node);
  return node;
}

/* Error recovery for editors: the logical line holding the error becomes a
 * PL_NODE_ERROR (with the block under it when it ends in a colon) and
 * parsing goes on after it. Only syntax errors inside function bodies are
 * recovered; an indentation error changes the structure itself. Returns
 * whether it recovered. */
static gboolean
recover_statement (Parser    *p,
                   GPtrArray *stmts,
                   guint      start,
                   guint      n_before)
{
  const PlToken *first, *last;
  PlNode *node;
  guint n = p->tokens->len;
  guint i, s, e;

  if (!p->recover || p->in_def == 0 || p->error == NULL ||
      g_strcmp0 (p->err_kind, "SyntaxError") != 0)
    return FALSE;

  /* The token the error names, then the logical line around it. */
  for (i = start; i + 1 < n; i++)
    {
      const PlToken *t = &g_array_index (p->tokens, PlToken, i);

      if (t->line > p->err_line || (t->line == p->err_line && t->col >= p->err_col))
        break;
    }
  for (s = i; s > start; s--)
    {
      PlTokenKind k = g_array_index (p->tokens, PlToken, s - 1).kind;

      if (k == PL_TOK_NEWLINE || k == PL_TOK_INDENT || k == PL_TOK_DEDENT)
        break;
    }
  for (e = s; e < n; e++)
    {
      PlTokenKind k = g_array_index (p->tokens, PlToken, e).kind;

      if (k == PL_TOK_NEWLINE || k == PL_TOK_EOF || k == PL_TOK_INDENT || k == PL_TOK_DEDENT)
        break;
    }
  if (e == s || e >= n || g_array_index (p->tokens, PlToken, e).kind != PL_TOK_NEWLINE)
    return FALSE;

  first = &g_array_index (p->tokens, PlToken, s);
  last = &g_array_index (p->tokens, PlToken, e - 1);

  /* What was built from that line on is replaced by the error. */
  while (stmts->len > n_before)
    {
      PlNode *built = g_ptr_array_index (stmts, stmts->len - 1);

      if (built->line < first->line || (built->line == first->line && built->col < first->col))
        break;
      g_ptr_array_set_size (stmts, stmts->len - 1);
    }

  node = pl_node_new (p->arena, PL_NODE_ERROR, first->line, first->col);
  node->end_line = last->end_line;
  node->end_col = last->end_col;
  node->str = pl_arena_strndup (p->arena, p->error->message, strlen (p->error->message));
  node->str2 = pl_arena_strndup (p->arena, p->err_kind, strlen (p->err_kind));
  node->err_line = p->err_line;
  node->err_col = p->err_col;
  g_clear_error (&p->error);
  p->err_kind = NULL;
  /* Statements are not inside expressions: error paths that left the
   * expression depth counted up must not count against the next one. */
  p->nest = 0;

  p->pos = e;
  if (last->kind == PL_TOK_OP && last->op == PL_OP_COLON &&
      e + 1 < n && g_array_index (p->tokens, PlToken, e + 1).kind == PL_TOK_INDENT)
    {
      node->head_end_line = last->end_line;
      node->head_end_col = last->end_col;
      parse_block (p, &node->body, &node->n_body, "statement", first->line);
    }
  else
    advance (p);  /* NEWLINE */

  g_ptr_array_add (stmts, node);
  return TRUE;
}

/* ':' already consumed. */
static void
parse_block (Parser     *p,
             PlNode   ***body,
             guint      *n_body,
             const char *what,
             gint        what_line)
{
  GPtrArray *stmts = g_ptr_array_new ();

  if (TOK (p)->kind != PL_TOK_NEWLINE)
    {
      parse_statement_list (p, stmts);
    }
  else
    {
      advance (p);
      if (TOK (p)->kind != PL_TOK_INDENT)
        {
          /* At the end of the file, point at the end of the header line. */
          PlToken *at = TOK (p);
          guint k = p->pos;
          while (k < p->tokens->len && g_array_index (p->tokens, PlToken, k).kind == PL_TOK_DEDENT)
            k++;
          if (k < p->tokens->len && g_array_index (p->tokens, PlToken, k).kind == PL_TOK_EOF && p->pos > 0)
            at = &g_array_index (p->tokens, PlToken, p->pos - 1);
          error_at (p, at, "IndentationError", "expected an indented block after %s on line %d",
                    what, what_line);
        }
      else
        {
          advance (p);
          while (p->error == NULL && TOK (p)->kind != PL_TOK_DEDENT && TOK (p)->kind != PL_TOK_EOF)
            {
              guint start = p->pos, n_before = stmts->len;

              parse_statement (p, stmts);
              if (p->error != NULL)
                recover_statement (p, stmts, start, n_before);
            }
          if (p->error == NULL)
            advance (p);  /* DEDENT */
        }
    }
  *body = steal_list (p, stmts, n_body);
}

static void
parse_statement (Parser    *p,
                 GPtrArray *out)
{
  PlToken *tok = TOK (p);

  if (tok->kind == PL_TOK_INDENT)
    {
      error_at (p, tok, "IndentationError", "unexpected indent");
      return;
    }
  if (tok->kind == PL_TOK_NAME)
    {
      const char *kw = tok->text;

      if (strcmp (kw, "def") == 0)
        {
          PlNode *node = parse_def (p, tok);
          if (node != NULL)
            g_ptr_array_add (out, node);
          return;
        }
      if (strcmp (kw, "if") == 0 || strcmp (kw, "while") == 0)
        {
          gboolean is_if = kw[0] == 'i';
          PlNode *node = new_node (p, is_if ? PL_NODE_IF : PL_NODE_WHILE, tok);
          PlNode *cur = node;

          advance (p);
          node->a = parse_test (p);
          if (node->a == NULL || !expect_op (p, PL_OP_COLON))
            return;
          set_head_end (p, node);
          parse_block (p, &node->body, &node->n_body, is_if ? "'if' statement" : "'while' statement", tok->line);
          set_end (p, node);
          g_ptr_array_add (out, node);
          while (p->error == NULL && is_if && at_kw (p, "elif"))
            {
              PlToken *elif = TOK (p);
              PlNode *sub = new_node (p, PL_NODE_IF, elif);

              advance (p);
              sub->a = parse_test (p);
              if (sub->a == NULL || !expect_op (p, PL_OP_COLON))
                return;
              set_head_end (p, sub);
              parse_block (p, &sub->body, &sub->n_body, "'elif' statement", elif->line);
              set_end (p, sub);
              cur->orelse = pl_arena_alloc (p->arena, sizeof (PlNode *));
              cur->orelse[0] = sub;
              cur->n_orelse = 1;
              cur = sub;
            }
          if (p->error == NULL && at_kw (p, "else"))
            {
              PlToken *els = TOK (p);
              advance (p);
              if (!expect_op (p, PL_OP_COLON))
                return;
              set_else (p, cur, els);
              parse_block (p, &cur->orelse, &cur->n_orelse, "'else' statement", els->line);
            }
          return;
        }
      if (strcmp (kw, "for") == 0)
        {
          PlNode *node = new_node (p, PL_NODE_FOR, tok);
          GPtrArray *targets = g_ptr_array_new ();

          advance (p);
          /* The target: a comma-separated list of primaries. */
          for (;;)
            {
              PlNode *t = parse_binary_level (p, 0);
              if (t == NULL)
                break;
              g_ptr_array_add (targets, t);
              if (!accept_op (p, PL_OP_COMMA) || at_kw (p, "in"))
                break;
            }
          if (p->error != NULL)
            {
              g_ptr_array_free (targets, TRUE);
              return;
            }
          if (targets->len == 1 && !(p->pos > 0 && g_array_index (p->tokens, PlToken, p->pos - 1).kind == PL_TOK_OP &&
                                     g_array_index (p->tokens, PlToken, p->pos - 1).op == PL_OP_COMMA))
            {
              node->a = targets->pdata[0];
              g_ptr_array_free (targets, TRUE);
            }
          else
            {
              PlNode *tuple = pl_node_new (p->arena, PL_NODE_TUPLE, ((PlNode *) targets->pdata[0])->line,
                                           ((PlNode *) targets->pdata[0])->col);
              tuple->items = steal_list (p, targets, &tuple->n_items);
              node->a = finish (p, tuple);
            }
          if (!check_target (p, node->a, "for"))
            return;
          if (!accept_kw (p, "in"))
            {
              error_at (p, TOK (p), "SyntaxError", "expected 'in'");
              return;
            }
          node->b = parse_star_expr_list (p, FALSE);
          if (node->b == NULL || !expect_op (p, PL_OP_COLON))
            return;
          set_head_end (p, node);
          parse_block (p, &node->body, &node->n_body, "'for' statement", tok->line);
          set_end (p, node);
          g_ptr_array_add (out, node);
          if (p->error == NULL && at_kw (p, "else"))
            {
              PlToken *els = TOK (p);
              advance (p);
              if (!expect_op (p, PL_OP_COLON))
                return;
              set_else (p, node, els);
              parse_block (p, &node->orelse, &node->n_orelse, "'else' statement", els->line);
            }
          return;
        }
      if (strcmp (kw, "else") == 0 || strcmp (kw, "elif") == 0)
        {
          invalid_syntax (p);
          return;
        }
      if (strcmp (kw, "class") == 0 || strcmp (kw, "try") == 0 || strcmp (kw, "with") == 0 ||
          strcmp (kw, "async") == 0 || strcmp (kw, "except") == 0 || strcmp (kw, "finally") == 0)
        {
          error_at (p, tok, "SyntaxError", "'%s' statements are not supported by Peakline's Python subset", kw);
          return;
        }
      if (strcmp (kw, "match") == 0 && PEEK (p, 1)->kind != PL_TOK_OP)
        {
          /* match is a soft keyword; only the statement form is refused. */
        }
    }
  if (tok->kind == PL_TOK_OP && tok->op == PL_OP_AT)
    {
      error_at (p, tok, "SyntaxError", "decorators are not supported by Peakline's Python subset");
      return;
    }
  parse_statement_list (p, out);
}

PlNode *
pl_parse_module (PlArena     *arena,
                 const char  *source,
                 gsize        length,
                 gint        *err_line,
                 gint        *err_col,
                 const char **err_kind,
                 GError     **error)
{
  return pl_parse_module_full (arena, source, length, FALSE, NULL, err_line, err_col, err_kind, error);
}

PlNode *
pl_parse_module_full (PlArena     *arena,
                      const char  *source,
                      gsize        length,
                      gboolean     recover,
                      GArray      *comments,
                      gint        *err_line,
                      gint        *err_col,
                      const char **err_kind,
                      GError     **error)
{
  Parser p = { 0, };
  GPtrArray *stmts;
  PlNode *module;
  GError *lex_error = NULL;
  gint line = 0, col = 0;

  p.recover = recover;
  p.tokens = pl_lex_full (source, length, comments, &line, &col, &lex_error);
  if (p.tokens == NULL)
    {
      const char *msg = lex_error->message;
      *err_line = line;
      *err_col = col;
      *err_kind = (g_str_has_prefix (msg, "unindent") || g_str_has_prefix (msg, "too many levels"))
                  ? "IndentationError" : "SyntaxError";
      g_propagate_error (error, lex_error);
      return NULL;
    }
  p.arena = arena;
  stmts = g_ptr_array_new ();
  while (p.error == NULL && TOK (&p)->kind != PL_TOK_EOF)
    {
      if (TOK (&p)->kind == PL_TOK_NEWLINE)
        {
          advance (&p);
          continue;
        }
      if (TOK (&p)->kind == PL_TOK_DEDENT)
        {
          invalid_syntax (&p);
          break;
        }
      parse_statement (&p, stmts);
    }
  module = pl_node_new (arena, PL_NODE_MODULE, 1, 1);
  module->body = steal_list (&p, stmts, &module->n_body);
  pl_tokens_free (p.tokens);
  if (p.error != NULL)
    {
      *err_line = p.err_line;
      *err_col = p.err_col;
      *err_kind = p.err_kind ? p.err_kind : "SyntaxError";
      g_propagate_error (error, p.error);
      return NULL;
    }
  return module;
}
