/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "engine/pl-error.h"
#include "plot/pl-plot.h"
#include "app/pl-application.h"
#include "app/pl-examples.h"
#include "app/pl-line-table.h"
#include "app/pl-plot-view.h"
#include "app/pl-step-row.h"
#include "app/pl-window.h"
#include "app/pl-workbench.h"

#include "pl-test-utils.h"

/* From tools/numpy_ref.py under NumPy 1.24 (see test-workbench.c): the
 * peaks of x = np.ones(1_000_000); x *= 2 and of ...; x = x * 2. */
#define FUN1_PEAK 8003544
#define FUN2_PEAK 16002064

static void
assert_close (gint64 measured,
              gint64 expected)
{
  gint64 tolerance = MAX (64 * 1024, expected / 100);

  if (ABS (measured - expected) > tolerance)
    g_error ("measured %" G_GINT64_FORMAT " bytes, expected %" G_GINT64_FORMAT " ± %" G_GINT64_FORMAT,
             measured, expected, tolerance);
}

static void
set_step_code (PlWindow   *window,
               guint       editor,
               guint       step,
               const char *code)
{
  GtkWidget *ed = pl_test_find_widget (GTK_WIDGET (window), g_type_from_name ("PlPipelineEditor"), editor);
  GtkWidget *row = pl_test_find_widget (ed, PL_TYPE_STEP_ROW, step);
  GtkWidget *entry = pl_test_find_widget (row, GTK_TYPE_ENTRY, 0);

  g_assert_nonnull (entry);
  gtk_editable_set_text (GTK_EDITABLE (entry), code);
}

static gboolean
window_has_a_file (gpointer window)
{
  return pl_window_get_file (window) != NULL;
}

static void
wait_for_file (PlWindow *window)
{
  pl_test_wait_until (window_has_a_file, window, 10);
}

typedef struct
{
  PlDocument *document;
  const char *needle;
} TextCheck;

static gboolean
document_shows (gpointer data)
{
  TextCheck *check = data;

  return strstr (pl_document_get_text (check->document), check->needle) != NULL;
}

/* Waits until the document shows @needle (a file finished loading). */
static void
wait_for_text (PlWorkbench *workbench,
               const char  *needle)
{
  TextCheck check = { pl_workbench_get_document (workbench), needle };

  pl_test_wait_until (document_shows, &check, 10);
}

static void
on_failed (PlWorkbench *workbench,
           const char  *message,
           char       **out)
{
  g_free (*out);
  *out = g_strdup (message);
}

/* One folder for the files the tests write, removed when they end. */
static char *temp_dir;

static char *
temp_path (const char *name)
{
  if (temp_dir == NULL)
    temp_dir = g_dir_make_tmp ("peakline-window-XXXXXX", NULL);
  g_assert_nonnull (temp_dir);
  return g_build_filename (temp_dir, name, NULL);
}

static void
remove_temp_dir (void)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (temp_dir == NULL)
    return;
  dir = g_dir_open (temp_dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (temp_dir, name, NULL);

      g_remove (path);
    }
  g_rmdir (temp_dir);
  g_clear_pointer (&temp_dir, g_free);
}

