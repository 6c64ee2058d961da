/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "run/pl-run.h"

G_BEGIN_DECLS

/* Precomputed, decimatable series of one pipeline (internal to the plot
 * layer; the tests use it directly).
 *
 * A track is a value over time (sorted by time) plus a min/max pyramid:
 * level k holds the minimum and maximum of every aligned block of
 * 2^(5 + 3k) points. Decimating to pixel columns then costs about the
 * number of columns, not the number of points: whole blocks that fall
 * into one column are merged from the pyramid, only the blocks that
 * straddle a column boundary are opened. The pyramid is built once per
 * run (cached on the PlRun), so a redraw never re-scans the samples. */

#define PL_PLOT_TRACK_MAX_LEVELS 8

typedef struct
{
  guint   shift;      /* a block is 1 << shift points */
  gsize   n_blocks;   /* complete blocks only */
  gint64 *min_max;    /* 2 * n_blocks: min, max of each block */
} PlPlotTrackLevel;

typedef struct
{
  gsize            n;          /* points */
  const gint64    *t;          /* time of point i is t[i * t_stride] */
  gsize            t_stride;
  const gint64    *v;          /* value of point i is v[i * v_stride] */
  gsize            v_stride;
  gint64          *owned;      /* storage of t and v when the track owns them */
  gint64           min;        /* over all points (0 when empty) */
  gint64           max;
  gsize            max_index;  /* first point holding max */
  guint            n_levels;
  PlPlotTrackLevel levels[PL_PLOT_TRACK_MAX_LEVELS];
} PlPlotTrack;

/* What fell into one pixel column. */
typedef struct
{
  gint64 first_t;
  gint64 last_t;
  gint64 first;
  gint64 last;
  gint64 min;
  gint64 max;
  gsize  count;     /* points merged (0: the column is empty) */
} PlPlotColumn;

typedef struct
{
  PlPipelineRun *pipeline;        /* borrowed: owned by the run */
  gboolean       has_samples;
  PlPlotTrack    rss;             /* resident bytes, drawn as a line */
  PlPlotTrack    alloc;           /* live allocated bytes, drawn as steps */
  gboolean       alloc_from_events;
  gint64         start_ns;        /* earliest time of anything (<= 0) */
  gint64         end_ns;          /* latest time of anything (>= 0) */
  gint64         total_time_ns;   /* what the title reports */
  gint64         peak_rss;        /* the highest sample, or the run layer's
                                   * peak if higher (a high-water mark the
                                   * samples missed) */
  PlSample      *sorted_samples;  /* a sorted copy if the samples were not */

  /* Line marks: the starts of the spans, sorted by time. */
  gsize          n_marks;
  gint64        *mark_t;
  gint32        *mark_line;
  gint64        *mark_duration;   /* how long the line ran that time */
  guint32       *mark_span;       /* the span of each mark (NULL: identity) */
  gint32         max_line;

  /* What the series was built from, to notice a run that changed. */
  gsize          n_samples;
  gint64         total_time_source;
  gint64         peak_rss_source;
  gsize          n_events;
  gsize          n_spans;
  gconstpointer  samples_data;
  gconstpointer  events_data;
  gconstpointer  spans_data;
} PlPlotSeries;

PlPlotSeries       *pl_plot_series_new          (PlPipelineRun      *pipeline);
void                pl_plot_series_free         (PlPlotSeries       *series);

/* The series of @run's pipeline @index, built on first use and cached on
 * the run (rebuilt only if the pipeline's data changed). Thread-safe. */
const PlPlotSeries *pl_plot_series_get          (PlRun              *run,
                                                 guint               index);

/* Builds a track over @n points with strided times and values. With
 * @copy the track keeps its own copy of the data. */
void                pl_plot_track_init          (PlPlotTrack        *track,
                                                 const gint64       *t,
                                                 gsize               t_stride,
                                                 const gint64       *v,
                                                 gsize               v_stride,
                                                 gsize               n,
                                                 gboolean            copy);
void                pl_plot_track_clear         (PlPlotTrack        *track);

/* Decimates the points of @track between @t0 and @t1 into @n_columns
 * equal columns. @columns has n_columns + 2 entries: columns[0] receives
 * the last point before @t0 and columns[n_columns + 1] the first point
 * after @t1 (so lines continue to the edges). Returns the number of
 * pyramid blocks and points visited (a measure of the work done). */
gsize               pl_plot_track_decimate      (const PlPlotTrack  *track,
                                                 gint64              t0,
                                                 gint64              t1,
                                                 guint               n_columns,
                                                 PlPlotColumn       *columns);

/* The value of the last point at or before @t; FALSE if there is none. */
gboolean            pl_plot_track_value_at      (const PlPlotTrack  *track,
                                                 gint64              t,
                                                 gint64             *value);

/* Index of the first point with time >= @t (n if none). */
gsize               pl_plot_track_lower_bound   (const PlPlotTrack  *track,
                                                 gint64              t);

/* Index of the first mark with time >= @t (n_marks if none). */
gsize               pl_plot_series_mark_lower_bound (const PlPlotSeries *series,
                                                     gint64              t);

G_END_DECLS
