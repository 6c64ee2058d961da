/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "app/pl-application.h"
#include "app/pl-window.h"
#include "app/pl-workbench.h"

#include "pl-test-utils.h"

static void
notify_count_cb (GObject    *object,
                 GParamSpec *pspec,
                 gpointer    user_data)
{
  guint *count = user_data;

  (*count)++;
}

/* Whether PlWindow installs @action ("win.run") as a class action. */
static gboolean
has_window_action (const char *action)
{
  GtkWidgetClass *klass = g_type_class_ref (PL_TYPE_WINDOW);
  const GVariantType *parameter_type;
  const char *property_name;
  const char *name;
  gboolean found = FALSE;
  GType owner;

  for (guint i = 0; gtk_widget_class_query_action (klass, i, &owner, &name, &parameter_type, &property_name); i++)
    if (g_strcmp0 (name, action) == 0)
      found = TRUE;

  g_type_class_unref (klass);
  return found;
}

static void
test_window_new (void)
{
  PlApplication *app = pl_test_application_get ();
  PlWindow *window;
  GtkWidget *content;

  window = pl_window_new (app);
  g_assert_true (PL_IS_WINDOW (window));
  g_assert_true (ADW_IS_APPLICATION_WINDOW (window));
  g_assert_true (gtk_window_get_application (GTK_WINDOW (window)) == GTK_APPLICATION (app));
  g_assert_null (pl_window_get_file (window));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Peakline");

  /* The template: a header bar over the workbench, under a toast overlay. */
  content = adw_application_window_get_content (ADW_APPLICATION_WINDOW (window));
  g_assert_true (GTK_IS_BOX (content));
  g_assert_true (ADW_IS_HEADER_BAR (gtk_widget_get_first_child (content)));
  g_assert_true (ADW_IS_TOAST_OVERLAY (gtk_widget_get_last_child (content)));
  g_assert_true (PL_IS_WORKBENCH (adw_toast_overlay_get_child (ADW_TOAST_OVERLAY (gtk_widget_get_last_child (content)))));

  gtk_window_present (GTK_WINDOW (window));
  pl_test_drain ();
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (window)));

  pl_test_application_close_all (app);
}

static void
test_window_primary_menu (void)
{
  PlApplication *app = pl_test_application_get ();
  PlWindow *window = pl_window_new (app);
  g_autoptr(GtkBuilder) builder = NULL;
  GtkWidget *content;
  GtkWidget *header;
  GtkWidget *button = NULL;
  GMenuModel *menu;
  GPtrArray *seen = g_ptr_array_new_with_free_func (g_free);

  /* Find the menu button in the header bar by walking its children. */
  content = adw_application_window_get_content (ADW_APPLICATION_WINDOW (window));
  header = gtk_widget_get_first_child (content);
  for (GtkWidget *w = gtk_widget_get_first_child (header); w && !button; )
    {
      /* The primary menu, not the Examples menu or a split button's arrow. */
      if (GTK_IS_MENU_BUTTON (w) && gtk_menu_button_get_primary (GTK_MENU_BUTTON (w)))
        button = w;
      else if (gtk_widget_get_first_child (w))
        w = gtk_widget_get_first_child (w);
      else
        {
          while (w && !gtk_widget_get_next_sibling (w) && w != header)
            w = gtk_widget_get_parent (w);
          w = (w && w != header) ? gtk_widget_get_next_sibling (w) : NULL;
        }
    }
  g_assert_nonnull (button);
  g_assert_true (gtk_menu_button_get_primary (GTK_MENU_BUTTON (button)));

  menu = gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (button));
  g_assert_nonnull (menu);

  /* Every item names an action that exists, in this order. */
  for (int s = 0; s < g_menu_model_get_n_items (menu); s++)
    {
      GMenuModel *section = g_menu_model_get_item_link (menu, s, G_MENU_LINK_SECTION);

      for (int i = 0; i < g_menu_model_get_n_items (section); i++)
        {
          char *action = NULL;

          g_assert_true (g_menu_model_get_item_attribute (section, i, G_MENU_ATTRIBUTE_ACTION,
                                                          "s", &action));
          if (g_str_has_prefix (action, "app."))
            g_assert_true (g_action_group_has_action (G_ACTION_GROUP (app), action + 4));
          else
            g_assert_true (has_window_action (action));
          g_ptr_array_add (seen, action);
        }
      g_object_unref (section);
    }
  g_assert_cmpuint (seen->len, ==, 9);
  g_assert_cmpstr (g_ptr_array_index (seen, 0), ==, "win.save-as");
  g_assert_cmpstr (g_ptr_array_index (seen, 1), ==, "win.undo");
  g_assert_cmpstr (g_ptr_array_index (seen, 2), ==, "win.redo");
  g_assert_cmpstr (g_ptr_array_index (seen, 3), ==, "win.compare");
  g_assert_cmpstr (g_ptr_array_index (seen, 4), ==, "win.size-calculator");
  g_assert_cmpstr (g_ptr_array_index (seen, 5), ==, "win.preferences");
  g_assert_cmpstr (g_ptr_array_index (seen, 6), ==, "app.shortcuts");
  g_assert_cmpstr (g_ptr_array_index (seen, 7), ==, "app.about");
  g_assert_cmpstr (g_ptr_array_index (seen, 8), ==, "app.quit");
  g_ptr_array_unref (seen);

  pl_test_application_close_all (app);
}

