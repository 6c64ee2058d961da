/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "engine/pl-error.h"
#include "app/pl-code.h"
#include "app/pl-document.h"

static const char section4[] =
  "def fun1(x):\n"
  "    x = x * 2\n"
  "\n"
  "def fun2(x):\n"
  "    x *= 2\n"
  "\n"
  "utils.analyze_memory(\n"
  "    partial(fun1, np.ones(8_000_000)),\n"
  "    partial(fun2, np.ones(8_000_000))\n"
  ")\n";

static void
append_code (PlPipeline *pipeline,
             const char *code,
             guint       indent)
{
  g_autoptr(PlStep) step = pl_step_new (code, indent);

  pl_pipeline_append_step (pipeline, step);
}

static void
test_code_helpers (void)
{
  g_auto(GStrv) pieces = NULL;
  g_auto(GStrv) idents = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  g_autofree char *c = NULL;
  g_autofree char *d = NULL;

  pieces = pl_code_split_top_level ("np.ones((3, 4)), 'a,b', x=[1, 2]", ',');
  g_assert_cmpuint (g_strv_length (pieces), ==, 3);
  g_assert_cmpstr (pieces[0], ==, "np.ones((3, 4))");
  g_assert_cmpstr (pieces[1], ==, "'a,b'");
  g_assert_cmpstr (pieces[2], ==, "x=[1, 2]");
  g_assert_null (pl_code_split_top_level ("np.ones((3, 4)", ','));
  g_assert_null (pl_code_split_top_level ("'open", ','));

  g_assert_true (pl_code_is_identifier ("data2", -1));
  g_assert_false (pl_code_is_identifier ("2data", -1));
  g_assert_false (pl_code_is_identifier ("", -1));

  g_assert_true (pl_code_check_statement ("x = x * 2", NULL));
  g_assert_true (pl_code_check_statement ("for _ in range(3):", NULL));
  g_assert_true (pl_code_check_statement ("ne.evaluate(\"x * 2 + 3\")", NULL));
  g_assert_true (pl_code_check_statement ("# a note", NULL));
  g_assert_false (pl_code_check_statement ("x = np.ones(8_000_000", &error));
  g_assert_error (error, PL_ERROR, PL_ERROR_SYNTAX);
  g_assert_nonnull (strstr (error->message, "("));
  g_clear_error (&error);
  g_assert_false (pl_code_check_statement ("x = x *", &error));
  g_clear_error (&error);
  g_assert_false (pl_code_check_statement ("x = 1:", &error));
  g_clear_error (&error);
  g_assert_false (pl_code_check_statement ("for _ in range(3)", &error));
  g_clear_error (&error);
  g_assert_false (pl_code_check_statement ("   ", &error));
  g_clear_error (&error);
  g_assert_false (pl_code_check_statement ("def f():", &error));
  g_clear_error (&error);
  g_assert_false (pl_code_check_statement ("x = (1]", &error));
  g_clear_error (&error);
  g_assert_false (pl_code_check_statement ("= 3", &error));
  g_clear_error (&error);

  g_assert_true (pl_code_opens_block ("for _ in range(n):"));
  g_assert_false (pl_code_opens_block ("x = x[:, ::2]"));

  a = pl_code_dup_assigned_name ("data = np.ones(3)");
  b = pl_code_dup_assigned_name ("x *= 2");
  c = pl_code_dup_assigned_name ("for i in range(3):");
  d = pl_code_dup_assigned_name ("x == 2");
  g_assert_cmpstr (a, ==, "data");
  g_assert_cmpstr (b, ==, "x");
  g_assert_cmpstr (c, ==, "i");
  g_assert_null (d);

  idents = pl_code_dup_identifiers ("y = np.ones(1_000_000) + 'zz' # w");
  g_assert_cmpuint (g_strv_length (idents), ==, 3);
  g_assert_cmpstr (idents[0], ==, "y");
  g_assert_cmpstr (idents[1], ==, "np");
  g_assert_cmpstr (idents[2], ==, "ones");
}

/* Steps over several lines: comments end at the line's end, not the
 * statement's; a line break outside brackets starts another statement. */
