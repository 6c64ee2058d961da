/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <string.h>

#include "pl-plot-series.h"

#define FIRST_SHIFT 5
#define SHIFT_STEP  3

#define T(track, i) ((track)->t[(gsize) (i) * (track)->t_stride])
#define V(track, i) ((track)->v[(gsize) (i) * (track)->v_stride])

static void
build_levels (PlPlotTrack *track)
{
  track->n_levels = 0;

  for (guint k = 0; k < PL_PLOT_TRACK_MAX_LEVELS; k++)
    {
      guint shift = FIRST_SHIFT + SHIFT_STEP * k;
      gsize n_blocks = track->n >> shift;
      PlPlotTrackLevel *level = &track->levels[k];

      if (n_blocks == 0)
        break;

      level->shift = shift;
      level->n_blocks = n_blocks;
      level->min_max = g_new (gint64, 2 * n_blocks);

      if (k == 0)
        {
          gsize block = (gsize) 1 << shift;

          for (gsize b = 0; b < n_blocks; b++)
            {
              gsize base = b * block;
              gint64 lo = V (track, base);
              gint64 hi = lo;

              for (gsize i = base + 1; i < base + block; i++)
                {
                  gint64 value = V (track, i);

                  lo = MIN (lo, value);
                  hi = MAX (hi, value);
                }
              level->min_max[2 * b] = lo;
              level->min_max[2 * b + 1] = hi;
            }
        }
      else
        {
          const PlPlotTrackLevel *below = &track->levels[k - 1];
          gsize children = (gsize) 1 << SHIFT_STEP;

          for (gsize b = 0; b < n_blocks; b++)
            {
              const gint64 *child = below->min_max + 2 * b * children;
              gint64 lo = child[0];
              gint64 hi = child[1];

              for (gsize c = 1; c < children; c++)
                {
                  lo = MIN (lo, child[2 * c]);
                  hi = MAX (hi, child[2 * c + 1]);
                }
              level->min_max[2 * b] = lo;
              level->min_max[2 * b + 1] = hi;
            }
        }

      track->n_levels = k + 1;
    }
}

void
pl_plot_track_init (PlPlotTrack  *track,
                    const gint64 *t,
                    gsize         t_stride,
                    const gint64 *v,
                    gsize         v_stride,
                    gsize         n,
                    gboolean      copy)
{
  g_return_if_fail (track != NULL);
  g_return_if_fail (n == 0 || (t != NULL && v != NULL));

  memset (track, 0, sizeof *track);
  track->n = n;

  if (n == 0)
    return;

  if (copy)
    {
      track->owned = g_new (gint64, 2 * n);
      for (gsize i = 0; i < n; i++)
        {
          track->owned[i] = t[i * t_stride];
          track->owned[n + i] = v[i * v_stride];
        }
      track->t = track->owned;
      track->v = track->owned + n;
      track->t_stride = 1;
      track->v_stride = 1;
    }
  else
    {
      track->t = t;
      track->v = v;
      track->t_stride = t_stride;
      track->v_stride = v_stride;
    }

  track->min = track->max = V (track, 0);
  track->max_index = 0;
  for (gsize i = 1; i < n; i++)
    {
      gint64 value = V (track, i);

      if (value > track->max)
        {
          track->max = value;
          track->max_index = i;
        }
      track->min = MIN (track->min, value);
    }

  build_levels (track);
}

void
pl_plot_track_clear (PlPlotTrack *track)
{
  g_return_if_fail (track != NULL);

  for (guint k = 0; k < track->n_levels; k++)
    g_free (track->levels[k].min_max);
  g_free (track->owned);
  memset (track, 0, sizeof *track);
}

gsize
pl_plot_track_lower_bound (const PlPlotTrack *track,
                           gint64             t)
{
  gsize lo = 0, hi;

  g_return_val_if_fail (track != NULL, 0);

  hi = track->n;
  while (lo < hi)
    {
      gsize mid = lo + (hi - lo) / 2;

      if (T (track, mid) < t)
        lo = mid + 1;
      else
        hi = mid;
    }

  return lo;
}

static gsize
upper_bound (const PlPlotTrack *track,
             gint64             t)
{
  gsize lo = 0, hi = track->n;

  while (lo < hi)
    {
      gsize mid = lo + (hi - lo) / 2;

      if (T (track, mid) <= t)
        lo = mid + 1;
      else
        hi = mid;
    }

  return lo;
}

