/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <stdlib.h>

#include "plot/pl-plot.h"
#include "plot-test-run.h"

#define DATA_ONLY (PL_PLOT_HIDE_TEXT | PL_PLOT_HIDE_MARKS | PL_PLOT_HIDE_PEAK | PL_PLOT_HIDE_LEGEND)

static gboolean
is_blue (PlotTestPixel p)
{
  return p.a > 0 && p.b > p.r + 40;
}

static gboolean
is_orange (PlotTestPixel p)
{
  return p.a > 0 && p.r > 200 && p.b < 120 && p.r > p.g + 60;
}

static gboolean
is_red (PlotTestPixel p)
{
  return p.a > 0 && p.r > 200 && p.g < 70 && p.b < 70;
}

static gboolean
is_background (PlotTestPixel p)
{
  return p.a == 255 && p.r == 255 && p.g == 255 && p.b == 255;
}

/* The first row from the top of @area (device pixels) in @column that
 * @test accepts, or -1. */
static int
first_row (cairo_surface_t  *surface,
           const PlPlotRect *area,
           double            scale,
           int               column,
           gboolean        (*test) (PlotTestPixel))
{
  int top = (int) floor (area->y * scale);
  int bottom = (int) ceil ((area->y + area->height) * scale);

  for (int y = MAX (top - 2, 0); y < bottom; y++)
    if (test (plot_test_pixel (surface, column, y)))
      return y;
  return -1;
}

static PlRun *
triangle (gint64 peak0,
          gint64 peak1)
{
  const gint64 peaks[] = { peak0, peak1 };

  return plot_test_triangle_run (peaks, peak1 > 0 ? 2 : 1, 10 * PLOT_TEST_MS, 50000);
}

/* The fill reaches the height the layout gives for the known peak, and
 * goes all the way down to zero. */
static void
check_fill_height (double scale)
{
  g_autoptr(PlRun) run = triangle (48 * PLOT_TEST_MIB, 0);
  PlPlotOptions options = { .flags = DATA_ONLY | PL_PLOT_HIDE_ALLOC };
  g_autoptr(PlPlotLayout) layout = NULL;
  cairo_surface_t *surface = plot_test_render (run, 400, 300, scale, &options, &layout);
  PlPlotRect area;
  double x_peak, y_peak, x_quarter, y_quarter, slope;
  int column, row;

  pl_plot_layout_get_plot_area (layout, 0, &area);
  x_peak = pl_plot_layout_x_for_time (layout, 5 * PLOT_TEST_MS);
  y_peak = pl_plot_layout_y_for_bytes (layout, 0, 48 * PLOT_TEST_MIB);
  column = (int) floor (x_peak * scale);
  row = first_row (surface, &area, scale, column, is_blue);
  g_assert_cmpint (row, >=, 0);
  g_assert_cmpfloat (fabs ((row + 0.5) - y_peak * scale), <=, 1.0 * scale + 0.5);

  /* Nothing above the line, fill below it down to the axis. */
  g_assert_true (is_background (plot_test_pixel (surface, column, (int) (y_peak * scale) - (int) (4 * scale))));
  for (int y = row + (int) (3 * scale); y < (int) ((area.y + area.height - 1) * scale); y++)
    g_assert_true (is_blue (plot_test_pixel (surface, column, y)));

  /* Halfway up the slope: half the peak, give or take the line's half
   * width measured vertically on that slope. */
  x_quarter = pl_plot_layout_x_for_time (layout, 5 * PLOT_TEST_MS / 2);
  y_quarter = pl_plot_layout_y_for_bytes (layout, 0, 24 * PLOT_TEST_MIB);
  slope = (pl_plot_layout_y_for_bytes (layout, 0, 0) - y_peak) / (x_peak - area.x);
  row = first_row (surface, &area, scale, (int) floor (x_quarter * scale), is_blue);
  g_assert_cmpfloat (fabs ((row + 0.5) / scale - y_quarter), <=, 0.75 * sqrt (1 + slope * slope) + slope + 0.5);

  /* After the run ends there is no fill. */
  g_assert_true (is_background (plot_test_pixel (surface, (int) ((area.x + area.width) * scale) + 3,
                                                 (int) ((area.y + area.height / 2) * scale))));

  cairo_surface_destroy (surface);
}

static void
test_fill_height (void)
{
  check_fill_height (1.0);
}

static void
test_fill_height_hidpi (void)
{
  check_fill_height (2.0);
}

/* A solid red mark lands on the device column of its span's start, one
 * pixel wide (crisp at every scale). */
