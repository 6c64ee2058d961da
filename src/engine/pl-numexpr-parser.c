/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "pl-numexpr-private.h"

#include <errno.h>
#include <string.h>

/* numexpr hands the expression to Python's compile() and evaluates the code
 * object with its ExpressionNode classes standing in for the variables. This
 * file is the first half in C: a lexer and recursive-descent parser for
 * Python's expression grammar, so that syntax errors come first, with their
 * column (pl-numexpr-builder.c then evaluates the tree). */

/* --- lexer ------------------------------------------------------------- */

typedef enum
{
  T_END,
  T_NAME,
  T_INT,
  T_FLOAT,
  T_IMAG,
  T_STRING,
  T_OP,
} TokType;

typedef struct
{
  TokType type;
  gint    col;        /* from 1 */
  char    text[64];   /* names and operators (names are truncated copies) */
  char   *name;       /* full name (T_NAME), owned by the parser */
  gint64  ival;
  gboolean overflow;
  double  fval;
} Token;

typedef struct
{
  const char *src;
  gsize       pos;
  gint        depth;       /* open brackets */
  Token       tok;
  GPtrArray  *garbage;   /* g_free */
  GPtrArray  *arrays;    /* g_ptr_array_unref */
  GError    **error;
  gboolean    failed;
  gint        nest;        /* recursion depth of the parser */
} Parser;

/* Deeper expressions are refused before they exhaust the C stack, as
 * Python's compiler refuses them. */
#define NE_MAX_NESTING 400

static void
syntax_error (Parser     *p,
              gint        col,
              const char *message)
{
  if (p->failed)
    return;
  p->failed = TRUE;
  g_set_error (p->error, PL_ERROR, PL_ERROR_SYNTAX,
               "%s in the numexpr expression \"%s\" (column %d)",
               message, p->src, col);
}

static const char *three_char_ops[] = { "**=", "//=", ">>=", "<<=", NULL };
static const char *two_char_ops[] = {
  "**", "//", "<<", ">>", "<=", ">=", "==", "!=", "->", "+=", "-=", "*=",
  "/=", "%=", "&=", "|=", "^=", "@=", ":=", NULL
};

