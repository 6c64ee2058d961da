/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "engine/pl-error.h"
#include "plot/pl-plot-export.h"
#include "run/pl-run-csv.h"
#include "run/pl-run-json.h"

#include "pl-examples.h"
#include "pl-file-chooser.h"
#include "pl-preferences-window.h"
#include "pl-size-calculator.h"
#include "pl-window-private.h"

/* --- messages ----------------------------------------------------------- */

static void
on_toast_dismissed (AdwToast *toast,
                    PlWindow *self)
{
  if (self->toast == toast)
    g_clear_weak_pointer (&self->toast);
}

void
pl_window_toast (PlWindow   *self,
                 const char *message)
{
  g_autofree char *first_line = NULL;
  g_autofree char *title = NULL;
  const char *newline;
  AdwToast *toast;

  g_return_if_fail (PL_IS_WINDOW (self));

  /* A toast is one line: the rest of a script error (the source line and
   * the caret) is in the Output pane. */
  newline = strchr (message, '\n');
  first_line = newline ? g_strndup (message, newline - message) : g_strdup (message);

  /* Before libadwaita 1.4 a toast's title is always markup, and file names
   * and Python's messages ("'<' not supported") are not. */
#if ADW_CHECK_VERSION (1, 4, 0)
  title = g_steal_pointer (&first_line);
#else
  title = g_markup_escape_text (first_line, -1);
#endif

  /* A new message takes the place of the one shown: it is about what the
   * user just did, and the overlay would queue a new toast behind the
   * shown one for up to six seconds. Adding the shown toast again restarts
   * its timeout. (Dismissing it for a new one instead can crash
   * libadwaita 1.2 when the window closes during the animations.) */
  if (self->toast != NULL)
    {
      adw_toast_set_title (self->toast, title);
      adw_toast_overlay_add_toast (self->toast_overlay, g_object_ref (self->toast));
      return;
    }

  toast = adw_toast_new (title);
#if ADW_CHECK_VERSION (1, 4, 0)
  adw_toast_set_use_markup (toast, FALSE);
#endif
  adw_toast_set_timeout (toast, 6);
  g_signal_connect_object (toast, "dismissed", G_CALLBACK (on_toast_dismissed), self, 0);
  g_set_weak_pointer (&self->toast, toast);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
on_workbench_failed (PlWindow   *self,
                     const char *message)
{
  pl_window_toast (self, message);
}

/* --- state of the actions ----------------------------------------------- */

void
pl_window_update_actions (PlWindow *self)
{
  PlDocument *document = pl_workbench_get_document (self->workbench);
  gboolean running = pl_workbench_get_running (self->workbench);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.run", pl_workbench_get_can_run (self->workbench));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.cancel", running);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export", pl_workbench_get_run (self->workbench) != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.undo", pl_document_get_can_undo (document));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.redo", pl_document_get_can_redo (document));
  gtk_stack_set_visible_child_name (self->run_stack, running ? "cancel" : "run");
}

static void
on_document_modified (PlWindow *self)
{
  pl_window_update_title (self);
  pl_window_update_actions (self);
}

/* --- opening ------------------------------------------------------------ */

static void
add_recent (GFile *file)
{
  g_autofree char *uri = g_file_get_uri (file);

  gtk_recent_manager_add_item (gtk_recent_manager_get_default (), uri);
}

char *
pl_window_dup_display_name (GFile *file)
{
  g_autofree char *name = g_file_get_basename (file);

  if (name == NULL || !g_utf8_validate (name, -1, NULL))
    return g_file_get_parse_name (file);
  return g_steal_pointer (&name);
}

gboolean
pl_window_is_empty (PlWindow *self)
{
  g_return_val_if_fail (PL_IS_WINDOW (self), FALSE);

  return self->file == NULL &&
         !pl_document_get_modified (pl_workbench_get_document (self->workbench));
}

/* A window that shows nothing of the user's yet is reused; otherwise the
 * script opens in a new window, as in GNOME's document applications. */
static PlWindow *
pl_window_get_window_for_new_document (PlWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
  PlWindow *window;

  if (pl_window_is_empty (self) || !PL_IS_APPLICATION (app))
    return self;

  window = pl_window_new (PL_APPLICATION (app));
  gtk_window_present (GTK_WINDOW (window));
  return window;
}

