/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>

#include "pl-format.h"
#include "pl-plot-private.h"

typedef struct
{
  PlPlotLayout *layout;
  cairo_t      *cr;
  PangoContext *context;
  double        scale;         /* device pixels per user unit */
  double        columns_scale; /* decimation columns per user unit */
  PlPlotColumn *columns;
  guint         n_columns;
} Render;

static void
set_color (cairo_t       *cr,
           const PlColor *color)
{
  cairo_set_source_rgba (cr, color->red, color->green, color->blue, color->alpha);
}

/* Puts a line of @width centred on a device pixel boundary or centre, so
 * that axes and grid lines are crisp at every scale. */
static double
snap (Render *r,
      double  v,
      double  width)
{
  double device_width = round (width * r->scale);
  double offset = fmod (device_width, 2.0) == 1.0 ? 0.5 : 0.0;

  return (round (v * r->scale - offset) + offset) / r->scale;
}

static PangoLayout *
text_layout (Render      *r,
             double       size,
             PangoWeight  weight,
             const char  *text)
{
  PangoLayout *pl = pango_layout_new (r->context);
  PangoFontDescription *desc = pl_plot_layout_font (r->layout, size, weight);

  pango_layout_set_font_description (pl, desc);
  pango_layout_set_text (pl, text, -1);
  pango_font_description_free (desc);

  return pl;
}

static void
layout_size (PangoLayout *pl,
             double      *width,
             double      *height)
{
  PangoRectangle logical;

  pango_layout_get_extents (pl, NULL, &logical);
  if (width != NULL)
    *width = (double) logical.width / PANGO_SCALE;
  if (height != NULL)
    *height = (double) logical.height / PANGO_SCALE;
}

/* Draws @pl with its top-left corner at @x, @y. With @halo, a ring of the
 * background colour keeps the text readable over the data. */
static void
show_layout (Render        *r,
             PangoLayout   *pl,
             double         x,
             double         y,
             const PlColor *color,
             gboolean       halo)
{
  cairo_t *cr = r->cr;

  cairo_move_to (cr, x, y);
  if (halo)
    {
      cairo_save (cr);
      pango_cairo_layout_path (cr, pl);
      set_color (cr, &r->layout->palette.background);
      cairo_set_line_width (cr, 3.0);
      cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
      cairo_stroke (cr);
      cairo_restore (cr);
      cairo_move_to (cr, x, y);
    }
  set_color (cr, color);
  pango_cairo_show_layout (cr, pl);
}

static double
x_for_time (Render *r,
            gint64  t)
{
  return pl_plot_layout_x_for_time (r->layout, t);
}

static double
y_for (Render *r,
       guint   panel,
       gint64  bytes)
{
  return pl_plot_layout_y_for_bytes (r->layout, panel, (double) bytes);
}

/* --- data ---------------------------------------------------------------- */

/* The RSS line through the decimated columns: in a column holding several
 * samples, a vertical stroke from its minimum to its maximum. Returns
 * FALSE if there is nothing to draw. */
static gboolean
append_line_path (Render   *r,
                  guint     panel,
                  double   *first_x,
                  double   *last_x)
{
  cairo_t *cr = r->cr;
  gboolean started = FALSE;

  for (guint c = 0; c < r->n_columns + 2; c++)
    {
      const PlPlotColumn *col = &r->columns[c];
      double xf, xl, xm;

      if (col->count == 0)
        continue;

      xf = x_for_time (r, col->first_t);
      xl = x_for_time (r, col->last_t);
      if (!started)
        {
          cairo_move_to (cr, xf, y_for (r, panel, col->first));
          *first_x = xf;
          started = TRUE;
        }
      else
        cairo_line_to (cr, xf, y_for (r, panel, col->first));

      if (col->count > 1)
        {
          xm = (xf + xl) / 2;
          cairo_line_to (cr, xm, y_for (r, panel, col->min));
          cairo_line_to (cr, xm, y_for (r, panel, col->max));
          cairo_line_to (cr, xl, y_for (r, panel, col->last));
        }
      *last_x = xl;
    }

  return started;
}