static void
check_mark_position (double scale)
{
  g_autoptr(PlRun) run = triangle (48 * PLOT_TEST_MIB, 0);
  PlMarkStyle style = { .linestyle = (char *) "-", .color = (char *) "red", .alpha = 1.0, .fontsize = 6 };
  PlPlotOptions options = { .flags = PL_PLOT_HIDE_TEXT | PL_PLOT_HIDE_RSS | PL_PLOT_HIDE_ALLOC | PL_PLOT_HIDE_PEAK };
  g_autoptr(PlPlotLayout) layout = NULL;
  cairo_surface_t *surface;
  PlPlotRect area;
  int expected, found = -1, n_red = 0, y, width = (int) scale;

  pl_run_set_mark_style (run, &style);
  surface = plot_test_render (run, 400, 300, scale, &options, &layout);
  pl_plot_layout_get_plot_area (layout, 0, &area);
  /* A line of one unit covers whole device pixels: the one under it at
   * scale 1, the two around the nearest pixel boundary at scale 2. */
  if (width % 2 == 1)
    expected = (int) floor (pl_plot_layout_x_for_time (layout, 10 * PLOT_TEST_MS / 4) * scale);
  else
    expected = (int) round (pl_plot_layout_x_for_time (layout, 10 * PLOT_TEST_MS / 4) * scale) - width / 2;

  y = (int) ((area.y + area.height / 2) * scale);
  for (int x = 0; x < cairo_image_surface_get_width (surface); x++)
    if (is_red (plot_test_pixel (surface, x, y)))
      {
        if (found < 0)
          found = x;
        n_red++;
      }

  g_assert_cmpint (n_red, ==, width);
  g_assert_cmpint (found, ==, expected);
  /* It runs from the bottom of the data to its top. */
  g_assert_true (is_red (plot_test_pixel (surface, found, (int) ((area.y + 1) * scale))));
  g_assert_true (is_red (plot_test_pixel (surface, found, (int) ((area.y + area.height - 2) * scale))));

  cairo_surface_destroy (surface);
}

static void
test_mark_position (void)
{
  check_mark_position (1.0);
}

static void
test_mark_position_hidpi (void)
{
  check_mark_position (2.0);
}

/* A zoomed view (the window's time range): data and marks where the
 * zoomed axis puts them, nothing outside the plot. */
static void
test_zoomed_view (void)
{
  g_autoptr(PlRun) run = triangle (48 * PLOT_TEST_MIB, 0);
  PlMarkStyle style = { .linestyle = (char *) "-", .color = (char *) "red", .alpha = 1.0, .fontsize = 6 };
  PlPlotOptions options = { .flags = DATA_ONLY | PL_PLOT_HIDE_ALLOC, .time_start_ns = 2 * PLOT_TEST_MS,
                            .time_end_ns = 3 * PLOT_TEST_MS };
  g_autoptr(PlPlotLayout) layout = NULL;
  cairo_surface_t *surface;
  PlPlotRect area;
  int mark_x, row;
  double expected;

  options.flags &= ~PL_PLOT_HIDE_MARKS;
  pl_run_set_mark_style (run, &style);
  surface = plot_test_render (run, 400, 300, 1.0, &options, &layout);
  pl_plot_layout_get_plot_area (layout, 0, &area);

  /* The span at 2.5 ms is in the middle of the window. */
  mark_x = (int) floor (pl_plot_layout_x_for_time (layout, 2500000));
  g_assert_cmpfloat (fabs (mark_x - (area.x + area.width / 2)), <=, 1.0);
  g_assert_true (is_red (plot_test_pixel (surface, mark_x, (int) (area.y + area.height * 0.1))));

  /* At 2.25 ms the triangle is at 48 MiB * 2.25 / 5. */
  row = first_row (surface, &area, 1.0, (int) floor (pl_plot_layout_x_for_time (layout, 2250000)), is_blue);
  expected = pl_plot_layout_y_for_bytes (layout, 0, 48.0 * PLOT_TEST_MIB * 2.25 / 5.0);
  g_assert_cmpfloat (fabs (row + 0.5 - expected), <=, 2.0);

  /* Nothing of the data left of the plot. */
  g_assert_false (is_blue (plot_test_pixel (surface, (int) area.x - 3, (int) (area.y + area.height - 3))));

  cairo_surface_destroy (surface);
}

/* The tutorial's default: a dashed, translucent grey line. */
static void
test_mark_dashed (void)
{
  g_autoptr(PlRun) run = triangle (48 * PLOT_TEST_MIB, 0);
  PlPlotOptions options = { .flags = PL_PLOT_HIDE_TEXT | PL_PLOT_HIDE_RSS | PL_PLOT_HIDE_ALLOC | PL_PLOT_HIDE_PEAK };
  g_autoptr(PlPlotLayout) layout = NULL;
  cairo_surface_t *surface = plot_test_render (run, 400, 300, 1.0, &options, &layout);
  PlPlotRect area;
  int column, on = 0, off = 0;

  pl_plot_layout_get_plot_area (layout, 0, &area);
  column = (int) floor (pl_plot_layout_x_for_time (layout, 10 * PLOT_TEST_MS / 4));
  for (int y = (int) area.y + 2; y < (int) (area.y + area.height) - 2; y++)
    {
      PlotTestPixel p = plot_test_pixel (surface, column, y);

      if (is_background (p))
        off++;
      else
        {
          /* Grey at 30 %: 255 - 0.3 * (255 - 128) = 217, or a grid line. */
          g_assert_cmpint (abs (p.r - p.b), <=, 2);
          g_assert_cmpint (p.r, >=, 200);
          on++;
        }
    }
  g_assert_cmpint (on, >, 20);
  g_assert_cmpint (off, >, 20);

  cairo_surface_destroy (surface);
}

