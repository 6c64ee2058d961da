/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "plot/pl-plot.h"
#include "app/pl-inspector.h"
#include "app/pl-line-table.h"
#include "app/pl-plot-view.h"
#include "run/pl-runner.h"

#include "pl-test-utils.h"

#define MIB (1024 * 1024)

static const char source[] =
  "def fun1():\n"                      /* 1 */
  "    x = np.ones(1_000_000)\n"       /* 2 */
  "    x = x * 2\n"                    /* 3 */
  "\n"
  "utils.analyze_memory(fun1)\n";

static void
add_span (PlPipelineRun *p,
          gint32         line,
          gint64         start,
          gint64         end)
{
  PlLineSpan span = { .line = line, .start_ns = start, .end_ns = end };

  pl_pipeline_run_append_span (p, &span);
}

/* A run as the run layer makes it for `source`: line 2 allocates 8 MB
 * (buffer 1), line 3 allocates the result (buffer 2) and frees buffer 1. */
static PlRun *
make_run (void)
{
  PlRun *run = pl_run_new ("demo.py", 5);
  PlPipelineRun *p = pl_run_add_pipeline (run, "fun1");
  PlAllocEvent *events = g_new0 (PlAllocEvent, 4);
  const gint64 bytes = 8000000;

  for (gint64 t = 0; t <= 10000000; t += 100000)
    {
      PlSample s = { .time_ns = t };

      s.line = t < 4000000 ? 2 : 3;
      s.alloc_bytes = t < 1000000 ? 0 : t < 5000000 ? bytes : t < 8000000 ? 2 * bytes : bytes;
      s.rss_bytes = s.alloc_bytes;
      pl_pipeline_run_append_sample (p, &s);
    }
  add_span (p, 2, 0, 4000000);
  add_span (p, 3, 4000000, 9000000);
  events[0] = (PlAllocEvent) { .time_ns = 1000000, .bytes = bytes, .buffer_id = 1, .line = 2, .reason = PL_ALLOC_REASON_CREATE };
  events[1] = (PlAllocEvent) { .time_ns = 5000000, .bytes = bytes, .buffer_id = 2, .line = 3, .reason = PL_ALLOC_REASON_RESULT };
  events[2] = (PlAllocEvent) { .time_ns = 8000000, .bytes = -bytes, .buffer_id = 1, .line = 3, .reason = PL_ALLOC_REASON_CREATE };
  events[3] = (PlAllocEvent) { .time_ns = 9500000, .bytes = -bytes, .buffer_id = 2, .line = 0, .reason = PL_ALLOC_REASON_RESULT };
  pl_pipeline_run_take_events (p, events, 4);
  pl_pipeline_run_set_total_time_ns (p, 10000000);
  pl_pipeline_run_finish (p);

  return run;
}

static GtkWindow *
show_in_window (GtkWidget *widget,
                int        width,
                int        height)
{
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());

  gtk_window_set_default_size (window, width, height);
  gtk_window_set_child (window, widget);
  gtk_window_present (window);
  /* Wait until the widget has its size. */
  for (int i = 0; i < 200 && gtk_widget_get_width (widget) < width / 2; i++)
    {
      g_usleep (5000);
      pl_test_drain ();
    }
  g_assert_cmpint (gtk_widget_get_width (widget), >, 0);
  return window;
}

static void
on_line_activated (GObject *object,
                   int      line,
                   int     *out)
{
  *out = line;
}