/* The live bytes as steps: a value holds until the next event changes it,
 * so a free shows exactly when it happened. */
static gboolean
append_step_path (Render *r,
                  guint   panel,
                  gint64  end_ns)
{
  cairo_t *cr = r->cr;
  gboolean started = FALSE;
  gint64 level = 0;

  for (guint c = 0; c < r->n_columns + 2; c++)
    {
      const PlPlotColumn *col = &r->columns[c];
      double xf;

      if (col->count == 0)
        continue;

      xf = x_for_time (r, col->first_t);
      if (!started)
        {
          cairo_move_to (cr, xf, y_for (r, panel, col->first));
          started = TRUE;
        }
      else
        {
          cairo_line_to (cr, xf, y_for (r, panel, level));
          cairo_line_to (cr, xf, y_for (r, panel, col->first));
        }
      if (col->count > 1)
        {
          cairo_line_to (cr, xf, y_for (r, panel, col->min));
          cairo_line_to (cr, xf, y_for (r, panel, col->max));
          cairo_line_to (cr, xf, y_for (r, panel, col->last));
        }
      level = col->last;
    }

  if (started)
    cairo_line_to (cr, x_for_time (r, MAX (end_ns, r->layout->t0)), y_for (r, panel, level));

  return started;
}

static void
ensure_columns (Render           *r,
                const PlPlotRect *plot)
{
  guint n = (guint) CLAMP (ceil (plot->width * r->columns_scale), 1.0, 65536.0);

  if (n != r->n_columns)
    {
      g_free (r->columns);
      r->columns = g_new (PlPlotColumn, n + 2);
      r->n_columns = n;
    }
}

static void
draw_rss (Render             *r,
          guint               panel,
          const PlPlotSeries *series)
{
  cairo_t *cr = r->cr;
  PlPlotLayout *layout = r->layout;
  double first_x = 0, last_x = 0, zero_y;

  pl_plot_track_decimate (&series->rss, layout->t0, layout->t1, r->n_columns, r->columns);

  zero_y = y_for (r, panel, 0);
  cairo_new_path (cr);
  if (!append_line_path (r, panel, &first_x, &last_x))
    return;

  /* The fill down to zero, then the line over it. */
  cairo_save (cr);
  cairo_line_to (cr, last_x, zero_y);
  cairo_line_to (cr, first_x, zero_y);
  cairo_close_path (cr);
  set_color (cr, &layout->palette.rss_fill);
  cairo_fill (cr);
  cairo_restore (cr);

  cairo_new_path (cr);
  append_line_path (r, panel, &first_x, &last_x);
  set_color (cr, &layout->palette.rss_line);
  cairo_set_line_width (cr, 1.5);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_stroke (cr);
}

static void
draw_alloc (Render             *r,
            guint               panel,
            const PlPlotSeries *series)
{
  cairo_t *cr = r->cr;
  PlPlotLayout *layout = r->layout;

  pl_plot_track_decimate (&series->alloc, layout->t0, layout->t1, r->n_columns, r->columns);

  cairo_new_path (cr);
  if (!append_step_path (r, panel, series->end_ns))
    return;

  set_color (cr, &layout->palette.alloc_line);
  cairo_set_line_width (cr, 1.5);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_MITER);
  cairo_stroke (cr);
}

