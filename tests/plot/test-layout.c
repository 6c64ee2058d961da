/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <string.h>

#include "plot/pl-plot.h"
#include "plot/pl-plot-private.h"
#include "plot-test-run.h"

static void
check_ticks (double        min,
             double        max,
             guint         max_ticks,
             const double *expected,
             guint         n_expected,
             guint         expected_decimals)
{
  double ticks[PL_PLOT_MAX_TICKS];
  guint decimals = 99;
  guint n = pl_plot_nice_ticks (min, max, max_ticks, ticks, &decimals);

  g_assert_cmpuint (n, ==, n_expected);
  g_assert_cmpuint (decimals, ==, expected_decimals);
  for (guint i = 0; i < n; i++)
    g_assert_cmpfloat_with_epsilon (ticks[i], expected[i], 1e-9 * MAX (1.0, fabs (expected[i])));
}

static void
test_nice_ticks (void)
{
  check_ticks (0, 64.05, 8, (double[]) { 0, 10, 20, 30, 40, 50, 60 }, 7, 0);
  check_ticks (0, 64.05, 4, (double[]) { 0, 20, 40, 60 }, 4, 0);
  check_ticks (0, 0.0189, 11, (double[]) { 0, 0.002, 0.004, 0.006, 0.008, 0.010, 0.012, 0.014, 0.016, 0.018 },
               10, 3);
  check_ticks (0, 1, 11, (double[]) { 0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0 }, 11, 1);
  check_ticks (0, 10, 5, (double[]) { 0, 2.5, 5, 7.5, 10 }, 5, 1);
  check_ticks (-8.4, 64, 5, (double[]) { 0, 20, 40, 60 }, 4, 0);
  check_ticks (-8.4, 64, 9, (double[]) { -0, 10, 20, 30, 40, 50, 60 }, 7, 0);
  check_ticks (3, 3, 5, (double[]) { 3 }, 1, 0);
  check_ticks (0, 250, 6, (double[]) { 0, 50, 100, 150, 200, 250 }, 6, 0);

  {
    double ticks[PL_PLOT_MAX_TICKS];

    g_assert_cmpuint (pl_plot_nice_ticks (NAN, 1, 5, ticks, NULL), ==, 0);
    g_assert_cmpuint (pl_plot_nice_ticks (2, 1, 5, ticks, NULL), ==, 0);
    g_assert_cmpuint (pl_plot_nice_ticks (0, 1, 0, ticks, NULL), ==, 0);
  }

  /* Never more than asked, whatever the range. */
  for (double max = 0.001; max < 1e6; max *= 1.37)
    for (guint k = 2; k <= 11; k++)
      {
        double ticks[PL_PLOT_MAX_TICKS];
        guint n = pl_plot_nice_ticks (0, max, k, ticks, NULL);

        g_assert_cmpuint (n, >=, 1);
        g_assert_cmpuint (n, <=, k);
        g_assert_cmpfloat (ticks[n - 1], <=, max * (1 + 1e-9));
      }
}

static void
test_place_labels (void)
{
  const double xs[] = { 0, 5, 9, 10, 30, 30, 40.5 };
  gboolean keep[G_N_ELEMENTS (xs)];
  gsize kept = pl_plot_place_labels (xs, NULL, G_N_ELEMENTS (xs), 8, 2, keep);

  /* 0 covers [-4, 4]; 5 and 9 start before 4 + 2; 10 covers [6, 14]... */
  g_assert_cmpuint (kept, ==, 4);
  g_assert_true (keep[0]);
  g_assert_false (keep[1]);
  g_assert_false (keep[2]);
  g_assert_true (keep[3]);
  g_assert_true (keep[4]);
  g_assert_false (keep[5]);
  g_assert_true (keep[6]);

  /* 100 000 marks over 1000 units: labels never overprint. */
  {
    gsize n = 100000;
    g_autofree double *many = g_new (double, n);
    g_autofree gboolean *k = g_new (gboolean, n);
    g_autofree gint64 *prio = g_new (gint64, n);
    double last = -G_MAXDOUBLE;

    for (gsize i = 0; i < n; i++)
      {
        many[i] = (double) i / 100.0;
        prio[i] = (gint64) ((i * 7919) % 1000);
      }
    for (int with_priority = 0; with_priority < 2; with_priority++)
      {
        gsize counted = 0;

        kept = pl_plot_place_labels (many, with_priority ? prio : NULL, n, 10, 4, k);
        g_assert_cmpuint (kept, >, 50);
        g_assert_cmpuint (kept, <=, 1000 / 14 + 1);
        last = -G_MAXDOUBLE;
        for (gsize i = 0; i < n; i++)
          if (k[i])
            {
              g_assert_cmpfloat (many[i] - last, >=, 14 - 1e-9);
              last = many[i];
              counted++;
            }
        g_assert_cmpuint (counted, ==, kept);
      }
  }

  g_assert_cmpuint (pl_plot_place_labels (NULL, NULL, 0, 8, 2, NULL), ==, 0);
}

