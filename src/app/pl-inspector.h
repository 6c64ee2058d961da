/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "run/pl-run.h"
#include "run/pl-snapshot.h"

G_BEGIN_DECLS

#define PL_TYPE_INSPECTOR (pl_inspector_get_type ())

G_DECLARE_FINAL_TYPE (PlInspector, pl_inspector, PL, INSPECTOR, AdwBin)

/* What was alive at a chosen moment of a run (a PlSnapshot): each array
 * with its shape, dtype and bytes, whether it owns its data or views
 * another's (and whose), the line that made it or the parameter it was
 * passed as; then the buffers no array holds (NumPy's iterator buffers,
 * the fused evaluator's scratch). */
PlInspector *pl_inspector_new          (void);
void         pl_inspector_set_run      (PlInspector *self,
                                        PlRun       *run,
                                        const char  *source);
/* Shows what pipeline @panel had alive at @time_ns. */
void         pl_inspector_set_time     (PlInspector *self,
                                        guint        panel,
                                        gint64       time_ns);
/* Shows what was alive just after the last run of @line. Returns FALSE
 * when no pipeline ran that line. */
gboolean     pl_inspector_set_line     (PlInspector *self,
                                        int          line);
/* The moment shown, or NULL. */
PlSnapshot  *pl_inspector_get_snapshot (PlInspector *self);
/* The rows listed: arrays, then loose buffers. */
guint        pl_inspector_get_n_rows   (PlInspector *self);
/* The title and subtitle of row @index, for tests and screen readers. */
char        *pl_inspector_dup_row_text (PlInspector *self,
                                        guint        index);

G_END_DECLS
