/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "run/pl-run-settings.h"
#include "run/pl-run.h"
#include "script/pl-script.h"

G_BEGIN_DECLS

/* Measured runs of a script's experiments (utils.analyze_memory calls).
 *
 * The script runs top to bottom in a PlInterp; at each analyze_memory call
 * that is to be measured, every pipeline is measured in turn: the
 * allocator records, the sampler thread starts (its first sample is the
 * baseline, taken after the pipeline's arguments exist), the pipeline is
 * called, the sampler stops, and a PlPipelineRun is built from the
 * samples, the line spans of the pipeline's own code and the allocation
 * events.
 *
 * Runs are serialised process-wide (resident memory is per process, so two
 * runs at once would measure each other): a run requested while another
 * is in progress waits for it. Cancelling a run interrupts the engine
 * (pl_engine_interrupt), which stops even a long kernel or time.sleep
 * within milliseconds; everything the run allocated is freed. */

/* Called with each line the script prints, on the thread that runs it. */
typedef void (*PlRunOutputFunc) (const char *line,
                                 gpointer    user_data);

/* Runs the script and measures its @experiment_index-th analyze_memory
 * call (in source order, pl_script_get_experiment_line()), on a GTask
 * thread. The callback runs in the caller's thread-default main context. */
void      pl_run_experiment_async  (PlScript             *script,
                                    guint                 experiment_index,
                                    const PlRunSettings  *settings,
                                    GCancellable         *cancellable,
                                    GAsyncReadyCallback   callback,
                                    gpointer              user_data);
/* Returns: (transfer full): the run, immutable; NULL with @error set on a
 * script error (PL_ERROR, the interpreter's message) or when cancelled
 * (PL_ERROR_CANCELLED). */
PlRun    *pl_run_experiment_finish (GAsyncResult         *result,
                                    GError              **error);

/* The same, blocking the calling thread. */
PlRun    *pl_run_experiment_sync   (PlScript             *script,
                                    guint                 experiment_index,
                                    const PlRunSettings  *settings,
                                    GCancellable         *cancellable,
                                    GError              **error);

/* Runs the script and measures every analyze_memory call it reaches, in
 * order (the command line's mode). @output_func sees each printed line as
 * it is printed. On success @runs_out gets one PlRun per call reached and
 * @output_out the printed lines (NULL-terminated). On failure both are
 * still set to what was measured and printed before the error. */
gboolean  pl_run_script_sync       (PlScript             *script,
                                    const PlRunSettings  *settings,
                                    GCancellable         *cancellable,
                                    PlRunOutputFunc       output_func,
                                    gpointer              output_data,
                                    GPtrArray           **runs_out,
                                    char               ***output_out,
                                    GError              **error);

G_END_DECLS
