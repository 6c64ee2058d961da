/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>

#include "app/pl-application.h"
#include "app/pl-window.h"

#include "pl-test-utils.h"

static void
test_application_new (void)
{
  g_autoptr(PlApplication) app = pl_application_new ();
  GApplicationFlags flags;

  g_assert_true (PL_IS_APPLICATION (app));
  g_assert_true (ADW_IS_APPLICATION (app));
  g_assert_cmpstr (g_application_get_application_id (G_APPLICATION (app)), ==, APPLICATION_ID);
  g_assert_cmpstr (g_application_get_resource_base_path (G_APPLICATION (app)), ==,
                   "/io/github/peakline/Peakline");

  flags = g_application_get_flags (G_APPLICATION (app));
  g_assert_true (flags & G_APPLICATION_HANDLES_OPEN);

  /* Before startup there are neither settings nor actions. */
  g_assert_null (pl_application_get_settings (app));
  g_assert_false (g_action_map_lookup_action (G_ACTION_MAP (app), "quit") != NULL);
}

static void
test_application_resources (void)
{
  static const char *paths[] = {
    "/io/github/peakline/Peakline/style.css",
    "/io/github/peakline/Peakline/gtk/help-overlay.ui",
    "/io/github/peakline/Peakline/ui/pl-window.ui",
    "/io/github/peakline/Peakline/icons/scalable/apps/io.github.peakline.Peakline.svg",
    "/io/github/peakline/Peakline/icons/scalable/apps/io.github.peakline.Peakline-symbolic.svg",
  };

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) bytes = NULL;

      bytes = g_resources_lookup_data (paths[i], G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (g_bytes_get_size (bytes), >, 0);
    }
}

static void
test_application_startup (void)
{
  PlApplication *app = pl_test_application_get ();
  g_auto(GStrv) quit_accels = NULL;
  g_auto(GStrv) shortcut_accels = NULL;
  static const char *actions[] = { "quit", "about", "shortcuts" };
  GSettings *settings;

  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    g_assert_nonnull (g_action_map_lookup_action (G_ACTION_MAP (app), actions[i]));

  quit_accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "app.quit");
  g_assert_cmpuint (g_strv_length (quit_accels), ==, 1);
  g_assert_cmpstr (quit_accels[0], ==, "<Control>q");

  shortcut_accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app),
                                                           "app.shortcuts");
  g_assert_cmpuint (g_strv_length (shortcut_accels), ==, 1);
  g_assert_cmpstr (shortcut_accels[0], ==, "<Control>question");

  /* The tests compile the schema into the build tree (GSETTINGS_SCHEMA_DIR). */
  settings = pl_application_get_settings (app);
  g_assert_true (G_IS_SETTINGS (settings));
  g_assert_cmpint (g_settings_get_int (settings, "export-width"), ==, 1200);
  g_assert_cmpint (g_settings_get_int (settings, "export-height"), ==, 800);
  g_assert_cmpint (g_settings_get_int (settings, "export-scale"), ==, 2);
  g_assert_cmpfloat (g_settings_get_double (settings, "sample-interval"), ==, 5e-05);
  g_assert_true (g_settings_get_boolean (settings, "temporary-elision"));
  g_assert_cmpint (g_settings_get_int (settings, "numexpr-threads"), ==, 0);
  g_assert_true (g_settings_get_boolean (settings, "show-rss"));
  g_assert_true (g_settings_get_boolean (settings, "show-alloc"));

  /* No window exists before the application is activated. */
  g_assert_null (gtk_application_get_windows (GTK_APPLICATION (app)));
}

/* Started from its build directory by hand, without the schema, Peakline must
 * still open its window and say what to do, instead of aborting as
 * g_settings_new() would. */