static void
next_token (Parser *p)
{
  const char *s = p->src;
  Token *t = &p->tok;

  if (p->failed)
    {
      t->type = T_END;
      return;
    }

  while (s[p->pos] == ' ' || s[p->pos] == '\t' || s[p->pos] == '\f'
         || s[p->pos] == '\n' || s[p->pos] == '\r'
         || (s[p->pos] == '\\' && s[p->pos + 1] == '\n'))
    p->pos += s[p->pos] == '\\' ? 2 : 1;

  memset (t, 0, sizeof *t);
  t->col = (gint) p->pos + 1;

  if (s[p->pos] == '\0')
    {
      t->type = T_END;
      return;
    }

  if (s[p->pos] == '#')
    {
      while (s[p->pos] != '\0' && s[p->pos] != '\n')
        p->pos++;
      next_token (p);
      return;
    }

  if (g_ascii_isalpha (s[p->pos]) || s[p->pos] == '_' || (guchar) s[p->pos] >= 0x80)
    {
      gsize start = p->pos;
      char *name;

      while (g_ascii_isalnum (s[p->pos]) || s[p->pos] == '_' || (guchar) s[p->pos] >= 0x80)
        p->pos++;
      /* String prefixes: b"", r"", f"" ... */
      if ((s[p->pos] == '\'' || s[p->pos] == '"') && p->pos - start <= 2)
        goto string;
      name = g_strndup (s + start, p->pos - start);
      g_ptr_array_add (p->garbage, name);
      t->type = T_NAME;
      t->name = name;
      g_strlcpy (t->text, name, sizeof t->text);
      return;
    }

  if (g_ascii_isdigit (s[p->pos]) || (s[p->pos] == '.' && g_ascii_isdigit (s[p->pos + 1])))
    {
      gsize start = p->pos;
      GString *digits = g_string_new (NULL);
      gboolean is_float = FALSE;
      int base = 10;

      if (s[p->pos] == '0' && strchr ("xXoObB", s[p->pos + 1]) != NULL && s[p->pos + 1] != '\0')
        {
          char b = g_ascii_tolower (s[p->pos + 1]);
          base = b == 'x' ? 16 : b == 'o' ? 8 : 2;
          p->pos += 2;
          while (g_ascii_isxdigit (s[p->pos]) || s[p->pos] == '_')
            {
              if (s[p->pos] != '_')
                g_string_append_c (digits, s[p->pos]);
              p->pos++;
            }
        }
      else
        {
          while (g_ascii_isdigit (s[p->pos]) || s[p->pos] == '_')
            {
              if (s[p->pos] != '_')
                g_string_append_c (digits, s[p->pos]);
              p->pos++;
            }
          if (s[p->pos] == '.')
            {
              is_float = TRUE;
              g_string_append_c (digits, '.');
              p->pos++;
              while (g_ascii_isdigit (s[p->pos]) || s[p->pos] == '_')
                {
                  if (s[p->pos] != '_')
                    g_string_append_c (digits, s[p->pos]);
                  p->pos++;
                }
            }
          if ((s[p->pos] == 'e' || s[p->pos] == 'E')
              && (g_ascii_isdigit (s[p->pos + 1])
                  || ((s[p->pos + 1] == '+' || s[p->pos + 1] == '-')
                      && g_ascii_isdigit (s[p->pos + 2]))))
            {
              is_float = TRUE;
              g_string_append_c (digits, 'e');
              p->pos++;
              if (s[p->pos] == '+' || s[p->pos] == '-')
                g_string_append_c (digits, s[p->pos++]);
              while (g_ascii_isdigit (s[p->pos]))
                g_string_append_c (digits, s[p->pos++]);
            }
        }

      if (s[p->pos] == 'j' || s[p->pos] == 'J')
        {
          p->pos++;
          t->type = T_IMAG;
        }
      else if (g_ascii_isalnum (s[p->pos]) || s[p->pos] == '_')
        {
          g_string_free (digits, TRUE);
          syntax_error (p, (gint) p->pos + 1, "invalid decimal literal");
          t->type = T_END;
          return;
        }
      else if (is_float)
        {
          t->type = T_FLOAT;
          t->fval = g_ascii_strtod (digits->str, NULL);
        }
      else
        {
          guint64 v;

          t->type = T_INT;
          if (digits->len == 0)
            {
              g_string_free (digits, TRUE);
              syntax_error (p, (gint) start + 1, "invalid literal");
              t->type = T_END;
              return;
            }
          errno = 0;
          v = g_ascii_strtoull (digits->str, NULL, base);
          if (errno == ERANGE || v > (guint64) G_MAXINT64)
            t->overflow = TRUE;
          else
            t->ival = (gint64) v;
        }
      g_string_free (digits, TRUE);
      return;
    }

  if (s[p->pos] == '\'' || s[p->pos] == '"')
    {
      char quote;
string:
      quote = s[p->pos++];
      while (s[p->pos] != '\0' && s[p->pos] != quote)
        p->pos += (s[p->pos] == '\\' && s[p->pos + 1] != '\0') ? 2 : 1;
      if (s[p->pos] != quote)
        {
          syntax_error (p, t->col, "unterminated string literal");
          t->type = T_END;
          return;
        }
      p->pos++;
      t->type = T_STRING;
      return;
    }

  for (guint i = 0; three_char_ops[i] != NULL; i++)
    if (strncmp (s + p->pos, three_char_ops[i], 3) == 0)
      {
        t->type = T_OP;
        g_strlcpy (t->text, three_char_ops[i], sizeof t->text);
        p->pos += 3;
        return;
      }
  for (guint i = 0; two_char_ops[i] != NULL; i++)
    if (strncmp (s + p->pos, two_char_ops[i], 2) == 0)
      {
        t->type = T_OP;
        g_strlcpy (t->text, two_char_ops[i], sizeof t->text);
        p->pos += 2;
        return;
      }
  if (strchr ("+-*/%&|^~<>()[]{},.:=@;", s[p->pos]) != NULL)
    {
      t->type = T_OP;
      t->text[0] = s[p->pos++];
      if (strchr ("([{", t->text[0]) != NULL)
        p->depth++;
      else if (strchr (")]}", t->text[0]) != NULL)
        p->depth--;
      return;
    }

  {
    char *msg = g_strdup_printf ("invalid character '%c'", s[p->pos]);
    syntax_error (p, t->col, msg);
    g_free (msg);
    t->type = T_END;
  }
}