/* The whole path of issue 8: palette, edit, run, compare, export. */
static void
test_window_build_run_export (void)
{
  PlApplication *app = pl_test_application_get ();
  PlWindow *window = pl_window_new (app);
  PlWorkbench *workbench = pl_test_get_workbench (window);
  PlDocument *document = pl_workbench_get_document (workbench);
  PlLineTable *table;
  g_autofree char *png_path = temp_path ("memory.png");
  g_autofree char *csv_path = temp_path ("memory.csv");
  g_autofree char *json_path = temp_path ("memory.json");
  g_autoptr(GFile) png = g_file_new_for_path (png_path);
  g_autoptr(GFile) csv = g_file_new_for_path (csv_path);
  g_autoptr(GFile) json = g_file_new_for_path (json_path);
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  PlRun *run;

  gtk_window_present (GTK_WINDOW (window));
  pl_test_drain ();

  /* Nothing to run or export yet. */
  g_assert_false (pl_window_export (window, "png", png, &error));
  g_assert_error (error, PL_ERROR, PL_ERROR_VALUE);
  g_clear_error (&error);

  pl_test_activate (window, "win.add-step", g_variant_new_string ("ones"));
  set_step_code (window, 0, 0, "x = np.ones(1_000_000)");
  pl_test_activate (window, "win.add-step", g_variant_new_string ("multiply-inplace"));
  g_assert_cmpuint (pl_pipeline_get_n_steps (pl_document_get_pipeline (document, 0)), ==, 2);
  g_assert_true (pl_document_get_modified (document));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.run", NULL));
  g_assert_true (pl_workbench_get_running (workbench));
  pl_test_wait_for_run (workbench);
  run = pl_workbench_get_run (workbench);
  g_assert_nonnull (run);
  assert_close (pl_pipeline_run_get_peak_alloc_bytes (pl_run_get_pipeline (run, 0)), FUN1_PEAK);
  table = PL_LINE_TABLE (pl_test_find_widget (GTK_WIDGET (window), PL_TYPE_LINE_TABLE, 0));
  g_assert_cmpuint (pl_line_table_get_n_rows (table), ==, 2);

  /* Compare: B as a copy of A, reassigning instead. */
  pl_test_activate (window, "win.compare", NULL);
  g_assert_true (pl_document_get_compare (document));
  set_step_code (window, 1, 1, "x = x * 2");
  pl_test_activate (window, "win.run", NULL);
  pl_test_wait_for_run (workbench);
  run = pl_workbench_get_run (workbench);
  g_assert_cmpuint (pl_run_get_n_pipelines (run), ==, 2);
  assert_close (pl_pipeline_run_get_peak_alloc_bytes (pl_run_get_pipeline (run, 1)), FUN2_PEAK);

  /* Export the plot as PNG: the default size and scale of the settings. */
  g_assert_true (pl_window_export (window, "png", png, &error));
  g_assert_no_error (error);
  texture = gdk_texture_new_from_file (png, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gdk_texture_get_width (texture), ==, 2400);
  g_assert_cmpint (gdk_texture_get_height (texture), ==, 1600);

  /* The vector formats of the same plot. */
  {
    g_autofree char *svg_path = temp_path ("memory.svg");
    g_autofree char *pdf_path = temp_path ("memory.pdf");
    g_autoptr(GFile) svg = g_file_new_for_path (svg_path);
    g_autoptr(GFile) pdf = g_file_new_for_path (pdf_path);
    g_autofree char *svg_text = NULL;
    g_autofree char *pdf_text = NULL;

    g_assert_true (pl_window_export (window, "svg", svg, &error));
    g_assert_no_error (error);
    g_assert_true (g_file_get_contents (svg_path, &svg_text, NULL, NULL));
    g_assert_nonnull (strstr (svg_text, "<svg"));
    g_assert_true (pl_window_export (window, "pdf", pdf, &error));
    g_assert_no_error (error);
    g_assert_true (g_file_get_contents (pdf_path, &pdf_text, NULL, NULL));
    g_assert_true (g_str_has_prefix (pdf_text, "%PDF-"));
    g_unlink (svg_path);
    g_unlink (pdf_path);
  }

  g_assert_true (pl_window_export (window, "csv", csv, &error));
  g_assert_true (g_file_get_contents (csv_path, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "experiment,pipeline,time_s,rss_bytes,alloc_bytes,line\n"));
  g_clear_pointer (&contents, g_free);
  g_assert_true (pl_window_export (window, "json", json, &error));
  g_assert_true (g_file_get_contents (json_path, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "\"peak_alloc_bytes\""));
  g_assert_false (pl_window_export (window, "bmp", json, &error));
  g_clear_error (&error);

  /* Undo goes back through the edits. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  g_assert_cmpstr (pl_step_get_code (pl_pipeline_get_step (pl_document_get_pipeline (document, 1), 1)), ==, "x *= 2");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.redo", NULL));
  g_assert_cmpstr (pl_step_get_code (pl_pipeline_get_step (pl_document_get_pipeline (document, 1), 1)), ==, "x = x * 2");

  /* The user does not want to keep it. */
  pl_document_set_modified (document, FALSE);
  pl_test_application_close_all (app);
  g_unlink (png_path);
  g_unlink (csv_path);
  g_unlink (json_path);
}