/* The tutorial's copies exercise: a sleep line right before each copy.
 * The line that ran longer keeps its label. */
static void
test_place_labels_priority (void)
{
  /*                     15   16     17     18     19     20     21 */
  const double xs[] = { 10, 560, 561.5, 562.0, 576.0, 700.0, 711.0 };
  const gint64 ran[] = { 100, 2, 0, 2, 30, 2, 47 };
  gboolean keep[G_N_ELEMENTS (xs)];
  gsize kept = pl_plot_place_labels (xs, ran, G_N_ELEMENTS (xs), 10, 6, keep);

  g_assert_cmpuint (kept, ==, 4);
  g_assert_true (keep[0]);
  g_assert_true (keep[1]);    /* 16: 17 and 18 ran no longer */
  g_assert_false (keep[2]);
  g_assert_false (keep[3]);
  g_assert_true (keep[4]);    /* 19 fits after 16 */
  g_assert_false (keep[5]);   /* 20 gives way to 21 */
  g_assert_true (keep[6]);

  /* Ties keep the earlier label; a replacement clears the one before. */
  {
    const double close[] = { 0, 16, 20, 24 };
    const gint64 prio[] = { 1, 1, 1, 5 };
    gboolean k[4];

    g_assert_cmpuint (pl_plot_place_labels (close, prio, 4, 10, 6, k), ==, 2);
    g_assert_true (k[0]);
    g_assert_false (k[1]);
    g_assert_false (k[2]);
    g_assert_true (k[3]);
    g_assert_cmpfloat (close[3] - close[0], >=, 16);
  }
}

static void
test_options_init (void)
{
  PlPlotOptions options;

  memset (&options, 0xaa, sizeof options);
  pl_plot_options_init (&options);
  g_assert_null (options.palette);
  g_assert_null (options.font_family);
  g_assert_cmpfloat (options.font_scale, ==, 0.0);
  g_assert_cmpint (options.time_start_ns, ==, 0);
  g_assert_cmpint (options.time_end_ns, ==, 0);
  g_assert_cmpint (options.highlight_line, ==, 0);
  g_assert_cmpint (options.flags, ==, PL_PLOT_FLAGS_NONE);
  g_assert_cmpfloat (options.device_scale, ==, 0.0);
}

static PlRun *
exact_run (void)
{
  const gint64 peaks[] = { 64000000, 16 * PLOT_TEST_MIB };

  return plot_test_triangle_run (peaks, 2, G_GINT64_CONSTANT (18900000), 50000);
}

static void
test_panel_title (void)
{
  g_autoptr(PlRun) run = exact_run ();
  g_autoptr(PlRun) empty = pl_run_new ("x.py", 1);
  g_autofree char *title = pl_plot_dup_panel_title (run, 0);
  g_autofree char *empty_title = NULL;

  g_assert_cmpstr (title, ==, "Total Time: 18.9 ms — Peak Memory: 61.0 MiB");

  pl_run_add_pipeline (empty, "f");
  empty_title = pl_plot_dup_panel_title (empty, 0);
  g_assert_cmpstr (empty_title, ==, "Total Time: 0.0 ns — Peak Memory: —");
}

