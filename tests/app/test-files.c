/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "app/pl-application.h"
#include "app/pl-file-chooser.h"
#include "app/pl-step-row.h"
#include "app/pl-window.h"
#include "app/pl-workbench.h"

#include "pl-test-utils.h"

/* The file handling of the window as a user meets it: drag and drop, the
 * recent scripts, the Open, Save As and Export dialogs (answered through
 * pl_file_chooser_set_test_answer() instead of being shown), files given
 * on the command line, and files that cannot be read.
 *
 * XDG_DATA_HOME is a temporary folder (set in main before GLib reads it),
 * so GtkRecentManager works on a private recently-used.xbel and the user's
 * own list is never touched. */

static char *data_home;
static char *temp_dir;

static const char script[] =
  "import numpy as np\n"
  "\n"
  "def fun1():\n"
  "    x = np.ones(1_000)\n"
  "    x *= 2\n"
  "\n"
  "utils.analyze_memory(fun1)\n";

static char *
temp_path (const char *name)
{
  return g_build_filename (temp_dir, name, NULL);
}

/* A real file in the temporary folder. */
static GFile *
make_file (const char *name,
           const char *contents,
           gssize      length)
{
  g_autofree char *path = temp_path (name);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, length, &error);
  g_assert_no_error (error);
  return g_file_new_for_path (path);
}

static char *
read_file (GFile *file)
{
  char *contents = NULL;

  if (!g_file_load_contents (file, NULL, &contents, NULL, NULL, NULL))
    return NULL;
  return contents;
}

static PlDocument *
get_document (PlWindow *window)
{
  return pl_workbench_get_document (pl_test_get_workbench (window));
}

/* Lets a file that is being read arrive (or not) and what follows settle:
 * the read runs in a thread and reports to the main loop. */
static void
settle (void)
{
  for (int i = 0; i < 100; i++)
    {
      g_usleep (1000);
      pl_test_drain ();
    }
}

typedef struct
{
  PlWindow *window;
  GFile    *file;
} WindowFile;

static gboolean
window_has_file (gpointer data)
{
  WindowFile *wf = data;
  GFile *file = pl_window_get_file (wf->window);

  return file != NULL && g_file_equal (file, wf->file) &&
         !pl_document_get_modified (get_document (wf->window)) &&
         strstr (pl_document_get_text (get_document (wf->window)), "def fun1") != NULL;
}

/* Waits until @window shows @file (read and loaded). */
static void
wait_for_file (PlWindow *window,
               GFile    *file)
{
  WindowFile wf = { window, file };

  pl_test_wait_until (window_has_file, &wf, 10);
}

static gboolean
toast_is (gpointer data)
{
  gpointer *args = data;

  return g_strcmp0 (pl_test_get_toast (args[0]), args[1]) == 0;
}

/* Waits until @window shows @message in a toast. */
static void
wait_for_toast (PlWindow   *window,
                const char *message)
{
  gpointer args[2] = { window, (gpointer) message };

  pl_test_wait_until (toast_is, args, 10);
}

static guint
n_windows (PlApplication *app)
{
  return g_list_length (gtk_application_get_windows (GTK_APPLICATION (app)));
}

/* The window of @app showing @file, or NULL. */
static PlWindow *
find_window (PlApplication *app,
             GFile         *file)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l != NULL; l = l->next)
    if (PL_IS_WINDOW (l->data) && pl_window_get_file (l->data) != NULL &&
        g_file_equal (pl_window_get_file (l->data), file))
      return l->data;

  return NULL;
}

/* A window with an untitled script the user has typed (not saved). */
static PlWindow *
new_window_with_changes (PlApplication *app)
{
  PlWindow *window = pl_window_new (app);

  gtk_window_present (GTK_WINDOW (window));
  pl_test_activate (window, "win.add-step", g_variant_new_string ("ones"));
  g_assert_true (pl_document_get_modified (get_document (window)));
  return window;
}

