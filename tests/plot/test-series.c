/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <string.h>

#include "plot/pl-plot.h"
#include "plot/pl-plot-series.h"
#include "plot-test-run.h"

/* What decimation must produce, computed the slow way. */
static void
brute_force (const gint64 *t,
             const gint64 *v,
             gsize         n,
             gint64        t0,
             gint64        t1,
             guint         n_columns,
             PlPlotColumn *columns)
{
  gsize lo = 0, hi = n;
  double per_ns = (double) n_columns / (double) (t1 - t0);

  memset (columns, 0, sizeof *columns * (n_columns + 2));
  while (lo < n && t[lo] < t0)
    lo++;
  while (hi > 0 && t[hi - 1] > t1)
    hi--;
  if (lo > 0)
    lo--;
  if (hi < n)
    hi++;

  for (gsize i = lo; i < hi; i++)
    {
      gsize c = t[i] < t0 ? 0 : t[i] > t1 ? n_columns + 1
                : 1 + (gsize) MIN ((double) (n_columns - 1), floor ((double) (t[i] - t0) * per_ns));
      PlPlotColumn *col = &columns[c];

      if (col->count == 0)
        {
          col->first_t = t[i];
          col->first = v[i];
          col->min = col->max = v[i];
        }
      col->min = MIN (col->min, v[i]);
      col->max = MAX (col->max, v[i]);
      col->last_t = t[i];
      col->last = v[i];
      col->count++;
    }
}

static void
test_decimate_matches_brute_force (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);

  for (int round = 0; round < 40; round++)
    {
      gsize n = (gsize) g_rand_int_range (rand, 1, 200000);
      g_autofree gint64 *t = g_new (gint64, n);
      g_autofree gint64 *v = g_new (gint64, n);
      PlPlotTrack track;
      gint64 time = g_rand_int_range (rand, -1000, 1000);
      guint n_columns = (guint) g_rand_int_range (rand, 1, 3000);
      g_autofree PlPlotColumn *got = g_new (PlPlotColumn, n_columns + 2);
      g_autofree PlPlotColumn *want = g_new (PlPlotColumn, n_columns + 2);
      gint64 t0, t1;
      gsize visited;

      for (gsize i = 0; i < n; i++)
        {
          /* Mostly even steps, sometimes gaps and repeated times. */
          gint32 kind = g_rand_int_range (rand, 0, 100);

          time += kind < 2 ? g_rand_int_range (rand, 1000, 100000) : kind < 5 ? 0 : 50;
          t[i] = time;
          v[i] = g_rand_int_range (rand, -1000000, 1000000) + (gint64) i * 10;
        }

      pl_plot_track_init (&track, t, 1, v, 1, n, round % 2 == 0);
      t0 = t[0] + g_rand_int_range (rand, -100, (gint32) MAX ((t[n - 1] - t[0]) / 2, 1));
      t1 = t0 + 1 + g_rand_int_range (rand, 0, (gint32) MAX (t[n - 1] - t0 + 200, 1));

      visited = pl_plot_track_decimate (&track, t0, t1, n_columns, got);
      brute_force (t, v, n, t0, t1, n_columns, want);

      for (guint c = 0; c < n_columns + 2; c++)
        {
          g_assert_cmpuint (got[c].count, ==, want[c].count);
          if (want[c].count == 0)
            continue;
          g_assert_cmpint (got[c].first_t, ==, want[c].first_t);
          g_assert_cmpint (got[c].last_t, ==, want[c].last_t);
          g_assert_cmpint (got[c].first, ==, want[c].first);
          g_assert_cmpint (got[c].last, ==, want[c].last);
          g_assert_cmpint (got[c].min, ==, want[c].min);
          g_assert_cmpint (got[c].max, ==, want[c].max);
        }

      /* The pyramid saves work: never more visits than points. */
      g_assert_cmpuint (visited, <=, n);
      pl_plot_track_clear (&track);
    }
}

