/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "run/pl-run.h"

G_BEGIN_DECLS

/* The JSON of `peakline run --json`, exactly the schema of docs/DESIGN.md:
 *
 *   { "peakline": VERSION, "file": "...", "sample_interval_s": 5e-05,
 *     "output": ["printed line", ...],
 *     "experiments": [ { "line": N, "pipelines": [ { "name", "total_time_s",
 *       "peak_alloc_bytes", "final_alloc_bytes", "peak_rss_bytes",
 *       "sample_count", "lines": [ { "line", "hits", "time_s",
 *       "peak_alloc_bytes", "live_alloc_bytes", "allocated_bytes",
 *       "freed_bytes" } ] } ] } ] }
 *
 * @runs holds one PlRun per experiment, in order; @output the lines the
 * script printed (NULL for none). */
JsonNode *pl_run_json_build      (const char         *file,
                                  double              sample_interval,
                                  const char * const *output,
                                  GPtrArray          *runs);
char     *pl_run_json_to_string  (const char         *file,
                                  double              sample_interval,
                                  const char * const *output,
                                  GPtrArray          *runs);
/* Writes the document to @path ("-": standard output). */
gboolean  pl_run_json_write      (const char         *path,
                                  const char         *file,
                                  double              sample_interval,
                                  const char * const *output,
                                  GPtrArray          *runs,
                                  GError            **error);

G_END_DECLS