static void
discard_changes (PlApplication *app)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l != NULL; l = l->next)
    if (PL_IS_WINDOW (l->data))
      pl_document_set_modified (get_document (l->data), FALSE);
}

/* --- drag and drop ------------------------------------------------------ */

static GtkDropTarget *
get_drop_target (PlWindow *window)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (window));

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_DROP_TARGET (controller))
        {
          const GType *types;
          gsize n_types;

          types = gtk_drop_target_get_gtypes (GTK_DROP_TARGET (controller), &n_types);
          g_assert_cmpuint (n_types, ==, 1);
          g_assert_true (types[0] == GDK_TYPE_FILE_LIST);
          return GTK_DROP_TARGET (controller);
        }
    }

  g_assert_not_reached ();
}

/* Drops @files on @window as the file manager does: a GdkFileList. */
static gboolean
drop_files (PlWindow *window,
            GFile    *first,
            ...)
{
  g_autoptr(GSList) list = NULL;
  g_auto(GValue) value = G_VALUE_INIT;
  gboolean accepted = FALSE;
  va_list args;

  va_start (args, first);
  for (GFile *f = first; f != NULL; f = va_arg (args, GFile *))
    list = g_slist_append (list, f);
  va_end (args);

  g_value_init (&value, GDK_TYPE_FILE_LIST);
  g_value_take_boxed (&value, gdk_file_list_new_from_list (list));
  g_signal_emit_by_name (get_drop_target (window), "drop", &value, 100.0, 100.0, &accepted);
  pl_test_drain ();
  return accepted;
}

static void
test_drop_script (void)
{
  PlApplication *app = pl_test_application_get ();
  PlWindow *window = pl_window_new (app);
  PlWorkbench *workbench = pl_test_get_workbench (window);
  g_autoptr(GFile) file = make_file ("dropped.py", script, -1);
  g_autoptr(GFile) second = make_file ("second.py", script, -1);
  GtkWidget *row;

  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (drop_files (window, file, NULL));
  wait_for_file (window, file);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "dropped.py – Peakline");
  g_assert_cmpstr (pl_document_get_text (pl_workbench_get_document (workbench)), ==, script);

  /* The builders show the script's step. */
  g_assert_cmpstr (pl_workbench_get_view (workbench), ==, "builders");
  row = pl_test_find_widget (GTK_WIDGET (window), PL_TYPE_STEP_ROW, 1);
  g_assert_nonnull (row);
  g_assert_cmpstr (pl_step_get_code (pl_step_row_get_step (PL_STEP_ROW (row))), ==, "x *= 2");

  /* A second script dropped on a window that shows one opens beside it. */
  g_assert_true (drop_files (window, second, NULL));
  {
    WindowFile wf = { NULL, second };

    for (int i = 0; i < 1000 && (wf.window = find_window (app, second)) == NULL; i++)
      {
        g_usleep (1000);
        pl_test_drain ();
      }
    g_assert_nonnull (wf.window);
    g_assert_true (wf.window != window);
    wait_for_file (wf.window, second);
  }
  g_assert_true (g_file_equal (pl_window_get_file (window), file));
  g_assert_cmpuint (n_windows (app), ==, 2);

  pl_test_application_close_all (app);
}

