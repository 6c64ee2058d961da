/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "plot-test-run.h"

/* A small deterministic noise source (RSS is never perfectly smooth). */
static gint64
noise (guint32 *state,
       gint64   amplitude)
{
  *state = *state * 1664525u + 1013904223u;
  return (gint64) ((*state >> 8) % (guint32) (2 * amplitude + 1)) - amplitude;
}

static void
add_span (PlPipelineRun *pipeline,
          gint32         line,
          gint64         start,
          gint64         end)
{
  PlLineSpan span = { .line = line, .start_ns = start, .end_ns = end };

  pl_pipeline_run_append_span (pipeline, &span);
}

static PlAllocEvent *
events_new (gsize n)
{
  return g_new0 (PlAllocEvent, n);
}

PlRun *
plot_test_tutorial_run (void)
{
  PlRun *run = pl_run_new ("section4.py", 7);
  PlPipelineRun *fun1, *fun2;
  PlAllocEvent *events;
  const gint64 step = 50000;
  const gint64 bytes = 64000000;
  guint32 state = 7;

  /* fun1: x = x * 2. */
  fun1 = pl_run_add_pipeline (run, "fun1");
  for (gint64 t = 0; t <= G_GINT64_CONSTANT (18900000); t += step)
    {
      PlSample s = { .time_ns = t, .line = 2 };
      gint64 live = t >= 150000 && t < 18600000 ? bytes : 0;
      double written = CLAMP ((double) (t - 200000) / (17500000 - 200000), 0.0, 1.0);

      s.alloc_bytes = live;
      s.rss_bytes = (live > 0 ? (gint64) (written * (double) bytes) : 0) + 40960 + noise (&state, 24576);
      pl_pipeline_run_append_sample (fun1, &s);
    }
  add_span (fun1, 2, 10000, 18800000);
  events = events_new (2);
  events[0] = (PlAllocEvent) { .time_ns = 150000, .bytes = bytes, .buffer_id = 1, .line = 2,
                               .reason = PL_ALLOC_REASON_RESULT };
  events[1] = (PlAllocEvent) { .time_ns = 18600000, .bytes = -bytes, .buffer_id = 1, .line = 2,
                               .reason = PL_ALLOC_REASON_RESULT };
  pl_pipeline_run_take_events (fun1, events, 2);
  pl_pipeline_run_set_total_time_ns (fun1, 18900000);
  pl_pipeline_run_finish (fun1);

  /* fun2: x *= 2. */
  fun2 = pl_run_add_pipeline (run, "fun2");
  for (gint64 t = 0; t <= G_GINT64_CONSTANT (9100000); t += step)
    {
      PlSample s = { .time_ns = t, .line = 5 };

      s.rss_bytes = 36864 + noise (&state, 20480);
      pl_pipeline_run_append_sample (fun2, &s);
    }
  add_span (fun2, 5, 10000, 9000000);
  pl_pipeline_run_set_total_time_ns (fun2, 9100000);
  pl_pipeline_run_finish (fun2);

  return run;
}

PlRun *
plot_test_triangle_run (const gint64 *peaks,
                        guint         n_pipelines,
                        gint64        duration_ns,
                        gint64        interval_ns)
{
  PlRun *run = pl_run_new ("triangle.py", 1);

  for (guint i = 0; i < n_pipelines; i++)
    {
      g_autofree char *name = g_strdup_printf ("pipeline%u", i + 1);
      PlPipelineRun *pipeline = pl_run_add_pipeline (run, name);
      PlAllocEvent *events = events_new (2);
      gint64 half = duration_ns / 2;

      for (gint64 t = 0; t <= duration_ns; t += interval_ns)
        {
          PlSample s = { .time_ns = t, .line = 10 + (gint32) i };
          gint64 distance = t <= half ? t : duration_ns - t;

          s.rss_bytes = (gint64) ((double) peaks[i] * (double) distance / (double) half);
          s.alloc_bytes = t < duration_ns ? peaks[i] : 0;
          pl_pipeline_run_append_sample (pipeline, &s);
        }
      add_span (pipeline, 10 + (gint32) i, duration_ns / 4, duration_ns);
      events[0] = (PlAllocEvent) { .time_ns = 0, .bytes = peaks[i], .buffer_id = 1 };
      events[1] = (PlAllocEvent) { .time_ns = duration_ns, .bytes = -peaks[i], .buffer_id = 1 };
      pl_pipeline_run_take_events (pipeline, events, 2);
      pl_pipeline_run_set_total_time_ns (pipeline, duration_ns);
      pl_pipeline_run_finish (pipeline);
    }

  return run;
}

