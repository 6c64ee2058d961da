/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "pl-file-chooser.h"

typedef struct
{
  PlFileChosenFunc callback;
  gpointer         user_data;
  GDestroyNotify   destroy;
} Chooser;

static void
chooser_finish (Chooser *chooser,
                GFile   *file)
{
  chooser->callback (file, chooser->user_data);
  if (chooser->destroy != NULL)
    chooser->destroy (chooser->user_data);
  g_free (chooser);
}

static Chooser *
chooser_new (PlFileChosenFunc callback,
             gpointer         user_data,
             GDestroyNotify   destroy)
{
  Chooser *chooser = g_new0 (Chooser, 1);

  chooser->callback = callback;
  chooser->user_data = user_data;
  chooser->destroy = destroy;
  return chooser;
}

/* --- the testing seam ------------------------------------------------- */

/* The answer of the next dialog, when a test has set one. */
static struct
{
  gboolean  armed;
  GFile    *file;
  char     *suggestion;   /* what the last answered dialog suggested */
} test_answer;

typedef struct
{
  Chooser *chooser;
  GFile   *file;
} TestReply;

static gboolean
test_reply_cb (gpointer data)
{
  TestReply *reply = data;

  chooser_finish (reply->chooser, reply->file);
  g_clear_object (&reply->file);
  g_free (reply);
  return G_SOURCE_REMOVE;
}

void
pl_file_chooser_set_test_answer (GFile *file)
{
  g_return_if_fail (file == NULL || G_IS_FILE (file));

  g_set_object (&test_answer.file, file);
  test_answer.armed = TRUE;
}

char *
pl_file_chooser_dup_test_suggestion (void)
{
  return g_strdup (test_answer.suggestion);
}

/* Answers for the dialog when a test has armed an answer: from the main
 * loop, as a dialog does, and only once. */
static gboolean
answer_for_test (const char       *initial_name,
                 PlFileChosenFunc  callback,
                 gpointer          user_data,
                 GDestroyNotify    destroy)
{
  TestReply *reply;

  if (!test_answer.armed)
    return FALSE;

  reply = g_new0 (TestReply, 1);
  reply->chooser = chooser_new (callback, user_data, destroy);
  reply->file = g_steal_pointer (&test_answer.file);
  g_free (test_answer.suggestion);
  test_answer.suggestion = g_strdup (initial_name);
  test_answer.armed = FALSE;
  g_idle_add (test_reply_cb, reply);
  return TRUE;
}

/* --- the dialogs -------------------------------------------------------- */

static GtkFileFilter *
filter_new (const char *name,
            const char *pattern,
            const char *mime_type)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, name);
  gtk_file_filter_add_pattern (filter, pattern);
  if (mime_type != NULL)
    gtk_file_filter_add_mime_type (filter, mime_type);
  return filter;
}

#if GTK_CHECK_VERSION (4, 10, 0)

static void
on_open_done (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GFile) file = gtk_file_dialog_open_finish (GTK_FILE_DIALOG (source), result, NULL);

  chooser_finish (user_data, file);
}

static void
on_save_done (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GFile) file = gtk_file_dialog_save_finish (GTK_FILE_DIALOG (source), result, NULL);

  chooser_finish (user_data, file);
}

void
pl_file_chooser_open_script (GtkWindow        *parent,
                             const char       *title,
                             PlFileChosenFunc  callback,
                             gpointer          user_data,
                             GDestroyNotify    destroy)
{
  g_autoptr(GtkFileDialog) dialog = NULL;
  g_autoptr(GListStore) filters = NULL;
  g_autoptr(GtkFileFilter) filter = NULL;

  if (answer_for_test (NULL, callback, user_data, destroy))
    return;

  dialog = gtk_file_dialog_new ();
  filters = g_list_store_new (GTK_TYPE_FILE_FILTER);
  filter = filter_new (_("Python Scripts"), "*.py", "text/x-python");
  g_list_store_append (filters, filter);
  gtk_file_dialog_set_title (dialog, title);
  gtk_file_dialog_set_filters (dialog, G_LIST_MODEL (filters));
  gtk_file_dialog_set_default_filter (dialog, filter);
  gtk_file_dialog_open (dialog, parent, NULL, on_open_done, chooser_new (callback, user_data, destroy));
}

void
pl_file_chooser_save (GtkWindow        *parent,
                      const char       *title,
                      GFile            *folder,
                      const char       *initial_name,
                      const char       *filter_name,
                      const char       *pattern,
                      PlFileChosenFunc  callback,
                      gpointer          user_data,
                      GDestroyNotify    destroy)
{
  g_autoptr(GtkFileDialog) dialog = NULL;
  g_autoptr(GListStore) filters = NULL;
  g_autoptr(GtkFileFilter) filter = NULL;

  if (answer_for_test (initial_name, callback, user_data, destroy))
    return;

  dialog = gtk_file_dialog_new ();
  filters = g_list_store_new (GTK_TYPE_FILE_FILTER);
  filter = filter_new (filter_name, pattern, NULL);
  g_list_store_append (filters, filter);
  gtk_file_dialog_set_title (dialog, title);
  gtk_file_dialog_set_filters (dialog, G_LIST_MODEL (filters));
  gtk_file_dialog_set_initial_name (dialog, initial_name);
  if (folder != NULL)
    gtk_file_dialog_set_initial_folder (dialog, folder);
  gtk_file_dialog_save (dialog, parent, NULL, on_save_done, chooser_new (callback, user_data, destroy));
}

#else

static void
on_native_response (GtkNativeDialog *native,
                    int              response,
                    gpointer         user_data)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));

  chooser_finish (user_data, file);
  gtk_native_dialog_destroy (native);
  g_object_unref (native);
}

void
pl_file_chooser_open_script (GtkWindow        *parent,
                             const char       *title,
                             PlFileChosenFunc  callback,
                             gpointer          user_data,
                             GDestroyNotify    destroy)
{
  GtkFileChooserNative *native;
  GtkFileFilter *filter;

  if (answer_for_test (NULL, callback, user_data, destroy))
    return;

  filter = filter_new (_("Python Scripts"), "*.py", "text/x-python");
  native = gtk_file_chooser_native_new (title, parent, GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), filter);
  g_object_unref (filter);
  g_signal_connect (native, "response", G_CALLBACK (on_native_response),
                    chooser_new (callback, user_data, destroy));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

void
pl_file_chooser_save (GtkWindow        *parent,
                      const char       *title,
                      GFile            *folder,
                      const char       *initial_name,
                      const char       *filter_name,
                      const char       *pattern,
                      PlFileChosenFunc  callback,
                      gpointer          user_data,
                      GDestroyNotify    destroy)
{
  GtkFileChooserNative *native;
  GtkFileFilter *filter;

  if (answer_for_test (initial_name, callback, user_data, destroy))
    return;

  filter = filter_new (filter_name, pattern, NULL);
  native = gtk_file_chooser_native_new (title, parent, GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), filter);
  g_object_unref (filter);
  if (folder != NULL)
    gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (native), folder, NULL);
  if (initial_name != NULL)
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), initial_name);
  g_signal_connect (native, "response", G_CALLBACK (on_native_response),
                    chooser_new (callback, user_data, destroy));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

#endif
