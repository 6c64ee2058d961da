/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "engine/pl-alloc.h"

G_BEGIN_DECLS

/* One sample of the sampler thread. Times are relative to the pipeline's start;
 * byte figures are relative to the baseline (the first sample, taken after
 * the pipeline's arguments exist, as memory_profiler does). */
typedef struct
{
  gint64 time_ns;
  gint64 rss_bytes;
  gint64 alloc_bytes;   /* the allocator's live bytes at that time */
  gint32 line;          /* the line running then (0: none) */
} PlSample;

/* Which line ran from when to when (one span per hit). */
typedef struct
{
  gint32  line;
  gint64  start_ns;
  gint64  end_ns;
  guint64 minor_faults;   /* minor page faults of the process during the span */
  guint64 span;           /* pl_alloc_get_span () in it: events stamped with it
                           * are its own (0: unknown, match events by time) */
} PlLineSpan;

/* Per-line statistics, as docs/DESIGN.md defines them. */
typedef struct
{
  gint32  line;
  guint   hits;
  gint64  time_ns;
  gint64  peak_alloc_bytes;   /* highest live bytes while this line ran */
  gint64  live_alloc_bytes;   /* live bytes when it last finished */
  gint64  allocated_bytes;
  gint64  freed_bytes;
  guint64 minor_faults;
} PlLineStats;

/* A measured pipeline of an experiment: owned by its PlRun. */
typedef struct _PlPipelineRun PlPipelineRun;

#define PL_TYPE_RUN (pl_run_get_type ())
G_DECLARE_FINAL_TYPE (PlRun, pl_run, PL, RUN, GObject)

/* A PlRun is built by the run layer (or by tests) and immutable once returned
 * to a caller. It holds one experiment: the pipelines of one
 * utils.analyze_memory call, in order. */
PlRun              *pl_run_new                          (const char         *file,
                                                         gint                experiment_line);
const char         *pl_run_get_file                     (PlRun              *self);
gint                pl_run_get_experiment_line          (PlRun              *self);
double              pl_run_get_sample_interval          (PlRun              *self); /* seconds */
void                pl_run_set_sample_interval          (PlRun              *self,
                                                         double              seconds);
guint               pl_run_get_n_pipelines              (PlRun              *self);
PlPipelineRun      *pl_run_get_pipeline                 (PlRun              *self,
                                                         guint               index);
PlPipelineRun      *pl_run_add_pipeline                 (PlRun              *self,
                                                         const char         *name);
/* The tutorial's plot options of the analyze_memory call. */
typedef struct
{
  char   *linestyle;   /* "--" */
  char   *color;       /* "gray" */
  double  alpha;       /* 0.3 */
  double  fontsize;    /* 6 */
} PlMarkStyle;
const PlMarkStyle  *pl_run_get_mark_style               (PlRun              *self);
void                pl_run_set_mark_style               (PlRun              *self,
                                                         const PlMarkStyle  *style);
/* What the script printed while the run executed it, one line each. */
const char * const *pl_run_get_output                   (PlRun              *self);
void                pl_run_append_output                (PlRun              *self,
                                                         const char         *line);

const char         *pl_pipeline_run_get_name            (PlPipelineRun      *self);
gint64              pl_pipeline_run_get_total_time_ns   (PlPipelineRun      *self);
gint64              pl_pipeline_run_get_peak_rss_bytes  (PlPipelineRun      *self);
gint64              pl_pipeline_run_get_peak_alloc_bytes (PlPipelineRun     *self);
gint64              pl_pipeline_run_get_final_alloc_bytes (PlPipelineRun    *self);
const PlSample     *pl_pipeline_run_get_samples         (PlPipelineRun      *self,
                                                         gsize              *n_samples);
const PlLineSpan   *pl_pipeline_run_get_spans           (PlPipelineRun      *self,
                                                         gsize              *n_spans);
/* Allocation events with time_ns relative to the pipeline's start. */
const PlAllocEvent *pl_pipeline_run_get_events          (PlPipelineRun      *self,
                                                         gsize              *n_events);
/* The array log (which arrays were made and dropped, and the arguments
 * alive before the start: PL_ARRAY_EVENT_EXISTING), times as the events'. */
const PlArrayEvent *pl_pipeline_run_get_array_events    (PlPipelineRun      *self,
                                                         gsize              *n_events);
/* The parameter an argument array is bound to, or NULL. */
const char         *pl_pipeline_run_get_argument_name   (PlPipelineRun      *self,
                                                         guint64             array_id);
/* In line order. */
const PlLineStats  *pl_pipeline_run_get_line_stats      (PlPipelineRun      *self,
                                                         gsize              *n_lines);
/* The statistics of one line, or NULL if it did not run in this pipeline. */
const PlLineStats  *pl_pipeline_run_lookup_line         (PlPipelineRun      *self,
                                                         gint                line);
gsize               pl_pipeline_run_get_n_samples       (PlPipelineRun      *self);
/* Samples per second the sampler achieved (0 with fewer than two samples). */
double              pl_pipeline_run_get_achieved_rate   (PlPipelineRun      *self);

/* Building (the run layer and tests only). */
void                pl_pipeline_run_set_total_time_ns   (PlPipelineRun      *self,
                                                         gint64              ns);
void                pl_pipeline_run_append_sample       (PlPipelineRun      *self,
                                                         const PlSample     *sample);
void                pl_pipeline_run_append_span         (PlPipelineRun      *self,
                                                         const PlLineSpan   *span);
void                pl_pipeline_run_take_events         (PlPipelineRun      *self,
                                                         PlAllocEvent       *events,
                                                         gsize               n_events);
void                pl_pipeline_run_take_array_events   (PlPipelineRun      *self,
                                                         PlArrayEvent       *events,
                                                         gsize               n_events);
void                pl_pipeline_run_set_argument_name   (PlPipelineRun      *self,
                                                         guint64             array_id,
                                                         const char         *name);
/* A peak of resident memory measured by other means than the samples
 * (the kernel's high-water mark, which no sampling interval can miss);
 * the pipeline's peak RSS is the highest of this and its samples. */
void                pl_pipeline_run_note_peak_rss       (PlPipelineRun      *self,
                                                         gint64              bytes);
/* Computes the line statistics and the peaks from samples, spans and events. */
void                pl_pipeline_run_finish              (PlPipelineRun      *self);

G_END_DECLS