static gboolean
tok_is (Parser     *p,
        const char *op)
{
  return p->tok.type == T_OP && strcmp (p->tok.text, op) == 0;
}

static gboolean
tok_is_kw (Parser     *p,
           const char *kw)
{
  return p->tok.type == T_NAME && strcmp (p->tok.name, kw) == 0;
}

static gboolean
is_keyword (const char *name)
{
  static const char *kws[] = {
    "and", "as", "assert", "async", "await", "break", "class", "continue",
    "def", "del", "elif", "else", "except", "finally", "for", "from",
    "global", "if", "import", "in", "is", "lambda", "nonlocal", "not", "or",
    "pass", "raise", "return", "try", "while", "with", "yield", NULL
  };
  for (guint i = 0; kws[i] != NULL; i++)
    if (strcmp (name, kws[i]) == 0)
      return TRUE;
  return FALSE;
}

/* --- syntax tree ------------------------------------------------------- */


static NeSyn *
syn_new (Parser    *p,
         NeSynType  type,
         gint       col)
{
  NeSyn *s = g_new0 (NeSyn, 1);

  s->type = type;
  s->col = col;
  g_ptr_array_add (p->garbage, s);
  return s;
}

static GPtrArray *
syn_array (Parser *p)
{
  GPtrArray *a = g_ptr_array_new ();

  g_ptr_array_add (p->arrays, a);
  return a;
}

static NeSyn *parse_test (Parser *p);

static gboolean
expect (Parser     *p,
        const char *op)
{
  if (p->failed)
    return FALSE;
  if (!tok_is (p, op))
    {
      if (p->tok.type == T_END && (strcmp (op, ")") == 0 || strcmp (op, "]") == 0))
        {
          char *msg = g_strdup_printf ("'%s' was never closed",
                                       strcmp (op, ")") == 0 ? "(" : "[");
          syntax_error (p, p->tok.col, msg);
          g_free (msg);
        }
      else
        syntax_error (p, p->tok.col, "invalid syntax");
      return FALSE;
    }
  next_token (p);
  return TRUE;
}

/* Parses "test (',' test)* [',']" inside brackets into @into. */
static void
parse_list_items (Parser     *p,
                  GPtrArray  *into,
                  const char *close,
                  gboolean   *had_comma)
{
  *had_comma = FALSE;
  while (!p->failed && !tok_is (p, close))
    {
      NeSyn *item = parse_test (p);

      if (item == NULL)
        return;
      g_ptr_array_add (into, item);
      if (tok_is (p, ","))
        {
          *had_comma = TRUE;
          next_token (p);
        }
      else
        break;
    }
}