typedef enum
{
  /* pl_window_open(): into this window, which holds the file meanwhile; a
   * missing file is a script to write. */
  OPEN_INTO_WINDOW,
  /* A file the user chose (a dialog, a recent script, a drop): where it
   * shows is decided once it has been read, and a failure is only told. */
  OPEN_CHOSEN,
} OpenMode;

typedef struct
{
  PlWindow *window;     /* where the file was asked for: errors show here */
  GFile    *file;
  GFile    *previous;   /* the window's file before (OPEN_INTO_WINDOW) */
  OpenMode  mode;
} OpenData;

static void
open_data_free (OpenData *data)
{
  g_clear_object (&data->window);
  g_clear_object (&data->file);
  g_clear_object (&data->previous);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OpenData, open_data_free)

/* Why @file could not be read, as a sentence for a toast. */
static char *
describe_open_error (GFile        *file,
                     const GError *error)
{
  g_autofree char *name = pl_window_dup_display_name (file);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    return g_strdup_printf (_("Could not open “%s”: it was moved or deleted"), name);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY))
    return g_strdup_printf (_("Could not open “%s”: it is a folder, not a script"), name);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED))
    return g_strdup_printf (_("Could not open “%s”: you do not have permission to read it"), name);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA))
    return g_strdup_printf (_("Could not open “%s”: it is not a text file"), name);
  return g_strdup_printf (_("Could not open “%s”: %s"), name, error->message);
}

/* What was read becomes the document of @self. */
static void
pl_window_show_loaded (PlWindow   *self,
                       GFile      *file,
                       const char *contents)
{
  g_autofree char *basename = g_file_get_basename (file);

  g_clear_pointer (&self->example_title, g_free);
  pl_window_set_file (self, file);
  pl_workbench_set_filename (self->workbench, basename);
  pl_workbench_load (self->workbench, contents);
  pl_window_update_title (self);
  add_recent (file);
}