static void
test_drop_refused (void)
{
  PlApplication *app = pl_test_application_get ();
  PlWindow *window = new_window_with_changes (app);
  PlDocument *document = get_document (window);
  g_autofree char *text = g_strdup (pl_document_get_text (document));
  g_autoptr(GFile) notes = make_file ("notes.txt", "not a script\n", -1);
  g_autoptr(GFile) binary = make_file ("binary.py", "\x89PNG\r\n\x1a\n\xff\xfe", 10);
  g_autoptr(GFile) folder = NULL;
  g_autofree char *folder_path = temp_path ("folder.py");

  /* Not a script: said at once, and nothing is opened. */
  g_assert_false (drop_files (window, notes, NULL));
  g_assert_cmpstr (pl_test_get_toast (GTK_WIDGET (window)), ==,
                   "“notes.txt” is not a Python script: Peakline opens .py files");
  settle ();
  g_assert_cmpuint (n_windows (app), ==, 1);

  /* A .py that is not text: the window that was dropped on says why and
   * keeps its (unsaved) script; no empty window is left behind. */
  g_assert_true (drop_files (window, binary, NULL));
  wait_for_toast (window, "Could not open “binary.py”: it is not a text file");
  settle ();
  g_assert_cmpuint (n_windows (app), ==, 1);
  g_assert_null (pl_window_get_file (window));
  g_assert_cmpstr (pl_document_get_text (document), ==, text);
  g_assert_true (pl_document_get_modified (document));

  /* A name that is not markup-safe is shown as it is. */
  {
    g_autoptr(GFile) odd = make_file ("R&D <1>.py", "\xff\xfe", 2);

    g_assert_true (drop_files (window, odd, NULL));
    wait_for_toast (window, "Could not open “R&D <1>.py”: it is not a text file");
  }

  /* A folder named like a script. */
  g_assert_cmpint (g_mkdir (folder_path, 0755), ==, 0);
  folder = g_file_new_for_path (folder_path);
  g_assert_true (drop_files (window, folder, NULL));
  wait_for_toast (window, "Could not open “folder.py”: it is a folder, not a script");
  settle ();
  g_assert_cmpuint (n_windows (app), ==, 1);
  g_assert_cmpstr (pl_document_get_text (document), ==, text);

  /* Of several files, the scripts open and the rest is refused. */
  {
    g_autoptr(GFile) good = make_file ("good.py", script, -1);
    PlWindow *opened = NULL;

    g_assert_true (drop_files (window, notes, good, NULL));
    g_assert_cmpstr (pl_test_get_toast (GTK_WIDGET (window)), ==,
                     "“notes.txt” is not a Python script: Peakline opens .py files");
    for (int i = 0; i < 2000 && (opened = find_window (app, good)) == NULL; i++)
      {
        g_usleep (1000);
        pl_test_drain ();
      }
    g_assert_nonnull (opened);
    g_assert_true (opened != window);
    wait_for_file (opened, good);
  }

  g_rmdir (folder_path);
  discard_changes (app);
  pl_test_application_close_all (app);
}

/* --- recent scripts ----------------------------------------------------- */

/* Whether the recent list has @uri (has_item() is critical on an empty
 * list, lookup_item() is not). */
static gboolean
recent_has (gpointer uri)
{
  GtkRecentInfo *info = gtk_recent_manager_lookup_item (gtk_recent_manager_get_default (), uri, NULL);

  if (info == NULL)
    return FALSE;
  gtk_recent_info_unref (info);
  return TRUE;
}

/* The recent scripts the Open button's menu lists: their URIs, in order. */
static GPtrArray *
get_recent_menu (PlWindow *window)
{
  AdwSplitButton *button = ADW_SPLIT_BUTTON (pl_test_find_widget (GTK_WIDGET (window), ADW_TYPE_SPLIT_BUTTON, 0));
  GMenuModel *menu = adw_split_button_get_menu_model (button);
  GPtrArray *uris = g_ptr_array_new_with_free_func (g_free);

  g_assert_nonnull (menu);
  for (int i = 0; i < g_menu_model_get_n_items (menu); i++)
    {
      g_autofree char *action = NULL;
      g_autofree char *label = NULL;
      char *uri = NULL;

      g_assert_true (g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_ACTION, "s", &action));
      g_assert_true (g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_LABEL, "s", &label));
      if (g_str_equal (action, "win.no-recent"))
        continue;
      g_assert_cmpstr (action, ==, "win.open-recent");
      g_assert_true (g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_TARGET, "s", &uri));
      g_assert_true (g_str_has_suffix (uri, label));
      g_ptr_array_add (uris, uri);
    }

  return uris;
}