/* A million evenly spaced points into 1000 columns: whole blocks merge. */
static void
test_decimate_is_cheap (void)
{
  const gsize n = 1000000;
  g_autofree gint64 *t = g_new (gint64, n);
  g_autofree gint64 *v = g_new (gint64, n);
  g_autofree PlPlotColumn *columns = g_new (PlPlotColumn, 1002);
  PlPlotTrack track;
  gsize visited;

  for (gsize i = 0; i < n; i++)
    {
      t[i] = (gint64) i * 10;
      v[i] = (gint64) (i % 777);
    }
  pl_plot_track_init (&track, t, 1, v, 1, n, FALSE);
  g_assert_cmpuint (track.n_levels, >=, 4);
  g_assert_cmpint (track.min, ==, 0);
  g_assert_cmpint (track.max, ==, 776);
  g_assert_cmpuint (track.max_index, ==, 776);

  visited = pl_plot_track_decimate (&track, 0, t[n - 1], 1000, columns);
  g_assert_cmpuint (visited, <, 100000);
  for (guint c = 1; c <= 1000; c++)
    {
      g_assert_cmpuint (columns[c].count, >, 0);
      g_assert_cmpint (columns[c].min, ==, 0);
      g_assert_cmpint (columns[c].max, ==, 776);
    }
  pl_plot_track_clear (&track);
}

static void
test_track_lookup (void)
{
  const gint64 t[] = { 10, 20, 20, 30 };
  const gint64 v[] = { 1, 2, 3, 4 };
  PlPlotTrack track;
  gint64 value = -1;
  PlPlotColumn columns[3];

  pl_plot_track_init (&track, t, 1, v, 1, 4, TRUE);
  g_assert_false (pl_plot_track_value_at (&track, 9, &value));
  g_assert_cmpint (value, ==, -1);
  g_assert_true (pl_plot_track_value_at (&track, 10, &value));
  g_assert_cmpint (value, ==, 1);
  g_assert_true (pl_plot_track_value_at (&track, 25, &value));
  g_assert_cmpint (value, ==, 3);
  g_assert_true (pl_plot_track_value_at (&track, 1000, &value));
  g_assert_cmpint (value, ==, 4);

  g_assert_cmpuint (pl_plot_track_lower_bound (&track, 0), ==, 0);
  g_assert_cmpuint (pl_plot_track_lower_bound (&track, 20), ==, 1);
  g_assert_cmpuint (pl_plot_track_lower_bound (&track, 21), ==, 3);
  g_assert_cmpuint (pl_plot_track_lower_bound (&track, 31), ==, 4);

  /* An empty window decimates to nothing rather than dividing by zero. */
  g_assert_cmpuint (pl_plot_track_decimate (&track, 20, 20, 1, columns), ==, 0);
  g_assert_cmpuint (columns[1].count, ==, 0);
  pl_plot_track_clear (&track);

  pl_plot_track_init (&track, NULL, 1, NULL, 1, 0, FALSE);
  g_assert_false (pl_plot_track_value_at (&track, 0, NULL));
  g_assert_cmpuint (pl_plot_track_decimate (&track, 0, 100, 1, columns), ==, 0);
  pl_plot_track_clear (&track);
}

/* Live bytes come from the events: a step at every alloc and free. */
static void
test_alloc_from_events (void)
{
  g_autoptr(PlRun) run = pl_run_new ("x.py", 1);
  PlPipelineRun *pipeline = pl_run_add_pipeline (run, "f");
  PlAllocEvent *events = g_new0 (PlAllocEvent, 4);
  PlSample sample = { .time_ns = 0, .rss_bytes = 5, .alloc_bytes = 999 };
  const PlPlotSeries *series;
  gint64 value;

  events[0] = (PlAllocEvent) { .time_ns = 100, .bytes = 4096, .buffer_id = 1 };
  events[1] = (PlAllocEvent) { .time_ns = 200, .bytes = 0, .buffer_id = 1, .reason = PL_ALLOC_REASON_ELIDED };
  events[2] = (PlAllocEvent) { .time_ns = 300, .bytes = 8192, .buffer_id = 2 };
  events[3] = (PlAllocEvent) { .time_ns = 400, .bytes = -4096, .buffer_id = 1 };
  pl_pipeline_run_take_events (pipeline, events, 4);
  pl_pipeline_run_append_sample (pipeline, &sample);
  pl_pipeline_run_set_total_time_ns (pipeline, 1000);

  series = pl_plot_series_get (run, 0);
  g_assert_true (series->alloc_from_events);
  /* The baseline point at 0, then one point per event that changed it. */
  g_assert_cmpuint (series->alloc.n, ==, 4);
  g_assert_true (pl_plot_track_value_at (&series->alloc, 99, &value));
  g_assert_cmpint (value, ==, 0);
  g_assert_true (pl_plot_track_value_at (&series->alloc, 100, &value));
  g_assert_cmpint (value, ==, 4096);
  g_assert_true (pl_plot_track_value_at (&series->alloc, 350, &value));
  g_assert_cmpint (value, ==, 12288);
  g_assert_true (pl_plot_track_value_at (&series->alloc, 400, &value));
  g_assert_cmpint (value, ==, 8192);
  g_assert_cmpint (series->alloc.max, ==, 12288);
  g_assert_cmpint (series->end_ns, ==, 1000);
  g_assert_cmpint (series->total_time_ns, ==, 1000);
}