static void
test_layout_geometry (void)
{
  g_autoptr(PlRun) run = exact_run ();
  g_autoptr(PlPlotLayout) layout = pl_plot_layout_new (run, 1200, 800, NULL);
  PlPlotRect a, b, band_a, band_b;
  gint64 start, end, lo, hi;

  g_assert_true (pl_plot_layout_get_run (layout) == run);
  g_assert_cmpuint (pl_plot_layout_get_n_panels (layout), ==, 2);
  pl_plot_layout_get_plot_area (layout, 0, &a);
  pl_plot_layout_get_plot_area (layout, 1, &b);
  pl_plot_layout_get_panel_area (layout, 0, &band_a);
  pl_plot_layout_get_panel_area (layout, 1, &band_b);

  /* Stacked, equal, inside the canvas, with room for labels. */
  g_assert_cmpfloat (a.x, ==, b.x);
  g_assert_cmpfloat (a.width, ==, b.width);
  g_assert_cmpfloat (a.height, ==, b.height);
  g_assert_cmpfloat (a.y + a.height, <, b.y);
  g_assert_cmpfloat (a.x, >, 30);
  g_assert_cmpfloat (a.x + a.width, <, 1200);
  g_assert_cmpfloat (b.y + b.height, <, 800 - 30);
  g_assert_cmpfloat (a.height, >, 250);
  g_assert_cmpfloat (a.width, >, 1000);

  /* The bands tile the height. */
  g_assert_cmpfloat (band_a.y, ==, 0);
  g_assert_cmpfloat (band_a.y + band_a.height, ==, band_b.y);
  g_assert_cmpfloat (band_b.y + band_b.height, ==, 800);
  g_assert_cmpfloat (band_a.y, <=, a.y);
  g_assert_cmpfloat (band_a.y + band_a.height, >=, a.y + a.height);

  /* The shared axes: the whole run and the tutorial's 5 % headroom. */
  pl_plot_layout_get_time_range (layout, &start, &end);
  g_assert_cmpint (start, ==, 0);
  g_assert_cmpint (end, ==, 18900000);
  pl_plot_layout_get_memory_range (layout, &lo, &hi);
  g_assert_cmpint (lo, ==, 0);
  g_assert_cmpint (hi, ==, 67200000);

  g_assert_cmpfloat_with_epsilon (pl_plot_layout_x_for_time (layout, 0), a.x, 1e-9);
  g_assert_cmpfloat_with_epsilon (pl_plot_layout_x_for_time (layout, end), a.x + a.width, 1e-9);
  g_assert_cmpfloat_with_epsilon (pl_plot_layout_y_for_bytes (layout, 0, 0), a.y + a.height, 1e-9);
  g_assert_cmpfloat_with_epsilon (pl_plot_layout_y_for_bytes (layout, 1, 67200000), b.y, 1e-6);
  /* The same bytes are the same height above each panel's bottom. */
  g_assert_cmpfloat_with_epsilon (a.y + a.height - pl_plot_layout_y_for_bytes (layout, 0, 16 * PLOT_TEST_MIB),
                                  b.y + b.height - pl_plot_layout_y_for_bytes (layout, 1, 16 * PLOT_TEST_MIB),
                                  1e-9);
}

static void
test_hit_testing (void)
{
  g_autoptr(PlRun) run = exact_run ();
  g_autoptr(PlPlotLayout) layout = pl_plot_layout_new (run, 1000, 600, NULL);
  PlPlotRect a, b;
  gint64 t = -1, rss = -1, alloc = -1;
  guint panel = 99;
  double bytes = -1, x;
  gsize span = 99;

  pl_plot_layout_get_plot_area (layout, 0, &a);
  pl_plot_layout_get_plot_area (layout, 1, &b);

  g_assert_true (pl_plot_layout_time_at_x (layout, a.x + a.width / 2, &t));
  g_assert_cmpint (llabs (t - 9450000), <=, 1);
  g_assert_true (pl_plot_layout_time_at_x (layout, a.x, &t));
  g_assert_cmpint (t, ==, 0);
  g_assert_false (pl_plot_layout_time_at_x (layout, a.x - 1, &t));
  g_assert_false (pl_plot_layout_time_at_x (layout, a.x + a.width + 1, NULL));

  g_assert_true (pl_plot_layout_panel_at_y (layout, a.y + 1, &panel));
  g_assert_cmpuint (panel, ==, 0);
  g_assert_true (pl_plot_layout_panel_at_y (layout, b.y + 1, &panel));
  g_assert_cmpuint (panel, ==, 1);
  g_assert_true (pl_plot_layout_panel_at_y (layout, 0, &panel));
  g_assert_cmpuint (panel, ==, 0);
  g_assert_true (pl_plot_layout_panel_at_y (layout, 599, &panel));
  g_assert_cmpuint (panel, ==, 1);
  g_assert_false (pl_plot_layout_panel_at_y (layout, 600, NULL));
  g_assert_false (pl_plot_layout_panel_at_y (layout, -1, NULL));

  g_assert_true (pl_plot_layout_bytes_at_y (layout, 1, b.y + b.height, &bytes));
  g_assert_cmpfloat_with_epsilon (bytes, 0, 1e-6);
  g_assert_true (pl_plot_layout_bytes_at_y (layout, 1, b.y, &bytes));
  g_assert_cmpfloat_with_epsilon (bytes, 67200000, 1e-3);
  g_assert_false (pl_plot_layout_bytes_at_y (layout, 1, b.y - 1, &bytes));

  /* The span of pipeline 2 starts at a quarter of the run. */
  x = pl_plot_layout_x_for_time (layout, 18900000 / 4);
  g_assert_true (pl_plot_layout_mark_at_x (layout, 1, x + 2.5, 3, &span));
  g_assert_cmpuint (span, ==, 0);
  g_assert_false (pl_plot_layout_mark_at_x (layout, 1, x + 4, 3, &span));
  g_assert_true (pl_plot_layout_mark_at_x (layout, 1, x - 2, 3, NULL));

  g_assert_true (pl_plot_layout_sample_at_time (layout, 0, 18900000 / 2, &rss, &alloc));
  g_assert_cmpint (rss, ==, 64000000);
  g_assert_cmpint (alloc, ==, 64000000);
  g_assert_true (pl_plot_layout_sample_at_time (layout, 0, 18900000, &rss, &alloc));
  g_assert_cmpint (rss, ==, 0);
  g_assert_cmpint (alloc, ==, 0);
  g_assert_false (pl_plot_layout_sample_at_time (layout, 0, -5, &rss, &alloc));
}