static void
stroke_mark_columns (Render        *r,
                     const gint64  *columns,
                     gsize          n,
                     double         top,
                     double         bottom,
                     const PlColor *color,
                     double         width,
                     gboolean       dashed)
{
  PlPlotLayout *layout = r->layout;
  cairo_t *cr = r->cr;
  double period = 0.0;

  for (int d = 0; d < layout->n_mark_dashes; d++)
    period += layout->mark_dashes[d];
  period *= r->scale;

  /* Where marks are closer than the dash period, their dashes would line
   * up into horizontal stripes: those are drawn solid and lighter, as a
   * tint that still shows every mark. */
  for (int pass = 0; pass < 2; pass++)
    {
      gboolean dense_pass = pass == 1;
      gboolean any = FALSE;

      cairo_new_path (cr);
      for (gsize i = 0; i < n; i++)
        {
          gboolean dense = dashed
                           && ((i > 0 && columns[i] - columns[i - 1] < period)
                               || (i + 1 < n && columns[i + 1] - columns[i] < period));
          double x;

          if (dense != dense_pass)
            continue;
          x = ((double) columns[i] + 0.5) / r->scale;
          cairo_move_to (cr, x, bottom);
          cairo_line_to (cr, x, top);
          any = TRUE;
        }
      if (!any)
        continue;

      cairo_save (cr);
      cairo_set_source_rgba (cr, color->red, color->green, color->blue,
                             color->alpha * (dense_pass ? 0.5 : 1.0));
      cairo_set_line_width (cr, width);
      cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
      if (dashed && !dense_pass)
        cairo_set_dash (cr, layout->mark_dashes, layout->n_mark_dashes, 0.0);
      cairo_stroke (cr);
      cairo_restore (cr);
    }
}

/* Every mark is drawn, but marks falling on one device pixel are one line
 * (a single stroke does not darken where its parts overlap anyway), so a
 * loop of 100 000 iterations costs at most one line per pixel column. */
static void
draw_marks (Render             *r,
            guint               panel,
            const PlPlotSeries *series)
{
  PlPlotLayout *layout = r->layout;
  const PlPlotRect *plot = &layout->panels[panel].plot;
  g_autoptr(GArray) normal = NULL;
  g_autoptr(GArray) highlighted = NULL;
  gsize i0, i1;
  gint32 highlight = layout->options.highlight_line;

  if (!layout->mark_visible || series->n_marks == 0)
    return;

  i0 = pl_plot_series_mark_lower_bound (series, layout->t0);
  i1 = pl_plot_series_mark_lower_bound (series, layout->t1 + 1);
  normal = g_array_sized_new (FALSE, FALSE, sizeof (gint64), MIN (i1 - i0, (gsize) r->n_columns + 2));
  highlighted = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (gsize i = i0; i < i1; i++)
    {
      gint64 column = (gint64) floor (x_for_time (r, series->mark_t[i]) * r->scale);
      GArray *target = highlight != 0 && series->mark_line[i] == highlight ? highlighted : normal;

      if (target->len > 0 && g_array_index (target, gint64, target->len - 1) == column)
        continue;
      g_array_append_val (target, column);
    }

  stroke_mark_columns (r, (const gint64 *) (gpointer) normal->data, normal->len,
                       plot->y, plot->y + plot->height, &layout->mark_color, 1.0,
                       layout->n_mark_dashes > 0);
  stroke_mark_columns (r, (const gint64 *) (gpointer) highlighted->data, highlighted->len,
                       plot->y, plot->y + plot->height, &layout->palette.highlight, 1.5,
                       layout->n_mark_dashes > 0);
}

/* The line numbers above the marks, rotated, each centred on its mark;
 * one that would overprint the previous label is left out. */