/* Two stacked panels share one memory scale: 48 MiB is three times as
 * tall as 16 MiB. */
static void
test_shared_scale (void)
{
  g_autoptr(PlRun) run = triangle (48 * PLOT_TEST_MIB, 16 * PLOT_TEST_MIB);
  PlPlotOptions options = { .flags = DATA_ONLY | PL_PLOT_HIDE_ALLOC };
  g_autoptr(PlPlotLayout) layout = NULL;
  cairo_surface_t *surface = plot_test_render (run, 500, 600, 1.0, &options, &layout);
  PlPlotRect a, b;
  int column, top_a, top_b;
  double height_a, height_b;

  pl_plot_layout_get_plot_area (layout, 0, &a);
  pl_plot_layout_get_plot_area (layout, 1, &b);
  column = (int) floor (pl_plot_layout_x_for_time (layout, 5 * PLOT_TEST_MS));
  top_a = first_row (surface, &a, 1.0, column, is_blue);
  top_b = first_row (surface, &b, 1.0, column, is_blue);
  g_assert_cmpint (top_a, >=, 0);
  g_assert_cmpint (top_b, >=, 0);

  height_a = a.y + a.height - top_a;
  height_b = b.y + b.height - top_b;
  g_assert_cmpfloat (fabs (height_a - 3 * height_b), <=, 4.0);
  g_assert_cmpfloat (fabs (top_a + 0.5 - pl_plot_layout_y_for_bytes (layout, 0, 48 * PLOT_TEST_MIB)), <=, 1.5);
  g_assert_cmpfloat (fabs (top_b + 0.5 - pl_plot_layout_y_for_bytes (layout, 1, 16 * PLOT_TEST_MIB)), <=, 1.5);

  cairo_surface_destroy (surface);
}

/* The live bytes step up at the allocation and down at the free, at
 * their exact times. */
static void
test_alloc_steps (void)
{
  g_autoptr(PlRun) run = pl_run_new ("x.py", 1);
  PlPipelineRun *pipeline = pl_run_add_pipeline (run, "f");
  PlAllocEvent *events = g_new0 (PlAllocEvent, 2);
  PlPlotOptions options = { .flags = DATA_ONLY | PL_PLOT_HIDE_RSS };
  g_autoptr(PlPlotLayout) layout = NULL;
  cairo_surface_t *surface;
  double x_alloc, x_free, y_level, y_half;
  int n_orange = 0, first = -1, last = -1, row;

  for (gint64 t = 0; t <= 10 * PLOT_TEST_MS; t += 100000)
    pl_pipeline_run_append_sample (pipeline, &(PlSample) { .time_ns = t, .rss_bytes = 1 });
  events[0] = (PlAllocEvent) { .time_ns = 2 * PLOT_TEST_MS, .bytes = 32 * PLOT_TEST_MIB, .buffer_id = 1 };
  events[1] = (PlAllocEvent) { .time_ns = 6 * PLOT_TEST_MS, .bytes = -32 * PLOT_TEST_MIB, .buffer_id = 1 };
  pl_pipeline_run_take_events (pipeline, events, 2);
  pl_pipeline_run_set_total_time_ns (pipeline, 10 * PLOT_TEST_MS);

  surface = plot_test_render (run, 400, 300, 1.0, &options, &layout);
  x_alloc = pl_plot_layout_x_for_time (layout, 2 * PLOT_TEST_MS);
  x_free = pl_plot_layout_x_for_time (layout, 6 * PLOT_TEST_MS);
  y_level = pl_plot_layout_y_for_bytes (layout, 0, 32 * PLOT_TEST_MIB);
  y_half = pl_plot_layout_y_for_bytes (layout, 0, 16 * PLOT_TEST_MIB);

  /* The level runs from the allocation to the free. */
  row = (int) floor (y_level);
  for (int x = 0; x < 400; x++)
    if (is_orange (plot_test_pixel (surface, x, row)))
      {
        if (first < 0)
          first = x;
        last = x;
      }
  g_assert_cmpfloat (fabs (first - x_alloc), <=, 1.5);
  g_assert_cmpfloat (fabs (last - x_free), <=, 1.5);

  /* Halfway up, only the two vertical edges. */
  row = (int) floor (y_half);
  for (int x = 0; x < 400; x++)
    if (is_orange (plot_test_pixel (surface, x, row)))
      {
        g_assert_true (fabs (x + 0.5 - x_alloc) <= 1.5 || fabs (x + 0.5 - x_free) <= 1.5);
        n_orange++;
      }
  g_assert_cmpint (n_orange, >=, 2);
  g_assert_cmpint (n_orange, <=, 4);

  cairo_surface_destroy (surface);
}