static void
test_window_file (void)
{
  PlApplication *app = pl_test_application_get ();
  g_autoptr(GFile) file = g_file_new_for_path ("/tmp/peakline-test/demo.py");
  g_autoptr(GFile) same = g_file_new_for_path ("/tmp/peakline-test/demo.py");
  g_autoptr(GFile) found = NULL;
  PlWindow *window = pl_window_new (app);
  guint notified = 0;

  g_signal_connect (window, "notify::file", G_CALLBACK (notify_count_cb), &notified);

  pl_window_set_file (window, file);
  g_assert_true (pl_window_get_file (window) == file);
  g_assert_cmpuint (notified, ==, 1);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "demo.py – Peakline");

  /* Setting an equal file changes nothing and notifies nobody. */
  pl_window_set_file (window, same);
  g_assert_true (pl_window_get_file (window) == file);
  g_assert_cmpuint (notified, ==, 1);

  /* The property goes through the same accessors. */
  g_object_get (window, "file", &found, NULL);
  g_assert_true (found == file);

  g_object_set (window, "file", NULL, NULL);
  g_assert_null (pl_window_get_file (window));
  g_assert_cmpuint (notified, ==, 2);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Peakline");

  pl_test_application_close_all (app);
}

static AdwWindowTitle *
get_window_title (PlWindow *window)
{
  GtkWidget *content = adw_application_window_get_content (ADW_APPLICATION_WINDOW (window));
  GtkWidget *header = gtk_widget_get_first_child (content);

  return ADW_WINDOW_TITLE (adw_header_bar_get_title_widget (ADW_HEADER_BAR (header)));
}

static void
test_window_title_and_subtitle (void)
{
  PlApplication *app = pl_test_application_get ();
  PlWindow *window = pl_window_new (app);
  AdwWindowTitle *title = get_window_title (window);
  g_autoptr(GFile) outside = g_file_new_for_path ("/tmp/peakline-test/demo.py");
  g_autoptr(GFile) in_home = g_file_new_build_filename (g_get_home_dir (), "demo.py", NULL);
  g_autoptr(GFile) below_home = g_file_new_build_filename (g_get_home_dir (), "course", "week 2",
                                                           "tutorial.py", NULL);

  g_assert_cmpstr (adw_window_title_get_title (title), ==, "Peakline");
  g_assert_cmpstr (adw_window_title_get_subtitle (title), ==, "");

  pl_window_set_file (window, outside);
  g_assert_cmpstr (adw_window_title_get_title (title), ==, "demo.py");
  g_assert_cmpstr (adw_window_title_get_subtitle (title), ==, "/tmp/peakline-test");

  pl_window_set_file (window, in_home);
  g_assert_cmpstr (adw_window_title_get_title (title), ==, "demo.py");
  g_assert_cmpstr (adw_window_title_get_subtitle (title), ==, "~");

  pl_window_set_file (window, below_home);
  g_assert_cmpstr (adw_window_title_get_title (title), ==, "tutorial.py");
  g_assert_cmpstr (adw_window_title_get_subtitle (title), ==, "~/course/week 2");

  pl_window_set_file (window, NULL);
  g_assert_cmpstr (adw_window_title_get_title (title), ==, "Peakline");
  g_assert_cmpstr (adw_window_title_get_subtitle (title), ==, "");

  pl_test_application_close_all (app);
}

static void
test_window_file_at_construction (void)
{
  PlApplication *app = pl_test_application_get ();
  g_autoptr(GFile) file = g_file_new_for_path ("/tmp/peakline-test/tutorial.py");
  PlWindow *window;

  window = g_object_new (PL_TYPE_WINDOW, "application", app, "file", file, NULL);
  g_assert_true (pl_window_get_file (window) == file);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "tutorial.py – Peakline");

  pl_test_application_close_all (app);
}

static void
test_window_remembers_size (void)
{
  PlApplication *app = pl_test_application_get ();
  GSettings *settings = pl_application_get_settings (app);
  PlWindow *window;
  gpointer weak;
  int width;
  int height;

  /* A new window takes the saved size... */
  g_settings_set_int (settings, "window-width", 812);
  g_settings_set_int (settings, "window-height", 603);
  window = pl_window_new (app);
  gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
  g_assert_cmpint (width, ==, 812);
  g_assert_cmpint (height, ==, 603);
  gtk_window_present (GTK_WINDOW (window));
  pl_test_drain ();

  /* ...and saves its size when it is closed. */
  gtk_window_set_default_size (GTK_WINDOW (window), 901, 640);
  weak = window;
  g_object_add_weak_pointer (G_OBJECT (window), &weak);
  gtk_window_close (GTK_WINDOW (window));
  pl_test_wait_for_null (&weak);

  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 901);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 640);
  g_assert_false (g_settings_get_boolean (settings, "window-maximized"));

  /* The next window opens at that size. */
  window = pl_window_new (app);
  gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
  g_assert_cmpint (width, ==, 901);
  g_assert_cmpint (height, ==, 640);

  pl_test_application_close_all (app);
}

static void
test_window_new_invalid (void)
{
  if (g_test_subprocess ())
    {
      /* A window belongs to a PlApplication. */
      g_assert_null (pl_window_new (NULL));
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_failed ();
  g_test_trap_assert_stderr ("*CRITICAL*pl_window_new*PL_IS_APPLICATION*");
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
  pl_test_gtk_init (&argc, &argv);

  g_test_add_func ("/app/window/new", test_window_new);
  g_test_add_func ("/app/window/primary-menu", test_window_primary_menu);
  g_test_add_func ("/app/window/file", test_window_file);
  g_test_add_func ("/app/window/title-and-subtitle", test_window_title_and_subtitle);
  g_test_add_func ("/app/window/file-at-construction", test_window_file_at_construction);
  g_test_add_func ("/app/window/remembers-size", test_window_remembers_size);
  g_test_add_func ("/app/window/new-invalid", test_window_new_invalid);

  return g_test_run ();
}