static void
draw_mark_labels (Render             *r,
                  guint               panel,
                  const PlPlotSeries *series)
{
  cairo_t *cr = r->cr;
  PlPlotLayout *layout = r->layout;
  const PlPlotRect *strip = &layout->panels[panel].strip;
  g_autoptr(GHashTable) cache = NULL;
  double last_right = -G_MAXDOUBLE;
  double thickness = layout->mark_label_thickness;
  double baseline = strip->y + strip->height - 3.0;
  gsize i0, i1;

  if (series->n_marks == 0)
    return;

  i0 = pl_plot_series_mark_lower_bound (series, layout->t0);
  i1 = pl_plot_series_mark_lower_bound (series, layout->t1 + 1);
  cache = g_hash_table_new_full (NULL, NULL, NULL, g_object_unref);

  cairo_save (cr);
  cairo_rotate (cr, -G_PI / 2);
  pango_cairo_update_context (cr, r->context);

  for (gsize i = i0; i < i1; i++)
    {
      double x = x_for_time (r, series->mark_t[i]);
      gint32 line = series->mark_line[i];
      gboolean highlighted = layout->options.highlight_line != 0 && line == layout->options.highlight_line;
      PangoLayout *pl;
      double width;

      if (!pl_plot_label_fits (x, thickness, thickness * 0.6, &last_right))
        continue;

      pl = g_hash_table_lookup (cache, GINT_TO_POINTER (line));
      if (pl == NULL)
        {
          g_autofree char *text = g_strdup_printf ("%d", line);

          pl = text_layout (r, layout->mark_size, highlighted ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL, text);
          g_hash_table_insert (cache, GINT_TO_POINTER (line), pl);
        }
      layout_size (pl, &width, NULL);
      /* In the rotated frame, x runs up the screen and y to its right. */
      cairo_move_to (cr, -baseline, x - thickness / 2);
      set_color (cr, highlighted ? &layout->palette.highlight : &layout->palette.muted_text);
      pango_cairo_show_layout (cr, pl);
    }

  cairo_restore (cr);
  pango_cairo_update_context (cr, r->context);
}

static void
draw_peak (Render             *r,
           guint               panel,
           const PlPlotSeries *series)
{
  cairo_t *cr = r->cr;
  PlPlotLayout *layout = r->layout;
  const PlPlotRect *plot = &layout->panels[panel].plot;
  gint64 t = series->rss.t[series->rss.max_index * series->rss.t_stride];
  double x, y;

  if (t < layout->t0 || t > layout->t1)
    return;

  x = x_for_time (r, t);
  y = y_for (r, panel, series->rss.max);

  cairo_new_path (cr);
  cairo_arc (cr, x, y, 3.5, 0, 2 * G_PI);
  set_color (cr, &layout->palette.background);
  cairo_set_line_width (cr, 3.0);
  cairo_stroke_preserve (cr);
  set_color (cr, &layout->palette.peak);
  cairo_fill (cr);

  if (layout->show_text)
    {
      g_autofree char *text = pl_format_mebibytes (series->rss.max, 1);
      g_autoptr(PangoLayout) pl = text_layout (r, layout->tick_size, PANGO_WEIGHT_BOLD, text);
      double w, h, tx;

      layout_size (pl, &w, &h);
      tx = x + 8.0;
      if (tx + w > plot->x + plot->width + layout->pad)
        tx = x - 8.0 - w;
      show_layout (r, pl, tx, CLAMP (y - h / 2, plot->y - h / 2, plot->y + plot->height - h),
                   &layout->palette.peak, TRUE);
    }
}

/* --- axes and text ------------------------------------------------------- */

static void
draw_grid (Render *r,
           guint   panel)
{
  cairo_t *cr = r->cr;
  PlPlotLayout *layout = r->layout;
  const PlPlotRect *plot = &layout->panels[panel].plot;

  cairo_new_path (cr);
  for (guint i = 0; i < layout->n_y_ticks; i++)
    {
      double y = snap (r, y_for (r, panel, (gint64) (layout->y_ticks[i] * PL_PLOT_MIB)), 1.0);

      if (layout->y_ticks[i] == 0.0 && layout->y_min == 0.0)
        continue; /* the bottom spine */
      cairo_move_to (cr, plot->x, y);
      cairo_line_to (cr, plot->x + plot->width, y);
    }
  set_color (cr, &layout->palette.grid);
  cairo_set_line_width (cr, 1.0);
  cairo_stroke (cr);

  if (layout->y_min < 0)
    {
      double y = snap (r, y_for (r, panel, 0), 1.0);

      cairo_move_to (cr, plot->x, y);
      cairo_line_to (cr, plot->x + plot->width, y);
      set_color (cr, &layout->palette.axis);
      cairo_set_line_width (cr, 1.0);
      cairo_stroke (cr);
    }
}