static void
test_plot_view (void)
{
  g_autoptr(PlRun) run = make_run ();
  PlPlotView *view = pl_plot_view_new ();
  GtkWindow *window = show_in_window (GTK_WIDGET (view), 900, 500);
  int width = gtk_widget_get_width (GTK_WIDGET (view));
  int height = gtk_widget_get_height (GTK_WIDGET (view));
  g_autoptr(PlPlotLayout) layout = NULL;
  PlPlotOptions options;
  PlPlotRect area;
  g_autofree char *tooltip = NULL;
  g_autofree char *none = NULL;
  double x_mark, x_mid;
  int activated = 0;

  /* No run: nothing to hover. */
  none = pl_plot_view_dup_tooltip_at (view, width / 2.0, height / 2.0);
  g_assert_null (none);

  pl_plot_view_set_run (view, run);
  pl_plot_view_set_source (view, source);
  g_assert_true (pl_plot_view_get_run (view) == run);
  pl_test_drain ();

  /* The same layout as the view's, to know where things are. */
  pl_plot_view_get_options (view, &options);
  layout = pl_plot_layout_new (run, width, height, &options);
  pl_plot_layout_get_plot_area (layout, 0, &area);
  g_assert_cmpfloat (area.width, >, 100);

  /* Hovering at 6 ms: line 3 runs, two buffers are alive. */
  x_mid = pl_plot_layout_x_for_time (layout, 6000000);
  tooltip = pl_plot_view_dup_tooltip_at (view, x_mid, area.y + area.height / 2);
  g_assert_nonnull (tooltip);
  g_assert_nonnull (strstr (tooltip, "fun1"));
  g_assert_nonnull (strstr (tooltip, "Line 3"));
  g_assert_nonnull (strstr (tooltip, "x = x * 2"));
  g_assert_nonnull (strstr (tooltip, "15.3 MiB"));

  /* Clicking the mark of line 3 activates it. */
  g_signal_connect (view, "line-activated", G_CALLBACK (on_line_activated), &activated);
  x_mark = pl_plot_layout_x_for_time (layout, 4000000);
  g_assert_cmpint (pl_plot_view_get_line_at (view, x_mark, area.y + area.height / 2), ==, 3);
  g_assert_cmpint (pl_plot_view_get_line_at (view, x_mid, area.y + area.height / 2), ==, 0);

  /* Off the plot there is no time. */
  g_assert_false (pl_plot_view_get_time_at (view, 1, 1, NULL, NULL));

  pl_plot_view_set_highlight_line (view, 3);
  g_assert_cmpint (pl_plot_view_get_highlight_line (view), ==, 3);

  /* While running: a spinner, no tooltip, and the old plot dimmed. */
  pl_plot_view_set_running (view, TRUE);
  g_assert_true (pl_plot_view_get_running (view));
  {
    GtkWidget *progress = gtk_widget_get_first_child (GTK_WIDGET (view));

    g_assert_true (gtk_widget_get_visible (progress));
  }
  g_clear_pointer (&tooltip, g_free);
  tooltip = pl_plot_view_dup_tooltip_at (view, x_mid, area.y + area.height / 2);
  g_assert_null (tooltip);
  pl_test_drain ();
  pl_plot_view_set_running (view, FALSE);

  /* Series can be hidden, as the preferences ask. */
  pl_plot_view_set_show_rss (view, FALSE);
  g_assert_false (pl_plot_view_get_show_rss (view));
  pl_plot_view_set_show_alloc (view, FALSE);
  g_assert_false (pl_plot_view_get_show_alloc (view));
  pl_test_drain ();

  pl_plot_view_set_run (view, NULL);
  g_assert_null (pl_plot_view_get_run (view));
  pl_test_drain ();

  gtk_window_destroy (window);
  pl_test_drain ();
}

static void
record_line (int *activated,
             int  line)
{
  *activated = line;
}

static void
test_line_table (void)
{
  int activated = 0;
  g_autoptr(PlRun) run = make_run ();
  PlLineTable *table = pl_line_table_new ();
  GtkWindow *window = show_in_window (GTK_WIDGET (table), 800, 300);

  g_assert_cmpuint (pl_line_table_get_n_rows (table), ==, 0);
  g_assert_cmpint (pl_line_table_get_heaviest_line (table), ==, 0);

  pl_line_table_set_run (table, run, source);
  pl_test_drain ();
  g_assert_cmpuint (pl_line_table_get_n_rows (table), ==, 2);
  /* Line 3 reaches 16 MB while it runs: the heaviest. */
  g_assert_cmpint (pl_line_table_get_heaviest_line (table), ==, 3);

  pl_line_table_sort_by (table, "line", FALSE);
  g_assert_cmpint (pl_line_table_get_row_line (table, 0), ==, 2);
  g_assert_cmpint (pl_line_table_get_row_line (table, 1), ==, 3);
  pl_line_table_sort_by (table, "line", TRUE);
  g_assert_cmpint (pl_line_table_get_row_line (table, 0), ==, 3);
  pl_line_table_sort_by (table, "peak", FALSE);
  g_assert_cmpint (pl_line_table_get_row_line (table, 0), ==, 2);
  pl_line_table_sort_by (table, "code", FALSE);
  g_assert_cmpint (pl_line_table_get_row_line (table, 0), ==, 2);   /* "x = np..." < "x = x * 2" */
  pl_line_table_sort_by (table, "code", TRUE);
  g_assert_cmpint (pl_line_table_get_row_line (table, 0), ==, 3);

  /* Selecting a row (a click, the arrow keys) shows its line everywhere;
   * the window's own selection is not announced back. */
  g_signal_connect_swapped (table, "line-activated", G_CALLBACK (record_line), &activated);
  pl_line_table_select_line (table, 2);
  pl_test_drain ();
  g_assert_cmpint (activated, ==, 0);
  {
    GtkColumnView *view = GTK_COLUMN_VIEW (pl_test_find_widget (GTK_WIDGET (table), GTK_TYPE_COLUMN_VIEW, 0));
    GtkSelectionModel *model = gtk_column_view_get_model (view);

    /* Sorted by code, descending: row 0 is line 3. */
    gtk_selection_model_select_item (model, 0, TRUE);
    g_assert_cmpint (activated, ==, 3);
  }

  pl_line_table_set_run (table, NULL, NULL);
  g_assert_cmpuint (pl_line_table_get_n_rows (table), ==, 0);

  gtk_window_destroy (window);
  pl_test_drain ();
}