typedef struct
{
  PlWindow   *window;
  const char *uri;
  gboolean    listed;
} MenuCheck;

static gboolean
menu_lists (gpointer data)
{
  MenuCheck *check = data;
  g_autoptr(GPtrArray) uris = get_recent_menu (check->window);

  return g_ptr_array_find_with_equal_func (uris, check->uri, g_str_equal, NULL) == check->listed;
}

static void
wait_for_menu (PlWindow   *window,
               const char *uri,
               gboolean    listed)
{
  MenuCheck check = { window, uri, listed };

  pl_test_wait_until (menu_lists, &check, 10);
}

static void
test_recent_private (void)
{
  g_autofree char *filename = NULL;

  /* The tests never touch the user's own recent files. */
  g_object_get (gtk_recent_manager_get_default (), "filename", &filename, NULL);
  g_assert_true (g_str_has_prefix (filename, data_home));
}

static void
test_recent (void)
{
  PlApplication *app = pl_test_application_get ();
  PlWindow *window = pl_window_new (app);
  g_autoptr(GFile) opened = make_file ("recent-opened.py", script, -1);
  g_autoptr(GFile) gone = make_file ("recent-gone.py", script, -1);
  g_autofree char *saved_path = temp_path ("recent-saved.py");
  g_autoptr(GFile) saved = g_file_new_for_path (saved_path);
  g_autofree char *opened_uri = g_file_get_uri (opened);
  g_autofree char *saved_uri = g_file_get_uri (saved);
  g_autofree char *gone_uri = g_file_get_uri (gone);
  PlWindow *second;

  gtk_window_present (GTK_WINDOW (window));

  /* Opening adds the script to the recent list and the Open menu. */
  pl_file_chooser_set_test_answer (opened);
  pl_test_activate (window, "win.open", NULL);
  wait_for_file (window, opened);
  pl_test_wait_until (recent_has, opened_uri, 10);
  wait_for_menu (window, opened_uri, TRUE);

  /* So does saving under a new name. */
  pl_test_activate (window, "win.add-step", g_variant_new_string ("zeros"));
  pl_file_chooser_set_test_answer (saved);
  pl_test_activate (window, "win.save-as", NULL);
  pl_test_wait_until (recent_has, saved_uri, 10);
  wait_for_menu (window, saved_uri, TRUE);
  g_assert_true (g_file_equal (pl_window_get_file (window), saved));

  /* The menu's entry opens its script (in a new window: this one shows
   * one). */
  pl_test_activate (window, "win.open-recent", g_variant_new_string (opened_uri));
  for (int i = 0; i < 2000 && (second = find_window (app, opened)) == NULL; i++)
    {
      g_usleep (1000);
      pl_test_drain ();
    }
  g_assert_nonnull (second);
  g_assert_true (second != window);
  wait_for_file (second, opened);
  gtk_window_destroy (GTK_WINDOW (second));
  pl_test_drain ();

  /* A recent script deleted since is not listed once the list changes... */
  g_assert_true (drop_files (window, gone, NULL));
  pl_test_wait_until (recent_has, gone_uri, 10);
  wait_for_menu (window, gone_uri, TRUE);
  pl_test_application_close_all (app);
  window = pl_window_new (app);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_cmpint (g_unlink (g_file_peek_path (gone)), ==, 0);
  gtk_recent_manager_add_item (gtk_recent_manager_get_default (), opened_uri);
  wait_for_menu (window, gone_uri, FALSE);
  wait_for_menu (window, opened_uri, TRUE);

  /* ...and if it is still asked for (a menu opened before it went), the
   * window says so, keeps what it shows, and the list forgets it. */
  pl_test_activate (window, "win.open-recent", g_variant_new_string (gone_uri));
  wait_for_toast (window, "Could not open “recent-gone.py”: it was moved or deleted");
  settle ();
  g_assert_null (pl_window_get_file (window));
  g_assert_cmpuint (n_windows (app), ==, 1);
  g_assert_false (recent_has (gone_uri));

  pl_test_application_close_all (app);
}