static void
draw_axes (Render *r,
           guint   panel)
{
  cairo_t *cr = r->cr;
  PlPlotLayout *layout = r->layout;
  const PlPlotRect *plot = &layout->panels[panel].plot;
  gboolean bottom_panel = panel + 1 == layout->n_panels;
  double left = snap (r, plot->x, 1.0);
  double bottom = snap (r, plot->y + plot->height, 1.0);

  /* The left and bottom spines; top and right are hidden. */
  cairo_new_path (cr);
  cairo_move_to (cr, left, plot->y);
  cairo_line_to (cr, left, bottom);
  cairo_line_to (cr, plot->x + plot->width, bottom);

  for (guint i = 0; i < layout->n_y_ticks; i++)
    {
      double y = snap (r, y_for (r, panel, (gint64) (layout->y_ticks[i] * PL_PLOT_MIB)), 1.0);

      cairo_move_to (cr, left, y);
      cairo_line_to (cr, left - layout->tick_length, y);
    }
  for (guint i = 0; i < layout->n_x_ticks; i++)
    {
      double x = snap (r, x_for_time (r, (gint64) llround (layout->x_ticks[i] * 1e9)), 1.0);

      cairo_move_to (cr, x, bottom);
      cairo_line_to (cr, x, bottom + layout->tick_length);
    }
  set_color (cr, &layout->palette.axis);
  cairo_set_line_width (cr, 1.0);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_SQUARE);
  cairo_stroke (cr);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);

  if (!layout->show_text)
    return;

  for (guint i = 0; i < layout->n_y_ticks; i++)
    {
      g_autofree char *text = pl_format_tick (layout->y_ticks[i], layout->y_decimals);
      g_autoptr(PangoLayout) pl = text_layout (r, layout->tick_size, PANGO_WEIGHT_NORMAL, text);
      double w, h, y = y_for (r, panel, (gint64) (layout->y_ticks[i] * PL_PLOT_MIB));

      layout_size (pl, &w, &h);
      show_layout (r, pl, left - layout->tick_length - 4.0 - w, y - h / 2,
                   &layout->palette.text, FALSE);
    }

  /* "Memory (MiB)", rotated, centred on the panel's data. */
  {
    g_autoptr(PangoLayout) pl = text_layout (r, layout->axis_size, PANGO_WEIGHT_NORMAL, _("Memory (MiB)"));
    double w, h;

    layout_size (pl, &w, &h);
    cairo_save (cr);
    cairo_rotate (cr, -G_PI / 2);
    pango_cairo_update_context (cr, r->context);
    pango_layout_context_changed (pl);
    cairo_move_to (cr, -(plot->y + plot->height / 2 + w / 2), layout->y_label_x);
    set_color (cr, &layout->palette.muted_text);
    pango_cairo_show_layout (cr, pl);
    cairo_restore (cr);
    pango_cairo_update_context (cr, r->context);
  }

  /* The shared time axis is labelled under the bottom panel only. */
  if (!bottom_panel)
    return;

  for (guint i = 0; i < layout->n_x_ticks; i++)
    {
      g_autofree char *text = pl_format_tick (layout->x_ticks[i], layout->x_decimals);
      g_autoptr(PangoLayout) pl = text_layout (r, layout->tick_size, PANGO_WEIGHT_NORMAL, text);
      double w, x = x_for_time (r, (gint64) llround (layout->x_ticks[i] * 1e9));

      layout_size (pl, &w, NULL);
      show_layout (r, pl, x - w / 2, bottom + layout->tick_length + 3.0, &layout->palette.text, FALSE);
    }

  {
    g_autoptr(PangoLayout) pl = text_layout (r, layout->axis_size, PANGO_WEIGHT_NORMAL, _("Time (s)"));
    double w;

    layout_size (pl, &w, NULL);
    show_layout (r, pl, plot->x + plot->width / 2 - w / 2, layout->x_title_y,
                 &layout->palette.muted_text, FALSE);
  }
}

/* The legend: a swatch of the RSS fill and a little step of the live
 * bytes. Returns its width (0 if it is not drawn). */