static void
test_code_multi_line (void)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) idents = NULL;
  g_auto(GStrv) pieces = NULL;

  g_assert_true (pl_code_check_statement ("r = ne.evaluate(\"x * y + z\",\n"
                                          "                local_dict={\"x\": x, \"y\": y, \"z\": z})", NULL));
  g_assert_true (pl_code_check_statement ("m = np.where(x > 0.5,  # the mask\n             x, 0)", NULL));
  g_assert_true (pl_code_check_statement ("x = 1 + \\\n    2", NULL));
  g_assert_true (pl_code_check_statement ("s = 'a\\\nb'", NULL));
  g_assert_true (pl_code_check_statement ("s = '''a\nb'''", NULL));
  g_assert_true (pl_code_check_statement ("for _ in range(\n        3):", NULL));

  /* A quote closes on its own line. */
  g_assert_false (pl_code_check_statement ("s = 'a\nb'", &error));
  g_assert_error (error, PL_ERROR, PL_ERROR_SYNTAX);
  g_clear_error (&error);
  /* Two statements are two steps. */
  g_assert_false (pl_code_check_statement ("x = 1\ny = 2", &error));
  g_assert_error (error, PL_ERROR, PL_ERROR_SYNTAX);
  g_clear_error (&error);
  g_assert_false (pl_code_check_statement ("x = (1 +\n     2", &error));
  g_clear_error (&error);
  g_assert_false (pl_code_check_statement ("x = 1 + \\", &error));
  g_clear_error (&error);

  g_assert_true (pl_code_opens_block ("for _ in range(3):  # three times"));
  g_assert_true (pl_code_opens_block ("for _ in range(\n        3):"));
  g_assert_false (pl_code_opens_block ("x = 1  # for:"));

  idents = pl_code_dup_identifiers ("y = f(a,  # c\n      b)");
  g_assert_cmpuint (g_strv_length (idents), ==, 4);
  g_assert_cmpstr (idents[3], ==, "b");

  pieces = pl_code_split_top_level ("np.ones(3,  # n\n        ), 2", ',');
  g_assert_nonnull (pieces);
  g_assert_cmpuint (g_strv_length (pieces), ==, 2);

  /* Where a broken line goes on: under what follows the open bracket... */
  g_assert_cmpuint (pl_code_continuation_indent ("r = ne.evaluate(\"x * y + z\","), ==, 16);
  g_assert_cmpuint (pl_code_continuation_indent ("m = np.where(x > 0.5, f(1),"), ==, 13);
  g_assert_cmpuint (pl_code_continuation_indent ("m = np.where(\"(\","), ==, 13);
  /* ...four spaces in when nothing follows it... */
  g_assert_cmpuint (pl_code_continuation_indent ("m = np.where(  # the mask"), ==, 4);
  g_assert_cmpuint (pl_code_continuation_indent ("a = [\n    1, 2, ["), ==, 8);
  /* ...else where the broken line starts. */
  g_assert_cmpuint (pl_code_continuation_indent ("x = f(1,\n      2)"), ==, 6);
  g_assert_cmpuint (pl_code_continuation_indent ("x = 1 + \\"), ==, 0);
  g_assert_cmpuint (pl_code_continuation_indent (""), ==, 0);
  g_assert_cmpuint (pl_code_continuation_indent ("s = 'é', (1,"), ==, 10);
}

static void
test_document_default (void)
{
  g_autoptr(PlDocument) doc = pl_document_new ();
  PlPipeline *a;

  g_assert_true (pl_document_get_structured (doc));
  g_assert_cmpuint (pl_document_get_n_pipelines (doc), ==, 1);
  g_assert_false (pl_document_get_compare (doc));
  g_assert_false (pl_document_get_modified (doc));
  g_assert_false (pl_document_get_can_undo (doc));
  a = pl_document_get_pipeline (doc, 0);
  g_assert_cmpstr (pl_pipeline_get_name (a), ==, "fun1");
  g_assert_nonnull (strstr (pl_document_get_text (doc), "def fun1():\n    pass\n"));
  g_assert_nonnull (strstr (pl_document_get_text (doc), "utils.analyze_memory(\n    fun1,\n)\n"));
  g_assert_nonnull (strstr (pl_document_get_text (doc), "import numpy as np\n"));
}

static void
test_document_parse_section4 (void)
{
  g_autoptr(PlDocument) doc = pl_document_new ();
  PlPipeline *a, *b;

  g_assert_true (pl_document_load_text (doc, section4));
  g_assert_true (pl_document_get_structured (doc));
  g_assert_null (pl_document_get_unstructured_reason (doc));
  g_assert_true (pl_document_get_compare (doc));
  g_assert_true (pl_document_get_valid (doc));
  g_assert_false (pl_document_get_modified (doc));

  a = pl_document_get_pipeline (doc, 0);
  b = pl_document_get_pipeline (doc, 1);
  g_assert_cmpstr (pl_pipeline_get_name (a), ==, "fun1");
  g_assert_cmpstr (pl_pipeline_get_name (b), ==, "fun2");
  g_assert_cmpstr (pl_pipeline_get_arguments (a), ==, "x=np.ones(8_000_000)");
  g_assert_cmpuint (pl_pipeline_get_n_steps (a), ==, 1);
  g_assert_cmpstr (pl_step_get_code (pl_pipeline_get_step (a, 0)), ==, "x = x * 2");
  /* The lines are those of the file as written. */
  g_assert_cmpuint (pl_step_get_line (pl_pipeline_get_step (a, 0)), ==, 2);
  g_assert_cmpuint (pl_step_get_line (pl_pipeline_get_step (b, 0)), ==, 5);
  g_assert_true (pl_document_find_step (doc, 5, NULL) == pl_pipeline_get_step (b, 0));
  /* The text stays as loaded until the builders change it. */
  g_assert_cmpstr (pl_document_get_text (doc), ==, section4);
}

