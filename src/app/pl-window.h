/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "pl-application.h"

G_BEGIN_DECLS

#define PL_TYPE_WINDOW (pl_window_get_type ())

G_DECLARE_FINAL_TYPE (PlWindow, pl_window, PL, WINDOW, AdwApplicationWindow)

PlWindow *pl_window_new      (PlApplication *application);
GFile    *pl_window_get_file (PlWindow      *self);
void      pl_window_set_file (PlWindow      *self,
                              GFile         *file);
/* Whether the window shows nothing of the user's: no file and no unsaved
 * changes (an example counts as nothing). A script opens in such a window
 * rather than in a new one. */
gboolean  pl_window_is_empty (PlWindow      *self);

/* Shows @file: the window is the file's at once (a second file opened at
 * the same time gets its own window); its text follows when it is read. A
 * file that does not exist yet keeps the new pipeline (Save creates it);
 * one that cannot be read says why in a toast, and the window keeps the
 * document and the file it had. */
void      pl_window_open         (PlWindow      *self,
                                  GFile         *file);
/* Shows the tutorial's example @id (pl-examples.h) as a new, unsaved
 * script, with its question above the pipelines. */
void      pl_window_load_example (PlWindow      *self,
                                  const char    *id);
/* Writes the script to @file atomically (g_file_replace_contents). */
void      pl_window_save_to      (PlWindow      *self,
                                  GFile         *file);
/* Exports the last run: "png", "svg", "pdf" (the plot, light palette, the
 * size and scale of the preferences), "csv" (the samples) or "json" (the
 * figures), as the command line writes them. */
gboolean  pl_window_export       (PlWindow      *self,
                                  const char    *format,
                                  GFile         *file,
                                  GError       **error);

G_END_DECLS