gboolean
pl_plot_track_value_at (const PlPlotTrack *track,
                        gint64             t,
                        gint64            *value)
{
  gsize i;

  g_return_val_if_fail (track != NULL, FALSE);

  i = upper_bound (track, t);
  if (i == 0)
    return FALSE;

  if (value != NULL)
    *value = V (track, i - 1);

  return TRUE;
}

static inline void
merge (PlPlotColumn *column,
       gint64        first_t,
       gint64        first,
       gint64        last_t,
       gint64        last,
       gint64        lo,
       gint64        hi,
       gsize         count)
{
  if (column->count == 0)
    {
      column->first_t = first_t;
      column->first = first;
      column->min = lo;
      column->max = hi;
    }
  else
    {
      column->min = MIN (column->min, lo);
      column->max = MAX (column->max, hi);
    }
  column->last_t = last_t;
  column->last = last;
  column->count += count;
}

gsize
pl_plot_track_decimate (const PlPlotTrack *track,
                        gint64             t0,
                        gint64             t1,
                        guint              n_columns,
                        PlPlotColumn      *columns)
{
  gsize lo, hi, i, visited = 0;
  double per_ns;

  g_return_val_if_fail (track != NULL, 0);
  g_return_val_if_fail (n_columns > 0, 0);
  g_return_val_if_fail (columns != NULL, 0);

  memset (columns, 0, sizeof *columns * (n_columns + 2));

  if (track->n == 0 || t1 <= t0)
    return 0;

  lo = pl_plot_track_lower_bound (track, t0);
  hi = upper_bound (track, t1);
  if (lo > 0)
    lo--;
  if (hi < track->n)
    hi++;

  per_ns = (double) n_columns / (double) (t1 - t0);

#define COLUMN_OF(time) \
  ((time) < t0 ? 0 : (time) > t1 ? (gsize) n_columns + 1 \
   : 1 + (gsize) MIN ((double) (n_columns - 1), floor ((double) ((time) - t0) * per_ns)))

  i = lo;
  while (i < hi)
    {
      gboolean merged = FALSE;

      for (guint k = track->n_levels; k-- > 0;)
        {
          const PlPlotTrackLevel *level = &track->levels[k];
          gsize block = (gsize) 1 << level->shift;
          gsize b, c0, c1;
          gint64 first_t, last_t;

          if ((i & (block - 1)) != 0 || i + block > hi)
            continue;

          first_t = T (track, i);
          last_t = T (track, i + block - 1);
          c0 = COLUMN_OF (first_t);
          c1 = COLUMN_OF (last_t);
          if (c0 != c1)
            continue;

          b = i >> level->shift;
          merge (&columns[c0], first_t, V (track, i), last_t, V (track, i + block - 1),
                 level->min_max[2 * b], level->min_max[2 * b + 1], block);
          i += block;
          merged = TRUE;
          visited++;
          break;
        }

      if (!merged)
        {
          gint64 time = T (track, i);
          gint64 value = V (track, i);

          merge (&columns[COLUMN_OF (time)], time, value, time, value, value, value, 1);
          i++;
          visited++;
        }
    }

#undef COLUMN_OF

  return visited;
}

static gboolean
spans_sorted (const PlLineSpan *spans,
              gsize             n)
{
  for (gsize i = 1; i < n; i++)
    if (spans[i].start_ns < spans[i - 1].start_ns)
      return FALSE;
  return TRUE;
}

static int
compare_span_index (gconstpointer a,
                    gconstpointer b,
                    gpointer      user_data)
{
  const PlLineSpan *spans = user_data;
  gint64 ta = spans[*(const guint32 *) a].start_ns;
  gint64 tb = spans[*(const guint32 *) b].start_ns;

  if (ta != tb)
    return ta < tb ? -1 : 1;
  return *(const guint32 *) a < *(const guint32 *) b ? -1 : 1;
}

static void
build_marks (PlPlotSeries     *series,
             const PlLineSpan *spans,
             gsize             n)
{
  series->n_marks = n;
  series->mark_t = g_new (gint64, MAX (n, 1));
  series->mark_line = g_new (gint32, MAX (n, 1));
  series->mark_duration = g_new (gint64, MAX (n, 1));
  series->mark_span = NULL;
  series->max_line = 0;

  if (!spans_sorted (spans, n))
    {
      series->mark_span = g_new (guint32, n);
      for (gsize i = 0; i < n; i++)
        series->mark_span[i] = (guint32) i;
      g_qsort_with_data (series->mark_span, (gint) n, sizeof (guint32),
                         compare_span_index, (gpointer) spans);
    }

  for (gsize i = 0; i < n; i++)
    {
      const PlLineSpan *span = &spans[series->mark_span ? series->mark_span[i] : i];

      series->mark_t[i] = span->start_ns;
      series->mark_line[i] = span->line;
      series->mark_duration[i] = MAX (span->end_ns - span->start_ns, 0);
      series->max_line = MAX (series->max_line, span->line);
    }
}