static void
test_application_without_schema (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr(PlApplication) app = pl_application_new ();
      g_autoptr(GError) error = NULL;
      PlWindow *window;

      /* The warning is expected here: let it be printed, not abort. */
      g_log_set_always_fatal (G_LOG_FATAL_MASK);
      g_log_set_fatal_mask ("Peakline", G_LOG_FATAL_MASK);
      g_log_set_fatal_mask (NULL, G_LOG_FATAL_MASK);

      g_application_set_flags (G_APPLICATION (app),
                               G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE);
      g_application_register (G_APPLICATION (app), NULL, &error);
      g_assert_no_error (error);
      g_assert_null (pl_application_get_settings (app));

      window = pl_window_new (app);
      gtk_window_set_default_size (GTK_WINDOW (window), 640, 480);
      gtk_window_present (GTK_WINDOW (window));
      pl_test_drain ();
      gtk_window_close (GTK_WINDOW (window));
      pl_test_drain ();
      g_assert_null (gtk_application_get_windows (GTK_APPLICATION (app)));
      return;
    }

  {
    g_autofree char *old_schema_dir = g_strdup (g_getenv ("GSETTINGS_SCHEMA_DIR"));
    g_autofree char *empty = g_dir_make_tmp ("peakline-no-schema-XXXXXX", NULL);

    g_assert_nonnull (empty);

    /* The system's schemas stay visible (GTK needs some); Peakline's must
     * not be among them for this test to mean anything. */
    for (const char * const *dir = g_get_system_data_dirs (); *dir; dir++)
      {
        g_autofree char *path = g_build_filename (*dir, "glib-2.0", "schemas", NULL);
        g_autoptr(GSettingsSchemaSource) source = NULL;
        g_autoptr(GSettingsSchema) schema = NULL;

        source = g_settings_schema_source_new_from_directory (path, NULL, FALSE, NULL);
        if (source != NULL)
          schema = g_settings_schema_source_lookup (source, PL_SETTINGS_SCHEMA_ID, FALSE);
        if (schema != NULL)
          {
            g_rmdir (empty);
            g_test_skip ("Peakline's schema is installed system-wide");
            return;
          }
      }

    /* The child inherits this environment; this process keeps its own,
     * already loaded, schema source. */
    g_setenv ("GSETTINGS_SCHEMA_DIR", empty, TRUE);
    g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
    if (old_schema_dir)
      g_setenv ("GSETTINGS_SCHEMA_DIR", old_schema_dir, TRUE);
    else
      g_unsetenv ("GSETTINGS_SCHEMA_DIR");
    g_rmdir (empty);

    g_test_trap_assert_passed ();
    g_test_trap_assert_stderr ("*settings schema " PL_SETTINGS_SCHEMA_ID
                               " is not installed*build-aux/run*");
  }
}

static void
test_application_activate (void)
{
  PlApplication *app = pl_test_application_get ();
  GList *windows;

  g_application_activate (G_APPLICATION (app));
  windows = gtk_application_get_windows (GTK_APPLICATION (app));
  g_assert_cmpuint (g_list_length (windows), ==, 1);
  g_assert_true (PL_IS_WINDOW (windows->data));
  g_assert_true (gtk_widget_get_visible (windows->data));
  g_assert_null (pl_window_get_file (windows->data));

  /* Activating again presents the same window rather than a second one. */
  g_application_activate (G_APPLICATION (app));
  g_assert_cmpuint (g_list_length (gtk_application_get_windows (GTK_APPLICATION (app))), ==, 1);

  pl_test_application_close_all (app);
}