static void
test_window_example (void)
{
  PlApplication *app = pl_test_application_get ();
  PlWindow *window = pl_window_new (app);
  PlWorkbench *workbench = pl_test_get_workbench (window);
  PlDocument *document = pl_workbench_get_document (workbench);
  int index = pl_examples_find ("s4-chained-vs-factored");

  gtk_window_present (GTK_WINDOW (window));
  pl_test_activate (window, "win.open-example", g_variant_new_string ("s4-chained-vs-factored"));
  g_assert_true (pl_document_get_compare (document));
  g_assert_false (pl_document_get_modified (document));
  g_assert_cmpstr (pl_workbench_get_description (workbench), ==, pl_examples_get_question (index));
  g_assert_cmpstr (pl_step_get_code (pl_pipeline_get_step (pl_document_get_pipeline (document, 0), 0)),
                   ==, "x = x * 2 * 3 * 4 + 1");

  pl_test_application_close_all (app);
}

static void
test_window_open_broken (void)
{
  PlApplication *app = pl_test_application_get ();
  PlWindow *window = pl_window_new (app);
  PlWorkbench *workbench = pl_test_get_workbench (window);
  PlDocument *document = pl_workbench_get_document (workbench);
  g_autofree char *path = temp_path ("broken.py");
  g_autofree char *path2 = temp_path ("broken2.py");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) file2 = g_file_new_for_path (path2);
  g_autofree char *failure = NULL;
  PlStep *step;

  g_assert_true (g_file_set_contents (path,
                                      "import numpy as np\n"
                                      "\n"
                                      "def fun1(x):\n"
                                      "    y = x +* 2\n"
                                      "\n"
                                      "utils.analyze_memory(partial(fun1, np.ones(10)))\n", -1, NULL));
  g_signal_connect (workbench, "failed", G_CALLBACK (on_failed), &failure);
  gtk_window_present (GTK_WINDOW (window));
  pl_window_open (window, file);
  wait_for_text (workbench, "+* 2");
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "broken.py – Peakline");

  /* A broken step: the builders show it with the interpreter's message,
   * and Run is disabled until it is fixed. */
  g_assert_cmpstr (pl_workbench_get_view (workbench), ==, "builders");
  step = pl_document_find_step (document, 4, NULL);
  g_assert_nonnull (step);
  g_assert_nonnull (pl_step_get_error (step));
  g_assert_false (pl_workbench_get_can_run (workbench));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.run", NULL);
  g_assert_false (pl_workbench_get_running (workbench));
  set_step_code (window, 0, 0, "y = x * 2");
  g_assert_true (pl_workbench_get_can_run (workbench));

  /* A script the builders cannot show opens in the Source view, and
   * running it says what is wrong and where. */
  g_assert_true (g_file_set_contents (path2,
                                      "import numpy as np\n"
                                      "data = np.ones(10)\n"
                                      "print(data.nbytes\n", -1, NULL));
  pl_document_set_modified (document, FALSE);
  pl_window_open (window, file2);
  wait_for_text (workbench, "print(data.nbytes");
  g_assert_true (g_file_equal (pl_window_get_file (window), file2));
  g_assert_cmpstr (pl_workbench_get_view (workbench), ==, "source");
  g_assert_false (pl_document_get_structured (document));
  pl_test_activate (window, "win.run", NULL);
  g_assert_nonnull (failure);
  g_assert_nonnull (strstr (failure, "broken2.py:3:"));

  pl_test_application_close_all (app);
  g_unlink (path);
  g_unlink (path2);
}