static int
count_non_background (cairo_surface_t  *surface,
                      const PlPlotRect *area)
{
  int n = 0;

  for (int y = (int) (area->y + area->height * 0.3); y < (int) (area->y + area->height * 0.7); y++)
    for (int x = (int) (area->x + area->width * 0.3); x < (int) (area->x + area->width * 0.7); x++)
      if (!is_background (plot_test_pixel (surface, x, y)))
        n++;
  return n;
}

static int
count_blue (cairo_surface_t *surface)
{
  int n = 0;

  for (int y = 0; y < cairo_image_surface_get_height (surface); y++)
    for (int x = 0; x < cairo_image_surface_get_width (surface); x++)
      if (is_blue (plot_test_pixel (surface, x, y)))
        n++;
  return n;
}

/* Regression: two samples in one pixel column (a step) must not fill the
 * triangle between the neighbouring samples' maxima and minima. */
static void
test_step_within_a_column (void)
{
  g_autoptr(PlRun) run = pl_run_new ("x.py", 1);
  PlPipelineRun *pipeline = pl_run_add_pipeline (run, "f");
  PlPlotOptions options = { .flags = DATA_ONLY | PL_PLOT_HIDE_ALLOC };
  g_autoptr(PlPlotLayout) layout = NULL;
  cairo_surface_t *surface;
  double x, y;

  /* Columns are 25 µs wide: 5.005 ms and 5.010 ms share one. */
  for (gint64 t = 0; t <= 10 * PLOT_TEST_MS; t += PLOT_TEST_MS / 2)
    {
      if (t == 5 * PLOT_TEST_MS)
        {
          pl_pipeline_run_append_sample (pipeline, &(PlSample) { .time_ns = t + 5000, .rss_bytes = 0 });
          pl_pipeline_run_append_sample (pipeline, &(PlSample) { .time_ns = t + 10000,
                                                                 .rss_bytes = 40 * PLOT_TEST_MIB });
          continue;
        }
      pl_pipeline_run_append_sample (pipeline, &(PlSample) { .time_ns = t,
                                                             .rss_bytes = t < 5 * PLOT_TEST_MS ? 0 : 40 * PLOT_TEST_MIB });
    }

  surface = plot_test_render (run, 400, 300, 1.0, &options, &layout);
  /* Under the would-be diagonal from (4.5 ms, 0) to (5 ms, 40 MiB). */
  x = pl_plot_layout_x_for_time (layout, 4750000);
  y = pl_plot_layout_y_for_bytes (layout, 0, 4 * PLOT_TEST_MIB);
  g_assert_false (is_blue (plot_test_pixel (surface, (int) x, (int) y)));
  /* After the step: filled. */
  x = pl_plot_layout_x_for_time (layout, 5250000);
  g_assert_true (is_blue (plot_test_pixel (surface, (int) x, (int) y)));

  cairo_surface_destroy (surface);
}

/* A blank run draws an empty panel that says so, and no data. */
static void
test_empty_run (void)
{
  g_autoptr(PlRun) none = pl_run_new ("x.py", 1);
  g_autoptr(PlRun) empty = pl_run_new ("x.py", 1);
  PlPlotOptions quiet = { .flags = PL_PLOT_HIDE_TEXT };
  PlRun *runs[] = { none, empty };

  pl_run_add_pipeline (empty, "nothing");

  for (guint i = 0; i < G_N_ELEMENTS (runs); i++)
    {
      g_autoptr(PlPlotLayout) layout = NULL;
      g_autoptr(PlPlotLayout) quiet_layout = NULL;
      cairo_surface_t *surface = plot_test_render (runs[i], 400, 300, 1.0, NULL, &layout);
      cairo_surface_t *quiet_surface = plot_test_render (runs[i], 400, 300, 1.0, &quiet, &quiet_layout);
      PlPlotRect area;

      pl_plot_layout_get_plot_area (layout, 0, &area);
      g_assert_cmpfloat (area.height, >, 100);
      /* The message in the middle: text there, and nothing without text
       * but the grid. */
      g_assert_cmpint (count_non_background (surface, &area), >, 20);
      pl_plot_layout_get_plot_area (quiet_layout, 0, &area);
      g_assert_cmpint (count_non_background (quiet_surface, &area), <, 3 * (int) area.width);
      g_assert_cmpint (count_blue (surface), ==, 0);
      /* The axes are there: the bottom spine below the data. */
      {
        int spine = 0;

        for (int y = (int) (area.y + area.height) - 1; y <= (int) (area.y + area.height) + 1; y++)
          if (!is_background (plot_test_pixel (quiet_surface, (int) (area.x + area.width / 2), y)))
            spine++;
        g_assert_cmpint (spine, >=, 1);
      }

      cairo_surface_destroy (surface);
      cairo_surface_destroy (quiet_surface);
    }
}