static void
on_file_loaded (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(OpenData) data = user_data;
  PlWindow *self = data->window;
  GFile *file = G_FILE (source);
  g_autofree char *contents = NULL;
  g_autofree char *message = NULL;
  g_autoptr(GError) error = NULL;
  gsize length = 0;

  /* The window was closed while the file was read: nobody asks any more. */
  if (self->workbench == NULL)
    return;

  if (g_file_load_contents_finish (file, result, &contents, &length, NULL, &error) &&
      (!g_utf8_validate (contents, length, NULL) || memchr (contents, '\0', length) != NULL))
    g_set_error_literal (&error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "not UTF-8 text");

  if (error == NULL)
    {
      pl_window_show_loaded (data->mode == OPEN_INTO_WINDOW ? self : pl_window_get_window_for_new_document (self),
                             file, contents);
      return;
    }

  /* A new name on the command line is a script to write: Save makes it. */
  if (data->mode == OPEN_INTO_WINDOW && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    {
      g_autofree char *name = pl_window_dup_display_name (file);

      message = g_strdup_printf (_("“%s” does not exist yet: Save creates it"), name);
      pl_window_toast (self, message);
      return;
    }

  /* The window keeps what it had: left with the file, Save would write
   * its document over a file it never showed. */
  if (data->mode == OPEN_INTO_WINDOW && self->file != NULL && g_file_equal (self->file, file))
    pl_window_set_file (self, data->previous);

  /* A recent script that is gone leaves the list. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    {
      g_autofree char *uri = g_file_get_uri (file);

      gtk_recent_manager_remove_item (gtk_recent_manager_get_default (), uri, NULL);
    }

  message = describe_open_error (file, error);
  pl_window_toast (self, message);
}

static void
pl_window_load_file (PlWindow *self,
                     GFile    *file,
                     OpenMode  mode)
{
  OpenData *data = g_new0 (OpenData, 1);

  data->window = g_object_ref (self);
  data->file = g_object_ref (file);
  data->previous = self->file != NULL ? g_object_ref (self->file) : NULL;
  data->mode = mode;

  /* The window is the file's from now on, so that a second file opened at
   * the same time gets its own window; a failure gives it back. */
  if (mode == OPEN_INTO_WINDOW)
    pl_window_set_file (self, file);

  g_file_load_contents_async (file, NULL, on_file_loaded, data);
}

void
pl_window_open (PlWindow *self,
                GFile    *file)
{
  g_return_if_fail (PL_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  pl_window_load_file (self, file, OPEN_INTO_WINDOW);
}

static void
on_open_chosen (GFile    *file,
                gpointer  user_data)
{
  PlWindow *self = user_data;

  if (file != NULL)
    pl_window_load_file (self, file, OPEN_CHOSEN);
}

static void
open_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  pl_file_chooser_open_script (GTK_WINDOW (widget), _("Open Script"),
                               on_open_chosen, g_object_ref (widget), g_object_unref);
}

static void
open_recent_activated (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  g_autoptr(GFile) file = g_file_new_for_uri (g_variant_get_string (parameter, NULL));

  pl_window_load_file (PL_WINDOW (widget), file, OPEN_CHOSEN);
}

static void
pl_window_update_recent (PlWindow *self)
{
  GtkRecentManager *manager = gtk_recent_manager_get_default ();
  g_autoptr(GMenu) menu = g_menu_new ();
  GList *items = gtk_recent_manager_get_items (manager);
  guint n = 0;

  for (GList *l = items; l != NULL && n < 8; l = l->next)
    {
      GtkRecentInfo *info = l->data;
      const char *uri = gtk_recent_info_get_uri (info);
      g_autoptr(GMenuItem) item = NULL;

      if (!g_str_has_suffix (uri, ".py") || !gtk_recent_info_exists (info))
        continue;

      item = g_menu_item_new (gtk_recent_info_get_display_name (info), NULL);
      g_menu_item_set_action_and_target (item, "win.open-recent", "s", uri);
      g_menu_append_item (menu, item);
      n++;
    }
  g_list_free_full (items, (GDestroyNotify) gtk_recent_info_unref);

  if (n == 0)
    {
      g_autoptr(GMenuItem) item = g_menu_item_new (_("No Recent Scripts"), "win.no-recent");

      g_menu_append_item (menu, item);
    }

  adw_split_button_set_menu_model (self->open_button, G_MENU_MODEL (menu));
}

static void
open_example_activated (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  pl_window_load_example (PL_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

void
pl_window_load_example (PlWindow   *self,
                        const char *id)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  PlWindow *window;
  int index;

  g_return_if_fail (PL_IS_WINDOW (self));
  g_return_if_fail (id != NULL);

  text = pl_examples_load (id, &error);
  if (text == NULL)
    {
      pl_window_toast (self, error->message);
      return;
    }

  index = pl_examples_find (id);
  window = pl_window_get_window_for_new_document (self);
  pl_window_set_file (window, NULL);
  g_free (window->example_title);
  window->example_title = g_strdup (pl_examples_get_title (index));
  pl_workbench_set_filename (window->workbench, NULL);
  pl_workbench_load (window->workbench, text);
  pl_workbench_set_description (window->workbench, pl_examples_get_question (index));
  pl_window_update_title (window);
}

/* --- saving ------------------------------------------------------------- */

typedef struct
{
  PlWindow *window;
  GFile    *file;
  char     *text;
} SaveData;

static void
save_data_free (SaveData *data)
{
  g_clear_object (&data->window);
  g_clear_object (&data->file);
  g_free (data->text);
  g_free (data);
}

static void
on_saved (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  SaveData *data = user_data;
  PlWindow *self = data->window;
  PlDocument *document = pl_workbench_get_document (self->workbench);
  g_autoptr(GError) error = NULL;

  if (!g_file_replace_contents_finish (G_FILE (source), result, NULL, &error))
    {
      g_autofree char *name = pl_window_dup_display_name (data->file);
      g_autofree char *message = g_strdup_printf (_("Could not save “%s”: %s"), name, error->message);

      self->close_after_save = FALSE;
      pl_window_toast (self, message);
      save_data_free (data);
      return;
    }

  {
    g_autofree char *basename = g_file_get_basename (data->file);

    pl_workbench_set_filename (self->workbench, basename);
  }
  g_clear_pointer (&self->example_title, g_free);
  pl_window_set_file (self, data->file);
  /* What was written is saved; typing since then is not. */
  if (g_strcmp0 (pl_document_get_text (document), data->text) == 0)
    pl_document_set_modified (document, FALSE);
  pl_window_update_title (self);
  add_recent (data->file);

  if (self->close_after_save)
    {
      self->close_confirmed = TRUE;
      gtk_window_close (GTK_WINDOW (self));
    }

  save_data_free (data);
}

void
pl_window_save_to (PlWindow *self,
                   GFile    *file)
{
  SaveData *data;
  g_autoptr(GBytes) bytes = NULL;

  g_return_if_fail (PL_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  data = g_new0 (SaveData, 1);
  data->window = g_object_ref (self);
  data->file = g_object_ref (file);
  data->text = g_strdup (pl_document_get_text (pl_workbench_get_document (self->workbench)));
  bytes = g_bytes_new (data->text, strlen (data->text));

  /* Atomic: the new text goes to a temporary file that replaces the old. */
  g_file_replace_contents_bytes_async (file, bytes, NULL, FALSE,
                                       G_FILE_CREATE_REPLACE_DESTINATION,
                                       NULL, on_saved, data);
}

static void
on_save_chosen (GFile    *file,
                gpointer  user_data)
{
  PlWindow *self = user_data;

  if (file != NULL)
    pl_window_save_to (self, file);
  else
    self->close_after_save = FALSE;
}

static void
save_as_activated (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  PlWindow *self = PL_WINDOW (widget);
  g_autoptr(GFile) folder = self->file ? g_file_get_parent (self->file) : NULL;
  g_autofree char *name = self->file ? g_file_get_basename (self->file) : g_strdup (_("pipeline.py"));

  pl_file_chooser_save (GTK_WINDOW (self), _("Save Script"), folder, name,
                        _("Python Scripts"), "*.py",
                        on_save_chosen, g_object_ref (self), g_object_unref);
}

static void
save_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  PlWindow *self = PL_WINDOW (widget);

  if (self->file != NULL)
    pl_window_save_to (self, self->file);
  else
    save_as_activated (widget, action_name, parameter);
}

/* --- closing ------------------------------------------------------------ */

static gboolean
close_when_idle (gpointer data)
{
  gtk_window_close (GTK_WINDOW (data));
  return G_SOURCE_REMOVE;
}

static void
on_close_response (AdwMessageDialog *dialog,
                   const char       *response,
                   PlWindow         *self)
{
  if (g_strcmp0 (response, "discard") == 0)
    {
      /* Not from inside the dialog's response: the dialog is the window's
       * and goes away with it. */
      self->close_confirmed = TRUE;
      g_idle_add_full (G_PRIORITY_DEFAULT, close_when_idle, g_object_ref (self), g_object_unref);
    }
  else if (g_strcmp0 (response, "save") == 0)
    {
      self->close_after_save = TRUE;
      gtk_widget_activate_action (GTK_WIDGET (self), "win.save", NULL);
    }
}

/* Returns TRUE when the window may close now; otherwise asks the user. */
gboolean
pl_window_confirm_close (PlWindow *self)
{
  AdwMessageDialog *dialog;
  g_autofree char *heading = NULL;

  if (self->close_confirmed ||
      !pl_document_get_modified (pl_workbench_get_document (self->workbench)))
    return TRUE;

  if (self->file != NULL)
    {
      g_autofree char *name = pl_window_dup_display_name (self->file);

      heading = g_strdup_printf (_("Save Changes to “%s”?"), name);
    }
  else
    heading = g_strdup (_("Save Changes?"));

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), heading,
                                                       _("The script has changes that are not saved. If you close without saving, they are lost.")));
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "discard", _("_Discard"),
                                    "save", _("_Save"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (dialog, "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "save");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_close_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));

  return FALSE;
}

/* --- running and exporting ---------------------------------------------- */

static void
run_activated (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  pl_workbench_run (PL_WINDOW (widget)->workbench);
}

static void
cancel_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  pl_workbench_cancel (PL_WINDOW (widget)->workbench);
}