static void
test_document_edit (void)
{
  g_autoptr(PlDocument) doc = pl_document_new ();
  g_autoptr(PlStep) s1 = pl_step_new ("x = np.ones(1_000_000)", 0);
  g_autoptr(PlStep) s2 = pl_step_new ("x *= 2", 0);
  g_autofree char *reparsed_text = NULL;
  PlPipeline *a = pl_document_get_pipeline (doc, 0);
  const char *text;
  guint n_lines_before;

  pl_pipeline_append_step (a, s1);
  pl_pipeline_append_step (a, s2);
  text = pl_document_get_text (doc);
  g_assert_nonnull (strstr (text, "def fun1():\n    x = np.ones(1_000_000)\n    x *= 2\n"));
  g_assert_true (pl_document_get_modified (doc));
  g_assert_true (pl_document_get_can_undo (doc));
  g_assert_true (pl_document_get_valid (doc));

  /* The lines the steps were given are those of the text. */
  {
    g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

    g_assert_cmpstr (lines[pl_step_get_line (s1) - 1], ==, "    x = np.ones(1_000_000)");
    g_assert_cmpstr (lines[pl_step_get_line (s2) - 1], ==, "    x *= 2");
    n_lines_before = g_strv_length (lines);
  }

  /* An invalid step makes the document invalid and says why. */
  pl_step_set_code (s2, "x *= (2");
  g_assert_false (pl_document_get_valid (doc));
  g_assert_nonnull (pl_step_get_error (s2));
  pl_step_set_code (s2, "x *= 2");
  g_assert_true (pl_document_get_valid (doc));
  g_assert_null (pl_step_get_error (s2));

  /* What the quick check lets through, the interpreter's parser catches,
   * on the step's own line. */
  pl_step_set_code (s2, "x = x +* 2");
  g_assert_false (pl_document_get_valid (doc));
  g_assert_nonnull (pl_step_get_error (s2));
  g_assert_null (pl_step_get_error (s1));
  pl_step_set_code (s2, "x *= 2");
  g_assert_true (pl_document_get_valid (doc));
  g_assert_null (pl_step_get_error (s2));

  /* The written text reads back to the same pipelines. */
  reparsed_text = g_strdup (pl_document_get_text (doc));
  {
    g_autoptr(PlDocument) other = pl_document_new ();
    PlPipeline *oa;

    g_assert_true (pl_document_load_text (other, reparsed_text));
    oa = pl_document_get_pipeline (other, 0);
    g_assert_cmpuint (pl_pipeline_get_n_steps (oa), ==, 2);
    g_assert_cmpstr (pl_step_get_code (pl_pipeline_get_step (oa, 1)), ==, "x *= 2");
  }

  /* Moving a step is one change. */
  pl_pipeline_move_step (a, 1, 0);
  g_assert_cmpstr (pl_step_get_code (pl_pipeline_get_step (a, 0)), ==, "x *= 2");
  pl_document_undo (doc);
  a = pl_document_get_pipeline (doc, 0);
  g_assert_cmpstr (pl_step_get_code (pl_pipeline_get_step (a, 0)), ==, "x = np.ones(1_000_000)");
  g_assert_true (pl_document_get_can_redo (doc));
  pl_document_redo (doc);
  a = pl_document_get_pipeline (doc, 0);
  g_assert_cmpstr (pl_step_get_code (pl_pipeline_get_step (a, 0)), ==, "x *= 2");

  /* A loop: its body is one level deeper. */
  append_code (a, "for _ in range(3):", 0);
  g_assert_false (pl_document_get_valid (doc));
  {
    g_autoptr(PlStep) body = pl_step_new ("x = x * 2", 1);

    pl_pipeline_append_step (a, body);
  }
  g_assert_true (pl_document_get_valid (doc));
  g_assert_nonnull (strstr (pl_document_get_text (doc), "    for _ in range(3):\n        x = x * 2\n"));
  {
    g_auto(GStrv) lines = g_strsplit (pl_document_get_text (doc), "\n", -1);
    g_assert_cmpuint (g_strv_length (lines), ==, n_lines_before + 2);
  }

  pl_pipeline_remove_step (a, 3);
  g_assert_false (pl_document_get_valid (doc));
}

static void
test_document_undo_merges_typing (void)
{
  g_autoptr(PlDocument) doc = pl_document_new ();
  PlPipeline *a = pl_document_get_pipeline (doc, 0);
  g_autoptr(PlStep) step = pl_step_new ("x = np.ones(1)", 0);

  pl_pipeline_append_step (a, step);
  pl_step_set_code (step, "x = np.ones(10)");
  pl_step_set_code (step, "x = np.ones(100)");
  /* One undo takes back the typing, the next the new step. */
  pl_document_undo (doc);
  a = pl_document_get_pipeline (doc, 0);
  g_assert_cmpuint (pl_pipeline_get_n_steps (a), ==, 1);
  g_assert_cmpstr (pl_step_get_code (pl_pipeline_get_step (a, 0)), ==, "x = np.ones(1)");
  pl_document_undo (doc);
  a = pl_document_get_pipeline (doc, 0);
  g_assert_cmpuint (pl_pipeline_get_n_steps (a), ==, 0);
  g_assert_false (pl_document_get_can_undo (doc));
  g_assert_false (pl_document_get_modified (doc));
}

static void
test_document_compare (void)
{
  g_autoptr(PlDocument) doc = pl_document_new ();
  PlPipeline *a = pl_document_get_pipeline (doc, 0);
  g_autoptr(PlStep) step = pl_step_new ("x *= 2", 0);
  PlPipeline *b;

  pl_pipeline_set_arguments (a, "x=np.ones(8_000_000)");
  pl_pipeline_append_step (a, step);
  pl_document_set_compare (doc, TRUE);
  g_assert_true (pl_document_get_compare (doc));
  b = pl_document_get_pipeline (doc, 1);
  g_assert_cmpstr (pl_pipeline_get_name (b), ==, "fun2");
  g_assert_cmpstr (pl_pipeline_get_arguments (b), ==, "x=np.ones(8_000_000)");
  g_assert_cmpuint (pl_pipeline_get_n_steps (b), ==, 1);
  g_assert_nonnull (strstr (pl_document_get_text (doc),
                            "utils.analyze_memory(\n"
                            "    partial(fun1, np.ones(8_000_000)),\n"
                            "    partial(fun2, np.ones(8_000_000)),\n)\n"));
  g_assert_nonnull (strstr (pl_document_get_text (doc), "def fun2(x):\n    x *= 2\n"));

  /* B is a copy: editing it leaves A alone. */
  pl_step_set_code (pl_pipeline_get_step (b, 0), "x = x * 2");
  g_assert_cmpstr (pl_step_get_code (step), ==, "x *= 2");

  pl_document_set_compare (doc, FALSE);
  g_assert_cmpuint (pl_document_get_n_pipelines (doc), ==, 1);
  g_assert_null (strstr (pl_document_get_text (doc), "fun2"));
}

