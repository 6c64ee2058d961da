/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "plot/pl-plot.h"
#include "plot-test-run.h"

static void
add_span (PlPipelineRun *pipeline,
          gint32         line,
          gint64         start_ms,
          gint64         end_ms)
{
  PlLineSpan span = { .line = line, .start_ns = start_ms * PLOT_TEST_MS, .end_ns = end_ms * PLOT_TEST_MS };

  pl_pipeline_run_append_span (pipeline, &span);
}

/* Pipeline "a": spans recorded out of time order (a line closed before
 * the outer one), two of them starting at one time; pipeline "ones" (a
 * NumPy function) has no lines at all. */
static PlRun *
marks_run (void)
{
  PlRun *run = pl_run_new ("marks.py", 9);
  PlPipelineRun *a = pl_run_add_pipeline (run, "a");
  PlPipelineRun *ones = pl_run_add_pipeline (run, "ones");

  add_span (a, 2, 0, 3);
  add_span (a, 6, 5, 6);      /* index 1: runs inside line 4 */
  add_span (a, 4, 3, 8);      /* index 2 */
  add_span (a, 5, 3, 5);      /* index 3: starts with line 4 */
  pl_pipeline_run_set_total_time_ns (a, 10 * PLOT_TEST_MS);
  pl_pipeline_run_finish (a);
  pl_pipeline_run_set_total_time_ns (ones, 10 * PLOT_TEST_MS);
  pl_pipeline_run_finish (ones);

  return run;
}

static void
test_marks_in_time_order (void)
{
  g_autoptr(PlRun) run = marks_run ();
  static const struct { gint64 ms; gint32 line; } expected[] = {
    { 0, 2 }, { 3, 4 }, { 3, 5 }, { 5, 6 },
  };
  gsize n_spans;
  const PlLineSpan *spans = pl_pipeline_run_get_spans (pl_run_get_pipeline (run, 0), &n_spans);
  PlPlotMark mark;

  g_assert_cmpuint (pl_plot_get_n_marks (run, 0), ==, G_N_ELEMENTS (expected));
  for (gsize i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_assert_true (pl_plot_get_mark (run, 0, i, &mark));
      g_assert_cmpint (mark.time_ns, ==, expected[i].ms * PLOT_TEST_MS);
      g_assert_cmpint (mark.line, ==, expected[i].line);
      g_assert_cmpuint (mark.span_index, <, n_spans);
      g_assert_cmpint (spans[mark.span_index].line, ==, mark.line);
      g_assert_cmpint (spans[mark.span_index].start_ns, ==, mark.time_ns);
    }
  g_assert_cmpint (mark.duration_ns, ==, 1 * PLOT_TEST_MS);
  g_assert_false (pl_plot_get_mark (run, 0, G_N_ELEMENTS (expected), &mark));
  g_assert_true (pl_plot_get_mark (run, 0, 0, NULL));

  /* A NumPy function has no lines, so no marks. */
  g_assert_cmpuint (pl_plot_get_n_marks (run, 1), ==, 0);
  g_assert_false (pl_plot_get_mark (run, 1, 0, &mark));
}

static void
test_find_mark (void)
{
  g_autoptr(PlRun) run = marks_run ();
  gsize index = 99;

  /* Before the first and after the last. */
  g_assert_true (pl_plot_find_mark (run, 0, -5 * PLOT_TEST_MS, &index));
  g_assert_cmpuint (index, ==, 0);
  g_assert_true (pl_plot_find_mark (run, 0, 100 * PLOT_TEST_MS, &index));
  g_assert_cmpuint (index, ==, 3);

  /* The nearest, and the first of the two at 3 ms. */
  g_assert_true (pl_plot_find_mark (run, 0, 1 * PLOT_TEST_MS, &index));
  g_assert_cmpuint (index, ==, 0);
  g_assert_true (pl_plot_find_mark (run, 0, 2 * PLOT_TEST_MS, &index));
  g_assert_cmpuint (index, ==, 1);
  g_assert_true (pl_plot_find_mark (run, 0, 3 * PLOT_TEST_MS, &index));
  g_assert_cmpuint (index, ==, 1);
  g_assert_true (pl_plot_find_mark (run, 0, 4 * PLOT_TEST_MS + 1, &index));
  g_assert_cmpuint (index, ==, 3);

  /* Halfway between two: the earlier. */
  g_assert_true (pl_plot_find_mark (run, 0, 4 * PLOT_TEST_MS, &index));
  g_assert_cmpuint (index, ==, 1);
  g_assert_true (pl_plot_find_mark (run, 0, 3 * PLOT_TEST_MS / 2, NULL));

  index = 99;
  g_assert_false (pl_plot_find_mark (run, 1, 0, &index));
  g_assert_cmpuint (index, ==, 99);
}

/* The marks are the ones the layout hit-tests: a click on the x of mark i
 * finds the span of mark i. */
static void
test_marks_match_hit_testing (void)
{
  g_autoptr(PlRun) run = plot_test_big_run (20000, 40);
  g_autoptr(PlPlotLayout) layout = pl_plot_layout_new (run, 4000, 400, NULL);
  gsize n = pl_plot_get_n_marks (run, 0);

  g_assert_cmpuint (n, ==, 40);
  for (gsize i = 0; i < n; i++)
    {
      PlPlotMark mark;
      gsize span = G_MAXSIZE;

      g_assert_true (pl_plot_get_mark (run, 0, i, &mark));
      g_assert_true (pl_plot_layout_mark_at_x (layout, 0, pl_plot_layout_x_for_time (layout, mark.time_ns),
                                               1.0, &span));
      g_assert_cmpuint (span, ==, mark.span_index);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/plot/marks/time-order", test_marks_in_time_order);
  g_test_add_func ("/plot/marks/find", test_find_mark);
  g_test_add_func ("/plot/marks/hit-testing", test_marks_match_hit_testing);

  return g_test_run ();
}
