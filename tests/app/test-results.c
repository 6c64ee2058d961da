/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
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

/* The same with a second pipeline, for comparisons. */
static const char source_b[] =
  "def fun1():\n"                      /* 1 */
  "    x = np.ones(1_000_000)\n"       /* 2 */
  "    x = x * 2\n"                    /* 3 */
  "\n"
  "def fun2():\n"                      /* 5 */
  "    x = np.ones(500_000)\n"         /* 6 */
  "    time.sleep(0.001)\n"            /* 7 */
  "    x *= 2\n"                       /* 8 */
  "\n"
  "utils.analyze_memory(fun1, fun2)\n";

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

/* Two stacked pipelines for the keyboard: fun1 runs line 2 at 0 ms and
 * line 3 at 4 ms (as make_run), fun2 runs line 7 at 1 ms and line 8 at
 * 6 ms. */
static PlRun *
make_compare_run (void)
{
  PlRun *run = make_run ();
  PlPipelineRun *p = pl_run_add_pipeline (run, "fun2");

  for (gint64 t = 0; t <= 10000000; t += 100000)
    {
      PlSample s = { .time_ns = t, .line = t < 6000000 ? 7 : 8, .rss_bytes = t < 1000000 ? 0 : 4000000 };

      pl_pipeline_run_append_sample (p, &s);
    }
  add_span (p, 7, 1000000, 6000000);
  add_span (p, 8, 6000000, 9000000);
  pl_pipeline_run_set_total_time_ns (p, 10000000);
  pl_pipeline_run_finish (p);

  return run;
}

/* The cursor's line over the plot, and the card with its text. */
static GtkWidget *
get_cursor_line (PlPlotView *view)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (view)); child; child = gtk_widget_get_next_sibling (child))
    if (g_str_equal (gtk_widget_get_css_name (child), "cursor"))
      return child;

  g_assert_not_reached ();
}

static GtkLabel *
get_cursor_card (PlPlotView *view)
{
  GtkWidget *label = pl_test_find_widget (GTK_WIDGET (view), GTK_TYPE_LABEL, 0);

  g_assert_true (gtk_widget_has_css_class (label, "pl-cursor-info"));
  return GTK_LABEL (label);
}

static void
assert_cursor (PlPlotView *view,
               guint       panel,
               gsize       mark,
               int         line)
{
  g_autofree char *description = pl_plot_view_dup_cursor_description (view);
  g_autofree char *needle = g_strdup_printf ("line %d (", line);
  g_autofree char *card_needle = g_strdup_printf ("Line %d:", line);
  g_autofree char *failure = NULL;
  guint p = G_MAXUINT;
  gsize m = G_MAXSIZE;
  PlPlotMark expected;

  g_assert_true (pl_plot_view_get_cursor (view, &p, &m));
  g_assert_cmpuint (p, ==, panel);
  g_assert_cmpuint (m, ==, mark);
  g_assert_true (pl_plot_get_mark (pl_plot_view_get_run (view), panel, mark, &expected));
  g_assert_cmpint (expected.line, ==, line);

  /* What a screen reader hears is what the card shows. */
  g_assert_nonnull (description);
  g_assert_nonnull (strstr (description, needle));
  g_assert_true (g_str_has_prefix (description, panel == 0 ? "fun1, " : "fun2, "));
  failure = gtk_test_accessible_check_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description);
  g_assert_null (failure);
  g_assert_true (gtk_widget_get_visible (get_cursor_line (view)));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (get_cursor_card (view))));
  g_assert_nonnull (strstr (gtk_label_get_text (get_cursor_card (view)), card_needle));
}

static gboolean
count_key (GtkWidget *widget,
           GVariant  *args,
           gpointer   user_data)
{
  guint *count = user_data;

  (*count)++;
  return TRUE;
}