/* RSS below the baseline: the axis extends below zero, a zero line is
 * drawn and the fill goes down to the dip. */
static void
test_negative_memory (void)
{
  g_autoptr(PlRun) run = pl_run_new ("x.py", 1);
  PlPipelineRun *pipeline = pl_run_add_pipeline (run, "f");
  PlPlotOptions options = { .flags = DATA_ONLY | PL_PLOT_HIDE_ALLOC };
  g_autoptr(PlPlotLayout) layout = NULL;
  cairo_surface_t *surface;
  gint64 lo, hi;
  double y_zero, y_dip;
  int column;

  for (int i = 0; i <= 100; i++)
    {
      gint64 rss = i < 40 ? -8 * PLOT_TEST_MIB * i / 40 : -8 * PLOT_TEST_MIB + 40 * PLOT_TEST_MIB * (i - 40) / 60;

      pl_pipeline_run_append_sample (pipeline, &(PlSample) { .time_ns = i * 100000, .rss_bytes = rss });
    }

  surface = plot_test_render (run, 400, 300, 1.0, &options, &layout);
  pl_plot_layout_get_memory_range (layout, &lo, &hi);
  g_assert_cmpint (lo, <=, -8 * PLOT_TEST_MIB);
  g_assert_cmpint (lo, >=, -9 * PLOT_TEST_MIB);
  g_assert_cmpint (hi, >=, 32 * PLOT_TEST_MIB);

  y_zero = pl_plot_layout_y_for_bytes (layout, 0, 0);
  y_dip = pl_plot_layout_y_for_bytes (layout, 0, -8 * PLOT_TEST_MIB);
  column = (int) floor (pl_plot_layout_x_for_time (layout, 4 * PLOT_TEST_MS));
  g_assert_cmpfloat (y_dip, >, y_zero + 20);
  for (int y = (int) y_zero + 2; y < (int) y_dip - 1; y++)
    g_assert_true (is_blue (plot_test_pixel (surface, column, y)));
  g_assert_false (is_blue (plot_test_pixel (surface, column, (int) y_dip + 3)));
  /* The zero line is drawn away from the data too. */
  g_assert_false (is_background (plot_test_pixel (surface, (int) pl_plot_layout_x_for_time (layout, 9 * PLOT_TEST_MS),
                                                  (int) floor (y_zero))));

  cairo_surface_destroy (surface);
}

static void
test_palettes_and_background (void)
{
  g_autoptr(PlRun) run = triangle (48 * PLOT_TEST_MIB, 0);
  PlPlotOptions dark = { .palette = pl_plot_palette_get_dark () };
  PlPlotOptions clear = { .flags = PL_PLOT_NO_BACKGROUND };
  cairo_surface_t *surface;
  PlotTestPixel p;

  surface = plot_test_render (run, 300, 200, 1.0, &dark, NULL);
  p = plot_test_pixel (surface, 1, 1);
  g_assert_cmpint (p.r, ==, 0x1e);
  g_assert_cmpint (p.g, ==, 0x1e);
  g_assert_cmpint (p.b, ==, 0x1e);
  cairo_surface_destroy (surface);

  surface = plot_test_render (run, 300, 200, 1.0, NULL, NULL);
  g_assert_true (is_background (plot_test_pixel (surface, 1, 1)));
  cairo_surface_destroy (surface);

  {
    g_autoptr(PlPlotLayout) layout = NULL;
    double x, y;
    PlotTestPixel fill;

    surface = plot_test_render (run, 300, 200, 1.0, &clear, &layout);
    g_assert_cmpint (plot_test_pixel (surface, 1, 1).a, ==, 0);
    /* Over the caller's background, the fill stays translucent. */
    x = pl_plot_layout_x_for_time (layout, 5 * PLOT_TEST_MS);
    y = pl_plot_layout_y_for_bytes (layout, 0, 5 * PLOT_TEST_MIB);
    fill = plot_test_pixel (surface, (int) x, (int) y);
    g_assert_cmpint (fill.a, >=, 60);
    g_assert_cmpint (fill.a, <=, 90);
    cairo_surface_destroy (surface);
  }
}