static NeSyn *
parse_atom (Parser *p)
{
  Token t = p->tok;
  NeSyn *s;

  if (p->failed)
    return NULL;

  switch (t.type)
    {
    case T_NAME:
      if (is_keyword (t.name) && strcmp (t.name, "lambda") != 0
          && strcmp (t.name, "await") != 0)
        {
          syntax_error (p, t.col, "invalid syntax");
          return NULL;
        }
      if (strcmp (t.name, "lambda") == 0)
        {
          /* Parse "lambda [args]: test" only to report it, as Python would
           * compile it and numexpr would then reject the function object. */
          s = syn_new (p, NE_SYN_LAMBDA, t.col);
          next_token (p);
          while (!p->failed && !tok_is (p, ":") && p->tok.type != T_END)
            next_token (p);
          if (!expect (p, ":"))
            return NULL;
          s->kids[0] = parse_test (p);
          return s->kids[0] != NULL ? s : NULL;
        }
      s = syn_new (p, NE_SYN_NAME, t.col);
      s->name = t.name;
      next_token (p);
      return s;

    case T_INT:
      s = syn_new (p, NE_SYN_INT, t.col);
      s->ival = t.ival;
      s->overflow = t.overflow;
      next_token (p);
      return s;

    case T_FLOAT:
      s = syn_new (p, NE_SYN_FLOAT, t.col);
      s->fval = t.fval;
      next_token (p);
      return s;

    case T_IMAG:
      s = syn_new (p, NE_SYN_IMAG, t.col);
      next_token (p);
      return s;

    case T_STRING:
      s = syn_new (p, NE_SYN_STRING, t.col);
      next_token (p);
      while (p->tok.type == T_STRING)   /* implicit concatenation */
        next_token (p);
      return s;

    case T_OP:
      if (tok_is (p, "("))
        {
          gboolean comma;

          next_token (p);
          s = syn_new (p, NE_SYN_TUPLE, t.col);
          s->args = syn_array (p);
          parse_list_items (p, s->args, ")", &comma);
          if (!expect (p, ")"))
            return NULL;
          if (s->args->len == 1 && !comma)
            return g_ptr_array_index (s->args, 0);
          return s;
        }
      if (tok_is (p, "["))
        {
          gboolean comma;

          next_token (p);
          s = syn_new (p, NE_SYN_LIST, t.col);
          s->args = syn_array (p);
          parse_list_items (p, s->args, "]", &comma);
          if (!expect (p, "]"))
            return NULL;
          return s;
        }
      break;

    case T_END:
    default:
      break;
    }

  syntax_error (p, t.col, "invalid syntax");
  return NULL;
}

static NeSyn *
parse_primary (Parser *p)
{
  NeSyn *s = parse_atom (p);

  while (s != NULL && !p->failed)
    {
      gint col = p->tok.col;

      if (tok_is (p, "("))
        {
          NeSyn *call = syn_new (p, NE_SYN_CALL, col);

          call->kids[0] = s;
          call->args = syn_array (p);
          call->kwnames = syn_array (p);
          next_token (p);
          while (!p->failed && !tok_is (p, ")"))
            {
              const char *kw = NULL;
              NeSyn *arg;

              if (p->tok.type == T_NAME && !is_keyword (p->tok.name))
                {
                  /* Look ahead for "name =" (but not "name =="). */
                  gsize save_pos = p->pos;
                  gint save_depth = p->depth;
                  Token save = p->tok;

                  next_token (p);
                  if (tok_is (p, "="))
                    {
                      kw = save.name;
                      next_token (p);
                    }
                  else
                    {
                      p->pos = save_pos;
                      p->depth = save_depth;
                      p->tok = save;
                    }
                }
              else if (tok_is (p, "*") || tok_is (p, "**"))
                next_token (p);   /* *args / **kwargs: accepted syntax */
              arg = parse_test (p);
              if (arg == NULL)
                return NULL;
              if (kw == NULL && call->kwnames->len > 0
                  && g_ptr_array_index (call->kwnames, call->kwnames->len - 1) != NULL)
                {
                  syntax_error (p, arg->col,
                                "positional argument follows keyword argument");
                  return NULL;
                }
              g_ptr_array_add (call->args, arg);
              g_ptr_array_add (call->kwnames, (gpointer) kw);
              if (tok_is (p, ","))
                next_token (p);
              else
                break;
            }
          if (!expect (p, ")"))
            return NULL;
          s = call;
        }
      else if (tok_is (p, "["))
        {
          NeSyn *sub = syn_new (p, NE_SYN_SUBSCRIPT, col);
          gboolean comma;

          sub->kids[0] = s;
          sub->args = syn_array (p);
          next_token (p);
          /* Accept slices syntactically: skip ':' between items. */
          while (!p->failed && !tok_is (p, "]"))
            {
              if (tok_is (p, ":"))
                {
                  next_token (p);
                  continue;
                }
              parse_list_items (p, sub->args, "]", &comma);
              if (tok_is (p, ":"))
                continue;
              break;
            }
          if (!expect (p, "]"))
            return NULL;
          s = sub;
        }
      else if (tok_is (p, "."))
        {
          NeSyn *attr = syn_new (p, NE_SYN_ATTRIBUTE, col);

          next_token (p);
          if (p->tok.type != T_NAME || is_keyword (p->tok.name))
            {
              syntax_error (p, p->tok.col, "invalid syntax");
              return NULL;
            }
          attr->kids[0] = s;
          attr->name = p->tok.name;
          next_token (p);
          s = attr;
        }
      else
        break;
    }
  return p->failed ? NULL : s;
}