static void
test_document_numpy_function (void)
{
  g_autoptr(PlDocument) doc = pl_document_new ();
  PlPipeline *a;

  g_assert_true (pl_document_load_text (doc,
    "utils.analyze_memory(\n"
    "    partial(np.ones, 1_000_000, dtype=np.float64),\n"
    "    partial(np.random.random, 500_000_0),\n"
    ");\n"));
  a = pl_document_get_pipeline (doc, 0);
  g_assert_false (pl_pipeline_get_is_function (a));
  g_assert_cmpstr (pl_pipeline_get_name (a), ==, "np.ones");
  g_assert_cmpstr (pl_pipeline_get_arguments (a), ==, "1_000_000, dtype=np.float64");
  g_assert_cmpstr (pl_pipeline_get_name (pl_document_get_pipeline (doc, 1)), ==, "np.random.random");

  pl_pipeline_set_arguments (a, "2_000_000");
  g_assert_nonnull (strstr (pl_document_get_text (doc), "    partial(np.ones, 2_000_000),\n"));
}

static void
test_document_unstructured (void)
{
  g_autoptr(PlDocument) doc = pl_document_new ();
  PlPipeline *a = pl_document_get_pipeline (doc, 0);
  g_autoptr(PlStep) step = pl_step_new ("x = np.zeros(10)", 0);
  const char *reason;

  pl_pipeline_append_step (a, step);
  g_assert_false (pl_document_set_text (doc, "data = np.ones(10)\nprint(data.nbytes)\n"));
  g_assert_false (pl_document_get_structured (doc));
  reason = pl_document_get_unstructured_reason (doc);
  g_assert_nonnull (reason);
  g_assert_nonnull (strstr (reason, "1"));
  /* Nothing is lost from the builders. */
  g_assert_cmpuint (pl_pipeline_get_n_steps (pl_document_get_pipeline (doc, 0)), ==, 1);
  g_assert_null (pl_document_find_step (doc, 1, NULL));

  /* Back to a script the builders show. */
  g_assert_true (pl_document_set_text (doc, section4));
  g_assert_true (pl_document_get_structured (doc));
  g_assert_cmpuint (pl_document_get_n_pipelines (doc), ==, 2);

  /* Scripts the builders cannot show, each for a reason. */
  g_assert_false (pl_document_set_text (doc, "def f(x):\n    x = x *\n    2\nutils.analyze_memory(partial(f, 1))\n"));
  g_assert_false (pl_document_set_text (doc, "def f(x):\n\tx = x * 2\nutils.analyze_memory(partial(f, 1))\n"));
  g_assert_nonnull (strstr (pl_document_get_unstructured_reason (doc), "tabs"));
  g_assert_false (pl_document_set_text (doc, "def f(x):\n    x = 1\nutils.analyze_memory(f, f, f)\n"));
  g_assert_false (pl_document_set_text (doc, "def f(x):\n    x = 1\nutils.analyze_memory(partial(f, x=1))\n"));
  g_assert_false (pl_document_set_text (doc, "def f(x):\n    x = 1\nutils.analyze_memory(partial(f, 1))\nutils.analyze_memory(partial(f, 1))\n"));
  g_assert_nonnull (strstr (pl_document_get_unstructured_reason (doc), "Line 4"));
  g_assert_false (pl_document_set_text (doc, "def f(x):\n    x = x * 2\nutils.analyze_memory(partial(f))\n"));
  g_assert_false (pl_document_set_text (doc, "def f():\n    pass\ndef g():\n    pass\nutils.analyze_memory(f)\n"));
  g_assert_false (pl_document_set_text (doc, "def f():\n    for i in range(3):\n    pass\nutils.analyze_memory(f)\n"));
  g_assert_false (pl_document_set_text (doc, "def f():\n    pass\n"));
  g_assert_true (pl_document_set_text (doc, "def main():\n    data = np.random.random(8_000_000)\n    del data\n\n\nutils.analyze_memory(main)\n"));
  g_assert_cmpstr (pl_pipeline_get_arguments (pl_document_get_pipeline (doc, 0)), ==, "");
}

/* The tutorial's numexpr example with its calls written over two lines. */
static const char multi_line[] =
  "import numpy as np\n"
  "import numexpr as ne\n"
  "from functools import partial\n"
  "\n"
  "\n"
  "def fun2(x, y, z):\n"
  "    r = ne.evaluate(\"x * y + z\",\n"
  "                    local_dict={\"x\": x, \"y\": y, \"z\": z})\n"
  "    m = np.where(x > 0.5,  # keep the big ones\n"
  "                 x, 0)\n"
  "    del m\n"
  "\n"
  "\n"
  "utils.analyze_memory(\n"
  "    partial(fun2, np.ones(3_000_000), np.ones(3_000_000),\n"
  "            np.ones(3_000_000)),\n"
  ")\n";