static void
test_window_open_missing (void)
{
  PlApplication *app = pl_test_application_get ();
  PlWindow *window = pl_window_new (app);
  g_autofree char *path = temp_path ("does-not-exist.py");
  g_autoptr(GFile) file = g_file_new_for_path (path);

  gtk_window_present (GTK_WINDOW (window));
  pl_window_open (window, file);
  for (int i = 0; i < 50; i++)
    {
      g_usleep (2000);
      pl_test_drain ();
    }
  /* A new name is a script to write: the window keeps it, with the new
   * pipeline, and says that Save creates the file. */
  g_assert_true (pl_window_get_file (window) == file);
  g_assert_false (pl_document_get_modified (pl_workbench_get_document (pl_test_get_workbench (window))));
  g_assert_false (g_file_query_exists (file, NULL));

  pl_test_application_close_all (app);
}

static void
test_window_save (void)
{
  PlApplication *app = pl_test_application_get ();
  PlWindow *window = pl_window_new (app);
  PlWorkbench *workbench = pl_test_get_workbench (window);
  PlDocument *document = pl_workbench_get_document (workbench);
  g_autofree char *path = temp_path ("saved.py");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *contents = NULL;

  gtk_window_present (GTK_WINDOW (window));
  pl_test_activate (window, "win.add-step", g_variant_new_string ("zeros"));
  g_assert_true (pl_document_get_modified (document));

  pl_window_save_to (window, file);
  wait_for_file (window);
  g_assert_false (pl_document_get_modified (document));
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, pl_document_get_text (document));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "saved.py – Peakline");

  /* win.save writes the same file again. */
  pl_test_activate (window, "win.add-step", g_variant_new_string ("sleep"));
  g_assert_true (pl_document_get_modified (document));
  pl_test_activate (window, "win.save", NULL);
  for (int i = 0; i < 500 && pl_document_get_modified (document); i++)
    {
      g_usleep (2000);
      pl_test_drain ();
    }
  g_assert_false (pl_document_get_modified (document));
  g_clear_pointer (&contents, g_free);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "time.sleep(0.002)"));

  pl_test_application_close_all (app);
  g_unlink (path);
}

static void
test_window_unsaved_changes (void)
{
  PlApplication *app = pl_test_application_get ();
  PlWindow *window = pl_window_new (app);
  gpointer weak = window;
  GtkWindow *dialog;

  gtk_window_present (GTK_WINDOW (window));
  pl_test_activate (window, "win.add-step", g_variant_new_string ("ones"));

  /* Closing asks first, and the window stays. */
  gtk_window_close (GTK_WINDOW (window));
  pl_test_drain ();
  dialog = pl_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_nonnull (gtk_application_get_windows (GTK_APPLICATION (app)));

  /* Discarding closes it. */
  g_object_add_weak_pointer (G_OBJECT (window), &weak);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "discard");
  pl_test_wait_for_null (&weak);

  pl_test_application_close_all (app);
}

/* The line of the step the builders show as selected (0: none). */
static int
get_selected_step_line (PlWindow *window)
{
  for (guint i = 0; ; i++)
    {
      GtkWidget *row = pl_test_find_widget (GTK_WIDGET (window), PL_TYPE_STEP_ROW, i);

      if (row == NULL)
        return 0;
      if (gtk_widget_has_css_class (row, "pl-selected-step"))
        return pl_step_get_line (pl_step_row_get_step (PL_STEP_ROW (row)));
    }
}

static int
get_selected_table_line (PlWindow *window)
{
  PlLineTable *table = PL_LINE_TABLE (pl_test_find_widget (GTK_WIDGET (window), PL_TYPE_LINE_TABLE, 0));
  GtkColumnView *view = GTK_COLUMN_VIEW (pl_test_find_widget (GTK_WIDGET (table), GTK_TYPE_COLUMN_VIEW, 0));
  guint selected = gtk_single_selection_get_selected (GTK_SINGLE_SELECTION (gtk_column_view_get_model (view)));

  return selected == GTK_INVALID_LIST_POSITION ? 0 : pl_line_table_get_row_line (table, selected);
}

