/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdlib.h>

#include "plot/pl-plot-export.h"
#include "plot-test-run.h"

/* The tutorial's section 3 copy exercise, as a run would measure it: each
 * step is a line, how long it runs and what it allocates (written as it
 * runs, so RSS ramps up). */
static PlRun *
copies_run (void)
{
  static const struct { gint32 line; gint64 ms10; gint64 bytes; } steps[] = {
    { 2, 260, 64000000 }, { 3, 21, 0 }, { 4, 1, 0 }, { 5, 21, 0 }, { 6, 140, 64000000 },
    { 7, 21, 0 }, { 8, 150, 64000000 }, { 0, 30, -192000000 },
  };
  PlRun *run = pl_run_new ("copies.py", 11);
  PlPipelineRun *pipeline = pl_run_add_pipeline (run, "main");
  PlAllocEvent *events = g_new0 (PlAllocEvent, G_N_ELEMENTS (steps));
  gint64 t = 0, live = 0, resident = 0;
  guint n_events = 0;

  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      gint64 end = t + steps[i].ms10 * 100000;
      gint64 start_resident = resident;

      if (steps[i].line != 0)
        pl_pipeline_run_append_span (pipeline, &(PlLineSpan) { .line = steps[i].line, .start_ns = t, .end_ns = end });
      if (steps[i].bytes != 0)
        {
          events[n_events++] = (PlAllocEvent) { .time_ns = t + 20000, .bytes = steps[i].bytes, .buffer_id = i + 1,
                                                .line = steps[i].line };
          live += steps[i].bytes;
        }
      for (; t < end; t += 50000)
        {
          double progress = (double) (t - (end - steps[i].ms10 * 100000)) / (double) (steps[i].ms10 * 100000);

          if (steps[i].bytes > 0)
            resident = start_resident + (gint64) (progress * 1.1 * (double) steps[i].bytes);
          resident = MIN (resident, live + 65536);
          if (steps[i].bytes < 0)
            resident = live;
          pl_pipeline_run_append_sample (pipeline, &(PlSample) { .time_ns = t, .rss_bytes = resident,
                                                                 .alloc_bytes = live, .line = steps[i].line });
        }
    }
  pl_pipeline_run_take_events (pipeline, events, n_events);
  pl_pipeline_run_set_total_time_ns (pipeline, t);
  pl_pipeline_run_finish (pipeline);

  return run;
}

/* Renders the synthetic runs of the tests to files, to look at them:
 * plot-demo DIR [dark]. Not a test. */
int
main (int    argc,
      char **argv)
{
  const char *dir = argc > 1 ? argv[1] : ".";
  gboolean dark = argc > 2 && g_str_equal (argv[2], "dark");
  PlPlotOptions options = { 0 };
  const gint64 peaks[] = { 48 * PLOT_TEST_MIB, 16 * PLOT_TEST_MIB };
  g_autoptr(GError) error = NULL;
  struct { const char *name; PlRun *run; } runs[] = {
    { "tutorial", plot_test_tutorial_run () },
    { "triangle", plot_test_triangle_run (peaks, 2, 10 * PLOT_TEST_MS, 50000) },
    { "big", plot_test_big_run (200000, 3000) },
    { "empty", pl_run_new ("empty.py", 1) },
    { "copies", copies_run () },
  };

  pl_run_add_pipeline (runs[3].run, "nothing");
  if (dark)
    options.palette = pl_plot_palette_get_dark ();

  for (guint i = 0; i < G_N_ELEMENTS (runs); i++)
    {
      static const char *extensions[] = { "png", "svg", "pdf" };

      for (guint f = 0; f < 3; f++)
        {
          g_autofree char *path = g_strdup_printf ("%s/%s%s.%s", dir, runs[i].name, dark ? "-dark" : "",
                                                   extensions[f]);

          if (!pl_plot_export_to_path (runs[i].run, &options, (PlPlotFormat) f, path, 0, 0, 0, &error))
            {
              g_printerr ("%s\n", error->message);
              return EXIT_FAILURE;
            }
        }
      g_object_unref (runs[i].run);
    }

  return EXIT_SUCCESS;
}