/* --- the file dialogs --------------------------------------------------- */

static void
test_open_dialog (void)
{
  PlApplication *app = pl_test_application_get ();
  PlWindow *window = new_window_with_changes (app);
  PlDocument *document = get_document (window);
  g_autofree char *text = g_strdup (pl_document_get_text (document));
  g_autoptr(GFile) file = make_file ("dialog-open.py", script, -1);
  g_autofree char *suggestion = NULL;
  PlWindow *opened = NULL;

  /* Cancelled: nothing changes. */
  pl_file_chooser_set_test_answer (NULL);
  pl_test_activate (window, "win.open", NULL);
  settle ();
  g_assert_cmpuint (n_windows (app), ==, 1);
  g_assert_null (pl_window_get_file (window));
  g_assert_cmpstr (pl_document_get_text (document), ==, text);
  suggestion = pl_file_chooser_dup_test_suggestion ();
  g_assert_null (suggestion);

  /* Chosen: it opens beside the unsaved script, which stays. */
  pl_file_chooser_set_test_answer (file);
  pl_test_activate (window, "win.open", NULL);
  for (int i = 0; i < 2000 && (opened = find_window (app, file)) == NULL; i++)
    {
      g_usleep (1000);
      pl_test_drain ();
    }
  g_assert_nonnull (opened);
  g_assert_true (opened != window);
  wait_for_file (opened, file);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (opened)), ==, "dialog-open.py – Peakline");
  g_assert_cmpstr (pl_document_get_text (document), ==, text);

  discard_changes (app);
  pl_test_application_close_all (app);
}

static gboolean
not_modified (gpointer data)
{
  return !pl_document_get_modified (data);
}

static void
test_save_as_dialog (void)
{
  PlApplication *app = pl_test_application_get ();
  PlWindow *window = new_window_with_changes (app);
  PlDocument *document = get_document (window);
  g_autofree char *path = temp_path ("dialog-saved.py");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *suggestion = NULL;
  g_autofree char *contents = NULL;

  /* Cancelled: nothing is written, the changes stay unsaved. */
  pl_file_chooser_set_test_answer (NULL);
  pl_test_activate (window, "win.save", NULL);
  settle ();
  suggestion = pl_file_chooser_dup_test_suggestion ();
  g_assert_cmpstr (suggestion, ==, "pipeline.py");
  g_assert_false (g_file_query_exists (file, NULL));
  g_assert_null (pl_window_get_file (window));
  g_assert_true (pl_document_get_modified (document));

  /* Save of an untitled script asks where, and writes it there. */
  pl_file_chooser_set_test_answer (file);
  pl_test_activate (window, "win.save", NULL);
  pl_test_wait_until (not_modified, document, 10);
  contents = read_file (file);
  g_assert_cmpstr (contents, ==, pl_document_get_text (document));
  g_assert_true (g_file_equal (pl_window_get_file (window), file));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "dialog-saved.py – Peakline");

  /* Save As suggests the script's own name; cancelling keeps the file. */
  pl_test_activate (window, "win.add-step", g_variant_new_string ("sleep"));
  pl_file_chooser_set_test_answer (NULL);
  pl_test_activate (window, "win.save-as", NULL);
  settle ();
  g_clear_pointer (&suggestion, g_free);
  suggestion = pl_file_chooser_dup_test_suggestion ();
  g_assert_cmpstr (suggestion, ==, "dialog-saved.py");
  g_assert_true (pl_document_get_modified (document));
  g_clear_pointer (&contents, g_free);
  contents = read_file (file);
  g_assert_null (strstr (contents, "time.sleep"));

  discard_changes (app);
  pl_test_application_close_all (app);
}

