/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "pl-format.h"
#include "pl-plot-private.h"

#define DEFAULT_FONT "Cantarell, DejaVu Sans, Sans"

G_DEFINE_BOXED_TYPE (PlPlotLayout, pl_plot_layout, pl_plot_layout_ref, pl_plot_layout_unref)

void
pl_plot_options_init (PlPlotOptions *options)
{
  g_return_if_fail (options != NULL);

  memset (options, 0, sizeof *options);
}

guint
pl_plot_nice_ticks (double  min,
                    double  max,
                    guint   max_ticks,
                    double *ticks,
                    guint  *decimals)
{
  static const double mantissas[] = { 1.0, 2.0, 2.5, 5.0 };
  double range = max - min;
  double step = 0.0;
  int exponent;
  guint n = 0;
  guint dec = 0;

  g_return_val_if_fail (ticks != NULL, 0);

  if (decimals != NULL)
    *decimals = 0;
  if (max_ticks == 0 || !isfinite (min) || !isfinite (max) || max < min)
    return 0;

  if (range <= 0.0 || max_ticks == 1)
    {
      ticks[0] = min;
      return 1;
    }

  exponent = (int) floor (log10 (range / MAX (max_ticks - 1, 1)));
  for (int e = exponent; e <= exponent + 2 && step == 0.0; e++)
    {
      for (guint m = 0; m < G_N_ELEMENTS (mantissas); m++)
        {
          double candidate = mantissas[m] * pow (10.0, e);
          double first = ceil (min / candidate - 1e-9);
          double last = floor (max / candidate + 1e-9);

          if (last - first + 1 <= max_ticks)
            {
              step = candidate;
              dec = (guint) MAX (0, -e + (mantissas[m] == 2.5 ? 1 : 0));
              break;
            }
        }
    }

  if (step == 0.0)
    {
      ticks[0] = min;
      return 1;
    }

  for (double k = ceil (min / step - 1e-9); k <= floor (max / step + 1e-9) && n < max_ticks; k++)
    ticks[n++] = k * step;

  if (decimals != NULL)
    *decimals = dec;

  return n;
}

gsize
pl_plot_place_labels (const double *xs,
                      const gint64 *priority,
                      gsize         n,
                      double        thickness,
                      double        gap,
                      gboolean     *keep)
{
  gsize last = G_MAXSIZE;   /* the last label kept (G_MAXSIZE: none) */
  gsize kept = 0;

  g_return_val_if_fail (n == 0 || (xs != NULL && keep != NULL), 0);

  for (gsize i = 0; i < n; i++)
    {
      keep[i] = FALSE;
      if (last == G_MAXSIZE || xs[i] - thickness / 2 >= xs[last] + thickness / 2 + gap)
        {
          last = i;
          keep[i] = TRUE;
          kept++;
        }
      else if (priority != NULL && priority[i] > priority[last])
        {
          /* It lies right of the label it replaces, so it also clears the
           * one before that. */
          keep[last] = FALSE;
          keep[i] = TRUE;
          last = i;
        }
    }

  return kept;
}