gboolean
pl_window_export (PlWindow    *self,
                  const char  *format,
                  GFile       *file,
                  GError     **error)
{
  PlRun *run;
  g_autoptr(GPtrArray) runs = NULL;
  g_autofree char *text = NULL;
  PlPlotFormat plot_format;

  g_return_val_if_fail (PL_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (format != NULL, FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  run = pl_workbench_get_run (self->workbench);
  if (run == NULL)
    {
      g_set_error_literal (error, PL_ERROR, PL_ERROR_VALUE,
                           _("Run the experiment first: there is nothing to export yet"));
      return FALSE;
    }

  if (g_str_equal (format, "png") || g_str_equal (format, "svg") || g_str_equal (format, "pdf"))
    {
      PlPlotOptions options;
      int width = 0, height = 0, scale = 0;

      plot_format = g_str_equal (format, "png") ? PL_PLOT_FORMAT_PNG
                  : g_str_equal (format, "svg") ? PL_PLOT_FORMAT_SVG
                  : PL_PLOT_FORMAT_PDF;
      /* An export is a document: the light palette, whatever the style. */
      pl_plot_options_init (&options);
      if (self->settings != NULL)
        {
          width = g_settings_get_int (self->settings, "export-width");
          height = g_settings_get_int (self->settings, "export-height");
          scale = g_settings_get_int (self->settings, "export-scale");
          if (!g_settings_get_boolean (self->settings, "show-rss"))
            options.flags |= PL_PLOT_HIDE_RSS;
          if (!g_settings_get_boolean (self->settings, "show-alloc"))
            options.flags |= PL_PLOT_HIDE_ALLOC;
        }
      return pl_plot_export_to_file (run, &options, plot_format, file, width, height, scale, NULL, error);
    }

  runs = g_ptr_array_new ();
  g_ptr_array_add (runs, run);
  if (g_str_equal (format, "csv"))
    text = pl_run_csv_to_string (runs);
  else if (g_str_equal (format, "json"))
    {
      g_autofree char *name = self->file ? g_file_get_basename (self->file) : g_strdup (_("untitled.py"));

      text = pl_run_json_to_string (name, pl_run_get_sample_interval (run), pl_run_get_output (run), runs);
    }
  else
    {
      g_set_error (error, PL_ERROR, PL_ERROR_VALUE, _("Peakline cannot export “%s”"), format);
      return FALSE;
    }

  return g_file_replace_contents (file, text, strlen (text), NULL, FALSE,
                                  G_FILE_CREATE_REPLACE_DESTINATION, NULL, NULL, error);
}

typedef struct
{
  PlWindow *window;
  char     *format;
} ExportData;

static void
export_data_free (gpointer user_data)
{
  ExportData *data = user_data;

  g_clear_object (&data->window);
  g_free (data->format);
  g_free (data);
}

static void
on_export_chosen (GFile    *file,
                  gpointer  user_data)
{
  ExportData *data = user_data;
  g_autoptr(GError) error = NULL;

  if (file == NULL)
    return;

  if (!pl_window_export (data->window, data->format, file, &error))
    pl_window_toast (data->window, error->message);
  else
    {
      g_autofree char *name = pl_window_dup_display_name (file);
      g_autofree char *message = g_strdup_printf (_("Exported “%s”"), name);

      pl_window_toast (data->window, message);
    }
}

static void
export_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  PlWindow *self = PL_WINDOW (widget);
  const char *format = parameter ? g_variant_get_string (parameter, NULL) : "png";
  ExportData *data;
  g_autofree char *stem = NULL;
  g_autofree char *name = NULL;
  g_autofree char *pattern = NULL;
  g_autofree char *filter = NULL;
  g_autoptr(GFile) folder = self->file ? g_file_get_parent (self->file) : NULL;

  if (*format == '\0')
    format = "png";

  if (self->file != NULL)
    {
      g_autofree char *basename = g_file_get_basename (self->file);

      stem = g_str_has_suffix (basename, ".py") ? g_strndup (basename, strlen (basename) - 3) : g_strdup (basename);
    }
  else
    stem = g_strdup (_("memory"));

  name = g_strdup_printf ("%s.%s", stem, format);
  pattern = g_strdup_printf ("*.%s", format);
  {
    g_autofree char *upper = g_ascii_strup (format, -1);

    /* Translators: a file type in the export dialog, e.g. "PNG files". */
    filter = g_strdup_printf (_("%s files"), upper);
  }

  data = g_new0 (ExportData, 1);
  data->window = g_object_ref (self);
  data->format = g_strdup (format);
  pl_file_chooser_save (GTK_WINDOW (self), _("Export"), folder, name, filter, pattern,
                        on_export_chosen, data, export_data_free);
}

/* --- editing ------------------------------------------------------------ */

static void
undo_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  pl_document_undo (pl_workbench_get_document (PL_WINDOW (widget)->workbench));
}

