/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdlib.h>

#include "plot/pl-plot-export.h"
#include "plot-test-run.h"

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
