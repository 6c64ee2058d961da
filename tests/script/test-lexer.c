/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "engine/pl-error.h"
#include "script/pl-lexer.h"

static GArray *
lex_ok (const char *source)
{
  g_autoptr(GError) error = NULL;
  GArray *tokens = pl_lex (source, strlen (source), NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (tokens);
  return tokens;
}

#define TOKEN(t, i) (&g_array_index ((t), PlToken, (i)))

static void
test_numbers (void)
{
  GArray *t = lex_ok ("1_000_000 .002 1e-3 0x1F 0o17 0b101 8_000_000.5 7 1E3 9223372036854775808\n");

  g_assert_cmpint (TOKEN (t, 0)->kind, ==, PL_TOK_INT);
  g_assert_cmpint (TOKEN (t, 0)->ival, ==, 1000000);
  g_assert_cmpint (TOKEN (t, 1)->kind, ==, PL_TOK_FLOAT);
  g_assert_cmpfloat (TOKEN (t, 1)->fval, ==, .002);
  g_assert_cmpfloat (TOKEN (t, 2)->fval, ==, 1e-3);
  g_assert_cmpint (TOKEN (t, 3)->ival, ==, 31);
  g_assert_cmpint (TOKEN (t, 4)->ival, ==, 15);
  g_assert_cmpint (TOKEN (t, 5)->ival, ==, 5);
  g_assert_cmpfloat (TOKEN (t, 6)->fval, ==, 8000000.5);
  g_assert_cmpint (TOKEN (t, 7)->ival, ==, 7);
  g_assert_cmpint (TOKEN (t, 8)->kind, ==, PL_TOK_FLOAT);
  g_assert_cmpfloat (TOKEN (t, 8)->fval, ==, 1000);
  g_assert_true (TOKEN (t, 9)->int_overflow);
  g_assert_cmpint (TOKEN (t, 10)->kind, ==, PL_TOK_NEWLINE);
  g_assert_cmpint (TOKEN (t, 11)->kind, ==, PL_TOK_EOF);
  pl_tokens_free (t);
}

static void
test_strings (void)
{
  GArray *t = lex_ok ("'a\\tb' \"it's\" r'\\n' '''x\ny''' 'caf\\u00e9' 'GB:'\n");

  g_assert_cmpstr (TOKEN (t, 0)->text, ==, "a\tb");
  g_assert_cmpstr (TOKEN (t, 1)->text, ==, "it's");
  g_assert_cmpstr (TOKEN (t, 2)->text, ==, "\\n");
  g_assert_cmpstr (TOKEN (t, 3)->text, ==, "x\ny");
  g_assert_cmpint (TOKEN (t, 3)->line, ==, 1);
  g_assert_cmpstr (TOKEN (t, 4)->text, ==, "caf\xc3\xa9");
  /* The token after a multi-line string is on line 2. */
  g_assert_cmpint (TOKEN (t, 5)->line, ==, 2);
  g_assert_cmpint (TOKEN (t, 5)->col, ==, 18);
  pl_tokens_free (t);
}

static void
test_layout (void)
{
  /* INDENT/DEDENT, no NEWLINE inside brackets, comments and blank lines
   * skipped, a trailing ';' is an operator, backslash continuation. */
  GArray *t = lex_ok ("def f(x,\n      y):  # c\n\n    return x + \\\n y;\nz = 1");
  static const PlTokenKind kinds[] = {
    PL_TOK_NAME, PL_TOK_NAME, PL_TOK_OP, PL_TOK_NAME, PL_TOK_OP, PL_TOK_NAME, PL_TOK_OP, PL_TOK_OP,
    PL_TOK_NEWLINE, PL_TOK_INDENT, PL_TOK_NAME, PL_TOK_NAME, PL_TOK_OP, PL_TOK_NAME, PL_TOK_OP,
    PL_TOK_NEWLINE, PL_TOK_DEDENT, PL_TOK_NAME, PL_TOK_OP, PL_TOK_INT, PL_TOK_NEWLINE, PL_TOK_EOF,
  };

  g_assert_cmpuint (t->len, ==, G_N_ELEMENTS (kinds));
  for (guint i = 0; i < t->len; i++)
    g_assert_cmpint (TOKEN (t, i)->kind, ==, kinds[i]);
  g_assert_cmpint (TOKEN (t, 10)->line, ==, 4);
  g_assert_cmpint (TOKEN (t, 10)->col, ==, 5);
  g_assert_cmpint (TOKEN (t, 13)->line, ==, 5);
  g_assert_cmpint (TOKEN (t, 14)->op, ==, PL_OP_SEMI);
  g_assert_cmpstr (pl_op_to_string (TOKEN (t, 18)->op), ==, "=");
  pl_tokens_free (t);
}

static void
test_operators (void)
{
  GArray *t = lex_ok ("a **= b // c ** d != e <= f >> g -> h := i @ j\n");
  static const PlOp ops[] = {
    PL_OP_DSTAREQ, PL_OP_DSLASH, PL_OP_DSTAR, PL_OP_NOTEQ, PL_OP_LESSEQ, PL_OP_RSHIFT,
    PL_OP_ARROW, PL_OP_WALRUS, PL_OP_AT,
  };

  for (guint i = 0; i < G_N_ELEMENTS (ops); i++)
    g_assert_cmpint (TOKEN (t, 2 * i + 1)->op, ==, ops[i]);
  pl_tokens_free (t);
}

static void
test_fstring (void)
{
  /* f-strings keep their raw body; the parser splits it. */
  GArray *t = lex_ok ("x = f'a{b!r:>{w}}\\n' rf\"{c}\"\n");

  g_assert_true (TOKEN (t, 2)->fstring);
  g_assert_false (TOKEN (t, 2)->raw);
  g_assert_cmpstr (TOKEN (t, 2)->text, ==, "a{b!r:>{w}}\\n");
  g_assert_cmpint (TOKEN (t, 2)->body_col, ==, 7);
  g_assert_true (TOKEN (t, 3)->fstring);
  g_assert_true (TOKEN (t, 3)->raw);
  g_assert_cmpstr (TOKEN (t, 3)->text, ==, "{c}");
  pl_tokens_free (t);
}

static void
test_columns_utf8 (void)
{
  /* Columns count characters, not bytes. */
  GArray *t = lex_ok ("s = 'µs' + x\n");

  g_assert_cmpint (TOKEN (t, 4)->col, ==, 12);
  pl_tokens_free (t);
}

static void
test_errors (void)
{
  static const struct { const char *source; gint line, col; const char *message; } cases[] = {
    { "x = 'abc\n", 1, 5, "unterminated string literal (detected at line 1)" },
    { "x = (1,\n2\n", 1, 5, "'(' was never closed" },
    { "x = 1)\n", 1, 6, "unmatched ')'" },
    { "if x:\n        a\n    b\n", 3, 5, "unindent does not match any outer indentation level" },
    { "x = 1 ? 2\n", 1, 7, "invalid character '?' (U+003F)" },
    { "x = 0777\n", 1, 5, "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers" },
    { "x = 1__0\n", 1, 5, "invalid decimal literal" },
    { "x = 1 \\ y\n", 1, 7, "unexpected character after line continuation character" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      gint line = 0, col = 0;
      GArray *t = pl_lex (cases[i].source, strlen (cases[i].source), &line, &col, &error);

      g_assert_null (t);
      g_assert_error (error, PL_ERROR, PL_ERROR_SYNTAX);
      g_assert_cmpstr (error->message, ==, cases[i].message);
      g_assert_cmpint (line, ==, cases[i].line);
      g_assert_cmpint (col, ==, cases[i].col);
    }
}

static void
test_limits (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) deep = g_string_new ("x = ");
  GArray *t;

  for (int i = 0; i < 300; i++)
    g_string_append_c (deep, '[');
  t = pl_lex (deep->str, deep->len, NULL, NULL, &error);
  g_assert_null (t);
  g_assert_error (error, PL_ERROR, PL_ERROR_SYNTAX);
  g_assert_cmpstr (error->message, ==, "too many nested parentheses");
}

static void
test_comments (void)
{
  const char *source =
    "# top\n"
    "x = f(1,  # one\n"
    "      2)\n"
    "    # indented, after a statement\n"
    "s = '# not a comment'  # é\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) comments = g_array_new (FALSE, TRUE, sizeof (PlToken));
  GArray *t = pl_lex_full (source, strlen (source), comments, NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (t);
  /* The tokens are those pl_lex() gives: no comment among them. */
  for (guint i = 0; i < t->len; i++)
    g_assert_cmpint (TOKEN (t, i)->kind, !=, PL_TOK_COMMENT);
  pl_tokens_free (t);

  g_assert_cmpuint (comments->len, ==, 4);
  g_assert_cmpint (TOKEN (comments, 0)->kind, ==, PL_TOK_COMMENT);
  g_assert_cmpstr (TOKEN (comments, 0)->text, ==, "# top");
  g_assert_cmpint (TOKEN (comments, 0)->line, ==, 1);
  g_assert_cmpint (TOKEN (comments, 0)->col, ==, 1);
  g_assert_cmpint (TOKEN (comments, 0)->end_col, ==, 6);
  /* Inside brackets too. */
  g_assert_cmpstr (TOKEN (comments, 1)->text, ==, "# one");
  g_assert_cmpint (TOKEN (comments, 1)->line, ==, 2);
  g_assert_cmpint (TOKEN (comments, 1)->col, ==, 11);
  g_assert_cmpstr (TOKEN (comments, 2)->text, ==, "# indented, after a statement");
  g_assert_cmpint (TOKEN (comments, 2)->line, ==, 4);
  g_assert_cmpint (TOKEN (comments, 2)->col, ==, 5);
  /* Columns count characters, not bytes. */
  g_assert_cmpstr (TOKEN (comments, 3)->text, ==, "# é");
  g_assert_cmpint (TOKEN (comments, 3)->col, ==, 24);
  g_assert_cmpint (TOKEN (comments, 3)->end_col, ==, 27);
  for (guint i = 0; i < comments->len; i++)
    g_free (TOKEN (comments, i)->text);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/script/lexer/numbers", test_numbers);
  g_test_add_func ("/script/lexer/strings", test_strings);
  g_test_add_func ("/script/lexer/layout", test_layout);
  g_test_add_func ("/script/lexer/operators", test_operators);
  g_test_add_func ("/script/lexer/fstring", test_fstring);
  g_test_add_func ("/script/lexer/columns-utf8", test_columns_utf8);
  g_test_add_func ("/script/lexer/errors", test_errors);
  g_test_add_func ("/script/lexer/limits", test_limits);
  g_test_add_func ("/script/lexer/comments", test_comments);
  return g_test_run ();
}