void
pl_plot_apply_font_options (PangoContext *context)
{
  cairo_font_options_t *font_options = cairo_font_options_create ();

  /* Unhinted metrics: text measures the same in every surface and at every
   * scale, so the layout computed once fits what is drawn. */
  cairo_font_options_set_hint_metrics (font_options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (font_options, CAIRO_HINT_STYLE_SLIGHT);
  cairo_font_options_set_antialias (font_options, CAIRO_ANTIALIAS_GRAY);
  pango_cairo_context_set_font_options (context, font_options);
  pango_cairo_context_set_resolution (context, 96.0);
  cairo_font_options_destroy (font_options);
}

PangoFontDescription *
pl_plot_layout_font (PlPlotLayout *layout,
                     double        size,
                     PangoWeight   weight)
{
  PangoFontDescription *desc = pango_font_description_new ();

  pango_font_description_set_family (desc, layout->font_family);
  pango_font_description_set_absolute_size (desc, size * PANGO_SCALE);
  pango_font_description_set_weight (desc, weight);

  return desc;
}

static void
measure (PangoContext *context,
         PlPlotLayout *layout,
         double        size,
         PangoWeight   weight,
         const char   *text,
         double       *width,
         double       *height)
{
  g_autoptr(PangoLayout) pl = pango_layout_new (context);
  PangoFontDescription *desc = pl_plot_layout_font (layout, size, weight);
  PangoRectangle logical;

  pango_layout_set_font_description (pl, desc);
  pango_layout_set_text (pl, text, -1);
  pango_layout_get_extents (pl, NULL, &logical);
  pango_font_description_free (desc);

  if (width != NULL)
    *width = (double) logical.width / PANGO_SCALE;
  if (height != NULL)
    *height = (double) logical.height / PANGO_SCALE;
}

/* matplotlib's dash patterns, relative to its default line width of 1.5. */
void
pl_plot_layout_set_mark_style (PlPlotLayout      *layout,
                               const PlMarkStyle *style)
{
  const char *linestyle = style != NULL && style->linestyle != NULL ? style->linestyle : "--";
  const char *color = style != NULL && style->color != NULL ? style->color : "gray";
  double alpha = style != NULL ? style->alpha : 0.3;
  double fontsize = style != NULL ? style->fontsize : 6.0;

  layout->mark_visible = TRUE;
  layout->n_mark_dashes = 0;
  if (g_str_equal (linestyle, "--") || g_ascii_strcasecmp (linestyle, "dashed") == 0)
    {
      layout->mark_dashes[0] = 3.7 * 1.5;
      layout->mark_dashes[1] = 1.6 * 1.5;
      layout->n_mark_dashes = 2;
    }
  else if (g_str_equal (linestyle, ":") || g_ascii_strcasecmp (linestyle, "dotted") == 0)
    {
      layout->mark_dashes[0] = 1.0 * 1.5;
      layout->mark_dashes[1] = 1.65 * 1.5;
      layout->n_mark_dashes = 2;
    }
  else if (g_str_equal (linestyle, "-.") || g_ascii_strcasecmp (linestyle, "dashdot") == 0)
    {
      layout->mark_dashes[0] = 6.4 * 1.5;
      layout->mark_dashes[1] = 1.6 * 1.5;
      layout->mark_dashes[2] = 1.0 * 1.5;
      layout->mark_dashes[3] = 1.6 * 1.5;
      layout->n_mark_dashes = 4;
    }
  else if (linestyle[0] == '\0' || g_str_equal (linestyle, " ")
           || g_ascii_strcasecmp (linestyle, "none") == 0)
    layout->mark_visible = FALSE;
  /* "-", "solid" and anything unknown: a solid line. */

  if (!pl_color_parse (color, &layout->mark_color))
    pl_color_parse ("gray", &layout->mark_color);
  if (!isfinite (alpha))
    alpha = 0.3;
  layout->mark_color.alpha *= (float) CLAMP (alpha, 0.0, 1.0);

  if (!isfinite (fontsize) || fontsize <= 0)
    fontsize = 6.0;
  /* The tutorial's 6 pt labels sit on a 640 px figure; ours are larger
   * canvases, so the size is kept in proportion: 6 gives 10 px. */
  layout->mark_size = CLAMP (fontsize * 5.0 / 3.0, 5.0, 48.0) * layout->options.font_scale;
}

char *
pl_plot_dup_panel_title (PlRun *run,
                         guint  panel)
{
  const PlPlotSeries *series;
  g_autofree char *duration = NULL;
  g_autofree char *peak = NULL;

  g_return_val_if_fail (PL_IS_RUN (run), NULL);
  g_return_val_if_fail (panel < pl_run_get_n_pipelines (run), NULL);

  series = pl_plot_series_get (run, panel);
  duration = pl_format_duration ((double) series->total_time_ns / 1e9, 1);
  peak = series->has_samples ? pl_format_mebibytes (series->peak_rss, 1) : g_strdup ("—");

  /* Translators: the title of a pipeline's panel, as the tutorial's plot
   * writes it: "Total Time: 18.9 ms — Peak Memory: 61.0 MiB". */
  return g_strdup_printf (_("Total Time: %s — Peak Memory: %s"), duration, peak);
}

static void
compute_ranges (PlPlotLayout *layout)
{
  gint64 start = 0, end = 0;
  double lo = 0, hi = 0;

  for (guint i = 0; i < layout->n_panels; i++)
    {
      const PlPlotSeries *series = layout->panels[i].series;

      if (series == NULL)
        continue;
      start = MIN (start, series->start_ns);
      end = MAX (end, series->end_ns);
      if (series->rss.n > 0)
        {
          lo = MIN (lo, (double) series->rss.min);
          hi = MAX (hi, (double) series->peak_rss);
        }
      if (series->alloc.n > 0)
        {
          lo = MIN (lo, (double) series->alloc.min);
          hi = MAX (hi, (double) series->alloc.max);
        }
    }

  if (layout->options.time_end_ns > layout->options.time_start_ns)
    {
      start = layout->options.time_start_ns;
      end = layout->options.time_end_ns;
    }
  else if (end <= start)
    {
      /* Nothing happened: a second of empty axis rather than a division
       * by zero. */
      end = start + G_GINT64_CONSTANT (1000000000);
    }

  layout->t0 = start;
  layout->t1 = end;

  /* The tutorial: 5 % of headroom, and at least 1 MiB of axis. Memory
   * below the baseline (freed memory the pipeline did not allocate)
   * extends the axis downwards unless it is too little to see. */
  layout->y_max = hi / PL_PLOT_MIB > 1.0 ? hi * 1.05 : PL_PLOT_MIB;
  layout->y_min = -lo > 0.005 * layout->y_max ? lo * 1.05 : 0.0;
}

static double
line_height (PangoContext *context,
             PlPlotLayout *layout,
             double        size,
             PangoWeight   weight)
{
  double h;

  measure (context, layout, size, weight, "0123456789", NULL, &h);
  return h;
}

PlPlotLayout *
pl_plot_layout_new (PlRun               *run,
                    double               width,
                    double               height,
                    const PlPlotOptions *options)
{
  PlPlotLayout *layout;
  PangoContext *context;
  double name_h, tick_h, axis_h, header_h, strip_h, x_axis_h, panel_gap;
  double avail, plot_h, left, right, plot_w, y;
  double widest = 0;
  gint32 max_line = 0;
  guint max_ticks;

  g_return_val_if_fail (PL_IS_RUN (run), NULL);

  layout = g_new0 (PlPlotLayout, 1);
  g_atomic_ref_count_init (&layout->ref_count);
  layout->run = g_object_ref (run);
  if (options != NULL)
    layout->options = *options;
  layout->palette = *(layout->options.palette != NULL ? layout->options.palette
                                                     : pl_plot_palette_get_light ());
  layout->options.palette = &layout->palette;
  layout->font_family = g_strdup (layout->options.font_family != NULL
                                  ? layout->options.font_family : DEFAULT_FONT);
  layout->options.font_family = layout->font_family;
  if (!(layout->options.font_scale > 0.0) || !isfinite (layout->options.font_scale))
    layout->options.font_scale = 1.0;

  layout->width = isfinite (width) ? MAX (width, 1.0) : 1.0;
  layout->height = isfinite (height) ? MAX (height, 1.0) : 1.0;
  layout->show_text = !(layout->options.flags & PL_PLOT_HIDE_TEXT);
  layout->show_marks = !(layout->options.flags & PL_PLOT_HIDE_MARKS);

  pl_plot_layout_set_mark_style (layout, pl_run_get_mark_style (run));

  layout->n_panels = MAX (pl_run_get_n_pipelines (run), 1);
  layout->panels = g_new0 (PlPlotPanel, layout->n_panels);
  for (guint i = 0; i < pl_run_get_n_pipelines (run); i++)
    {
      PlPlotPanel *panel = &layout->panels[i];

      panel->series = pl_plot_series_get (run, i);
      panel->name = g_strdup (pl_pipeline_run_get_name (pl_run_get_pipeline (run, i)));
      panel->title = pl_plot_dup_panel_title (run, i);
      max_line = MAX (max_line, panel->series->max_line);
    }
  if (pl_run_get_n_pipelines (run) == 0)
    {
      layout->panels[0].name = g_strdup ("");
      layout->panels[0].title = g_strdup (_("No pipelines were measured"));
    }

  compute_ranges (layout);

  /* Text sizes. */
  layout->name_size = 14.0 * layout->options.font_scale;
  layout->title_size = 13.0 * layout->options.font_scale;
  layout->tick_size = 11.5 * layout->options.font_scale;
  layout->axis_size = 12.5 * layout->options.font_scale;
  layout->legend_size = 12.0 * layout->options.font_scale;
  layout->tick_length = 4.0;
  layout->pad = CLAMP (MIN (layout->width, layout->height) * 0.02, 4.0, 16.0);

  context = pango_font_map_create_context (pango_cairo_font_map_get_default ());
  pl_plot_apply_font_options (context);

  if (layout->show_text)
    {
      name_h = line_height (context, layout, layout->name_size, PANGO_WEIGHT_BOLD);
      tick_h = line_height (context, layout, layout->tick_size, PANGO_WEIGHT_NORMAL);
      axis_h = line_height (context, layout, layout->axis_size, PANGO_WEIGHT_NORMAL);
      layout->mark_label_thickness = line_height (context, layout, layout->mark_size, PANGO_WEIGHT_NORMAL);
    }
  else
    name_h = tick_h = axis_h = layout->mark_label_thickness = 0.0;

  header_h = layout->show_text ? name_h + 4.0 : 0.0;
  strip_h = 6.0;
  if (layout->show_text && layout->show_marks && max_line > 0)
    {
      g_autofree char *longest = g_strdup_printf ("%d", max_line);
      double w;

      measure (context, layout, layout->mark_size, PANGO_WEIGHT_NORMAL, longest, &w, NULL);
      strip_h = w + 8.0;
    }
  x_axis_h = layout->tick_length + (layout->show_text ? 3.0 + tick_h + 4.0 + axis_h : 2.0);
  panel_gap = layout->show_text ? 16.0 : 8.0;

  avail = layout->height - 2 * layout->pad - x_axis_h
          - layout->n_panels * (header_h + strip_h) - (layout->n_panels - 1) * panel_gap;
  plot_h = MAX (avail / layout->n_panels, 1.0);

  /* Memory ticks: about one per 40 units of height. */
  max_ticks = (guint) CLAMP (plot_h / 40.0 + 1.0, 2.0, 11.0);
  layout->n_y_ticks = pl_plot_nice_ticks (layout->y_min / PL_PLOT_MIB, layout->y_max / PL_PLOT_MIB,
                                          max_ticks, layout->y_ticks, &layout->y_decimals);

  left = layout->pad;
  if (layout->show_text)
    {
      for (guint i = 0; i < layout->n_y_ticks; i++)
        {
          g_autofree char *label = pl_format_tick (layout->y_ticks[i], layout->y_decimals);
          double w;

          measure (context, layout, layout->tick_size, PANGO_WEIGHT_NORMAL, label, &w, NULL);
          widest = MAX (widest, w);
        }
      layout->y_label_x = left;
      left += axis_h + 8.0 + widest + 4.0;
    }
  left += layout->tick_length;
  right = layout->pad + (layout->show_text ? 12.0 : 0.0);
  plot_w = MAX (layout->width - left - right, 1.0);

  /* Time ticks: as many as fit with room between their labels. */
  max_ticks = (guint) CLAMP (plot_w / 70.0 + 1.0, 2.0, 11.0);
  for (;;)
    {
      double needed = 0;

      layout->n_x_ticks = pl_plot_nice_ticks ((double) layout->t0 / 1e9, (double) layout->t1 / 1e9,
                                              max_ticks, layout->x_ticks, &layout->x_decimals);
      if (!layout->show_text || max_ticks <= 2)
        break;
      for (guint i = 0; i < layout->n_x_ticks; i++)
        {
          g_autofree char *label = pl_format_tick (layout->x_ticks[i], layout->x_decimals);
          double w;

          measure (context, layout, layout->tick_size, PANGO_WEIGHT_NORMAL, label, &w, NULL);
          needed = MAX (needed, w + 18.0);
        }
      if (needed * layout->n_x_ticks <= plot_w)
        break;
      max_ticks--;
    }

  y = layout->pad;
  for (guint i = 0; i < layout->n_panels; i++)
    {
      PlPlotPanel *panel = &layout->panels[i];

      panel->header = (PlPlotRect) { left, y, plot_w, header_h };
      panel->strip = (PlPlotRect) { left, y + header_h, plot_w, strip_h };
      panel->plot = (PlPlotRect) { left, y + header_h + strip_h, plot_w, plot_h };
      y += header_h + strip_h + plot_h;
      if (i + 1 < layout->n_panels)
        y += panel_gap;
    }

  /* The bands tile the whole height: the gap between two panels belongs
   * half to each, so every y hits a panel. */
  for (guint i = 0; i < layout->n_panels; i++)
    {
      PlPlotPanel *panel = &layout->panels[i];
      double top = i == 0 ? 0.0 : panel->header.y - panel_gap / 2;
      double bottom = i + 1 == layout->n_panels ? layout->height
                                                : panel->plot.y + panel->plot.height + panel_gap / 2;

      panel->band = (PlPlotRect) { 0.0, top, layout->width, MAX (bottom - top, 0.0) };
    }

  layout->x_title_y = y + layout->tick_length + 3.0 + tick_h + 4.0;

  g_object_unref (context);

  return layout;
}

PlPlotLayout *
pl_plot_layout_ref (PlPlotLayout *layout)
{
  g_return_val_if_fail (layout != NULL, NULL);

  g_atomic_ref_count_inc (&layout->ref_count);
  return layout;
}

void
pl_plot_layout_unref (PlPlotLayout *layout)
{
  g_return_if_fail (layout != NULL);

  if (!g_atomic_ref_count_dec (&layout->ref_count))
    return;

  for (guint i = 0; i < layout->n_panels; i++)
    {
      g_free (layout->panels[i].name);
      g_free (layout->panels[i].title);
      g_free (layout->panels[i].rss_cache.columns);
      g_free (layout->panels[i].alloc_cache.columns);
    }
  g_free (layout->panels);
  g_free (layout->font_family);
  g_object_unref (layout->run);
  g_free (layout);
}

PlRun *
pl_plot_layout_get_run (PlPlotLayout *layout)
{
  g_return_val_if_fail (layout != NULL, NULL);

  return layout->run;
}

guint
pl_plot_layout_get_n_panels (PlPlotLayout *layout)
{
  g_return_val_if_fail (layout != NULL, 0);

  return layout->n_panels;
}

void
pl_plot_layout_get_plot_area (PlPlotLayout *layout,
                              guint         panel,
                              PlPlotRect   *area)
{
  g_return_if_fail (layout != NULL);
  g_return_if_fail (panel < layout->n_panels);
  g_return_if_fail (area != NULL);

  *area = layout->panels[panel].plot;
}

void
pl_plot_layout_get_panel_area (PlPlotLayout *layout,
                               guint         panel,
                               PlPlotRect   *area)
{
  g_return_if_fail (layout != NULL);
  g_return_if_fail (panel < layout->n_panels);
  g_return_if_fail (area != NULL);

  *area = layout->panels[panel].band;
}

void
pl_plot_layout_get_time_range (PlPlotLayout *layout,
                               gint64       *start_ns,
                               gint64       *end_ns)
{
  g_return_if_fail (layout != NULL);

  if (start_ns != NULL)
    *start_ns = layout->t0;
  if (end_ns != NULL)
    *end_ns = layout->t1;
}

void
pl_plot_layout_get_memory_range (PlPlotLayout *layout,
                                 gint64       *min_bytes,
                                 gint64       *max_bytes)
{
  g_return_if_fail (layout != NULL);

  if (min_bytes != NULL)
    *min_bytes = (gint64) floor (layout->y_min);
  if (max_bytes != NULL)
    *max_bytes = (gint64) ceil (layout->y_max);
}

double
pl_plot_layout_x_for_time (PlPlotLayout *layout,
                           gint64        time_ns)
{
  const PlPlotRect *plot;

  g_return_val_if_fail (layout != NULL, 0.0);

  plot = &layout->panels[0].plot;
  return plot->x + (double) (time_ns - layout->t0) / (double) (layout->t1 - layout->t0) * plot->width;
}

double
pl_plot_layout_y_for_bytes (PlPlotLayout *layout,
                            guint         panel,
                            double        bytes)
{
  const PlPlotRect *plot;

  g_return_val_if_fail (layout != NULL, 0.0);
  g_return_val_if_fail (panel < layout->n_panels, 0.0);

  plot = &layout->panels[panel].plot;
  return plot->y + plot->height
         - (bytes - layout->y_min) / (layout->y_max - layout->y_min) * plot->height;
}

gboolean
pl_plot_layout_time_at_x (PlPlotLayout *layout,
                          double        x,
                          gint64       *time_ns)
{
  const PlPlotRect *plot;

  g_return_val_if_fail (layout != NULL, FALSE);

  plot = &layout->panels[0].plot;
  if (!(x >= plot->x && x <= plot->x + plot->width))
    return FALSE;

  if (time_ns != NULL)
    *time_ns = layout->t0 + (gint64) llround ((x - plot->x) / plot->width
                                              * (double) (layout->t1 - layout->t0));
  return TRUE;
}

gboolean
pl_plot_layout_panel_at_y (PlPlotLayout *layout,
                           double        y,
                           guint        *panel)
{
  g_return_val_if_fail (layout != NULL, FALSE);

  for (guint i = 0; i < layout->n_panels; i++)
    {
      const PlPlotRect *band = &layout->panels[i].band;

      if (y >= band->y && y < band->y + band->height)
        {
          if (panel != NULL)
            *panel = i;
          return TRUE;
        }
    }

  return FALSE;
}

gboolean
pl_plot_layout_bytes_at_y (PlPlotLayout *layout,
                           guint         panel,
                           double        y,
                           double       *bytes)
{
  const PlPlotRect *plot;

  g_return_val_if_fail (layout != NULL, FALSE);
  g_return_val_if_fail (panel < layout->n_panels, FALSE);

  plot = &layout->panels[panel].plot;
  if (!(y >= plot->y && y <= plot->y + plot->height))
    return FALSE;

  if (bytes != NULL)
    *bytes = layout->y_min + (plot->y + plot->height - y) / plot->height
                             * (layout->y_max - layout->y_min);
  return TRUE;
}

gboolean
pl_plot_layout_mark_at_x (PlPlotLayout *layout,
                          guint         panel,
                          double        x,
                          double        max_distance,
                          gsize        *span_index)
{
  const PlPlotSeries *series;
  const PlPlotRect *plot;
  double per_unit, best = G_MAXDOUBLE;
  gint64 t;
  gsize i, found = 0;

  g_return_val_if_fail (layout != NULL, FALSE);
  g_return_val_if_fail (panel < layout->n_panels, FALSE);

  series = layout->panels[panel].series;
  if (series == NULL || series->n_marks == 0)
    return FALSE;

  plot = &layout->panels[panel].plot;
  per_unit = (double) (layout->t1 - layout->t0) / plot->width;
  t = layout->t0 + (gint64) llround ((x - plot->x) * per_unit);

  /* The nearest mark is one of the two around @t. */
  i = pl_plot_series_mark_lower_bound (series, t);
  for (gsize j = i > 0 ? i - 1 : 0; j <= i && j < series->n_marks; j++)
    {
      double distance = fabs (pl_plot_layout_x_for_time (layout, series->mark_t[j]) - x);

      /* Several marks at one time: the first one (the outer line). */
      if (distance < best)
        {
          best = distance;
          found = j;
        }
    }
  while (found > 0 && series->mark_t[found - 1] == series->mark_t[found])
    found--;

  if (best > max_distance)
    return FALSE;

  if (span_index != NULL)
    *span_index = series->mark_span != NULL ? series->mark_span[found] : found;
  return TRUE;
}

gboolean
pl_plot_layout_sample_at_time (PlPlotLayout *layout,
                               guint         panel,
                               gint64        time_ns,
                               gint64       *rss_bytes,
                               gint64       *alloc_bytes)
{
  const PlPlotSeries *series;
  gint64 rss = 0, alloc = 0;
  gboolean found;

  g_return_val_if_fail (layout != NULL, FALSE);
  g_return_val_if_fail (panel < layout->n_panels, FALSE);

  series = layout->panels[panel].series;
  if (series == NULL)
    return FALSE;

  found = pl_plot_track_value_at (&series->rss, time_ns, &rss);
  found = pl_plot_track_value_at (&series->alloc, time_ns, &alloc) || found;

  if (rss_bytes != NULL)
    *rss_bytes = rss;
  if (alloc_bytes != NULL)
    *alloc_bytes = alloc;

  return found;
}