static void
redo_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  pl_document_redo (pl_workbench_get_document (PL_WINDOW (widget)->workbench));
}

static void
add_step_activated (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  PlWindow *self = PL_WINDOW (widget);

  if (!pl_workbench_add_step (self->workbench, g_variant_get_string (parameter, NULL)))
    pl_window_toast (self, _("This script is edited in the Source view: the palette adds steps to pipelines only"));
}

static void
preferences_activated (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  PlWindow *self = PL_WINDOW (widget);

  if (self->settings == NULL)
    {
      pl_window_toast (self, _("The preferences are not available: Peakline's settings schema is not installed"));
      return;
    }

  gtk_window_present (GTK_WINDOW (pl_preferences_window_new (GTK_WINDOW (self), self->settings)));
}

static void
size_calculator_activated (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  gtk_window_present (GTK_WINDOW (pl_size_calculator_new (GTK_WINDOW (widget))));
}

static void
compare_activated (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  PlDocument *document = pl_workbench_get_document (PL_WINDOW (widget)->workbench);

  pl_document_set_compare (document, !pl_document_get_compare (document));
}

/* --- drag and drop ------------------------------------------------------ */

static gboolean
is_python_script (GFile *file)
{
  g_autofree char *name = g_file_get_basename (file);

  return name != NULL && g_str_has_suffix (name, ".py");
}