static double
legend_width (Render  *r,
              gboolean draw,
              double   right,
              double   center_y)
{
  PlPlotLayout *layout = r->layout;
  cairo_t *cr = r->cr;
  g_autoptr(PangoLayout) rss = text_layout (r, layout->legend_size, PANGO_WEIGHT_NORMAL, _("Resident (RSS)"));
  g_autoptr(PangoLayout) alloc = text_layout (r, layout->legend_size, PANGO_WEIGHT_NORMAL, _("Allocated"));
  gboolean show_rss = !(layout->options.flags & PL_PLOT_HIDE_RSS);
  gboolean show_alloc = !(layout->options.flags & PL_PLOT_HIDE_ALLOC);
  const double swatch = 16.0, gap = 5.0, spacing = 14.0;
  double rw, rh, aw, ah, width = 0, x;

  layout_size (rss, &rw, &rh);
  layout_size (alloc, &aw, &ah);
  if (show_rss)
    width += swatch + gap + rw;
  if (show_alloc)
    width += (width > 0 ? spacing : 0) + swatch + gap + aw;
  if (!draw || width == 0)
    return width;

  x = right - width;
  if (show_rss)
    {
      cairo_rectangle (cr, x, center_y - 4.0, swatch, 8.0);
      set_color (cr, &layout->palette.rss_fill);
      cairo_fill (cr);
      cairo_move_to (cr, x, snap (r, center_y - 4.0, 1.5));
      cairo_line_to (cr, x + swatch, snap (r, center_y - 4.0, 1.5));
      set_color (cr, &layout->palette.rss_line);
      cairo_set_line_width (cr, 1.5);
      cairo_stroke (cr);
      show_layout (r, rss, x + swatch + gap, center_y - rh / 2, &layout->palette.text, FALSE);
      x += swatch + gap + rw + spacing;
    }
  if (show_alloc)
    {
      cairo_move_to (cr, x, center_y + 3.5);
      cairo_line_to (cr, x + swatch / 2, center_y + 3.5);
      cairo_line_to (cr, x + swatch / 2, center_y - 3.5);
      cairo_line_to (cr, x + swatch, center_y - 3.5);
      set_color (cr, &layout->palette.alloc_line);
      cairo_set_line_width (cr, 1.5);
      cairo_stroke (cr);
      show_layout (r, alloc, x + swatch + gap, center_y - ah / 2, &layout->palette.text, FALSE);
    }

  return width;
}

static void
draw_header (Render *r,
             guint   panel_index)
{
  PlPlotLayout *layout = r->layout;
  PlPlotPanel *panel = &layout->panels[panel_index];
  g_autoptr(PangoLayout) name = text_layout (r, layout->name_size, PANGO_WEIGHT_BOLD, panel->name);
  g_autoptr(PangoLayout) title = text_layout (r, layout->title_size, PANGO_WEIGHT_NORMAL, panel->title);
  double nw, nh, th, legend = 0, available, center_y, title_x;

  layout_size (name, &nw, &nh);
  layout_size (title, NULL, &th);
  center_y = panel->header.y + nh / 2;

  if (panel_index == 0 && !(layout->options.flags & PL_PLOT_HIDE_LEGEND))
    {
      legend = legend_width (r, FALSE, 0, 0);
      /* A narrow plot keeps its title and drops the legend. */
      if (legend + 24.0 + nw + 16.0 + 120.0 > panel->header.width)
        legend = 0;
      else
        legend_width (r, TRUE, panel->header.x + panel->header.width, center_y);
    }

  show_layout (r, name, panel->header.x, panel->header.y, &layout->palette.text, FALSE);

  title_x = panel->header.x + (nw > 0 ? nw + 14.0 : 0.0);
  available = panel->header.x + panel->header.width - title_x - (legend > 0 ? legend + 24.0 : 0.0);
  if (available <= 0)
    return;
  pango_layout_set_width (title, (int) (available * PANGO_SCALE));
  pango_layout_set_ellipsize (title, PANGO_ELLIPSIZE_END);
  show_layout (r, title, title_x, center_y - th / 2, &layout->palette.muted_text, FALSE);
}