/* Without events, the sampled live bytes are used. */
static void
test_alloc_from_samples (void)
{
  g_autoptr(PlRun) run = pl_run_new ("x.py", 1);
  PlPipelineRun *pipeline = pl_run_add_pipeline (run, "f");
  const PlPlotSeries *series;
  gint64 value;

  for (int i = 0; i < 10; i++)
    {
      PlSample s = { .time_ns = i * 100, .rss_bytes = i, .alloc_bytes = 1000 * i };

      pl_pipeline_run_append_sample (pipeline, &s);
    }

  series = pl_plot_series_get (run, 0);
  g_assert_false (series->alloc_from_events);
  g_assert_cmpuint (series->alloc.n, ==, 10);
  g_assert_true (pl_plot_track_value_at (&series->alloc, 550, &value));
  g_assert_cmpint (value, ==, 5000);
  g_assert_true (pl_plot_track_value_at (&series->rss, 550, &value));
  g_assert_cmpint (value, ==, 5);
  /* No total time set: the last sample's time. */
  g_assert_cmpint (series->total_time_ns, ==, 900);
}

static void
test_unsorted_input (void)
{
  g_autoptr(PlRun) run = pl_run_new ("x.py", 1);
  PlPipelineRun *pipeline = pl_run_add_pipeline (run, "f");
  const gint64 times[] = { 300, 100, 200 };
  const PlPlotSeries *series;
  gint64 value;

  for (int i = 0; i < 3; i++)
    {
      PlSample s = { .time_ns = times[i], .rss_bytes = times[i] * 2, .alloc_bytes = times[i] * 3 };
      PlLineSpan span = { .line = i + 1, .start_ns = times[i], .end_ns = times[i] + 50 };

      pl_pipeline_run_append_sample (pipeline, &s);
      pl_pipeline_run_append_span (pipeline, &span);
    }

  series = pl_plot_series_get (run, 0);
  g_assert_nonnull (series->sorted_samples);
  g_assert_true (pl_plot_track_value_at (&series->rss, 150, &value));
  g_assert_cmpint (value, ==, 200);
  g_assert_true (pl_plot_track_value_at (&series->alloc, 250, &value));
  g_assert_cmpint (value, ==, 600);
  g_assert_cmpint (series->rss.max, ==, 600);
  g_assert_cmpuint (series->rss.max_index, ==, 2);

  g_assert_cmpuint (series->n_marks, ==, 3);
  g_assert_cmpint (series->mark_t[0], ==, 100);
  g_assert_cmpint (series->mark_t[2], ==, 300);
  g_assert_cmpint (series->mark_line[0], ==, 2);
  g_assert_nonnull (series->mark_span);
  g_assert_cmpuint (series->mark_span[0], ==, 1);
  g_assert_cmpint (series->max_line, ==, 3);
  g_assert_cmpuint (pl_plot_series_mark_lower_bound (series, 150), ==, 1);
  g_assert_cmpuint (pl_plot_series_mark_lower_bound (series, 301), ==, 3);
}