/* Every script dropped opens, each in its own window as from the Open
 * dialog; anything else is refused with a word on why. */
static gboolean
on_drop (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         PlWindow      *self)
{
  GdkFileList *list = g_value_get_boxed (value);
  g_autoptr(GSList) files = list != NULL ? gdk_file_list_get_files (list) : NULL;
  GFile *refused = NULL;
  gboolean opened = FALSE;

  for (GSList *l = files; l != NULL; l = l->next)
    {
      if (is_python_script (l->data))
        {
          pl_window_load_file (self, l->data, OPEN_CHOSEN);
          opened = TRUE;
        }
      else if (refused == NULL)
        refused = l->data;
    }

  if (refused != NULL)
    {
      g_autofree char *name = pl_window_dup_display_name (refused);
      g_autofree char *message = g_strdup_printf (_("“%s” is not a Python script: Peakline opens .py files"), name);

      pl_window_toast (self, message);
    }

  return opened;
}

/* --- setup -------------------------------------------------------------- */

void
pl_window_actions_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.open", NULL, open_activated);
  gtk_widget_class_install_action (widget_class, "win.open-recent", "s", open_recent_activated);
  gtk_widget_class_install_action (widget_class, "win.open-example", "s", open_example_activated);
  gtk_widget_class_install_action (widget_class, "win.save", NULL, save_activated);
  gtk_widget_class_install_action (widget_class, "win.save-as", NULL, save_as_activated);
  gtk_widget_class_install_action (widget_class, "win.run", NULL, run_activated);
  gtk_widget_class_install_action (widget_class, "win.cancel", NULL, cancel_activated);
  gtk_widget_class_install_action (widget_class, "win.export", "s", export_activated);
  gtk_widget_class_install_action (widget_class, "win.undo", NULL, undo_activated);
  gtk_widget_class_install_action (widget_class, "win.redo", NULL, redo_activated);
  gtk_widget_class_install_action (widget_class, "win.add-step", "s", add_step_activated);
  gtk_widget_class_install_action (widget_class, "win.compare", NULL, compare_activated);
  gtk_widget_class_install_action (widget_class, "win.preferences", NULL, preferences_activated);
  gtk_widget_class_install_action (widget_class, "win.size-calculator", NULL, size_calculator_activated);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, "win.run", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, GDK_CONTROL_MASK, "win.run", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "win.cancel", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK, "win.open", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "win.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.save-as", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "win.export", "s", "png");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "win.undo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.redo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_d, GDK_CONTROL_MASK, "win.compare", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_comma, GDK_CONTROL_MASK, "win.preferences", NULL);
}

void
pl_window_actions_init (PlWindow *self)
{
  PlDocument *document = pl_workbench_get_document (self->workbench);
  g_autoptr(GMenuModel) examples = pl_examples_create_menu ();
  GtkDropTarget *target;

  gtk_menu_button_set_menu_model (self->examples_button, examples);

  g_signal_connect_object (self->workbench, "failed", G_CALLBACK (on_workbench_failed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->workbench, "notify::running", G_CALLBACK (pl_window_update_actions), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->workbench, "notify::can-run", G_CALLBACK (pl_window_update_actions), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->workbench, "notify::run", G_CALLBACK (pl_window_update_actions), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (document, "notify::can-undo", G_CALLBACK (pl_window_update_actions), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (document, "notify::can-redo", G_CALLBACK (pl_window_update_actions), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (document, "notify::modified", G_CALLBACK (on_document_modified), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (gtk_recent_manager_get_default (), "changed",
                           G_CALLBACK (pl_window_update_recent), self, G_CONNECT_SWAPPED);

  target = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect (target, "drop", G_CALLBACK (on_drop), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (target));

  pl_window_update_recent (self);
  pl_window_update_actions (self);
}