static void
test_application_about (void)
{
  PlApplication *app = pl_test_application_get ();
  GtkWindow *window;
  GtkWindow *about;

  g_application_activate (G_APPLICATION (app));
  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  g_assert_true (PL_IS_WINDOW (window));
  pl_test_drain ();

  g_action_group_activate_action (G_ACTION_GROUP (app), "about", NULL);
  pl_test_drain ();

#if ADW_CHECK_VERSION (1, 5, 0)
  {
    AdwDialog *dialog = adw_application_window_get_visible_dialog (ADW_APPLICATION_WINDOW (window));
    gpointer weak = dialog;

    g_assert_true (ADW_IS_ABOUT_DIALOG (dialog));
    g_assert_cmpstr (adw_about_dialog_get_version (ADW_ABOUT_DIALOG (dialog)), ==, PACKAGE_VERSION);
    g_assert_cmpstr (adw_about_dialog_get_website (ADW_ABOUT_DIALOG (dialog)), ==, PACKAGE_URL);
    g_object_add_weak_pointer (G_OBJECT (dialog), &weak);
    g_assert_true (adw_dialog_close (dialog));
    pl_test_wait_for_null (&weak);
    (void) about;
  }
#else
  {
    gpointer weak;

    about = pl_test_find_toplevel (ADW_TYPE_ABOUT_WINDOW);
    g_assert_nonnull (about);
    g_assert_true (gtk_widget_get_visible (GTK_WIDGET (about)));
    g_assert_true (gtk_window_get_transient_for (about) == window);
    g_assert_true (gtk_window_get_application (about) == GTK_APPLICATION (app));

    g_assert_cmpstr (adw_about_window_get_application_name (ADW_ABOUT_WINDOW (about)), ==,
                     "Peakline");
    g_assert_cmpstr (adw_about_window_get_application_icon (ADW_ABOUT_WINDOW (about)), ==,
                     PL_APPLICATION_ICON_NAME);
    g_assert_cmpstr (adw_about_window_get_version (ADW_ABOUT_WINDOW (about)), ==,
                     PACKAGE_VERSION);
    g_assert_cmpstr (adw_about_window_get_developer_name (ADW_ABOUT_WINDOW (about)), ==,
                     "The Peakline developers");
    g_assert_cmpstr (adw_about_window_get_website (ADW_ABOUT_WINDOW (about)), ==,
                     "https://github.com/peakline/peakline");
    g_assert_cmpstr (adw_about_window_get_issue_url (ADW_ABOUT_WINDOW (about)), ==,
                     "https://github.com/peakline/peakline/issues");
    g_assert_cmpint (adw_about_window_get_license_type (ADW_ABOUT_WINDOW (about)), ==,
                     GTK_LICENSE_GPL_3_0);

    /* The icon it names must resolve, from the resources, without an
     * installed icon theme entry. */
    g_assert_true (gtk_icon_theme_has_icon (gtk_icon_theme_get_for_display (gdk_display_get_default ()),
                                            PL_APPLICATION_ICON_NAME));

    weak = about;
    g_object_add_weak_pointer (G_OBJECT (about), &weak);
    gtk_window_close (about);
    pl_test_wait_for_null (&weak);
    g_assert_null (pl_test_find_toplevel (ADW_TYPE_ABOUT_WINDOW));
  }
#endif

  /* The main window stays. */
  g_assert_cmpuint (g_list_length (gtk_application_get_windows (GTK_APPLICATION (app))), ==, 1);
  pl_test_application_close_all (app);
}

static void
test_application_shortcuts (void)
{
  PlApplication *app = pl_test_application_get ();
  GtkWindow *overlay;
  gpointer weak;

  /* Without a window there is nothing to show the shortcuts of. */
  g_action_group_activate_action (G_ACTION_GROUP (app), "shortcuts", NULL);
  pl_test_drain ();
  g_assert_null (pl_test_find_toplevel (GTK_TYPE_SHORTCUTS_WINDOW));

  g_application_activate (G_APPLICATION (app));
  pl_test_drain ();

  g_action_group_activate_action (G_ACTION_GROUP (app), "shortcuts", NULL);
  pl_test_drain ();

  overlay = pl_test_find_toplevel (GTK_TYPE_SHORTCUTS_WINDOW);
  g_assert_nonnull (overlay);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (overlay)));

  weak = overlay;
  g_object_add_weak_pointer (G_OBJECT (overlay), &weak);
  gtk_window_close (overlay);
  pl_test_drain ();
  /* The help overlay is kept by its window to be shown again, hidden. */
  if (weak != NULL)
    {
      g_assert_false (gtk_widget_get_visible (GTK_WIDGET (overlay)));
      g_object_remove_weak_pointer (G_OBJECT (overlay), &weak);
    }

  pl_test_application_close_all (app);
}

/* Regression test: with the about window focused, the shortcuts action looked
 * for win.show-help-overlay on the about window and did nothing. */