/* Built once and cached on the run; rebuilt when the pipeline changed. */
static void
test_cache (void)
{
  g_autoptr(PlRun) run = plot_test_tutorial_run ();
  const PlPlotSeries *a, *b;
  PlPipelineRun *pipeline = pl_run_get_pipeline (run, 1);
  PlSample s = { .time_ns = G_GINT64_CONSTANT (50000000), .rss_bytes = 1 };

  a = pl_plot_series_get (run, 0);
  b = pl_plot_series_get (run, 0);
  g_assert_true (a == b);
  g_assert_true (a->pipeline == pl_run_get_pipeline (run, 0));

  b = pl_plot_series_get (run, 1);
  g_assert_cmpint (b->end_ns, <, s.time_ns);
  pl_pipeline_run_append_sample (pipeline, &s);
  b = pl_plot_series_get (run, 1);
  g_assert_cmpint (b->end_ns, ==, s.time_ns);
  g_assert_true (pl_plot_series_get (run, 0) == a);
}

/* The title's peak is the run layer's when that is higher than every
 * sample (a high-water mark between samples). */
static void
test_peak_between_samples (void)
{
  g_autoptr(PlRun) run = pl_run_new ("x.py", 1);
  PlPipelineRun *pipeline = pl_run_add_pipeline (run, "f");
  const PlPlotSeries *series;
  g_autofree char *title = NULL;

  for (int i = 0; i < 10; i++)
    pl_pipeline_run_append_sample (pipeline, &(PlSample) { .time_ns = i * 1000, .rss_bytes = i * PLOT_TEST_MIB });
  pl_pipeline_run_finish (pipeline);
  series = pl_plot_series_get (run, 0);
  g_assert_cmpint (series->peak_rss, ==, 9 * PLOT_TEST_MIB);

  pl_pipeline_run_note_peak_rss (pipeline, 12 * PLOT_TEST_MIB);
  pl_pipeline_run_finish (pipeline);
  series = pl_plot_series_get (run, 0);
  g_assert_cmpint (series->peak_rss, ==, 12 * PLOT_TEST_MIB);
  g_assert_cmpint (series->rss.max, ==, 9 * PLOT_TEST_MIB);
  title = pl_plot_dup_panel_title (run, 0);
  g_assert_cmpstr (title, ==, "Total Time: 9.0 µs — Peak Memory: 12.0 MiB");
}

static gpointer
prepare_thread (gpointer data)
{
  PlRun *run = data;

  pl_plot_prepare (run);
  return (gpointer) pl_plot_series_get (run, 1);
}

/* A worker prepares the run; the window's thread then finds it built. */
static void
test_prepare (void)
{
  g_autoptr(PlRun) run = plot_test_tutorial_run ();
  GThread *thread = g_thread_new ("prepare", prepare_thread, run);
  gconstpointer prepared = g_thread_join (thread);

  g_assert_nonnull (prepared);
  g_assert_true (pl_plot_series_get (run, 1) == prepared);
  g_assert_cmpint (pl_plot_series_get (run, 0)->rss.n, >, 0);
}

static void
test_empty_pipeline (void)
{
  g_autoptr(PlRun) run = pl_run_new ("x.py", 1);
  const PlPlotSeries *series;

  pl_run_add_pipeline (run, "nothing");
  series = pl_plot_series_get (run, 0);
  g_assert_false (series->has_samples);
  g_assert_cmpuint (series->rss.n, ==, 0);
  g_assert_cmpuint (series->alloc.n, ==, 0);
  g_assert_cmpuint (series->n_marks, ==, 0);
  g_assert_cmpint (series->start_ns, ==, 0);
  g_assert_cmpint (series->end_ns, ==, 0);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/plot/series/decimate-matches-brute-force", test_decimate_matches_brute_force);
  g_test_add_func ("/plot/series/decimate-is-cheap", test_decimate_is_cheap);
  g_test_add_func ("/plot/series/track-lookup", test_track_lookup);
  g_test_add_func ("/plot/series/alloc-from-events", test_alloc_from_events);
  g_test_add_func ("/plot/series/alloc-from-samples", test_alloc_from_samples);
  g_test_add_func ("/plot/series/unsorted-input", test_unsorted_input);
  g_test_add_func ("/plot/series/cache", test_cache);
  g_test_add_func ("/plot/series/peak-between-samples", test_peak_between_samples);
  g_test_add_func ("/plot/series/prepare", test_prepare);
  g_test_add_func ("/plot/series/empty-pipeline", test_empty_pipeline);

  return g_test_run ();
}
