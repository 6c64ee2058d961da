/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "run/pl-run.h"

G_BEGIN_DECLS

/* The CSV of `peakline run --csv`: a header row, then one row per sample:
 *
 *   experiment,pipeline,time_s,rss_bytes,alloc_bytes,line
 *   1,1,0.000000000,0,0,0
 *
 * experiment and pipeline are 1-based positions (in the file and in the
 * analyze_memory call), time_s is seconds since the pipeline's start,
 * bytes are relative to its baseline, line is the script line running at
 * the sample (0: none). @runs holds one PlRun per experiment. */
#define PL_RUN_CSV_HEADER "experiment,pipeline,time_s,rss_bytes,alloc_bytes,line"

gboolean  pl_run_csv_write_stream (GOutputStream  *stream,
                                   GPtrArray      *runs,
                                   GCancellable   *cancellable,
                                   GError        **error);
/* Writes the CSV to @path ("-": standard output). */
gboolean  pl_run_csv_write        (const char     *path,
                                   GPtrArray      *runs,
                                   GError        **error);
char     *pl_run_csv_to_string    (GPtrArray      *runs);

G_END_DECLS