static void
test_document_multi_line (void)
{
  g_autoptr(PlDocument) doc = pl_document_new ();
  g_autofree char *written = NULL;
  PlPipeline *a;
  PlStep *evaluate, *where, *del;

  g_assert_true (pl_document_load_text (doc, multi_line));
  g_assert_null (pl_document_get_unstructured_reason (doc));
  g_assert_true (pl_document_get_valid (doc));
  a = pl_document_get_pipeline (doc, 0);
  g_assert_cmpstr (pl_pipeline_get_arguments (a), ==,
                   "x=np.ones(3_000_000), y=np.ones(3_000_000), z=np.ones(3_000_000)");
  g_assert_cmpuint (pl_pipeline_get_n_steps (a), ==, 3);

  /* Each statement is one step with its continuation lines, indented as
   * written relative to the statement's first line. */
  evaluate = pl_pipeline_get_step (a, 0);
  where = pl_pipeline_get_step (a, 1);
  del = pl_pipeline_get_step (a, 2);
  g_assert_cmpstr (pl_step_get_code (evaluate), ==,
                   "r = ne.evaluate(\"x * y + z\",\n"
                   "                local_dict={\"x\": x, \"y\": y, \"z\": z})");
  g_assert_cmpstr (pl_step_get_code (where), ==,
                   "m = np.where(x > 0.5,  # keep the big ones\n"
                   "             x, 0)");
  g_assert_cmpuint (pl_step_get_n_lines (evaluate), ==, 2);

  /* A step's line is its first; the next steps count the lines above. */
  g_assert_cmpuint (pl_step_get_line (evaluate), ==, 7);
  g_assert_cmpuint (pl_step_get_line (where), ==, 9);
  g_assert_cmpuint (pl_step_get_line (del), ==, 11);

  /* A line of the run (a hit on a continuation line too) finds its step. */
  g_assert_true (pl_document_find_step (doc, 7, NULL) == evaluate);
  g_assert_true (pl_document_find_step (doc, 8, NULL) == evaluate);
  g_assert_true (pl_document_find_step (doc, 10, NULL) == where);
  g_assert_true (pl_document_find_step (doc, 11, NULL) == del);
  g_assert_null (pl_document_find_step (doc, 6, NULL));
  g_assert_null (pl_document_find_step (doc, 12, NULL));
  g_assert_true (pl_step_contains_line (where, 10));
  g_assert_false (pl_step_contains_line (where, 11));

  /* Written back unchanged, it is the same text. */
  written = pl_document_write (doc);
  g_assert_cmpstr (written, ==, multi_line);
}

static void
test_document_multi_line_edit (void)
{
  g_autoptr(PlDocument) doc = pl_document_new ();
  PlPipeline *a;
  PlStep *evaluate;
  const char *text;

  g_assert_true (pl_document_load_text (doc, multi_line));
  a = pl_document_get_pipeline (doc, 0);
  evaluate = pl_pipeline_get_step (a, 0);

  /* An edit writes the step's lines at its indentation; the rest of the
   * script stays as it was written. */
  pl_step_set_code (evaluate, "r = ne.evaluate(\"x * y + z\",\n"
                              "                local_dict={\"x\": x, \"y\": y,\n"
                              "                            \"z\": z})");
  text = pl_document_get_text (doc);
  g_assert_nonnull (strstr (text,
                            "def fun2(x, y, z):\n"
                            "    r = ne.evaluate(\"x * y + z\",\n"
                            "                    local_dict={\"x\": x, \"y\": y,\n"
                            "                                \"z\": z})\n"
                            "    m = np.where(x > 0.5,  # keep the big ones\n"));
  g_assert_nonnull (strstr (text, "\n\n\nutils.analyze_memory(\n    partial(fun2, np.ones(3_000_000), np.ones(3_000_000),\n"));
  g_assert_true (pl_document_get_valid (doc));
  g_assert_cmpuint (pl_step_get_line (pl_pipeline_get_step (a, 1)), ==, 10);
  g_assert_cmpuint (pl_step_get_line (pl_pipeline_get_step (a, 2)), ==, 12);

  /* Into a loop: every line moves by one level. */
  {
    g_autoptr(PlStep) loop = pl_step_new ("for _ in range(3):", 0);

    pl_pipeline_insert_step (a, 1, loop);
  }
  pl_step_set_indent (pl_pipeline_get_step (a, 2), 1);
  text = pl_document_get_text (doc);
  g_assert_nonnull (strstr (text,
                            "    for _ in range(3):\n"
                            "        m = np.where(x > 0.5,  # keep the big ones\n"
                            "                     x, 0)\n"
                            "    del m\n"));
  g_assert_true (pl_document_get_valid (doc));

  /* Undone edit by edit, the script comes back as it was read. */
  while (pl_document_get_can_undo (doc))
    pl_document_undo (doc);
  g_assert_cmpstr (pl_document_get_text (doc), ==, multi_line);
  g_assert_false (pl_document_get_modified (doc));
  pl_document_redo (doc);
  a = pl_document_get_pipeline (doc, 0);
  g_assert_cmpuint (pl_step_get_n_lines (pl_pipeline_get_step (a, 0)), ==, 3);
}

/* Undo returns to a state whose text does not parse (a step half typed):
 * the builders still show it, with the step's error. */
