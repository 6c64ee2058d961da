/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "run/pl-run.h"

#include "pl-document.h"

G_BEGIN_DECLS

#define PL_TYPE_WORKBENCH (pl_workbench_get_type ())

G_DECLARE_FINAL_TYPE (PlWorkbench, pl_workbench, PL, WORKBENCH, AdwBin)

/* Everything of a window below its header bar: the palette, the pipeline
 * builders and the Source view over one PlDocument, the plot, the line
 * table, the inspector and the output. It runs the document's experiment
 * on a worker through pl_run_experiment_async() and never measures
 * anything itself.
 *
 * "failed" is emitted with a sentence for the user when a run fails. */
PlWorkbench *pl_workbench_new              (void);
PlDocument  *pl_workbench_get_document     (PlWorkbench  *self);
/* The settings runs and the plot follow (may be NULL: the defaults). */
void         pl_workbench_set_settings     (PlWorkbench  *self,
                                            GSettings    *settings);
/* The file name runs report (the window's file, or NULL). */
void         pl_workbench_set_filename     (PlWorkbench  *self,
                                            const char   *filename);
/* Loads a script: the builders show it when they can, else the Source
 * view opens with a note. */
void         pl_workbench_load             (PlWorkbench  *self,
                                            const char   *text);
gboolean     pl_workbench_get_running      (PlWorkbench  *self);
/* TRUE when a run can start: not running and every step valid. */
gboolean     pl_workbench_get_can_run      (PlWorkbench  *self);
/* The last successful run, or NULL. */
PlRun       *pl_workbench_get_run          (PlWorkbench  *self);
void         pl_workbench_run              (PlWorkbench  *self);
void         pl_workbench_cancel           (PlWorkbench  *self);
/* Appends the palette item @id to the pipeline last focused. */
gboolean     pl_workbench_add_step         (PlWorkbench  *self,
                                            const char   *id);
/* Shows the line in the builders, the plot, the table and the inspector. */
void         pl_workbench_select_line      (PlWorkbench  *self,
                                            int           line);
/* "builders" or "source". */
void         pl_workbench_set_view         (PlWorkbench  *self,
                                            const char   *name);
const char  *pl_workbench_get_view         (PlWorkbench  *self);
/* A question shown above the pipelines (an example's), or NULL. Loading a
 * script clears it. */
void         pl_workbench_set_description  (PlWorkbench  *self,
                                            const char   *description);
const char  *pl_workbench_get_description  (PlWorkbench  *self);
/* Makes pipeline @index (0: A, 1: B) the one palette items go to. */
void         pl_workbench_focus_pipeline   (PlWorkbench  *self,
                                            guint         index);

G_END_DECLS
