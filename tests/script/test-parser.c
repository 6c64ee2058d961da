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

static void
test_outline (void)
{
  const char *source =
    "import numpy as np\n"
    "def fun2(x, y, z):\n"
    "    r = ne.evaluate(\"x * y + z\",\n"
    "                    local_dict={\"x\": x, \"y\": y, \"z\": z})\n"
    "    for i in range(\n"
    "            3):\n"
    "        x = x * 2; y = y + 1\n"
    "    else:\n"
    "        pass\n"
    "    if x is None:\n"
    "        pass\n"
    "    elif y:\n"
    "        while z:\n"
    "            z = 0\n"
    "    else:\n"
    "        del z\n"
    "utils.analyze_memory(fun2)\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(PlScript) script = pl_script_parse ("s.py", source, -1, &error);
  const PlScriptFunction *fn;
  const PlScriptOutlineItem *it;
  struct { gint line; guint depth; PlScriptKind kind; const char *text; } want[] = {
    { 3, 0, PL_SCRIPT_KIND_SIMPLE, "r = ne.evaluate(\"x * y + z\",\n                    local_dict={\"x\": x, \"y\": y, \"z\": z})" },
    { 5, 0, PL_SCRIPT_KIND_BLOCK, "for i in range(\n            3):" },
    { 7, 1, PL_SCRIPT_KIND_SIMPLE, "x = x * 2" },
    { 7, 1, PL_SCRIPT_KIND_SIMPLE, "y = y + 1" },
    { 8, 0, PL_SCRIPT_KIND_BLOCK, "else:" },
    { 9, 1, PL_SCRIPT_KIND_SIMPLE, "pass" },
    { 10, 0, PL_SCRIPT_KIND_BLOCK, "if x is None:" },
    { 11, 1, PL_SCRIPT_KIND_SIMPLE, "pass" },
    { 12, 0, PL_SCRIPT_KIND_BLOCK, "elif y:" },
    { 13, 1, PL_SCRIPT_KIND_BLOCK, "while z:" },
    { 14, 2, PL_SCRIPT_KIND_SIMPLE, "z = 0" },
    { 15, 0, PL_SCRIPT_KIND_BLOCK, "else:" },
    { 16, 1, PL_SCRIPT_KIND_SIMPLE, "del z" },
  };

  g_assert_no_error (error);
  fn = pl_script_get_function (script, 0);
  g_assert_cmpstr (fn->header.text, ==, "def fun2(x, y, z):");
  g_assert_cmpint (fn->header.line, ==, 2);
  g_assert_cmpint (fn->header.end_col, ==, 19);
  g_assert_cmpuint (fn->n_outline, ==, G_N_ELEMENTS (want));
  for (guint i = 0; i < G_N_ELEMENTS (want); i++)
    {
      it = &fn->outline[i];
      g_assert_cmpint (it->statement.line, ==, want[i].line);
      g_assert_cmpuint (it->depth, ==, want[i].depth);
      g_assert_cmpint (it->kind, ==, want[i].kind);
      g_assert_cmpstr (it->statement.text, ==, want[i].text);
      g_assert_null (it->error);
    }
  /* A statement over several lines ends on its last line. */
  g_assert_cmpint (fn->outline[0].statement.end_line, ==, 4);
  g_assert_cmpint (fn->outline[0].statement.col, ==, 5);
  g_assert_cmpint (fn->outline[1].statement.end_line, ==, 6);

  /* The module's outline stops at the def's header. */
  g_assert_cmpuint (pl_script_get_n_outline_items (script), ==, 3);
  it = pl_script_get_outline_item (script, 0);
  g_assert_cmpint (it->kind, ==, PL_SCRIPT_KIND_IMPORT);
  g_assert_cmpstr (it->statement.text, ==, "import numpy as np");
  it = pl_script_get_outline_item (script, 1);
  g_assert_cmpint (it->kind, ==, PL_SCRIPT_KIND_DEF);
  g_assert_cmpstr (it->statement.text, ==, "def fun2(x, y, z):");
  it = pl_script_get_outline_item (script, 2);
  g_assert_cmpint (it->kind, ==, PL_SCRIPT_KIND_SIMPLE);
  g_assert_cmpint (it->statement.line, ==, 17);
  g_assert_cmpstr (it->statement.text, ==, "utils.analyze_memory(fun2)");
}