/* The selected line's marks stand out in the highlight colour. */
static void
test_highlight (void)
{
  g_autoptr(PlRun) run = triangle (48 * PLOT_TEST_MIB, 0);
  PlPipelineRun *pipeline = pl_run_get_pipeline (run, 0);
  PlLineSpan span = { .line = 42, .start_ns = 7 * PLOT_TEST_MS, .end_ns = 8 * PLOT_TEST_MS };
  PlPlotOptions options = { .flags = DATA_ONLY | PL_PLOT_HIDE_ALLOC | PL_PLOT_HIDE_RSS, .highlight_line = 42 };
  const PlColor *highlight = &pl_plot_palette_get_light ()->highlight;
  g_autoptr(PlPlotLayout) layout = NULL;
  cairo_surface_t *surface;
  PlPlotRect area;
  int column, hits = 0;

  options.flags &= ~PL_PLOT_HIDE_MARKS;
  pl_pipeline_run_append_span (pipeline, &span);
  surface = plot_test_render (run, 400, 300, 1.0, &options, &layout);
  pl_plot_layout_get_plot_area (layout, 0, &area);
  column = (int) round (pl_plot_layout_x_for_time (layout, 7 * PLOT_TEST_MS)) - 1;
  for (int y = (int) area.y; y < (int) (area.y + area.height); y++)
    {
      /* Two pixels wide, on the pixel boundary nearest to the mark. */
      PlotTestPixel p = plot_test_pixel (surface, column, y);

      if (abs (p.r - (int) (highlight->red * 255)) < 30 && abs (p.g - (int) (highlight->green * 255)) < 30
          && abs (p.b - (int) (highlight->blue * 255)) < 30)
        hits++;
    }
  g_assert_cmpint (hits, >, 20);

  cairo_surface_destroy (surface);
}

/* The selected line keeps its label even where an earlier line's label
 * would otherwise win. */
static void
test_highlight_label (void)
{
  const PlColor *highlight = &pl_plot_palette_get_light ()->highlight;

  for (int selected = 0; selected < 2; selected++)
    {
      g_autoptr(PlRun) run = triangle (48 * PLOT_TEST_MIB, 0);
      PlPipelineRun *pipeline = pl_run_get_pipeline (run, 0);
      PlPlotOptions options = { .flags = PL_PLOT_HIDE_ALLOC | PL_PLOT_HIDE_RSS | PL_PLOT_HIDE_PEAK | PL_PLOT_HIDE_LEGEND,
                                .highlight_line = selected ? 44 : 0 };
      g_autoptr(PlPlotLayout) layout = NULL;
      cairo_surface_t *surface;
      PlPlotRect area;
      int x, hits = 0;

      pl_pipeline_run_append_span (pipeline, &(PlLineSpan) { .line = 33, .start_ns = 7000000, .end_ns = 7020000 });
      pl_pipeline_run_append_span (pipeline, &(PlLineSpan) { .line = 44, .start_ns = 7020000, .end_ns = 7040000 });
      surface = plot_test_render (run, 400, 300, 1.0, &options, &layout);
      pl_plot_layout_get_plot_area (layout, 0, &area);
      x = (int) pl_plot_layout_x_for_time (layout, 7020000);

      for (int y = 0; y < (int) area.y - 1; y++)
        for (int dx = -8; dx <= 8; dx++)
          {
            PlotTestPixel p = plot_test_pixel (surface, x + dx, y);

            if (abs (p.r - (int) (highlight->red * 255)) < 40 && abs (p.g - (int) (highlight->green * 255)) < 40
                && abs (p.b - (int) (highlight->blue * 255)) < 40)
              hits++;
          }
      if (selected)
        g_assert_cmpint (hits, >, 3);
      else
        g_assert_cmpint (hits, ==, 0);

      cairo_surface_destroy (surface);
    }
}

/* 100 000 marks in a loop: all drawn, as a tint across the loop. */
static void
test_dense_marks (void)
{
  g_autoptr(PlRun) run = plot_test_big_run (100000, 100000);
  PlPlotOptions options = { .flags = PL_PLOT_HIDE_RSS | PL_PLOT_HIDE_ALLOC | PL_PLOT_HIDE_PEAK };
  g_autoptr(PlPlotLayout) layout = NULL;
  cairo_surface_t *surface = plot_test_render (run, 600, 300, 1.0, &options, &layout);
  PlPlotRect area;
  int y, tinted = 0;

  pl_plot_layout_get_plot_area (layout, 0, &area);
  y = (int) (area.y + area.height / 2);
  for (int x = (int) area.x + 2; x < (int) (area.x + area.width) - 1; x++)
    {
      PlotTestPixel p = plot_test_pixel (surface, x, y);

      if (!is_background (p) && abs (p.r - p.b) <= 2)
        tinted++;
    }
  g_assert_cmpint (tinted, >=, (int) area.width - 4);

  cairo_surface_destroy (surface);
}