static void
test_application_shortcuts_over_about (void)
{
  PlApplication *app = pl_test_application_get ();
  GtkWindow *window;
  GtkWindow *overlay;

  g_application_activate (G_APPLICATION (app));
  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  pl_test_drain ();

  g_action_group_activate_action (G_ACTION_GROUP (app), "about", NULL);
  pl_test_drain ();
#if !ADW_CHECK_VERSION (1, 5, 0)
  {
    GtkWindow *about = pl_test_find_toplevel (ADW_TYPE_ABOUT_WINDOW);

    g_assert_nonnull (about);
    /* A second about window is made transient for the main window too. */
    gtk_window_present (about);
    g_action_group_activate_action (G_ACTION_GROUP (app), "about", NULL);
    pl_test_drain ();
    for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l; l = l->next)
      if (ADW_IS_ABOUT_WINDOW (l->data))
        g_assert_true (gtk_window_get_transient_for (l->data) == window);
  }
#endif

  g_action_group_activate_action (G_ACTION_GROUP (app), "shortcuts", NULL);
  pl_test_drain ();
  overlay = pl_test_find_toplevel (GTK_TYPE_SHORTCUTS_WINDOW);
  g_assert_nonnull (overlay);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (overlay)));
  g_assert_true (gtk_window_get_transient_for (overlay) == window);

  /* Activation presents the Peakline window, not the dialog. */
  g_application_activate (G_APPLICATION (app));
  g_assert_cmpuint (g_list_length (gtk_application_get_windows (GTK_APPLICATION (app))), >=, 2);

  pl_test_application_close_all (app);
}

static void
test_application_open (void)
{
  PlApplication *app = pl_test_application_get ();
  g_autoptr(GFile) first = g_file_new_for_path ("/tmp/peakline-test/first.py");
  g_autoptr(GFile) second = g_file_new_for_path ("/tmp/peakline-test/second.py");
  GFile *files[2] = { first, second };
  GList *windows;
  GtkWindow *empty;
  gboolean seen_first = FALSE;
  gboolean seen_second = FALSE;

  /* An empty window is reused for the first file; the second gets its own. */
  g_application_activate (G_APPLICATION (app));
  empty = gtk_application_get_active_window (GTK_APPLICATION (app));

  g_application_open (G_APPLICATION (app), files, 2, "");
  pl_test_drain ();

  windows = gtk_application_get_windows (GTK_APPLICATION (app));
  g_assert_cmpuint (g_list_length (windows), ==, 2);

  for (GList *l = windows; l; l = l->next)
    {
      GFile *file = pl_window_get_file (l->data);

      g_assert_nonnull (file);
      if (g_file_equal (file, first))
        {
          seen_first = TRUE;
          g_assert_true (l->data == (gpointer) empty);
          g_assert_cmpstr (gtk_window_get_title (l->data), ==, "first.py – Peakline");
        }
      else if (g_file_equal (file, second))
        {
          seen_second = TRUE;
          g_assert_cmpstr (gtk_window_get_title (l->data), ==, "second.py – Peakline");
        }
    }
  g_assert_true (seen_first);
  g_assert_true (seen_second);

  pl_test_application_close_all (app);
}

static void
test_application_quit (void)
{
  PlApplication *app = pl_test_application_get ();
  GSettings *settings = pl_application_get_settings (app);
  gpointer weak;
  GtkWindow *window;

  g_application_activate (G_APPLICATION (app));
  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  gtk_window_set_default_size (window, 777, 555);
  pl_test_drain ();

  weak = window;
  g_object_add_weak_pointer (G_OBJECT (window), &weak);
  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
  pl_test_wait_for_null (&weak);

  /* Quitting closes the windows the way the user does, so the size is kept. */
  g_assert_null (gtk_application_get_windows (GTK_APPLICATION (app)));
  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 777);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 555);
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

  g_test_add_func ("/app/application/new", test_application_new);
  g_test_add_func ("/app/application/resources", test_application_resources);
  g_test_add_func ("/app/application/startup", test_application_startup);
  g_test_add_func ("/app/application/without-schema", test_application_without_schema);
  g_test_add_func ("/app/application/activate", test_application_activate);
  g_test_add_func ("/app/application/about", test_application_about);
  g_test_add_func ("/app/application/shortcuts", test_application_shortcuts);
  g_test_add_func ("/app/application/shortcuts-over-about", test_application_shortcuts_over_about);
  g_test_add_func ("/app/application/open", test_application_open);
  g_test_add_func ("/app/application/quit", test_application_quit);

  return g_test_run ();
}