static void
test_partials (void)
{
  const char *source =
    "utils.analyze_memory(\n"
    "    partial(fun1, np.ones(8_000_000),\n"
    "            0.5),\n"
    "    partial(np.random.random, 500_000_0, dtype=np.float64),\n"
    "    main,\n"
    "    partial(f(1), 2),\n"
    "    partial(),\n"
    "    np.ones,\n"
    "    partial(g, *args),\n"
    ")\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(PlScript) script = pl_script_parse ("s.py", source, -1, &error);
  const PlScriptExperiment *ex;
  const PlScriptPartial *part;

  g_assert_no_error (error);
  ex = pl_script_get_experiment (script, 0);
  g_assert_cmpuint (ex->n_pipelines, ==, 7);

  part = &ex->partials[0];
  g_assert_true (part->is_partial);
  g_assert_cmpstr (part->function, ==, "fun1");
  g_assert_cmpuint (part->n_args, ==, 2);
  g_assert_cmpstr (part->args[0].text, ==, "np.ones(8_000_000)");
  g_assert_cmpstr (part->args[1].text, ==, "0.5");
  g_assert_cmpint (part->args[1].line, ==, 3);
  g_assert_cmpuint (part->n_keywords, ==, 0);

  part = &ex->partials[1];
  g_assert_cmpstr (part->function, ==, "np.random.random");
  g_assert_cmpuint (part->n_args, ==, 1);
  g_assert_cmpuint (part->n_keywords, ==, 1);
  g_assert_cmpstr (part->keyword_names[0], ==, "dtype");
  g_assert_cmpstr (part->keyword_values[0].text, ==, "np.float64");

  part = &ex->partials[2];
  g_assert_false (part->is_partial);
  g_assert_cmpstr (part->function, ==, "main");
  g_assert_cmpuint (part->n_args, ==, 0);

  /* Neither form: no function. */
  g_assert_true (ex->partials[3].is_partial);
  g_assert_null (ex->partials[3].function);
  g_assert_true (ex->partials[4].is_partial);
  g_assert_null (ex->partials[4].function);
  g_assert_false (ex->partials[5].is_partial);
  g_assert_null (ex->partials[5].function);
  g_assert_null (ex->partials[6].function);
}

static void
test_comments_in_structure (void)
{
  const char *source =
    "# Section 4\n"
    "def f(x):\n"
    "    # double it\n"
    "    x = x * 2  # in place? no\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(PlScript) script = pl_script_parse ("s.py", source, -1, &error);
  const PlScriptStatement *c;

  g_assert_no_error (error);
  g_assert_cmpuint (pl_script_get_n_comments (script), ==, 3);
  c = pl_script_get_comment (script, 1);
  g_assert_cmpstr (c->text, ==, "# double it");
  g_assert_cmpint (c->line, ==, 3);
  g_assert_cmpint (c->col, ==, 5);
  c = pl_script_get_comment (script, 2);
  g_assert_cmpstr (c->text, ==, "# in place? no");
  g_assert_cmpint (c->line, ==, 4);
  g_assert_cmpint (c->col, ==, 16);
}