static void
test_zoom (void)
{
  g_autoptr(PlRun) run = exact_run ();
  PlPlotOptions options = { .time_start_ns = 1000000, .time_end_ns = 3000000 };
  g_autoptr(PlPlotLayout) layout = pl_plot_layout_new (run, 800, 400, &options);
  PlPlotRect a;
  gint64 start, end, t;

  pl_plot_layout_get_time_range (layout, &start, &end);
  g_assert_cmpint (start, ==, 1000000);
  g_assert_cmpint (end, ==, 3000000);
  pl_plot_layout_get_plot_area (layout, 0, &a);
  g_assert_true (pl_plot_layout_time_at_x (layout, a.x + a.width, &t));
  g_assert_cmpint (t, ==, 3000000);
  /* The memory scale does not follow the zoom. */
  {
    gint64 hi;

    pl_plot_layout_get_memory_range (layout, NULL, &hi);
    g_assert_cmpint (hi, ==, 67200000);
  }
}

/* No pipelines, no samples, a zero-sized widget: sensible, finite numbers. */
static void
test_degenerate (void)
{
  g_autoptr(PlRun) none = pl_run_new ("x.py", 1);
  g_autoptr(PlRun) empty = pl_run_new ("x.py", 1);
  g_autoptr(PlPlotLayout) a = pl_plot_layout_new (none, 640, 480, NULL);
  g_autoptr(PlPlotLayout) b = NULL;
  g_autoptr(PlPlotLayout) c = NULL;
  gint64 start, end, lo, hi;
  PlPlotRect r;

  g_assert_cmpuint (pl_plot_layout_get_n_panels (a), ==, 1);
  pl_plot_layout_get_time_range (a, &start, &end);
  g_assert_cmpint (end, >, start);
  g_assert_false (pl_plot_layout_mark_at_x (a, 0, 100, 10, NULL));
  g_assert_false (pl_plot_layout_sample_at_time (a, 0, 0, NULL, NULL));

  pl_run_add_pipeline (empty, "f");
  b = pl_plot_layout_new (empty, 640, 480, NULL);
  pl_plot_layout_get_memory_range (b, &lo, &hi);
  g_assert_cmpint (lo, ==, 0);
  g_assert_cmpint (hi, ==, 1048576);
  g_assert_true (isfinite (pl_plot_layout_y_for_bytes (b, 0, 12345)));
  g_assert_true (isfinite (pl_plot_layout_x_for_time (b, 12345)));

  c = pl_plot_layout_new (empty, 0, 0, NULL);
  pl_plot_layout_get_plot_area (c, 0, &r);
  g_assert_cmpfloat (r.width, >, 0);
  g_assert_cmpfloat (r.height, >, 0);
  g_assert_true (isfinite (pl_plot_layout_y_for_bytes (c, 0, 12345)));
}