/* The allocator's live bytes as steps: a point at 0 (the pipeline's
 * baseline) and the running sum after every event that changed it. */
static void
build_alloc_from_events (PlPlotSeries       *series,
                         const PlAllocEvent *events,
                         gsize               n_events)
{
  g_autofree gint64 *t = g_new (gint64, n_events + 1);
  g_autofree gint64 *v = g_new (gint64, n_events + 1);
  gint64 live = 0;
  gsize n = 0;

  if (n_events == 0 || events[0].time_ns > 0)
    {
      t[n] = 0;
      v[n] = 0;
      n++;
    }

  for (gsize i = 0; i < n_events; i++)
    {
      if (events[i].bytes == 0)
        continue;
      live += events[i].bytes;
      /* Events are stamped with one monotonic clock, but be safe. */
      t[n] = n > 0 ? MAX (events[i].time_ns, t[n - 1]) : events[i].time_ns;
      v[n] = live;
      n++;
    }

  pl_plot_track_init (&series->alloc, t, 1, v, 1, n, TRUE);
}

static gboolean
samples_sorted (const PlSample *samples,
                gsize           n)
{
  for (gsize i = 1; i < n; i++)
    if (samples[i].time_ns < samples[i - 1].time_ns)
      return FALSE;
  return TRUE;
}

static int
compare_sample_time (gconstpointer a,
                     gconstpointer b,
                     gpointer      user_data)
{
  gint64 ta = ((const PlSample *) a)->time_ns;
  gint64 tb = ((const PlSample *) b)->time_ns;

  return ta < tb ? -1 : ta > tb ? 1 : 0;
}

PlPlotSeries *
pl_plot_series_new (PlPipelineRun *pipeline)
{
  PlPlotSeries *series;
  const PlSample *samples;
  const PlAllocEvent *events;
  const PlLineSpan *spans;
  gsize n_samples = 0, n_events = 0, n_spans = 0;
  const gsize stride = sizeof (PlSample) / sizeof (gint64);

  G_STATIC_ASSERT (sizeof (PlSample) % sizeof (gint64) == 0);

  g_return_val_if_fail (pipeline != NULL, NULL);

  samples = pl_pipeline_run_get_samples (pipeline, &n_samples);
  events = pl_pipeline_run_get_events (pipeline, &n_events);
  spans = pl_pipeline_run_get_spans (pipeline, &n_spans);

  series = g_new0 (PlPlotSeries, 1);
  series->pipeline = pipeline;
  series->n_samples = n_samples;
  series->n_events = n_events;
  series->n_spans = n_spans;
  series->samples_data = samples;
  series->events_data = events;
  series->spans_data = spans;
  series->has_samples = n_samples > 0;

  if (n_samples > 0)
    {
      /* The sampler writes in time order; a hand-made run might not, and
       * decimation needs sorted times: keep a sorted copy then. */
      if (!samples_sorted (samples, n_samples))
        {
          PlSample *sorted = g_memdup2 (samples, sizeof *samples * n_samples);

          g_qsort_with_data (sorted, (gint) n_samples, sizeof *sorted, compare_sample_time, NULL);
          series->sorted_samples = sorted;
          samples = sorted;
        }
      pl_plot_track_init (&series->rss, &samples[0].time_ns, stride,
                          &samples[0].rss_bytes, stride, n_samples, FALSE);
    }

  if (n_events > 0)
    {
      build_alloc_from_events (series, events, n_events);
      series->alloc_from_events = TRUE;
    }
  else if (n_samples > 0)
    {
      /* No event log (a run loaded from elsewhere): the sampled live
       * bytes are the next best thing. */
      pl_plot_track_init (&series->alloc, &samples[0].time_ns, stride,
                          &samples[0].alloc_bytes, stride, n_samples, FALSE);
    }

  build_marks (series, spans, n_spans);

  series->start_ns = 0;
  series->end_ns = 0;
  if (series->rss.n > 0)
    {
      series->start_ns = MIN (series->start_ns, series->rss.t[0]);
      series->end_ns = MAX (series->end_ns, T (&series->rss, series->rss.n - 1));
    }
  if (series->alloc.n > 0)
    {
      series->start_ns = MIN (series->start_ns, series->alloc.t[0]);
      series->end_ns = MAX (series->end_ns, T (&series->alloc, series->alloc.n - 1));
    }
  for (gsize i = 0; i < n_spans; i++)
    {
      series->start_ns = MIN (series->start_ns, spans[i].start_ns);
      series->end_ns = MAX (series->end_ns, MAX (spans[i].start_ns, spans[i].end_ns));
    }

  series->peak_rss_source = pl_pipeline_run_get_peak_rss_bytes (pipeline);
  series->peak_rss = series->has_samples ? MAX (series->rss.max, series->peak_rss_source) : 0;

  series->total_time_source = pl_pipeline_run_get_total_time_ns (pipeline);
  series->total_time_ns = series->total_time_source;
  if (series->total_time_ns <= 0)
    series->total_time_ns = series->rss.n > 0 ? T (&series->rss, series->rss.n - 1) : 0;
  series->end_ns = MAX (series->end_ns, series->total_time_ns);

  return series;
}