static NeSyn *parse_factor (Parser *p);

static NeSyn *
parse_power (Parser *p)
{
  NeSyn *base = parse_primary (p);

  if (base != NULL && tok_is (p, "**"))
    {
      NeSyn *s = syn_new (p, NE_SYN_BINOP, p->tok.col);

      next_token (p);
      strcpy (s->op, "**");
      s->kids[0] = base;
      s->kids[1] = parse_factor (p);
      return s->kids[1] != NULL ? s : NULL;
    }
  return base;
}

static NeSyn *parse_factor_inner (Parser *p);

static NeSyn *
parse_factor (Parser *p)
{
  NeSyn *s;

  if (++p->nest > NE_MAX_NESTING)
    {
      syntax_error (p, p->tok.col, "too many nested operators");
      p->nest--;
      return NULL;
    }
  s = parse_factor_inner (p);
  p->nest--;
  return s;
}

static NeSyn *
parse_factor_inner (Parser *p)
{
  if (tok_is (p, "+") || tok_is (p, "-") || tok_is (p, "~"))
    {
      NeSyn *s = syn_new (p, NE_SYN_UNARY, p->tok.col);

      s->op[0] = p->tok.text[0];
      next_token (p);
      s->kids[0] = parse_factor (p);
      return s->kids[0] != NULL ? s : NULL;
    }
  return parse_power (p);
}

typedef NeSyn *(*ParseFunc) (Parser *p);

static NeSyn *
parse_binary_level (Parser      *p,
                    ParseFunc    sub,
                    const char **ops)
{
  NeSyn *left = sub (p);

  while (left != NULL && !p->failed)
    {
      const char *found = NULL;

      for (guint i = 0; ops[i] != NULL; i++)
        if (tok_is (p, ops[i]))
          found = ops[i];
      if (found == NULL)
        break;
      {
        NeSyn *s = syn_new (p, NE_SYN_BINOP, p->tok.col);

        g_strlcpy (s->op, found, sizeof s->op);
        next_token (p);
        s->kids[0] = left;
        s->kids[1] = sub (p);
        if (s->kids[1] == NULL)
          return NULL;
        left = s;
      }
    }
  return p->failed ? NULL : left;
}

static NeSyn *
parse_term (Parser *p)
{
  static const char *ops[] = { "*", "/", "//", "%", "@", NULL };
  return parse_binary_level (p, parse_factor, ops);
}

static NeSyn *
parse_arith (Parser *p)
{
  static const char *ops[] = { "+", "-", NULL };
  return parse_binary_level (p, parse_term, ops);
}

static NeSyn *
parse_shift (Parser *p)
{
  static const char *ops[] = { "<<", ">>", NULL };
  return parse_binary_level (p, parse_arith, ops);
}

static NeSyn *
parse_band (Parser *p)
{
  static const char *ops[] = { "&", NULL };
  return parse_binary_level (p, parse_shift, ops);
}