static void
test_document_undo_broken_step (void)
{
  g_autoptr(PlDocument) doc = pl_document_new ();
  PlPipeline *a;
  PlStep *step;

  g_assert_true (pl_document_load_text (doc, multi_line));
  a = pl_document_get_pipeline (doc, 0);
  pl_step_set_code (pl_pipeline_get_step (a, 0), "r = ne.evaluate(\"x * y + z\",\n");
  g_assert_false (pl_document_get_valid (doc));
  /* Another step's edit: the broken state becomes a step of the history. */
  pl_step_set_code (pl_pipeline_get_step (a, 2), "del r");

  pl_document_undo (doc);
  g_assert_true (pl_document_get_structured (doc));
  a = pl_document_get_pipeline (doc, 0);
  step = pl_pipeline_get_step (a, 0);
  g_assert_cmpstr (pl_step_get_code (step), ==, "r = ne.evaluate(\"x * y + z\",\n");
  g_assert_nonnull (pl_step_get_error (step));
  g_assert_cmpstr (pl_step_get_code (pl_pipeline_get_step (a, 2)), ==, "del m");
  g_assert_false (pl_document_get_valid (doc));

  pl_document_undo (doc);
  g_assert_cmpstr (pl_document_get_text (doc), ==, multi_line);
  g_assert_true (pl_document_get_valid (doc));
  pl_document_redo (doc);
  pl_document_redo (doc);
  a = pl_document_get_pipeline (doc, 0);
  g_assert_cmpstr (pl_step_get_code (pl_pipeline_get_step (a, 2)), ==, "del r");
  g_assert_nonnull (pl_step_get_error (pl_pipeline_get_step (a, 0)));
}

/* The interpreter's error on a continuation line goes to its step, at its
 * place in the step's code. */
static void
test_document_multi_line_error (void)
{
  g_autoptr(PlDocument) doc = pl_document_new ();
  PlPipeline *a;
  PlStep *step;
  guint line = 0, column = 0;

  g_assert_true (pl_document_load_text (doc,
    "def fun1(x):\n"
    "    m = np.where(x > 0.5,\n"
    "                 x +* 2, 0)\n"
    "    del m\n"
    "\n"
    "utils.analyze_memory(partial(fun1, np.ones(10)))\n"));
  g_assert_true (pl_document_get_structured (doc));
  g_assert_false (pl_document_get_valid (doc));
  a = pl_document_get_pipeline (doc, 0);
  step = pl_pipeline_get_step (a, 0);
  g_assert_cmpstr (pl_step_get_error (step), ==, "SyntaxError: invalid syntax");
  g_assert_true (pl_step_get_error_location (step, &line, &column));
  g_assert_cmpuint (line, ==, 2);
  g_assert_cmpuint (column, ==, 17);
  g_assert_null (pl_step_get_error (pl_pipeline_get_step (a, 1)));

  /* The builders' own check has no place to give. */
  pl_step_set_code (step, "m = np.where(x > 0.5,\n             (x, 0)");
  g_assert_nonnull (pl_step_get_error (step));
  g_assert_false (pl_step_get_error_location (step, NULL, NULL));

  pl_step_set_code (step, "m = np.where(x > 0.5,\n             x * 2, 0)");
  g_assert_true (pl_document_get_valid (doc));
  g_assert_null (pl_step_get_error (step));
  g_assert_true (strstr (pl_document_get_text (doc), "    m = np.where(x > 0.5,\n                 x * 2, 0)\n") != NULL);
}

/* Comments on lines of their own are steps; blank lines between steps stay
 * where they were; statements sharing a line are one step. */
static void
test_document_comments (void)
{
  static const char text[] =
    "import numpy as np\n"
    "def fun1(x):\n"
    "   # Double it.\n"
    "   x = x * 2  # a new array\n"
    "\n"
    "   for _ in range(3):\n"
    "       x += 1; x -= 1\n"
    "       # Nothing left.\n"
    "\n"
    "# The call.\n"
    "utils.analyze_memory(partial(fun1, np.ones(10)));\n";
  g_autoptr(PlDocument) doc = pl_document_new ();
  g_autofree char *written = NULL;
  PlPipeline *a;
  g_autoptr(PlStep) added = pl_step_new ("del x", 0);

  g_assert_true (pl_document_load_text (doc, text));
  a = pl_document_get_pipeline (doc, 0);
  g_assert_cmpuint (pl_pipeline_get_n_steps (a), ==, 5);
  g_assert_cmpstr (pl_step_get_code (pl_pipeline_get_step (a, 0)), ==, "# Double it.");
  g_assert_cmpstr (pl_step_get_code (pl_pipeline_get_step (a, 1)), ==, "x = x * 2  # a new array");
  g_assert_cmpstr (pl_step_get_code (pl_pipeline_get_step (a, 3)), ==, "x += 1; x -= 1");
  g_assert_cmpuint (pl_step_get_indent (pl_pipeline_get_step (a, 3)), ==, 1);
  g_assert_cmpstr (pl_step_get_code (pl_pipeline_get_step (a, 4)), ==, "# Nothing left.");
  g_assert_cmpuint (pl_step_get_indent (pl_pipeline_get_step (a, 4)), ==, 1);
  g_assert_cmpuint (pl_step_get_line (pl_pipeline_get_step (a, 2)), ==, 6);
  written = pl_document_write (doc);
  g_assert_cmpstr (written, ==, text);

  /* A new step takes the function's indentation (three spaces here). */
  pl_pipeline_append_step (a, added);
  g_assert_nonnull (strstr (pl_document_get_text (doc), "       # Nothing left.\n   del x\n\n# The call.\n"));
  g_assert_true (pl_document_get_valid (doc));
}