/* The plot from the keyboard, after the first start's comparison has run:
 * Tab to it, walk its marks, select a line as a click does. */
static void
test_window_plot_keys (void)
{
  PlApplication *app = pl_test_application_get ();
  PlWindow *window = pl_window_new (app);
  PlWorkbench *workbench = pl_test_get_workbench (window);
  PlPlotView *plot = PL_PLOT_VIEW (pl_test_find_widget (GTK_WIDGET (window), PL_TYPE_PLOT_VIEW, 0));
  g_autofree char *description = NULL;
  PlPlotRect area;
  PlPlotMark mark;
  PlRun *run;
  guint panel;
  gsize index;
  int click_line;

  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));
  pl_test_activate (window, "win.open-example", g_variant_new_string (PL_EXAMPLE_FIRST_START));
  pl_test_activate (window, "win.run", NULL);
  pl_test_wait_for_run (workbench);
  run = pl_workbench_get_run (workbench);
  g_assert_cmpuint (pl_run_get_n_pipelines (run), ==, 2);
  g_assert_cmpuint (pl_plot_get_n_marks (run, 0), >=, 1);
  g_assert_cmpuint (pl_plot_get_n_marks (run, 1), >=, 1);
  pl_test_wait_for_frame (GTK_WIDGET (plot));

  g_assert_true (pl_test_tab_to (GTK_WINDOW (window), GTK_WIDGET (plot)));

  /* Right: the first mark of A (x = x * 2, line 14); End: its last. */
  pl_test_press_key (GTK_WINDOW (window), GDK_KEY_Right, 0);
  g_assert_true (pl_plot_view_get_cursor (plot, &panel, &index));
  g_assert_cmpuint (panel, ==, 0);
  g_assert_cmpuint (index, ==, 0);
  description = pl_plot_view_dup_cursor_description (plot);
  g_assert_true (g_str_has_prefix (description, "fun1, line 14 (x = x * 2), at "));
  pl_test_press_key (GTK_WINDOW (window), GDK_KEY_End, 0);
  g_assert_true (pl_plot_view_get_cursor (plot, &panel, &index));
  g_assert_cmpuint (index, ==, pl_plot_get_n_marks (run, 0) - 1);

  /* Down: B (x *= 2, line 18); Up: back to A. */
  g_assert_true (pl_test_press_key (GTK_WINDOW (window), GDK_KEY_Down, 0));
  g_assert_true (pl_plot_view_get_cursor (plot, &panel, &index));
  g_assert_cmpuint (panel, ==, 1);
  g_clear_pointer (&description, g_free);
  description = pl_plot_view_dup_cursor_description (plot);
  g_assert_true (g_str_has_prefix (description, "fun2, line 18 (x *= 2), at "));
  g_assert_true (pl_test_press_key (GTK_WINDOW (window), GDK_KEY_Up, 0));
  g_assert_true (pl_plot_view_get_cursor (plot, &panel, NULL));
  g_assert_cmpuint (panel, ==, 0);

  /* Escape removes the cursor; a second one is the window's (win.cancel,
   * which has nothing to cancel). */
  g_assert_true (pl_test_press_key (GTK_WINDOW (window), GDK_KEY_Escape, 0));
  g_assert_false (pl_plot_view_get_cursor (plot, NULL, NULL));
  g_assert_false (pl_test_press_key (GTK_WINDOW (window), GDK_KEY_Escape, 0));

  /* Down without a cursor starts in the bottom panel. Enter selects its
   * line everywhere, as a click on that mark does. */
  g_assert_true (pl_test_press_key (GTK_WINDOW (window), GDK_KEY_Down, 0));
  g_assert_true (pl_plot_view_get_cursor (plot, &panel, &index));
  g_assert_cmpuint (panel, ==, 1);
  g_assert_true (pl_plot_get_mark (run, 1, index, &mark));
  {
    PlPlotOptions options;
    g_autoptr(PlPlotLayout) layout = NULL;

    pl_plot_view_get_options (plot, &options);
    layout = pl_plot_layout_new (run, gtk_widget_get_width (GTK_WIDGET (plot)),
                                 gtk_widget_get_height (GTK_WIDGET (plot)), &options);
    pl_plot_layout_get_plot_area (layout, 1, &area);
    click_line = pl_plot_view_get_line_at (plot, pl_plot_layout_x_for_time (layout, mark.time_ns),
                                           area.y + area.height / 2);
  }
  g_assert_cmpint (click_line, ==, 18);
  g_assert_cmpint (get_selected_step_line (window), ==, 0);
  g_assert_true (pl_test_press_key (GTK_WINDOW (window), GDK_KEY_Return, 0));
  g_assert_cmpint (pl_plot_view_get_highlight_line (plot), ==, click_line);
  g_assert_cmpint (get_selected_table_line (window), ==, click_line);
  g_assert_cmpint (get_selected_step_line (window), ==, click_line);

  pl_test_application_close_all (app);
}