static void
test_parse_for_editor (void)
{
  const char *source =
    "def f(x):\n"
    "    y = x +* 2\n"
    "    for i in :\n"
    "        x = (x *\n"
    "             3)\n"
    "    z = 1; w = = 2\n"
    "    return y\n"
    "utils.analyze_memory(partial(f, 1))\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(PlScript) strict = pl_script_parse ("s.py", source, -1, &error);
  g_autoptr(PlScript) script = NULL;
  const PlScriptFunction *fn;
  gint line = 0, col = 0;

  /* The interpreter's parse refuses the script at its first error. */
  g_assert_null (strict);
  g_assert_true (pl_script_error_get_location (error, &line, &col));
  g_assert_cmpint (line, ==, 2);
  g_clear_error (&error);

  script = pl_script_parse_for_editor ("s.py", source, -1, &error);
  g_assert_no_error (error);
  g_assert_nonnull (script);
  g_assert_cmpuint (pl_script_get_n_functions (script), ==, 1);
  g_assert_cmpuint (pl_script_get_n_experiments (script), ==, 1);
  fn = pl_script_get_function (script, 0);
  g_assert_cmpuint (fn->n_outline, ==, 5);

  /* Each broken statement keeps its line, text and error. */
  g_assert_cmpstr (fn->outline[0].statement.text, ==, "y = x +* 2");
  g_assert_cmpstr (fn->outline[0].error, ==, "SyntaxError: invalid syntax");
  g_assert_cmpint (fn->outline[0].error_line, ==, 2);
  g_assert_cmpint (fn->outline[0].error_col, ==, 12);
  g_assert_cmpint (fn->outline[0].kind, ==, PL_SCRIPT_KIND_SIMPLE);

  /* A broken header still has its block under it. */
  g_assert_cmpstr (fn->outline[1].statement.text, ==, "for i in :");
  g_assert_nonnull (fn->outline[1].error);
  g_assert_cmpint (fn->outline[1].kind, ==, PL_SCRIPT_KIND_BLOCK);
  g_assert_cmpstr (fn->outline[2].statement.text, ==, "x = (x *\n             3)");
  g_assert_cmpuint (fn->outline[2].depth, ==, 1);
  g_assert_null (fn->outline[2].error);

  /* One bad statement of a line takes the line. */
  g_assert_cmpstr (fn->outline[3].statement.text, ==, "z = 1; w = = 2");
  g_assert_nonnull (fn->outline[3].error);
  g_assert_cmpint (fn->outline[3].error_col, ==, 16);
  g_assert_cmpstr (fn->outline[4].statement.text, ==, "return y");
  g_assert_null (fn->outline[4].error);

  /* Such a script is never run. */
  g_test_expect_message (NULL, G_LOG_LEVEL_CRITICAL, "*for_editor*");
  g_assert_null (pl_interp_new (script, NULL, NULL));
  g_test_assert_expected_messages ();

  /* Errors no statement can hold fail the parse as they do for the
   * interpreter: brackets, indentation, and statements outside functions. */
  g_assert_null (pl_script_parse_for_editor ("s.py", "def f():\n    x = (1,\n", -1, &error));
  g_assert_error (error, PL_ERROR, PL_ERROR_SYNTAX);
  g_clear_error (&error);
  g_assert_null (pl_script_parse_for_editor ("s.py", "def f():\n    x = 1\n        y = 2\n", -1, &error));
  g_assert_nonnull (strstr (error->message, "IndentationError"));
  g_clear_error (&error);
  g_assert_null (pl_script_parse_for_editor ("s.py", "x = +* 2\n", -1, &error));
  g_assert_nonnull (strstr (error->message, "s.py:1:6: error: SyntaxError"));
  g_clear_error (&error);
}

/* Whatever the text, the editor's parse fails cleanly or gives a structure
 * whose statements lie in the source: the broken-script corpus and the
 * tutorial, each also cut short at every line. */
static void
test_parse_for_editor_corpus (void)
{
  const char *dirs[] = { "corpus", "tutorial" };
  guint n_files = 0;

  for (guint d = 0; d < G_N_ELEMENTS (dirs); d++)
    {
      g_autofree char *path = g_test_build_filename (G_TEST_DIST, "script", dirs[d], NULL);
      g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
      const char *name;

      g_assert_nonnull (dir);
      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *file = NULL;
          g_autofree char *source = NULL;
          gsize length;

          if (!g_str_has_suffix (name, ".py"))
            continue;
          file = g_build_filename (path, name, NULL);
          g_assert_true (g_file_get_contents (file, &source, &length, NULL));
          n_files++;
          for (gsize cut = 0; cut <= length; cut++)
            {
              g_autoptr(GError) error = NULL;
              g_autoptr(PlScript) script = NULL;

              if (cut < length && source[cut] != '\n')
                continue;
              script = pl_script_parse_for_editor (name, source, cut, &error);
              g_assert_true ((script == NULL) != (error == NULL));
              for (guint f = 0; script && f < pl_script_get_n_functions (script); f++)
                {
                  const PlScriptFunction *fn = pl_script_get_function (script, f);

                  for (guint k = 0; k < fn->n_outline; k++)
                    {
                      g_assert_nonnull (strstr (source, fn->outline[k].statement.text));
                      g_assert_cmpint (fn->outline[k].statement.line, >=, fn->header.line);
                    }
                }
            }
        }
    }
  g_assert_cmpuint (n_files, >, 100);
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
  g_test_add_func ("/script/parser/outline", test_outline);
  g_test_add_func ("/script/parser/partials", test_partials);
  g_test_add_func ("/script/parser/comments", test_comments_in_structure);
  g_test_add_func ("/script/parser/parse-for-editor", test_parse_for_editor);
  g_test_add_func ("/script/parser/parse-for-editor-corpus", test_parse_for_editor_corpus);
  return g_test_run ();
}