/* How a step and a function were written comes back while unchanged. */
static void
test_document_sources (void)
{
  g_autoptr(PlStep) step = pl_step_new ("x = f(1,\n      2)", 1);
  g_autoptr(PlPipeline) pipeline = pl_pipeline_new ("fun1", TRUE);
  g_autoptr(PlStep) copy = NULL;

  g_assert_cmpuint (pl_step_get_n_lines (step), ==, 2);
  g_assert_null (pl_step_get_source (step));
  pl_step_set_source (step, "\n", "        x = f(1,\n              2)  # two");
  g_assert_cmpstr (pl_step_get_leading (step), ==, "\n");
  g_assert_cmpstr (pl_step_get_source (step), ==, "        x = f(1,\n              2)  # two");
  copy = pl_step_copy (step);
  g_assert_cmpstr (pl_step_get_source (copy), ==, pl_step_get_source (step));
  pl_step_set_indent (step, 0);
  g_assert_null (pl_step_get_source (step));
  pl_step_set_indent (step, 1);
  g_assert_nonnull (pl_step_get_source (step));
  pl_step_set_code (step, "x = f(1, 2)");
  g_assert_null (pl_step_get_source (step));
  g_assert_cmpstr (pl_step_get_leading (step), ==, "\n");
  g_assert_false (pl_step_contains_line (step, 0));

  pl_pipeline_set_arguments (pipeline, "x=1");
  g_assert_cmpuint (pl_pipeline_get_indent_width (pipeline, 2), ==, 12);
  pl_pipeline_set_source (pipeline, "\n", "def fun1(x):  # one", 3, 2);
  g_assert_cmpstr (pl_pipeline_get_header (pipeline), ==, "def fun1(x):  # one");
  g_assert_cmpstr (pl_pipeline_get_leading (pipeline), ==, "\n");
  g_assert_cmpuint (pl_pipeline_get_indent_width (pipeline, 0), ==, 3);
  g_assert_cmpuint (pl_pipeline_get_indent_width (pipeline, 2), ==, 7);
  pl_pipeline_set_arguments (pipeline, "x=2");
  g_assert_nonnull (pl_pipeline_get_header (pipeline));
  pl_pipeline_set_arguments (pipeline, "x=2, y=3");
  g_assert_null (pl_pipeline_get_header (pipeline));
  pl_pipeline_set_arguments (pipeline, "x=1");
  pl_pipeline_set_name (pipeline, "fun2");
  g_assert_null (pl_pipeline_get_header (pipeline));
}

/* Opening a script and writing it back without an edit gives the same
 * bytes: every example and every tutorial script the builders show. An
 * edit undone by hand gives them back too. */
static void
round_trip (const char *name,
            const char *text,
            guint      *n_shown)
{
  g_autoptr(PlDocument) doc = pl_document_new ();
  g_autofree char *written = NULL;
  PlPipeline *a;

  if (!pl_document_load_text (doc, text))
    {
      g_test_message ("%s: not in the builders: %s", name, pl_document_get_unstructured_reason (doc));
      return;
    }
  (*n_shown)++;
  written = pl_document_write (doc);
  if (g_strcmp0 (written, text) != 0)
    g_error ("%s: written back as\n%s", name, written);

  a = pl_document_get_pipeline (doc, 0);
  if (pl_pipeline_get_n_steps (a) > 0)
    {
      PlStep *step = pl_pipeline_get_step (a, 0);
      g_autofree char *code = g_strdup (pl_step_get_code (step));

      pl_step_set_code (step, "pass");
      g_assert_cmpstr (pl_document_get_text (doc), !=, text);
      pl_step_set_code (step, code);
    }
  {
    g_autofree char *arguments = g_strdup (pl_pipeline_get_arguments (a));

    pl_pipeline_set_arguments (a, "x=1");
    g_assert_cmpstr (pl_document_get_text (doc), !=, text);
    pl_pipeline_set_arguments (a, arguments);
  }
  g_assert_cmpstr (pl_document_get_text (doc), ==, text);
}

static void
test_document_round_trip (void)
{
  const char *examples = "/io/github/peakline/Peakline/examples/";
  g_auto(GStrv) names = g_resources_enumerate_children (examples, 0, NULL);
  g_autofree char *tutorial = g_test_build_filename (G_TEST_DIST, "script", "tutorial", NULL);
  g_autoptr(GDir) dir = g_dir_open (tutorial, 0, NULL);
  const char *name;
  guint n_examples = 0, n_tutorial = 0;

  g_assert_nonnull (names);
  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autofree char *path = g_strconcat (examples, names[i], NULL);
      g_autoptr(GBytes) bytes = g_resources_lookup_data (path, 0, NULL);
      g_autofree char *text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));

      round_trip (names[i], text, &n_examples);
    }
  /* The builders show every example. */
  g_assert_cmpuint (n_examples, ==, g_strv_length (names));
  g_assert_cmpuint (n_examples, >=, 20);

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (tutorial, name, NULL);
      g_autofree char *text = NULL;

      if (!g_str_has_suffix (name, ".py"))
        continue;
      g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
      round_trip (name, text, &n_tutorial);
    }
  /* Sections 2 to 5 measure pipelines; section 1 only prints. */
  g_assert_cmpuint (n_tutorial, ==, 20);

  {
    guint n_multi = 0;

    round_trip ("multi_line", multi_line, &n_multi);
    g_assert_cmpuint (n_multi, ==, 1);
  }
}