/* The window draws into GTK's recording surface, replayed at the
 * monitor's scale: with the scale as a hint, marks are as crisp. */
static void
test_recording_surface (void)
{
  g_autoptr(PlRun) run = triangle (48 * PLOT_TEST_MIB, 0);
  PlMarkStyle style = { .linestyle = (char *) "-", .color = (char *) "red", .alpha = 1.0, .fontsize = 6 };
  PlPlotOptions options = { .flags = PL_PLOT_HIDE_TEXT | PL_PLOT_HIDE_ALLOC | PL_PLOT_HIDE_PEAK,
                            .device_scale = 2.0 };
  g_autoptr(PlPlotLayout) layout = NULL;
  cairo_rectangle_t extents = { 0, 0, 400, 300 };
  cairo_surface_t *recording = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, &extents);
  cairo_surface_t *image = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 800, 600);
  cairo_t *cr = cairo_create (recording);
  PlPlotRect area;
  int y, first = -1, n_red = 0, expected, top;

  pl_run_set_mark_style (run, &style);
  layout = pl_plot_layout_new (run, 400, 300, &options);
  pl_plot_layout_render (layout, cr);
  cairo_destroy (cr);

  cairo_surface_set_device_scale (image, 2, 2);
  cr = cairo_create (image);
  cairo_set_source_surface (cr, recording, 0, 0);
  cairo_paint (cr);
  cairo_destroy (cr);
  cairo_surface_flush (image);

  pl_plot_layout_get_plot_area (layout, 0, &area);
  y = (int) ((area.y + area.height * 0.9) * 2);
  for (int x = 0; x < 800; x++)
    if (is_red (plot_test_pixel (image, x, y)))
      {
        if (first < 0)
          first = x;
        n_red++;
      }
  expected = (int) round (pl_plot_layout_x_for_time (layout, 10 * PLOT_TEST_MS / 4) * 2) - 1;
  g_assert_cmpint (n_red, ==, 2);
  g_assert_cmpint (first, ==, expected);

  /* And the data is there, at its height. */
  top = first_row (image, &area, 2.0, (int) floor (pl_plot_layout_x_for_time (layout, 5 * PLOT_TEST_MS) * 2), is_blue);
  g_assert_cmpfloat (fabs ((top + 0.5) / 2 - pl_plot_layout_y_for_bytes (layout, 0, 48 * PLOT_TEST_MIB)), <=, 1.5);

  cairo_surface_destroy (recording);
  cairo_surface_destroy (image);
}

static cairo_surface_t *
render_layout (PlPlotLayout *layout,
               int           width,
               int           height,
               double        scale)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) (width * scale),
                                                         (int) (height * scale));
  cairo_t *cr;

  cairo_surface_set_device_scale (surface, scale, scale);
  cr = cairo_create (surface);
  pl_plot_layout_render (layout, cr);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

static void
assert_same_pixels (cairo_surface_t *a,
                    cairo_surface_t *b)
{
  g_assert_cmpint (cairo_image_surface_get_height (a), ==, cairo_image_surface_get_height (b));
  g_assert_cmpmem (cairo_image_surface_get_data (a),
                   cairo_image_surface_get_height (a) * cairo_image_surface_get_stride (a),
                   cairo_image_surface_get_data (b),
                   cairo_image_surface_get_height (b) * cairo_image_surface_get_stride (b));
}

/* A layout drawn again (its decimations reused), or at another scale,
 * draws what a fresh layout draws. */
static void
test_redraw (void)
{
  g_autoptr(PlRun) dense = plot_test_big_run (300000, 500);
  g_autoptr(PlRun) sparse = plot_test_tutorial_run ();
  PlRun *runs[] = { dense, sparse };

  for (guint i = 0; i < G_N_ELEMENTS (runs); i++)
    {
      g_autoptr(PlPlotLayout) kept = pl_plot_layout_new (runs[i], 500, 300, NULL);
      g_autoptr(PlPlotLayout) fresh = pl_plot_layout_new (runs[i], 500, 300, NULL);
      cairo_surface_t *first = render_layout (kept, 500, 300, 1);
      cairo_surface_t *again = render_layout (kept, 500, 300, 1);
      cairo_surface_t *kept2 = render_layout (kept, 500, 300, 2);
      cairo_surface_t *fresh2 = render_layout (fresh, 500, 300, 2);
      cairo_surface_t *back = render_layout (kept, 500, 300, 1);

      assert_same_pixels (first, again);
      assert_same_pixels (kept2, fresh2);
      assert_same_pixels (first, back);

      cairo_surface_destroy (first);
      cairo_surface_destroy (again);
      cairo_surface_destroy (kept2);
      cairo_surface_destroy (fresh2);
      cairo_surface_destroy (back);
    }
}

