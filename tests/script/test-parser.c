/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "engine/pl-error.h"
#include "script/pl-parser.h"
#include "script/pl-script.h"

static PlNode *
parse_ok (PlArena    *arena,
          const char *source)
{
  g_autoptr(GError) error = NULL;
  gint line = 0, col = 0;
  const char *kind = NULL;
  PlNode *module = pl_parse_module (arena, source, strlen (source), &line, &col, &kind, &error);

  g_assert_no_error (error);
  g_assert_nonnull (module);
  return module;
}

static void
test_precedence (void)
{
  PlArena *arena = pl_arena_new ();
  /* x = x * 2 * 3 * 4 + 1 is ((((x * 2) * 3) * 4) + 1): the left operand
   * of each operator is the previous temporary, which is what elision needs. */
  PlNode *m = parse_ok (arena, "x = x * 2 * 3 * 4 + 1\ny = -a ** 2\nz = a < b < c and not d or e\n");
  PlNode *v = m->body[0]->a;

  g_assert_cmpint (m->n_body, ==, 3);
  g_assert_cmpint (m->body[0]->kind, ==, PL_NODE_ASSIGN);
  g_assert_cmpint (v->kind, ==, PL_NODE_BINOP);
  g_assert_cmpint (v->op, ==, PL_BIN_ADD);
  g_assert_cmpint (v->a->op, ==, PL_BIN_MUL);
  g_assert_cmpint (v->a->a->op, ==, PL_BIN_MUL);
  g_assert_cmpint (v->a->a->a->op, ==, PL_BIN_MUL);
  g_assert_cmpint (v->a->a->a->a->kind, ==, PL_NODE_NAME);
  /* -a ** 2 is -(a ** 2). */
  v = m->body[1]->a;
  g_assert_cmpint (v->kind, ==, PL_NODE_UNARY);
  g_assert_cmpint (v->a->op, ==, PL_BIN_POW);
  /* (a < b < c and not d) or e; the comparison is chained. */
  v = m->body[2]->a;
  g_assert_cmpint (v->kind, ==, PL_NODE_OR);
  g_assert_cmpint (v->a->kind, ==, PL_NODE_AND);
  g_assert_cmpint (v->a->a->kind, ==, PL_NODE_COMPARE);
  g_assert_cmpuint (v->a->a->n_items, ==, 2);
  g_assert_cmpint (v->a->b->kind, ==, PL_NODE_NOT);
  pl_arena_free (arena);
}

static void
test_subscripts_and_calls (void)
{
  PlArena *arena = pl_arena_new ();
  PlNode *m = parse_ok (arena,
                        "x = big_array[:, ::2]\n"
                        "utils.analyze_memory(\n"
                        "    partial(np.ones, 1_000_000, dtype=np.float64),\n"
                        ");\n");
  PlNode *sub = m->body[0]->a, *call;

  g_assert_cmpint (sub->kind, ==, PL_NODE_SUBSCRIPT);
  g_assert_cmpint (sub->b->kind, ==, PL_NODE_TUPLE);
  g_assert_cmpuint (sub->b->n_items, ==, 2);
  g_assert_cmpint (sub->b->items[0]->kind, ==, PL_NODE_SLICE);
  g_assert_null (sub->b->items[1]->a);
  g_assert_null (sub->b->items[1]->b);
  g_assert_cmpint (sub->b->items[1]->c->ival, ==, 2);

  call = m->body[1]->a;
  g_assert_cmpint (m->body[1]->line, ==, 2);
  g_assert_cmpint (call->kind, ==, PL_NODE_CALL);
  g_assert_cmpuint (call->n_items, ==, 1);
  g_assert_cmpuint (call->items[0]->n_items, ==, 2);
  g_assert_cmpuint (call->items[0]->n_items2, ==, 1);
  g_assert_cmpstr (call->items[0]->items2[0]->str, ==, "dtype");
  g_assert_cmpint (call->items[0]->items[1]->ival, ==, 1000000);
  pl_arena_free (arena);
}

static void
test_scopes (void)
{
  PlArena *arena = pl_arena_new ();
  PlNode *m = parse_ok (arena,
                        "def f(x, n=3):\n"
                        "    global g\n"
                        "    for _ in range(n):\n"
                        "        x = x * 2\n"
                        "    g = 1\n"
                        "    del y\n"
                        "    return np\n");
  PlNode *def = m->body[0];

  g_assert_cmpint (def->kind, ==, PL_NODE_DEF);
  g_assert_cmpuint (def->n_locals, ==, 4);
  g_assert_cmpstr (def->locals[0], ==, "x");
  g_assert_cmpstr (def->locals[1], ==, "n");
  g_assert_cmpstr (def->locals[2], ==, "_");
  g_assert_cmpstr (def->locals[3], ==, "y");
  /* range and np are globals, x a local. */
  g_assert_cmpint (def->body[1]->b->a->slot, ==, -1);
  g_assert_cmpint (def->body[1]->b->items[0]->slot, ==, 1);
  g_assert_cmpint (def->body[1]->body[0]->a->a->slot, ==, 0);
  g_assert_cmpint (def->body[2]->items[0]->slot, ==, -1);
  g_assert_cmpint (def->body[4]->a->slot, ==, -1);
  pl_arena_free (arena);
}