static void
draw_panel (Render *r,
            guint   index)
{
  cairo_t *cr = r->cr;
  PlPlotLayout *layout = r->layout;
  PlPlotPanel *panel = &layout->panels[index];
  const PlPlotSeries *series = panel->series;
  const PlPlotRect *plot = &panel->plot;
  gboolean empty = series == NULL || (!series->has_samples && series->alloc.n <= 1 && series->n_marks == 0);

  draw_grid (r, index);

  if (!empty)
    {
      ensure_columns (r, plot);

      cairo_save (cr);
      cairo_rectangle (cr, plot->x, plot->y - 2.0, plot->width + 2.0, plot->height + 2.0);
      cairo_clip (cr);

      if (series->has_samples && !(layout->options.flags & PL_PLOT_HIDE_RSS))
        draw_rss (r, index, series);
      if (layout->show_marks)
        draw_marks (r, index, series);
      if (series->alloc.n > 0 && !(layout->options.flags & PL_PLOT_HIDE_ALLOC))
        draw_alloc (r, index, series);

      cairo_restore (cr);
    }

  draw_axes (r, index);

  if (series != NULL && layout->show_marks && layout->show_text)
    draw_mark_labels (r, index, series);

  if (series != NULL && series->has_samples && !(layout->options.flags & PL_PLOT_HIDE_PEAK))
    draw_peak (r, index, series);

  if (layout->show_text)
    {
      draw_header (r, index);

      if (series == NULL || !series->has_samples)
        {
          const char *message = series == NULL ? _("nothing to show") : _("no samples");
          g_autoptr(PangoLayout) pl = text_layout (r, layout->title_size, PANGO_WEIGHT_NORMAL, message);
          double w, h;

          layout_size (pl, &w, &h);
          show_layout (r, pl, plot->x + plot->width / 2 - w / 2, plot->y + plot->height / 2 - h / 2,
                       &layout->palette.muted_text, TRUE);
        }
    }
}

void
pl_plot_layout_render (PlPlotLayout *layout,
                       cairo_t      *cr)
{
  Render r = { 0 };
  double dx = 1.0, dy = 0.0;
  cairo_surface_type_t type;

  g_return_if_fail (layout != NULL);
  g_return_if_fail (cr != NULL);

  r.layout = layout;
  r.cr = cr;

  cairo_user_to_device_distance (cr, &dx, &dy);
  r.scale = MAX (hypot (dx, dy), 1e-3);

  /* Vector surfaces keep more detail than a pixel: two columns per unit. */
  type = cairo_surface_get_type (cairo_get_target (cr));
  if (type == CAIRO_SURFACE_TYPE_PDF || type == CAIRO_SURFACE_TYPE_SVG
      || type == CAIRO_SURFACE_TYPE_PS || type == CAIRO_SURFACE_TYPE_RECORDING)
    r.columns_scale = MAX (r.scale, 2.0);
  else
    r.columns_scale = MAX (r.scale, 1.0);

  cairo_save (cr);

  if (!(layout->options.flags & PL_PLOT_NO_BACKGROUND))
    {
      set_color (cr, &layout->palette.background);
      cairo_paint (cr);
    }

  r.context = pango_cairo_create_context (cr);
  pl_plot_apply_font_options (r.context);

  for (guint i = 0; i < layout->n_panels; i++)
    draw_panel (&r, i);

  g_object_unref (r.context);
  g_free (r.columns);

  cairo_restore (cr);
}

void
pl_plot_render (cairo_t             *cr,
                double               width,
                double               height,
                PlRun               *run,
                const PlPlotOptions *options)
{
  g_autoptr(PlPlotLayout) layout = NULL;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (PL_IS_RUN (run));

  layout = pl_plot_layout_new (run, width, height, options);
  pl_plot_layout_render (layout, cr);
}
