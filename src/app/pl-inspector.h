/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "run/pl-run.h"

G_BEGIN_DECLS

#define PL_TYPE_INSPECTOR (pl_inspector_get_type ())

G_DECLARE_FINAL_TYPE (PlInspector, pl_inspector, PL, INSPECTOR, AdwBin)

/* The array buffers alive at a chosen moment of a run, from the run's
 * allocation events: which buffer, its size, the line that allocated it
 * and why (created, copied, a temporary, a result, a mask). Buffers made
 * before the measurement (the pipeline's arguments) are not events of the
 * run and are not listed. */
PlInspector *pl_inspector_new          (void);
void         pl_inspector_set_run      (PlInspector *self,
                                        PlRun       *run,
                                        const char  *source);
/* Shows the buffers of pipeline @panel alive at @time_ns. */
void         pl_inspector_set_time     (PlInspector *self,
                                        guint        panel,
                                        gint64       time_ns);
/* Shows the buffers alive just after the last run of @line. Returns FALSE
 * when no pipeline ran that line. */
gboolean     pl_inspector_set_line     (PlInspector *self,
                                        int          line);
guint        pl_inspector_get_n_buffers (PlInspector *self);
/* Total bytes of the buffers listed. */
gint64       pl_inspector_get_total_bytes (PlInspector *self);

G_END_DECLS