/* The inspector over a real run: its rows name each array's type, where it
 * came from and whose data it uses. */
static const char inspector_source[] =
  "import numpy as np\n"                          /* 1 */
  "from functools import partial\n"               /* 2 */
  "def main(x):\n"                                /* 3 */
  "    a = np.ones(1000)\n"                       /* 4 */
  "    b = a[::2]\n"                              /* 5 */
  "    c = x.T\n"                                 /* 6 */
  "    del b\n"                                   /* 7 */
  "utils.analyze_memory(partial(main, np.zeros((20, 5), dtype=np.int32)))\n";

static void
test_inspector (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PlScript) script = pl_script_parse ("inspect.py", inspector_source, -1, &error);
  g_autoptr(PlRun) run = NULL;
  PlInspector *inspector = pl_inspector_new ();
  GtkWindow *window = show_in_window (GTK_WIDGET (inspector), 500, 400);
  g_autofree char *text = NULL;

  g_assert_no_error (error);
  run = pl_run_experiment_sync (script, 0, NULL, NULL, &error);
  g_assert_no_error (error);

  pl_inspector_set_run (inspector, run, inspector_source);
  g_assert_null (pl_inspector_get_snapshot (inspector));
  g_assert_cmpuint (pl_inspector_get_n_rows (inspector), ==, 0);

  /* At the start: the argument alone, by its parameter's name. */
  pl_inspector_set_time (inspector, 0, 0);
  g_assert_cmpuint (pl_inspector_get_n_rows (inspector), ==, 1);
  text = pl_inspector_dup_row_text (inspector, 0);
  g_assert_cmpstr (text, ==, "x — int32 (20, 5)\nArgument, made before the measurement · owns its data");
  g_clear_pointer (&text, g_free);

  /* After line 6: a owns its data, b views it, c views the argument. */
  g_assert_true (pl_inspector_set_line (inspector, 6));
  g_assert_cmpuint (pl_inspector_get_n_rows (inspector), ==, 4);
  g_assert_cmpint (pl_snapshot_get_allocated_bytes (pl_inspector_get_snapshot (inspector)), ==, 8000);
  text = pl_inspector_dup_row_text (inspector, 1);
  g_assert_cmpstr (text, ==, "float64 (1000,)\nLine 4: a = np.ones(1000) · owns its data (created)");
  g_clear_pointer (&text, g_free);
  text = pl_inspector_dup_row_text (inspector, 2);
  g_assert_cmpstr (text, ==, "float64 (500,)\nLine 5: b = a[::2] · view of the array from line 4");
  g_clear_pointer (&text, g_free);
  text = pl_inspector_dup_row_text (inspector, 3);
  g_assert_cmpstr (text, ==, "int32 (5, 20)\nLine 6: c = x.T · view of x");
  g_clear_pointer (&text, g_free);

  /* del b: the view goes, a stays. */
  g_assert_true (pl_inspector_set_line (inspector, 7));
  g_assert_cmpuint (pl_inspector_get_n_rows (inspector), ==, 3);

  g_assert_false (pl_inspector_set_line (inspector, 42));
  pl_inspector_set_run (inspector, NULL, NULL);
  g_assert_cmpuint (pl_inspector_get_n_rows (inspector), ==, 0);
  pl_test_drain ();

  gtk_window_destroy (window);
  pl_test_drain ();
}

int
main (int   argc,
      char *argv[])
{
  pl_test_gtk_init (&argc, &argv);

  g_test_add_func ("/app/results/plot-view", test_plot_view);
  g_test_add_func ("/app/results/line-table", test_line_table);
  g_test_add_func ("/app/results/inspector", test_inspector);

  return g_test_run ();
}