static void
test_unsaved_changes_save (void)
{
  PlApplication *app = pl_test_application_get ();
  PlWindow *window = new_window_with_changes (app);
  g_autofree char *path = temp_path ("closing.py");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *contents = NULL;
  gpointer weak = window;
  GtkWindow *dialog;

  /* Close, Save, and the Save dialog cancelled: the window stays. */
  gtk_window_close (GTK_WINDOW (window));
  pl_test_drain ();
  dialog = pl_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  pl_file_chooser_set_test_answer (NULL);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "save");
  settle ();
  g_assert_cmpuint (n_windows (app), ==, 1);
  g_assert_false (g_file_query_exists (file, NULL));

  /* Close, Save, a name: the script is written and the window closes. */
  g_object_add_weak_pointer (G_OBJECT (window), &weak);
  gtk_window_close (GTK_WINDOW (window));
  pl_test_drain ();
  dialog = pl_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  pl_file_chooser_set_test_answer (file);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "save");
  pl_test_wait_for_null (&weak);
  contents = read_file (file);
  g_assert_nonnull (contents);
  g_assert_nonnull (strstr (contents, "np.ones"));

  pl_test_application_close_all (app);
}

static void
test_export_dialog (void)
{
  PlApplication *app = pl_test_application_get ();
  PlWindow *window = pl_window_new (app);
  PlWorkbench *workbench = pl_test_get_workbench (window);
  g_autoptr(GFile) file = make_file ("export-me.py", script, -1);
  g_autofree char *png_path = temp_path ("exported.png");
  g_autoptr(GFile) png = g_file_new_for_path (png_path);
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *suggestion = NULL;

  gtk_window_present (GTK_WINDOW (window));
  pl_window_open (window, file);
  wait_for_file (window, file);
  pl_test_activate (window, "win.run", NULL);
  pl_test_wait_until (pl_test_run_ended, workbench, 10);
  g_assert_nonnull (pl_workbench_get_run (workbench));

  /* Cancelled: nothing is written. */
  pl_file_chooser_set_test_answer (NULL);
  pl_test_activate (window, "win.export", g_variant_new_string ("png"));
  settle ();
  g_assert_false (g_file_query_exists (png, NULL));
  suggestion = pl_file_chooser_dup_test_suggestion ();
  g_assert_cmpstr (suggestion, ==, "export-me.png");

  /* Chosen: the plot as PNG, at the size of the preferences. */
  pl_file_chooser_set_test_answer (png);
  pl_test_activate (window, "win.export", g_variant_new_string ("png"));
  wait_for_toast (window, "Exported “exported.png”");
  texture = gdk_texture_new_from_file (png, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gdk_texture_get_width (texture), ==, 2400);
  g_assert_cmpint (gdk_texture_get_height (texture), ==, 1600);

  /* A place that cannot be written says why. */
  {
    g_autofree char *bad_path = g_build_filename (temp_dir, "no-such-folder", "plot.png", NULL);
    g_autoptr(GFile) bad = g_file_new_for_path (bad_path);
    const char *toast;

    pl_file_chooser_set_test_answer (bad);
    pl_test_activate (window, "win.export", g_variant_new_string ("png"));
    settle ();
    toast = pl_test_get_toast (GTK_WIDGET (window));
    g_assert_nonnull (toast);
    g_assert_false (g_str_has_prefix (toast, "Exported"));
  }

  g_unlink (png_path);
  pl_test_application_close_all (app);
}

/* --- the command line --------------------------------------------------- */