static void
test_errors (void)
{
  static const struct { const char *source; gint line, col; const char *kind; const char *message; } cases[] = {
    { "def f(x)\n    pass\n", 1, 9, "SyntaxError", "expected ':'" },
    { "def f():\nreturn 1\n", 2, 1, "IndentationError", "expected an indented block after function definition on line 1" },
    { "x = 1\n  y = 2\n", 2, 3, "IndentationError", "unexpected indent" },
    { "f() = 3\n", 1, 1, "SyntaxError", "cannot assign to function call here. Maybe you meant '==' instead of '='?" },
    { "a, b += 1\n", 1, 1, "SyntaxError", "'tuple' is an illegal expression for augmented assignment" },
    { "def f(a=1, b):\n    pass\n", 1, 12, "SyntaxError", "non-default argument follows default argument" },
    { "print(end='', 1)\n", 1, 15, "SyntaxError", "positional argument follows keyword argument" },
    { "class A:\n    pass\n", 1, 1, "SyntaxError", "'class' statements are not supported by Peakline's Python subset" },
    { "x = 1 +\n", 1, 8, "SyntaxError", "invalid syntax" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      PlArena *arena = pl_arena_new ();
      g_autoptr(GError) error = NULL;
      gint line = 0, col = 0;
      const char *kind = NULL;
      PlNode *m = pl_parse_module (arena, cases[i].source, strlen (cases[i].source), &line, &col, &kind, &error);

      g_assert_null (m);
      g_assert_error (error, PL_ERROR, PL_ERROR_SYNTAX);
      g_assert_cmpstr (error->message, ==, cases[i].message);
      g_assert_cmpstr (kind, ==, cases[i].kind);
      g_assert_cmpint (line, ==, cases[i].line);
      g_assert_cmpint (col, ==, cases[i].col);
      pl_arena_free (arena);
    }
}

static void
test_depth_limit (void)
{
  g_autoptr(GString) s = g_string_new ("x = 1");
  g_autoptr(GError) error = NULL;
  PlArena *arena = pl_arena_new ();
  gint line, col;
  const char *kind;

  for (int i = 0; i < PL_PARSER_MAX_DEPTH + 10; i++)
    g_string_append (s, " + 1");
  g_assert_null (pl_parse_module (arena, s->str, s->len, &line, &col, &kind, &error));
  g_assert_error (error, PL_ERROR, PL_ERROR_SYNTAX);
  pl_arena_free (arena);
}

static void
test_structure (void)
{
  const char *source =
    "import numpy as np\n"
    "def fun1(x, threshold=0.5):\n"
    "    x = x[x > threshold]\n"
    "    for i in range(3):\n"
    "        x = x * 2\n"
    "\n"
    "def fun2(x):\n"
    "    pass\n"
    "utils.analyze_memory(\n"
    "    partial(fun1, np.ones(8_000_000)),\n"
    "    fun2, interval=.001)\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(PlScript) script = pl_script_parse ("s.py", source, -1, &error);
  const PlScriptFunction *fn;
  const PlScriptExperiment *ex;

  g_assert_no_error (error);
  g_assert_cmpuint (pl_script_get_n_functions (script), ==, 2);
  fn = pl_script_get_function (script, 0);
  g_assert_cmpstr (fn->name, ==, "fun1");
  g_assert_cmpint (fn->def.line, ==, 2);
  g_assert_cmpint (fn->def.end_line, ==, 5);
  g_assert_cmpuint (fn->n_params, ==, 2);
  g_assert_cmpstr (fn->params[1], ==, "threshold");
  g_assert_null (fn->defaults[0]);
  g_assert_cmpstr (fn->defaults[1], ==, "0.5");
  g_assert_cmpuint (fn->n_statements, ==, 2);
  g_assert_cmpstr (fn->statements[0].text, ==, "x = x[x > threshold]");
  g_assert_cmpint (fn->statements[0].line, ==, 3);
  g_assert_cmpint (fn->statements[0].col, ==, 5);
  g_assert_cmpstr (fn->statements[1].text, ==, "for i in range(3):\n        x = x * 2");
  fn = pl_script_get_function (script, 1);
  g_assert_cmpstr (fn->name, ==, "fun2");
  g_assert_cmpstr (fn->statements[0].text, ==, "pass");

  g_assert_cmpuint (pl_script_get_n_experiments (script), ==, 1);
  ex = pl_script_get_experiment (script, 0);
  g_assert_cmpint (ex->call.line, ==, 9);
  g_assert_cmpint (ex->call.end_line, ==, 11);
  g_assert_cmpuint (ex->n_pipelines, ==, 2);
  g_assert_cmpstr (ex->pipelines[0].text, ==, "partial(fun1, np.ones(8_000_000))");
  g_assert_cmpstr (ex->pipelines[1].text, ==, "fun2");
  g_assert_cmpuint (ex->n_keywords, ==, 1);
  g_assert_cmpstr (ex->keyword_names[0], ==, "interval");
  g_assert_cmpstr (ex->keyword_values[0].text, ==, ".001");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/script/parser/precedence", test_precedence);
  g_test_add_func ("/script/parser/subscripts-and-calls", test_subscripts_and_calls);
  g_test_add_func ("/script/parser/scopes", test_scopes);
  g_test_add_func ("/script/parser/errors", test_errors);
  g_test_add_func ("/script/parser/depth-limit", test_depth_limit);
  g_test_add_func ("/script/parser/structure", test_structure);
  return g_test_run ();
}