static void
test_pipeline_variables (void)
{
  g_autoptr(PlPipeline) p = pl_pipeline_new ("fun1", TRUE);
  g_autofree char *v1 = NULL;
  g_autofree char *v2 = NULL;
  g_autofree char *v3 = NULL;
  g_autofree char *f1 = NULL;
  g_autofree char *f2 = NULL;
  g_auto(GStrv) params = NULL;
  g_autofree char *call = NULL;
  g_autoptr(GError) error = NULL;

  v1 = pl_pipeline_dup_current_variable (p);
  g_assert_null (v1);
  f1 = pl_pipeline_dup_fresh_variable (p);
  g_assert_cmpstr (f1, ==, "x");

  pl_pipeline_set_arguments (p, "big_array=np.ones([1_000_000, 10]), t=0.5");
  params = pl_pipeline_dup_parameters (p);
  g_assert_cmpuint (g_strv_length (params), ==, 2);
  g_assert_cmpstr (params[0], ==, "big_array");
  call = pl_pipeline_dup_call_arguments (p);
  g_assert_cmpstr (call, ==, "np.ones([1_000_000, 10]), 0.5");
  g_assert_true (pl_pipeline_check_arguments (p, NULL));
  v2 = pl_pipeline_dup_current_variable (p);
  g_assert_cmpstr (v2, ==, "big_array");

  append_code (p, "x = big_array[:, ::2]", 0);
  v3 = pl_pipeline_dup_current_variable (p);
  g_assert_cmpstr (v3, ==, "x");
  f2 = pl_pipeline_dup_fresh_variable (p);
  g_assert_cmpstr (f2, ==, "y");

  pl_pipeline_set_arguments (p, "np.ones(3)");
  g_assert_false (pl_pipeline_check_arguments (p, &error));
  g_assert_error (error, PL_ERROR, PL_ERROR_SYNTAX);
  g_clear_error (&error);
  pl_pipeline_set_arguments (p, "x=1, x=2");
  g_assert_false (pl_pipeline_check_arguments (p, &error));
  g_clear_error (&error);
  pl_pipeline_set_arguments (p, "x=np.ones(3");
  g_assert_false (pl_pipeline_check_arguments (p, &error));
  g_clear_error (&error);
  pl_pipeline_set_arguments (p, "");
  g_assert_true (pl_pipeline_check_arguments (p, NULL));
}

/* What the line table, the plot's card and the inspector show for a line. */
static void
test_code_statement_at (void)
{
  static const char *lines[] = {
    "def f(x, y):",                                   /* 1 */
    "    r = ne.evaluate(\"x * y\",",                  /* 2 */
    "                    local_dict={\"x\": x,",        /* 3 */
    "                                \"y\": y})  # comment",   /* 4 */
    "    s = x + \\",                                  /* 5 */
    "        y",                                        /* 6 */
    "    t = \"(\"",                                   /* 7 */
    "    u = (x",                                       /* 8 */
    NULL,
  };
  g_autofree char *first = pl_code_dup_statement_at (lines, 1);
  g_autofree char *call = pl_code_dup_statement_at (lines, 2);
  g_autofree char *backslash = pl_code_dup_statement_at (lines, 5);
  g_autofree char *string = pl_code_dup_statement_at (lines, 7);
  g_autofree char *unclosed = pl_code_dup_statement_at (lines, 8);
  g_autofree char *middle = pl_code_dup_statement_at (lines, 3);

  g_assert_cmpstr (first, ==, "def f(x, y):");
  g_assert_cmpstr (call, ==, "r = ne.evaluate(\"x * y\", local_dict={\"x\": x, \"y\": y})  # comment");
  g_assert_cmpstr (backslash, ==, "s = x + y");
  /* A bracket inside a string does not open anything. */
  g_assert_cmpstr (string, ==, "t = \"(\"");
  /* Never past the end. */
  g_assert_cmpstr (unclosed, ==, "u = (x");
  g_assert_nonnull (middle);
  g_assert_null (pl_code_dup_statement_at (lines, 0));
  g_assert_null (pl_code_dup_statement_at (lines, 9));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/app/code/helpers", test_code_helpers);
  g_test_add_func ("/app/code/multi-line", test_code_multi_line);
  g_test_add_func ("/app/code/statement-at", test_code_statement_at);
  g_test_add_func ("/app/document/default", test_document_default);
  g_test_add_func ("/app/document/parse-section4", test_document_parse_section4);
  g_test_add_func ("/app/document/edit", test_document_edit);
  g_test_add_func ("/app/document/undo-merges-typing", test_document_undo_merges_typing);
  g_test_add_func ("/app/document/compare", test_document_compare);
  g_test_add_func ("/app/document/numpy-function", test_document_numpy_function);
  g_test_add_func ("/app/document/unstructured", test_document_unstructured);
  g_test_add_func ("/app/document/multi-line", test_document_multi_line);
  g_test_add_func ("/app/document/multi-line-edit", test_document_multi_line_edit);
  g_test_add_func ("/app/document/multi-line-error", test_document_multi_line_error);
  g_test_add_func ("/app/document/undo-broken-step", test_document_undo_broken_step);
  g_test_add_func ("/app/document/round-trip", test_document_round_trip);
  g_test_add_func ("/app/document/comments", test_document_comments);
  g_test_add_func ("/app/document/sources", test_document_sources);
  g_test_add_func ("/app/pipeline/variables", test_pipeline_variables);

  return g_test_run ();
}