static void
test_command_line (void)
{
  PlApplication *app = pl_test_application_get ();
  g_autoptr(GFile) file = make_file ("command-line.py", script, -1);
  GFile *files[1] = { file };
  PlWindow *window;

  /* `peakline FILE.py`: the first window shows it. */
  g_application_open (G_APPLICATION (app), files, 1, "");
  window = find_window (app, file);
  g_assert_nonnull (window);
  wait_for_file (window, file);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "command-line.py – Peakline");
  g_assert_cmpuint (n_windows (app), ==, 1);

  pl_test_application_close_all (app);
}

/* `peakline FILE.py` while the only window has an untitled script with
 * unsaved changes: the file gets its own window, the changes stay. */
static void
test_command_line_keeps_changes (void)
{
  PlApplication *app = pl_test_application_get ();
  PlWindow *window = new_window_with_changes (app);
  PlDocument *document = get_document (window);
  g_autofree char *text = g_strdup (pl_document_get_text (document));
  g_autoptr(GFile) file = make_file ("while-editing.py", script, -1);
  GFile *files[1] = { file };
  PlWindow *opened;

  g_application_open (G_APPLICATION (app), files, 1, "");
  opened = find_window (app, file);
  g_assert_nonnull (opened);
  g_assert_true (opened != window);
  wait_for_file (opened, file);
  g_assert_cmpstr (pl_document_get_text (document), ==, text);
  g_assert_true (pl_document_get_modified (document));

  discard_changes (app);
  pl_test_application_close_all (app);
}

/* `peakline FILE.py` with a file that cannot be read, into the window of
 * the first start (an example, no file): the window says why, keeps its
 * document, and is not left holding the file, so Save does not write the
 * example over it. */
static void
check_unreadable (GFile      *file,
                  const char *message)
{
  PlApplication *app = pl_test_application_get ();
  PlWindow *window = pl_window_new (app);
  PlDocument *document;
  g_autofree char *text = NULL;
  g_autofree char *before = read_file (file);
  g_autofree char *after = NULL;
  GFile *files[1] = { file };

  gtk_window_present (GTK_WINDOW (window));
  pl_test_activate (window, "win.open-example", g_variant_new_string ("s3-del"));
  document = get_document (window);
  text = g_strdup (pl_document_get_text (document));

  g_application_open (G_APPLICATION (app), files, 1, "");
  g_assert_cmpuint (n_windows (app), ==, 1);
  wait_for_toast (window, message);
  settle ();
  g_assert_null (pl_window_get_file (window));
  g_assert_cmpstr (pl_document_get_text (document), ==, text);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Peakline");

  /* Save asks where (and is cancelled here): the file is as it was. */
  pl_file_chooser_set_test_answer (NULL);
  pl_test_activate (window, "win.save", NULL);
  settle ();
  after = read_file (file);
  g_assert_cmpstr (after, ==, before);

  pl_test_application_close_all (app);

  /* Dropped on such a window, the same file gives the same answer. */
  window = pl_window_new (app);
  gtk_window_present (GTK_WINDOW (window));
  pl_test_activate (window, "win.open-example", g_variant_new_string ("s3-del"));
  document = get_document (window);
  g_assert_true (drop_files (window, file, NULL));
  wait_for_toast (window, message);
  settle ();
  g_assert_cmpuint (n_windows (app), ==, 1);
  g_assert_null (pl_window_get_file (window));
  g_assert_cmpstr (pl_document_get_text (document), ==, text);

  pl_test_application_close_all (app);
}

static void
test_command_line_not_text (void)
{
  g_autoptr(GFile) file = make_file ("image.py", "\x89PNG\r\n\x1a\n\xff\xfe", 10);

  check_unreadable (file, "Could not open “image.py”: it is not a text file");
}

static void
test_command_line_folder (void)
{
  g_autofree char *path = temp_path ("a-folder.py");
  g_autoptr(GFile) file = g_file_new_for_path (path);

  g_assert_cmpint (g_mkdir (path, 0755), ==, 0);
  check_unreadable (file, "Could not open “a-folder.py”: it is a folder, not a script");
  g_rmdir (path);
}