static NeSyn *
parse_bxor (Parser *p)
{
  static const char *ops[] = { "^", NULL };
  return parse_binary_level (p, parse_band, ops);
}

static NeSyn *
parse_bor (Parser *p)
{
  static const char *ops[] = { "|", NULL };
  return parse_binary_level (p, parse_bxor, ops);
}

static const char *
comparison_op (Parser *p)
{
  static const char *ops[] = { "<", ">", "==", ">=", "<=", "!=", NULL };

  for (guint i = 0; ops[i] != NULL; i++)
    if (tok_is (p, ops[i]))
      return ops[i];
  if (tok_is_kw (p, "in"))
    return "in";
  if (tok_is_kw (p, "is"))
    return "is";
  if (tok_is_kw (p, "not"))
    return "not in";
  return NULL;
}

static NeSyn *
parse_comparison (Parser *p)
{
  NeSyn *first = parse_bor (p);
  NeSyn *s = NULL;

  while (first != NULL && !p->failed)
    {
      const char *op = comparison_op (p);

      if (op == NULL)
        break;
      if (s == NULL)
        {
          s = syn_new (p, NE_SYN_COMPARE, p->tok.col);
          s->args = syn_array (p);
          s->ops = syn_array (p);
          g_ptr_array_add (s->args, first);
        }
      next_token (p);
      if (strcmp (op, "not in") == 0 && !tok_is_kw (p, "in"))
        {
          syntax_error (p, p->tok.col, "invalid syntax");
          return NULL;
        }
      if (strcmp (op, "not in") == 0)
        next_token (p);
      else if (strcmp (op, "is") == 0 && tok_is_kw (p, "not"))
        {
          op = "is not";
          next_token (p);
        }
      g_ptr_array_add (s->ops, (gpointer) op);
      {
        NeSyn *right = parse_bor (p);
        if (right == NULL)
          return NULL;
        g_ptr_array_add (s->args, right);
      }
    }
  if (p->failed)
    return NULL;
  return s != NULL ? s : first;
}

static NeSyn *
parse_not (Parser *p)
{
  if (tok_is_kw (p, "not"))
    {
      NeSyn *s = syn_new (p, NE_SYN_NOT, p->tok.col);

      next_token (p);
      s->kids[0] = parse_not (p);
      return s->kids[0] != NULL ? s : NULL;
    }
  return parse_comparison (p);
}

static NeSyn *
parse_and (Parser *p)
{
  NeSyn *left = parse_not (p);

  while (left != NULL && tok_is_kw (p, "and"))
    {
      NeSyn *s = syn_new (p, NE_SYN_AND, p->tok.col);

      next_token (p);
      s->kids[0] = left;
      s->kids[1] = parse_not (p);
      if (s->kids[1] == NULL)
        return NULL;
      left = s;
    }
  return left;
}

static NeSyn *
parse_or (Parser *p)
{
  NeSyn *left = parse_and (p);

  while (left != NULL && tok_is_kw (p, "or"))
    {
      NeSyn *s = syn_new (p, NE_SYN_OR, p->tok.col);

      next_token (p);
      s->kids[0] = left;
      s->kids[1] = parse_and (p);
      if (s->kids[1] == NULL)
        return NULL;
      left = s;
    }
  return left;
}

static NeSyn *parse_test_inner (Parser *p);

static NeSyn *
parse_test (Parser *p)
{
  NeSyn *s;

  if (++p->nest > NE_MAX_NESTING)
    {
      syntax_error (p, p->tok.col, "too many nested parentheses");
      p->nest--;
      return NULL;
    }
  s = parse_test_inner (p);
  p->nest--;
  return s;
}

