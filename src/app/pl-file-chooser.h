/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* File dialogs on every GTK the app builds against: GtkFileDialog from GTK
 * 4.10, GtkFileChooserNative before. The callback gets the chosen file, or
 * NULL when the user cancelled. */
typedef void (*PlFileChosenFunc) (GFile    *file,
                                  gpointer  user_data);

/* Opens a Python script. */
void pl_file_chooser_open_script (GtkWindow        *parent,
                                  const char       *title,
                                  PlFileChosenFunc  callback,
                                  gpointer          user_data,
                                  GDestroyNotify    destroy);
/* Chooses where to save, suggesting @initial_name (in @folder, may be
 * NULL); @pattern ("*.py", "*.png") and @filter_name name the filter. */
void pl_file_chooser_save        (GtkWindow        *parent,
                                  const char       *title,
                                  GFile            *folder,
                                  const char       *initial_name,
                                  const char       *filter_name,
                                  const char       *pattern,
                                  PlFileChosenFunc  callback,
                                  gpointer          user_data,
                                  GDestroyNotify    destroy);

/* Testing seam, compiled always and used only by the tests: the next
 * dialog is not shown but answers @file (NULL: the user cancelled), from
 * the main loop as a dialog would. Armed for one dialog. */
void  pl_file_chooser_set_test_answer     (GFile *file);
/* The name the last dialog answered by the seam suggested (NULL for Open). */
char *pl_file_chooser_dup_test_suggestion (void);

G_END_DECLS