/* The shortcuts window lists the plot's keys. */
static void
test_window_plot_keys_listed (void)
{
  g_autoptr(GtkBuilder) builder = gtk_builder_new_from_resource ("/io/github/peakline/Peakline/gtk/help-overlay.ui");
  g_autoptr(GSList) objects = gtk_builder_get_objects (builder);
  g_autoptr(GPtrArray) accels = g_ptr_array_new_with_free_func (g_free);
  GtkWindow *overlay = GTK_WINDOW (gtk_builder_get_object (builder, "help_overlay"));
  static const char *expected[] = { "Left Right", "Home End", "Up Down", "Return space", "Escape" };

  for (GSList *l = objects; l != NULL; l = l->next)
    if (GTK_IS_SHORTCUTS_SHORTCUT (l->data))
      {
        char *accel = NULL;

        g_object_get (l->data, "accelerator", &accel, NULL);
        if (accel != NULL)
          g_ptr_array_add (accels, accel);
      }

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    g_assert_true (g_ptr_array_find_with_equal_func (accels, expected[i], g_str_equal, NULL));

  gtk_window_destroy (overlay);
}

/* A program that builds the whole window registers more than 2048 quarks
 * (the types and properties of GTK, libadwaita and GtkSourceView), and GLib
 * then drops the first block of its quark table on purpose (quark_new() in
 * gquark.c): a "leak" from GLib's own constructor that LeakSanitizer cannot
 * tell from others without slow unwinding. Leaks of the widgets are checked
 * by the smaller programs (test-document, test-builders, test-results,
 * test-tools); AddressSanitizer's other checks stay on here. */
const char *__lsan_default_options (void);

const char *
__lsan_default_options (void)
{
  return "leak_check_at_exit=0";
}

int
main (int   argc,
      char *argv[])
{
  int status;

  pl_test_gtk_init (&argc, &argv);

  g_test_add_func ("/app/window-actions/build-run-export", test_window_build_run_export);
  g_test_add_func ("/app/window-actions/example", test_window_example);
  g_test_add_func ("/app/window-actions/open-broken", test_window_open_broken);
  g_test_add_func ("/app/window-actions/open-missing", test_window_open_missing);
  g_test_add_func ("/app/window-actions/save", test_window_save);
  g_test_add_func ("/app/window-actions/unsaved-changes", test_window_unsaved_changes);
  g_test_add_func ("/app/window-actions/plot-keys", test_window_plot_keys);
  g_test_add_func ("/app/window-actions/plot-keys-listed", test_window_plot_keys_listed);

  status = g_test_run ();
  remove_temp_dir ();
  return status;
}