/* The tutorial's linestyle, color, alpha and fontsize reach the layout. */
static void
test_mark_style (void)
{
  g_autoptr(PlRun) run = exact_run ();
  PlMarkStyle style = { .linestyle = (char *) ":", .color = (char *) "red", .alpha = 0.5, .fontsize = 12 };
  g_autoptr(PlPlotLayout) defaults = pl_plot_layout_new (run, 800, 400, NULL);
  g_autoptr(PlPlotLayout) styled = NULL;

  g_assert_cmpint (defaults->n_mark_dashes, ==, 2);
  g_assert_cmpfloat_with_epsilon (defaults->mark_dashes[0], 5.55, 1e-9);
  g_assert_cmpfloat_with_epsilon (defaults->mark_color.red, 128 / 255., 1e-6);
  g_assert_cmpfloat_with_epsilon (defaults->mark_color.alpha, 0.3, 1e-6);
  g_assert_cmpfloat_with_epsilon (defaults->mark_size, 10, 1e-9);

  pl_run_set_mark_style (run, &style);
  styled = pl_plot_layout_new (run, 800, 400, NULL);
  g_assert_cmpint (styled->n_mark_dashes, ==, 2);
  g_assert_cmpfloat_with_epsilon (styled->mark_dashes[0], 1.5, 1e-9);
  g_assert_cmpfloat_with_epsilon (styled->mark_color.red, 1, 1e-6);
  g_assert_cmpfloat_with_epsilon (styled->mark_color.green, 0, 1e-6);
  g_assert_cmpfloat_with_epsilon (styled->mark_color.alpha, 0.5, 1e-6);
  g_assert_cmpfloat_with_epsilon (styled->mark_size, 20, 1e-9);
  g_assert_cmpfloat (styled->mark_label_thickness, >, defaults->mark_label_thickness);

  pl_plot_layout_set_mark_style (styled, &(PlMarkStyle) { .linestyle = (char *) "-.", .color = (char *) "#00ff00",
                                                          .alpha = 1, .fontsize = 6 });
  g_assert_cmpint (styled->n_mark_dashes, ==, 4);
  g_assert_true (styled->mark_visible);
  g_assert_cmpfloat_with_epsilon (styled->mark_color.green, 1, 1e-6);
  pl_plot_layout_set_mark_style (styled, &(PlMarkStyle) { .linestyle = (char *) "-", .color = (char *) "nonsense",
                                                          .alpha = 2, .fontsize = -1 });
  g_assert_cmpint (styled->n_mark_dashes, ==, 0);
  g_assert_cmpfloat_with_epsilon (styled->mark_color.red, 128 / 255., 1e-6);
  g_assert_cmpfloat_with_epsilon (styled->mark_color.alpha, 1, 1e-6);
  g_assert_cmpfloat_with_epsilon (styled->mark_size, 10, 1e-9);
  pl_plot_layout_set_mark_style (styled, &(PlMarkStyle) { .linestyle = (char *) "None", .alpha = 0.3, .fontsize = 6 });
  g_assert_false (styled->mark_visible);
}

static void
test_ref_counting (void)
{
  g_autoptr(PlRun) run = exact_run ();
  PlPlotLayout *layout = pl_plot_layout_new (run, 300, 200, NULL);
  gpointer boxed;

  g_assert_true (pl_plot_layout_ref (layout) == layout);
  pl_plot_layout_unref (layout);
  boxed = g_boxed_copy (PL_TYPE_PLOT_LAYOUT, layout);
  g_assert_true (boxed == layout);
  g_boxed_free (PL_TYPE_PLOT_LAYOUT, boxed);
  /* The layout keeps the run alive. */
  g_object_add_weak_pointer (G_OBJECT (run), (gpointer *) &run);
  g_object_unref (g_steal_pointer (&run));
  g_assert_cmpuint (pl_plot_layout_get_n_panels (layout), ==, 2);
  pl_plot_layout_unref (layout);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/plot/layout/nice-ticks", test_nice_ticks);
  g_test_add_func ("/plot/layout/place-labels", test_place_labels);
  g_test_add_func ("/plot/layout/place-labels-priority", test_place_labels_priority);
  g_test_add_func ("/plot/layout/options-init", test_options_init);
  g_test_add_func ("/plot/layout/panel-title", test_panel_title);
  g_test_add_func ("/plot/layout/geometry", test_layout_geometry);
  g_test_add_func ("/plot/layout/hit-testing", test_hit_testing);
  g_test_add_func ("/plot/layout/zoom", test_zoom);
  g_test_add_func ("/plot/layout/degenerate", test_degenerate);
  g_test_add_func ("/plot/layout/mark-style", test_mark_style);
  g_test_add_func ("/plot/layout/ref-counting", test_ref_counting);

  return g_test_run ();
}