PlRun *
plot_test_big_run (gsize n_samples,
                   gsize n_marks)
{
  PlRun *run = pl_run_new ("big.py", 1);
  PlPipelineRun *pipeline = pl_run_add_pipeline (run, "loop");
  gint64 duration = (gint64) n_samples * 100;
  gsize n_pairs = n_marks / 50;
  PlAllocEvent *events = events_new (MAX (2 * n_pairs, 1));
  guint32 state = 11;

  for (gsize i = 0; i < n_samples; i++)
    {
      PlSample s = { .time_ns = (gint64) i * 100, .line = 3 };
      gsize pair = n_pairs > 0 ? i * n_pairs / n_samples : 0;

      s.rss_bytes = 200 * PLOT_TEST_MIB * (gint64) (i % 100000) / 100000 + noise (&state, 65536)
                    + (gint64) pair * 1024;
      s.alloc_bytes = s.rss_bytes / 2;
      pl_pipeline_run_append_sample (pipeline, &s);
    }

  for (gsize i = 0; i < n_marks; i++)
    {
      gint64 start = duration * (gint64) i / (gint64) n_marks;

      add_span (pipeline, 3 + (gint32) (i % 3), start, start + duration / (gint64) n_marks);
    }

  for (gsize p = 0; p < n_pairs; p++)
    {
      gint64 start = duration * (gint64) p / (gint64) n_pairs;

      events[2 * p] = (PlAllocEvent) { .time_ns = start, .bytes = 8 * PLOT_TEST_MIB,
                                       .buffer_id = p + 1, .line = 4 };
      events[2 * p + 1] = (PlAllocEvent) { .time_ns = start + duration / (gint64) n_pairs / 2,
                                           .bytes = -8 * PLOT_TEST_MIB, .buffer_id = p + 1, .line = 5 };
    }
  pl_pipeline_run_take_events (pipeline, events, 2 * n_pairs);
  pl_pipeline_run_set_total_time_ns (pipeline, duration);

  return run;
}

cairo_surface_t *
plot_test_render (PlRun                *run,
                  int                   width,
                  int                   height,
                  double                scale,
                  const PlPlotOptions  *options,
                  PlPlotLayout        **layout)
{
  cairo_surface_t *surface;
  PlPlotLayout *l;
  cairo_t *cr;

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) (width * scale), (int) (height * scale));
  cairo_surface_set_device_scale (surface, scale, scale);
  cr = cairo_create (surface);
  l = pl_plot_layout_new (run, width, height, options);
  pl_plot_layout_render (l, cr);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  if (layout != NULL)
    *layout = l;
  else
    pl_plot_layout_unref (l);

  return surface;
}

PlotTestPixel
plot_test_pixel (cairo_surface_t *surface,
                 int              x,
                 int              y)
{
  const guint8 *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);
  guint32 v;
  PlotTestPixel p;

  g_assert_cmpint (x, >=, 0);
  g_assert_cmpint (y, >=, 0);
  g_assert_cmpint (x, <, cairo_image_surface_get_width (surface));
  g_assert_cmpint (y, <, cairo_image_surface_get_height (surface));

  v = *(const guint32 *) (gconstpointer) (data + (gsize) y * (gsize) stride + (gsize) x * 4);
  p.a = (int) (v >> 24);
  p.r = (int) (v >> 16 & 0xff);
  p.g = (int) (v >> 8 & 0xff);
  p.b = (int) (v & 0xff);
  if (p.a > 0 && p.a < 255)
    {
      p.r = p.r * 255 / p.a;
      p.g = p.g * 255 / p.a;
      p.b = p.b * 255 / p.a;
    }

  return p;
}