static NeSyn *
parse_test_inner (Parser *p)
{
  NeSyn *body;

  if (tok_is_kw (p, "lambda"))
    return parse_atom (p);

  body = parse_or (p);
  if (body != NULL && tok_is_kw (p, "if"))
    {
      NeSyn *s = syn_new (p, NE_SYN_IFEXP, p->tok.col);

      next_token (p);
      s->kids[0] = body;
      s->kids[1] = parse_or (p);
      if (s->kids[1] == NULL)
        return NULL;
      if (!tok_is_kw (p, "else"))
        {
          syntax_error (p, p->tok.col, "expected 'else' after 'if' expression");
          return NULL;
        }
      next_token (p);
      s->kids[2] = parse_test (p);
      return s->kids[2] != NULL ? s : NULL;
    }
  return body;
}

/* The depth of a syntax tree, without recursion. */
static gint
syn_depth (NeSyn *root)
{
  g_autoptr(GArray) stack = g_array_new (FALSE, FALSE, sizeof (gpointer));
  g_autoptr(GArray) depths = g_array_new (FALSE, FALSE, sizeof (gint));
  gint deepest = 0;
  gint one = 1;

  g_array_append_val (stack, root);
  g_array_append_val (depths, one);
  while (stack->len > 0)
    {
      NeSyn *s = g_array_index (stack, NeSyn *, stack->len - 1);
      gint d = g_array_index (depths, gint, depths->len - 1);

      g_array_set_size (stack, stack->len - 1);
      g_array_set_size (depths, depths->len - 1);
      deepest = MAX (deepest, d);
      if (deepest > NE_MAX_NESTING)
        break;
      d++;
      for (guint i = 0; i < G_N_ELEMENTS (s->kids); i++)
        if (s->kids[i] != NULL)
          {
            g_array_append_val (stack, s->kids[i]);
            g_array_append_val (depths, d);
          }
      if (s->args != NULL)
        for (guint i = 0; i < s->args->len; i++)
          {
            NeSyn *kid = g_ptr_array_index (s->args, i);
            g_array_append_val (stack, kid);
            g_array_append_val (depths, d);
          }
    }
  return deepest;
}

/**
 * ne_parse:
 *
 * Parses @expression with Python's expression grammar. Returns the syntax
 * tree (owned by @syntax) or %NULL with a PL_ERROR_SYNTAX error that names
 * the column, or PL_ERROR_RECURSION for trees too deep to walk safely.
 */
NeSyn *
ne_parse (NeSyntax    *syntax,
          const char  *expression,
          GError     **error)
{
  Parser p = { 0 };
  NeSyn *root;

  p.src = expression;
  p.garbage = syntax->garbage;
  p.arrays = syntax->arrays;
  p.error = error;
  next_token (&p);
  root = parse_test (&p);
  if (root != NULL && !p.failed)
    {
      if (tok_is (&p, ","))
        {
          /* "x, y" is a tuple in Python. */
          NeSyn *t = syn_new (&p, NE_SYN_TUPLE, root->col);
          gboolean comma;

          t->args = syn_array (&p);
          g_ptr_array_add (t->args, root);
          next_token (&p);
          parse_list_items (&p, t->args, "", &comma);
          root = t;
        }
      if (!p.failed && p.tok.type != T_END)
        syntax_error (&p, p.tok.col, "invalid syntax");
    }
  else if (!p.failed)
    syntax_error (&p, p.tok.col, "invalid syntax");

  if (p.failed)
    return NULL;
  if (syn_depth (root) > NE_MAX_NESTING)
    {
      g_set_error (error, PL_ERROR, PL_ERROR_RECURSION,
                   "the numexpr expression \"%.40s...\" is nested too deeply "
                   "(more than %d levels): split it into smaller expressions",
                   expression, NE_MAX_NESTING);
      return NULL;
    }
  return root;
}

void
ne_syntax_init (NeSyntax *syntax)
{
  syntax->garbage = g_ptr_array_new_with_free_func (g_free);
  syntax->arrays = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
}

void
ne_syntax_clear (NeSyntax *syntax)
{
  g_clear_pointer (&syntax->garbage, g_ptr_array_unref);
  g_clear_pointer (&syntax->arrays, g_ptr_array_unref);
}
