/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdlib.h>
#include <time.h>

#include "plot/pl-plot.h"
#include "plot/pl-plot-series.h"
#include "plot-test-run.h"

/* The target: a run with 10 000 000 samples and 100 000 line marks
 * renders at 1600×1000 in under 50 ms, after the one-time precomputation.
 * Run with `meson test --benchmark --suite plot`; timings on a shared
 * machine are noisy, so the median of several frames is reported. */

#define N_SAMPLES 10000000
#define N_MARKS   100000
#define N_FRAMES  15
#define TARGET_MS 50.0

static int
compare_double (const void *a,
                const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static double
thread_cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return (double) ts.tv_sec * 1e3 + (double) ts.tv_nsec / 1e6;
}

/* The median wall-clock time of a frame, and the median CPU time of this
 * thread (less disturbed by other processes on a busy machine). */
static double
median_frame_ms (PlRun  *run,
                 double  scale,
                 guint   flags,
                 double *cpu_ms)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) (1600 * scale),
                                                         (int) (1000 * scale));
  PlPlotOptions options = { .flags = flags };
  double frames[N_FRAMES];
  double cpu[N_FRAMES];

  cairo_surface_set_device_scale (surface, scale, scale);
  for (int i = 0; i < N_FRAMES; i++)
    {
      cairo_t *cr = cairo_create (surface);
      gint64 start = g_get_monotonic_time ();
      double cpu_start = thread_cpu_ms ();

      /* What the widget does on a resize: a new layout, then the drawing. */
      pl_plot_render (cr, 1600, 1000, run, &options);
      cairo_surface_flush (surface);
      frames[i] = (double) (g_get_monotonic_time () - start) / 1000.0;
      cpu[i] = thread_cpu_ms () - cpu_start;
      cairo_destroy (cr);
    }
  cairo_surface_destroy (surface);

  qsort (frames, N_FRAMES, sizeof (double), compare_double);
  qsort (cpu, N_FRAMES, sizeof (double), compare_double);
  *cpu_ms = cpu[N_FRAMES / 2];
  return frames[N_FRAMES / 2];
}

/* A redraw of a kept layout (the window on hover or a new highlight). */
static double
median_redraw_ms (PlRun  *run,
                  double *cpu_ms)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1600, 1000);
  g_autoptr(PlPlotLayout) layout = pl_plot_layout_new (run, 1600, 1000, NULL);
  double frames[N_FRAMES];
  double cpu[N_FRAMES];

  for (int i = 0; i < N_FRAMES; i++)
    {
      cairo_t *cr = cairo_create (surface);
      gint64 start = g_get_monotonic_time ();
      double cpu_start = thread_cpu_ms ();

      pl_plot_layout_render (layout, cr);
      cairo_surface_flush (surface);
      frames[i] = (double) (g_get_monotonic_time () - start) / 1000.0;
      cpu[i] = thread_cpu_ms () - cpu_start;
      cairo_destroy (cr);
    }
  cairo_surface_destroy (surface);

  qsort (frames, N_FRAMES, sizeof (double), compare_double);
  qsort (cpu, N_FRAMES, sizeof (double), compare_double);
  *cpu_ms = cpu[N_FRAMES / 2];
  return frames[N_FRAMES / 2];
}

/* What the window does: draw into GTK's recording surface, which the
 * renderer replays into pixels at the monitor's scale. */