void
pl_plot_series_free (PlPlotSeries *series)
{
  if (series == NULL)
    return;

  pl_plot_track_clear (&series->rss);
  pl_plot_track_clear (&series->alloc);
  g_free (series->mark_t);
  g_free (series->mark_line);
  g_free (series->mark_duration);
  g_free (series->mark_span);
  g_free (series->sorted_samples);
  g_free (series);
}

gsize
pl_plot_series_mark_lower_bound (const PlPlotSeries *series,
                                 gint64              t)
{
  gsize lo = 0, hi;

  g_return_val_if_fail (series != NULL, 0);

  hi = series->n_marks;
  while (lo < hi)
    {
      gsize mid = lo + (hi - lo) / 2;

      if (series->mark_t[mid] < t)
        lo = mid + 1;
      else
        hi = mid;
    }

  return lo;
}

static gboolean
series_is_current (const PlPlotSeries *series,
                   PlPipelineRun      *pipeline)
{
  const PlSample *samples;
  const PlAllocEvent *events;
  const PlLineSpan *spans;
  gsize n_samples = 0, n_events = 0, n_spans = 0;

  samples = pl_pipeline_run_get_samples (pipeline, &n_samples);
  events = pl_pipeline_run_get_events (pipeline, &n_events);
  spans = pl_pipeline_run_get_spans (pipeline, &n_spans);

  return series->pipeline == pipeline
      && series->n_samples == n_samples && series->samples_data == (gconstpointer) samples
      && series->n_events == n_events && series->events_data == (gconstpointer) events
      && series->n_spans == n_spans && series->spans_data == (gconstpointer) spans
      && series->total_time_source == pl_pipeline_run_get_total_time_ns (pipeline)
      && series->peak_rss_source == pl_pipeline_run_get_peak_rss_bytes (pipeline);
}

static GQuark
series_quark (void)
{
  return g_quark_from_static_string ("pl-plot-series");
}

static void
free_series_array (gpointer data)
{
  g_ptr_array_unref (data);
}

const PlPlotSeries *
pl_plot_series_get (PlRun *run,
                    guint  index)
{
  static GMutex lock;
  PlPipelineRun *pipeline;
  GPtrArray *cache;
  PlPlotSeries *series;

  g_return_val_if_fail (PL_IS_RUN (run), NULL);
  g_return_val_if_fail (index < pl_run_get_n_pipelines (run), NULL);

  pipeline = pl_run_get_pipeline (run, index);

  g_mutex_lock (&lock);

  cache = g_object_get_qdata (G_OBJECT (run), series_quark ());
  if (cache == NULL)
    {
      cache = g_ptr_array_new_with_free_func ((GDestroyNotify) pl_plot_series_free);
      g_object_set_qdata_full (G_OBJECT (run), series_quark (), cache, free_series_array);
    }
  if (cache->len <= index)
    g_ptr_array_set_size (cache, index + 1);

  series = g_ptr_array_index (cache, index);
  if (series == NULL || !series_is_current (series, pipeline))
    {
      pl_plot_series_free (series);
      series = pl_plot_series_new (pipeline);
      g_ptr_array_index (cache, index) = series;
    }

  g_mutex_unlock (&lock);

  return series;
}