static gboolean
is_peak_color (PlotTestPixel p)
{
  const PlColor *peak = &pl_plot_palette_get_light ()->peak;

  return p.a == 255 && abs (p.r - (int) (peak->red * 255)) < 30 && abs (p.g - (int) (peak->green * 255)) < 30
         && abs (p.b - (int) (peak->blue * 255)) < 30;
}

/* The peak: a dot on the highest sample; a ring above it when the run
 * layer knows of a higher peak between samples. */
static void
test_peak_marker (void)
{
  for (int between = 0; between < 2; between++)
    {
      g_autoptr(PlRun) run = triangle (48 * PLOT_TEST_MIB, 0);
      PlPlotOptions options = { .flags = PL_PLOT_HIDE_TEXT | PL_PLOT_HIDE_MARKS | PL_PLOT_HIDE_ALLOC };
      g_autoptr(PlPlotLayout) layout = NULL;
      cairo_surface_t *surface;
      double x, y;

      if (between)
        {
          pl_pipeline_run_note_peak_rss (pl_run_get_pipeline (run, 0), 56 * PLOT_TEST_MIB);
          pl_pipeline_run_finish (pl_run_get_pipeline (run, 0));
        }
      surface = plot_test_render (run, 400, 300, 2.0, &options, &layout);
      x = pl_plot_layout_x_for_time (layout, 5 * PLOT_TEST_MS);
      y = pl_plot_layout_y_for_bytes (layout, 0, (between ? 56 : 48) * PLOT_TEST_MIB);

      /* The rim is red either way; the centre only for a sampled peak. */
      g_assert_true (is_peak_color (plot_test_pixel (surface, (int) (x * 2) + 6, (int) (y * 2))));
      if (between)
        g_assert_true (is_background (plot_test_pixel (surface, (int) (x * 2), (int) (y * 2))));
      else
        g_assert_true (is_peak_color (plot_test_pixel (surface, (int) (x * 2), (int) (y * 2))));

      cairo_surface_destroy (surface);
    }
}

/* One call draws the same as layout + render. */
static void
test_render_one_call (void)
{
  g_autoptr(PlRun) run = plot_test_tutorial_run ();
  cairo_surface_t *a = plot_test_render (run, 320, 240, 1.0, NULL, NULL);
  cairo_surface_t *b = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 320, 240);
  cairo_t *cr = cairo_create (b);

  pl_plot_render (cr, 320, 240, run, NULL);
  cairo_destroy (cr);
  cairo_surface_flush (b);
  g_assert_cmpmem (cairo_image_surface_get_data (a), 240 * cairo_image_surface_get_stride (a),
                   cairo_image_surface_get_data (b), 240 * cairo_image_surface_get_stride (b));
  cairo_surface_destroy (a);
  cairo_surface_destroy (b);
}

/* Tiny and odd sizes never fail. */
static void
test_tiny_sizes (void)
{
  g_autoptr(PlRun) run = plot_test_tutorial_run ();
  const int sizes[][2] = { { 1, 1 }, { 10, 300 }, { 300, 10 }, { 60, 40 } };

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      cairo_surface_t *surface = plot_test_render (run, sizes[i][0], sizes[i][1], 1.0, NULL, NULL);

      cairo_surface_destroy (surface);
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/plot/render/fill-height", test_fill_height);
  g_test_add_func ("/plot/render/fill-height-hidpi", test_fill_height_hidpi);
  g_test_add_func ("/plot/render/mark-position", test_mark_position);
  g_test_add_func ("/plot/render/mark-position-hidpi", test_mark_position_hidpi);
  g_test_add_func ("/plot/render/mark-dashed", test_mark_dashed);
  g_test_add_func ("/plot/render/zoomed-view", test_zoomed_view);
  g_test_add_func ("/plot/render/shared-scale", test_shared_scale);
  g_test_add_func ("/plot/render/alloc-steps", test_alloc_steps);
  g_test_add_func ("/plot/render/step-within-a-column", test_step_within_a_column);
  g_test_add_func ("/plot/render/empty-run", test_empty_run);
  g_test_add_func ("/plot/render/negative-memory", test_negative_memory);
  g_test_add_func ("/plot/render/palettes-and-background", test_palettes_and_background);
  g_test_add_func ("/plot/render/highlight", test_highlight);
  g_test_add_func ("/plot/render/highlight-label", test_highlight_label);
  g_test_add_func ("/plot/render/dense-marks", test_dense_marks);
  g_test_add_func ("/plot/render/recording-surface", test_recording_surface);
  g_test_add_func ("/plot/render/redraw", test_redraw);
  g_test_add_func ("/plot/render/peak-marker", test_peak_marker);
  g_test_add_func ("/plot/render/one-call", test_render_one_call);
  g_test_add_func ("/plot/render/tiny-sizes", test_tiny_sizes);

  return g_test_run ();
}