static double
median_recorded_frame_ms (PlRun  *run,
                          double  scale,
                          double *cpu_ms)
{
  cairo_surface_t *image = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) (1600 * scale),
                                                       (int) (1000 * scale));
  cairo_rectangle_t extents = { 0, 0, 1600, 1000 };
  PlPlotOptions options = { .device_scale = scale };
  double frames[N_FRAMES];
  double cpu[N_FRAMES];

  cairo_surface_set_device_scale (image, scale, scale);
  for (int i = 0; i < N_FRAMES; i++)
    {
      gint64 start = g_get_monotonic_time ();
      double cpu_start = thread_cpu_ms ();
      cairo_surface_t *recording = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, &extents);
      cairo_t *cr = cairo_create (recording);

      pl_plot_render (cr, 1600, 1000, run, &options);
      cairo_destroy (cr);
      cr = cairo_create (image);
      cairo_set_source_surface (cr, recording, 0, 0);
      cairo_paint (cr);
      cairo_destroy (cr);
      cairo_surface_flush (image);
      cairo_surface_destroy (recording);
      frames[i] = (double) (g_get_monotonic_time () - start) / 1000.0;
      cpu[i] = thread_cpu_ms () - cpu_start;
    }
  cairo_surface_destroy (image);

  qsort (frames, N_FRAMES, sizeof (double), compare_double);
  qsort (cpu, N_FRAMES, sizeof (double), compare_double);
  *cpu_ms = cpu[N_FRAMES / 2];
  return frames[N_FRAMES / 2];
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(PlRun) run = NULL;
  gint64 start;
  double build_ms, precompute_ms, frame_ms, frame2_ms, data_ms;
  double frame_cpu, frame2_cpu, data_cpu, precompute_cpu, recorded_ms, recorded_cpu, redraw_ms, redraw_cpu;

  start = g_get_monotonic_time ();
  run = plot_test_big_run (N_SAMPLES, N_MARKS);
  build_ms = (double) (g_get_monotonic_time () - start) / 1000.0;

  start = g_get_monotonic_time ();
  precompute_cpu = thread_cpu_ms ();
  pl_plot_series_get (run, 0);
  precompute_ms = (double) (g_get_monotonic_time () - start) / 1000.0;
  precompute_cpu = thread_cpu_ms () - precompute_cpu;

  frame_ms = median_frame_ms (run, 1.0, 0, &frame_cpu);
  frame2_ms = median_frame_ms (run, 2.0, 0, &frame2_cpu);
  data_ms = median_frame_ms (run, 1.0, PL_PLOT_HIDE_TEXT, &data_cpu);
  recorded_ms = median_recorded_frame_ms (run, 2.0, &recorded_cpu);
  redraw_ms = median_redraw_ms (run, &redraw_cpu);

  g_print ("plot benchmark: %d samples, %d line marks, 1600x1000\n", N_SAMPLES, N_MARKS);
  g_print ("                                            wall       CPU\n");
  g_print ("  building the run (not the plot's cost): %8.1f ms\n", build_ms);
  g_print ("  series precomputation (once per run):    %8.1f ms %8.1f ms\n", precompute_ms, precompute_cpu);
  g_print ("  frame at scale 1 (median of %d):         %8.1f ms %8.1f ms   target < %.0f ms\n",
           N_FRAMES, frame_ms, frame_cpu, TARGET_MS);
  g_print ("  frame at scale 2 (3200x2000 pixels):     %8.1f ms %8.1f ms\n", frame2_ms, frame2_cpu);
  g_print ("  frame at scale 1 without text:           %8.1f ms %8.1f ms\n", data_ms, data_cpu);
  g_print ("  redraw of a kept layout at scale 1:       %8.1f ms %8.1f ms\n", redraw_ms, redraw_cpu);
  g_print ("  window frame (recording, replayed at 2):  %8.1f ms %8.1f ms\n", recorded_ms, recorded_cpu);

  /* The verdict uses the CPU time: the drawing is single-threaded, so on
   * an idle machine its wall time is its CPU time, while on a busy one the
   * wall time mostly measures the other processes. */
  if (frame_cpu >= TARGET_MS)
    {
      g_printerr ("plot benchmark: a frame took %.1f ms of CPU, over the %.0f ms target\n",
                  frame_cpu, TARGET_MS);
      return EXIT_FAILURE;
    }

  return EXIT_SUCCESS;
}