static void
test_plot_view_keyboard (void)
{
  g_autoptr(PlRun) run = make_compare_run ();
  g_autoptr(PlRun) single = make_run ();
  PlPlotView *view = pl_plot_view_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *button = gtk_button_new_with_label ("Before");
  GtkWindow *window;
  g_autoptr(PlPlotLayout) layout = NULL;
  PlPlotOptions options;
  PlPlotRect area;
  graphene_rect_t bounds;
  PlPlotMark mark;
  GtkEventController *shortcuts;
  guint passed_on = 0;
  double x;
  int activated = 0;

  /* What the plot does not handle reaches its parent: count the Downs. */
  shortcuts = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Down, 0),
                                                          gtk_callback_action_new (count_key, &passed_on, NULL)));
  gtk_widget_add_controller (box, shortcuts);

  gtk_widget_set_vexpand (GTK_WIDGET (view), TRUE);
  gtk_box_append (GTK_BOX (box), button);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (view));
  window = show_in_window (box, 900, 600);
  pl_plot_view_set_run (view, run);
  pl_plot_view_set_source (view, source_b);
  g_signal_connect (view, "line-activated", G_CALLBACK (on_line_activated), &activated);
  pl_test_drain ();

  /* Tab reaches the plot; without a cursor it says how to use it. */
  g_assert_true (gtk_widget_get_focusable (GTK_WIDGET (view)));
  g_assert_true (pl_test_tab_to (window, GTK_WIDGET (view)));
  g_assert_false (pl_plot_view_get_cursor (view, NULL, NULL));
  g_assert_null (pl_plot_view_dup_cursor_description (view));
  g_assert_false (gtk_widget_get_visible (get_cursor_line (view)));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (get_cursor_card (view))));
  g_assert_null (gtk_test_accessible_check_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                                     "Left and Right move between the marks of the lines, Enter selects a line"));
  /* Nothing to clear or select: the keys go on to the window. */
  g_assert_false (pl_test_press_key (window, GDK_KEY_Escape, 0));

  /* Right starts at the first mark, then goes mark by mark, in time order. */
  g_assert_true (pl_test_press_key (window, GDK_KEY_Right, 0));
  assert_cursor (view, 0, 0, 2);
  g_assert_true (pl_test_press_key (window, GDK_KEY_Right, 0));
  assert_cursor (view, 0, 1, 3);
  {
    g_autofree char *description = pl_plot_view_dup_cursor_description (view);

    g_assert_cmpstr (description, ==, "fun1, line 3 (x = x * 2), at 4.0 ms: resident memory 7.6 MiB, allocated 7.6 MiB");
  }
  /* The last mark stays the last. */
  g_assert_true (pl_test_press_key (window, GDK_KEY_Right, 0));
  assert_cursor (view, 0, 1, 3);
  g_assert_true (pl_test_press_key (window, GDK_KEY_Left, 0));
  assert_cursor (view, 0, 0, 2);
  g_assert_true (pl_test_press_key (window, GDK_KEY_Left, 0));
  assert_cursor (view, 0, 0, 2);
  g_assert_true (pl_test_press_key (window, GDK_KEY_End, 0));
  assert_cursor (view, 0, 1, 3);
  g_assert_true (pl_test_press_key (window, GDK_KEY_Home, 0));
  assert_cursor (view, 0, 0, 2);

  /* The line sits on its mark, in the plot area of its panel. */
  pl_plot_view_get_options (view, &options);
  layout = pl_plot_layout_new (run, gtk_widget_get_width (GTK_WIDGET (view)),
                               gtk_widget_get_height (GTK_WIDGET (view)), &options);
  pl_test_wait_for_frame (GTK_WIDGET (view));
  g_assert_true (gtk_widget_compute_bounds (get_cursor_line (view), GTK_WIDGET (view), &bounds));
  pl_plot_layout_get_plot_area (layout, 0, &area);
  x = pl_plot_layout_x_for_time (layout, 0);
  g_assert_cmpfloat (fabs (bounds.origin.x + bounds.size.width / 2 - x), <=, 1.5);
  g_assert_cmpfloat (fabs (bounds.origin.y - area.y), <=, 1);
  g_assert_cmpfloat (bounds.size.height, >=, area.height - 1);

  /* Down: the mark of fun2 nearest in time (4 ms: line 8 at 6 ms rather
   * than line 7 at 1 ms); Up comes back to the nearest of fun1. */
  g_assert_true (pl_test_press_key (window, GDK_KEY_End, 0));
  g_assert_true (pl_test_press_key (window, GDK_KEY_Down, 0));
  assert_cursor (view, 1, 1, 8);
  g_assert_true (pl_test_press_key (window, GDK_KEY_Down, 0));
  assert_cursor (view, 1, 1, 8);
  g_assert_true (pl_test_press_key (window, GDK_KEY_Home, 0));
  assert_cursor (view, 1, 0, 7);
  g_assert_true (pl_test_press_key (window, GDK_KEY_Up, 0));
  assert_cursor (view, 0, 0, 2);
  g_assert_true (pl_test_press_key (window, GDK_KEY_KP_Down, 0));
  assert_cursor (view, 1, 0, 7);

  /* Enter selects the line as a click on the mark does. */
  g_assert_true (pl_plot_get_mark (run, 1, 0, &mark));
  pl_plot_layout_get_plot_area (layout, 1, &area);
  g_assert_cmpint (pl_plot_view_get_line_at (view, pl_plot_layout_x_for_time (layout, mark.time_ns),
                                             area.y + area.height / 2), ==, 7);
  g_assert_true (pl_test_press_key (window, GDK_KEY_Return, 0));
  g_assert_cmpint (activated, ==, 7);
  g_assert_cmpint (pl_plot_view_get_highlight_line (view), ==, 7);
  activated = 0;
  g_assert_true (pl_test_press_key (window, GDK_KEY_space, 0));
  g_assert_cmpint (activated, ==, 7);

  /* Elsewhere the cursor is not shown; it is still there on coming back. */
  gtk_widget_grab_focus (button);
  pl_test_drain ();
  g_assert_false (gtk_widget_get_visible (get_cursor_line (view)));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (get_cursor_card (view))));
  g_assert_true (pl_test_tab_to (window, GTK_WIDGET (view)));
  assert_cursor (view, 1, 0, 7);

  /* Escape puts it away; Left then starts from the last mark. */
  g_assert_true (pl_test_press_key (window, GDK_KEY_Escape, 0));
  g_assert_false (pl_plot_view_get_cursor (view, NULL, NULL));
  g_assert_false (gtk_widget_get_visible (get_cursor_line (view)));
  g_assert_false (pl_test_press_key (window, GDK_KEY_Escape, 0));
  activated = 0;
  g_assert_true (pl_test_press_key (window, GDK_KEY_Left, 0));
  assert_cursor (view, 0, 1, 3);
  g_assert_true (pl_test_press_key (window, GDK_KEY_Escape, 0));
  g_assert_true (pl_test_press_key (window, GDK_KEY_Down, 0));
  assert_cursor (view, 1, 0, 7);

  /* The public setter, as the keys use it. */
  pl_plot_view_set_cursor (view, 0, 1);
  assert_cursor (view, 0, 1, 3);
  pl_plot_view_clear_cursor (view);
  g_assert_false (pl_plot_view_get_cursor (view, NULL, NULL));

  /* While a run is in progress the plot is not what will be: no cursor. */
  pl_plot_view_set_cursor (view, 0, 1);
  pl_plot_view_set_running (view, TRUE);
  g_assert_false (gtk_widget_get_visible (get_cursor_line (view)));
  pl_test_press_key (window, GDK_KEY_Right, 0);
  g_assert_false (pl_test_press_key (window, GDK_KEY_Escape, 0));
  pl_plot_view_set_running (view, FALSE);
  assert_cursor (view, 0, 1, 3);

  /* One panel: Up and Down are the window's (they move the focus). A new
   * run has no cursor. */
  pl_plot_view_set_run (view, single);
  g_assert_false (pl_plot_view_get_cursor (view, NULL, NULL));
  g_assert_true (pl_test_press_key (window, GDK_KEY_Right, 0));
  assert_cursor (view, 0, 0, 2);
  g_assert_cmpuint (passed_on, ==, 0);
  g_assert_true (pl_test_press_key (window, GDK_KEY_Down, 0));
  g_assert_cmpuint (passed_on, ==, 1);
  assert_cursor (view, 0, 0, 2);
  pl_plot_view_set_run (view, NULL);
  g_assert_false (pl_plot_view_get_cursor (view, NULL, NULL));
  pl_test_press_key (window, GDK_KEY_Right, 0);
  g_assert_false (pl_plot_view_get_cursor (view, NULL, NULL));

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
  "    v = a[::4]; w = v\n"                       /* 8 */
  "    del a\n"                                   /* 9 */
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
  /* Before the function started, no variable names it yet. */
  g_assert_cmpstr (text, ==, "int32 (20, 5)\nArgument x, made before the measurement · owns its data");
  g_clear_pointer (&text, g_free);

  /* After line 6: a owns its data, b views it, c views the argument. */
  g_assert_true (pl_inspector_set_line (inspector, 6));
  g_assert_cmpuint (pl_inspector_get_n_rows (inspector), ==, 4);
  g_assert_cmpint (pl_snapshot_get_allocated_bytes (pl_inspector_get_snapshot (inspector)), ==, 8000);
  text = pl_inspector_dup_row_text (inspector, 0);
  g_assert_cmpstr (text, ==, "x — int32 (20, 5)\nArgument x, made before the measurement · owns its data");
  g_clear_pointer (&text, g_free);
  text = pl_inspector_dup_row_text (inspector, 1);
  g_assert_cmpstr (text, ==, "a — float64 (1000,)\nLine 4: a = np.ones(1000) · owns its data (created)");
  g_clear_pointer (&text, g_free);
  text = pl_inspector_dup_row_text (inspector, 2);
  g_assert_cmpstr (text, ==, "b — float64 (500,)\nLine 5: b = a[::2] · view of a");
  g_clear_pointer (&text, g_free);
  text = pl_inspector_dup_row_text (inspector, 3);
  g_assert_cmpstr (text, ==, "c — int32 (5, 20)\nLine 6: c = x.T · view of x");
  g_clear_pointer (&text, g_free);

  /* del b: the view goes, a stays. */
  g_assert_true (pl_inspector_set_line (inspector, 7));
  g_assert_cmpuint (pl_inspector_get_n_rows (inspector), ==, 3);

  /* del a: a view still holds it, under no name; its view says whose
   * data it is by the line that made it. */
  g_assert_true (pl_inspector_set_line (inspector, 9));
  g_assert_cmpuint (pl_inspector_get_n_rows (inspector), ==, 4);
  text = pl_inspector_dup_row_text (inspector, 1);
  g_assert_cmpstr (text, ==, "float64 (1000,)\nLine 4: a = np.ones(1000) · owns its data (created)");
  g_clear_pointer (&text, g_free);
  text = pl_inspector_dup_row_text (inspector, 3);
  g_assert_cmpstr (text, ==, "v, w — float64 (250,)\nLine 8: v = a[::4]; w = v · view of the array from line 4");
  g_clear_pointer (&text, g_free);

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
  /* The accessibility backend for tests: it keeps the properties (the
   * plot's description) without an accessibility bus. */
  g_setenv ("GTK_A11Y", "test", TRUE);
  pl_test_gtk_init (&argc, &argv);

  g_test_add_func ("/app/results/plot-view", test_plot_view);
  g_test_add_func ("/app/results/plot-view-keyboard", test_plot_view_keyboard);
  g_test_add_func ("/app/results/line-table", test_line_table);
  g_test_add_func ("/app/results/inspector", test_inspector);

  return g_test_run ();
}