static void
test_command_line_no_permission (void)
{
  g_autofree char *dir = temp_path ("readable-folder");
  g_autofree char *path = g_build_filename (dir, "secret.py", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  /* Root reads a file whatever its mode: as root, the check runs in a
   * child that has become nobody (after registering the application on
   * the session bus, which it could not do as another user). */
  if (geteuid () == 0 && !g_test_subprocess ())
    {
      g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDOUT | G_TEST_SUBPROCESS_INHERIT_STDERR);
      g_test_trap_assert_passed ();
      return;
    }

  g_assert_cmpint (g_mkdir (dir, 0755), ==, 0);
  g_assert_cmpint (g_chmod (temp_dir, 0755), ==, 0);
  g_assert_true (g_file_set_contents (path, script, -1, NULL));
  g_assert_cmpint (g_chmod (path, 0), ==, 0);

  if (g_test_subprocess ())
    {
      /* What needs the user's own files, done while they are ours. */
      pl_test_application_get ();
      gtk_recent_manager_get_default ();
      if (setgid (65534) != 0 || setuid (65534) != 0)
        g_error ("could not become nobody: %s", g_strerror (errno));
    }

  check_unreadable (file, "Could not open “secret.py”: you do not have permission to read it");
}

/* A program that builds the whole window registers more than 2048 quarks,
 * and GLib then drops the first block of its quark table on purpose (see
 * test-window-actions.c): leaks of the widgets are checked by the smaller
 * programs; AddressSanitizer's other checks stay on here. */
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
  gboolean owner;
  int status;

  /* A child of g_test_trap_subprocess() inherits the environment and works
   * in its parent's folders, which the parent removes at the end. */
  data_home = g_strdup (g_getenv ("PL_TEST_DATA_HOME"));
  temp_dir = g_strdup (g_getenv ("PL_TEST_TEMP_DIR"));
  owner = data_home == NULL || temp_dir == NULL;
  if (owner)
    {
      g_free (data_home);
      g_free (temp_dir);
      data_home = g_dir_make_tmp ("peakline-data-XXXXXX", NULL);
      temp_dir = g_dir_make_tmp ("peakline-files-XXXXXX", NULL);
      g_assert_nonnull (data_home);
      g_assert_nonnull (temp_dir);
      g_setenv ("PL_TEST_DATA_HOME", data_home, TRUE);
      g_setenv ("PL_TEST_TEMP_DIR", temp_dir, TRUE);
    }

  /* Before anything reads it: GtkRecentManager's file goes here. */
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);

  pl_test_gtk_init (&argc, &argv);

  g_test_add_func ("/app/files/recent-private", test_recent_private);
  g_test_add_func ("/app/files/drop-script", test_drop_script);
  g_test_add_func ("/app/files/drop-refused", test_drop_refused);
  g_test_add_func ("/app/files/recent", test_recent);
  g_test_add_func ("/app/files/open-dialog", test_open_dialog);
  g_test_add_func ("/app/files/save-as-dialog", test_save_as_dialog);
  g_test_add_func ("/app/files/unsaved-changes-save", test_unsaved_changes_save);
  g_test_add_func ("/app/files/export-dialog", test_export_dialog);
  g_test_add_func ("/app/files/command-line", test_command_line);
  g_test_add_func ("/app/files/command-line-keeps-changes", test_command_line_keeps_changes);
  g_test_add_func ("/app/files/command-line-not-text", test_command_line_not_text);
  g_test_add_func ("/app/files/command-line-folder", test_command_line_folder);
  g_test_add_func ("/app/files/command-line-no-permission", test_command_line_no_permission);

  status = g_test_run ();

  /* What the tests made, with whatever was left in it. */
  if (owner)
    {
      const char *rm[] = { "rm", "-rf", data_home, temp_dir, NULL };

      g_spawn_sync (NULL, (char **) rm, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, NULL, NULL);
    }

  return status;
}
