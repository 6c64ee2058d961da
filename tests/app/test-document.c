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
  g_assert_false (pl_document_set_text (doc, "def f(x):\n    x = (x *\n         2)\nutils.analyze_memory(partial(f, 1))\n"));
  g_assert_false (pl_document_set_text (doc, "def f(x):\n    x = x * 2\nutils.analyze_memory(partial(f))\n"));
  g_assert_false (pl_document_set_text (doc, "def f():\n    pass\ndef g():\n    pass\nutils.analyze_memory(f)\n"));
  g_assert_false (pl_document_set_text (doc, "def f():\n    for i in range(3):\n    pass\nutils.analyze_memory(f)\n"));
  g_assert_false (pl_document_set_text (doc, "def f():\n    pass\n"));
  g_assert_true (pl_document_set_text (doc, "def main():\n    data = np.random.random(8_000_000)\n    del data\n\n\nutils.analyze_memory(main)\n"));
  g_assert_cmpstr (pl_pipeline_get_arguments (pl_document_get_pipeline (doc, 0)), ==, "");
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

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/app/code/helpers", test_code_helpers);
  g_test_add_func ("/app/code/multi-line", test_code_multi_line);
  g_test_add_func ("/app/document/default", test_document_default);
  g_test_add_func ("/app/document/parse-section4", test_document_parse_section4);
  g_test_add_func ("/app/document/edit", test_document_edit);
  g_test_add_func ("/app/document/undo-merges-typing", test_document_undo_merges_typing);
  g_test_add_func ("/app/document/compare", test_document_compare);
  g_test_add_func ("/app/document/numpy-function", test_document_numpy_function);
  g_test_add_func ("/app/document/unstructured", test_document_unstructured);
  g_test_add_func ("/app/pipeline/variables", test_pipeline_variables);

  return g_test_run ();
}
