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
  gboolean      raster;        /* ends up as pixels (not PDF, SVG or PS) */
  gboolean      grid_drawn;    /* in the current panel */
  PlPlotColumn *columns;       /* the last decimation (owned by the layout) */
  guint         n_columns;
  guint         plot_columns;  /* columns across the plot at columns_scale */
} Render;

static void
set_color (cairo_t       *cr,
           const PlColor *color)
{
  cairo_set_source_rgba (cr, color->red, color->green, color->blue, color->alpha);
}

/* The RSS fill, blended over the background ahead of time when we paint
 * that background ourselves (exports): an opaque fill is faster to
 * composite, and nothing is drawn under it but the background. Over the
 * caller's background (the window's), it stays translucent. */
static void
set_fill_color (Render *r)
{
  const PlColor *fill = &r->layout->palette.rss_fill;
  const PlColor *bg = &r->layout->palette.background;

  if (bg->alpha < 1.f || (r->layout->options.flags & PL_PLOT_NO_BACKGROUND))
    {
      set_color (r->cr, fill);
      return;
    }
  cairo_set_source_rgb (r->cr,
                        fill->red * fill->alpha + bg->red * (1 - fill->alpha),
                        fill->green * fill->alpha + bg->green * (1 - fill->alpha),
                        fill->blue * fill->alpha + bg->blue * (1 - fill->alpha));
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

static void draw_grid (Render *r,
                       guint   panel);

/* --- data ---------------------------------------------------------------- */

/* The RSS through the decimated columns, for views of few samples (see
 * draw_rss()): in a column holding several samples the line runs from the
 * first through the minimum and maximum to the last. With @area, it goes
 * on down to zero and back: the area under the curve. */
static gboolean
append_rss_path (Render   *r,
                 guint     panel,
                 gboolean  area)
{
  cairo_t *cr = r->cr;
  gboolean started = FALSE;
  double first_x = 0, last_x = 0;

  for (guint c = 0; c < r->n_columns + 2; c++)
    {
      const PlPlotColumn *col = &r->columns[c];
      double xf, xl, xm;

      if (col->count == 0)
        continue;

      xf = x_for_time (r, col->first_t);
      xl = x_for_time (r, col->last_t);
      xm = (xf + xl) / 2;
      if (!started)
        {
          cairo_move_to (cr, xf, y_for (r, panel, col->first));
          first_x = xf;
          started = TRUE;
        }
      else
        cairo_line_to (cr, xf, y_for (r, panel, col->first));
      if (col->count > 1)
        {
          cairo_line_to (cr, xm, y_for (r, panel, col->min));
          cairo_line_to (cr, xm, y_for (r, panel, col->max));
          cairo_line_to (cr, xl, y_for (r, panel, col->last));
        }
      last_x = xl;
    }

  if (started && area)
    {
      cairo_line_to (cr, last_x, y_for (r, panel, 0));
      cairo_line_to (cr, first_x, y_for (r, panel, 0));
      cairo_close_path (cr);
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

/* Decimates @track into @n columns between @t0 and @t1, reusing the
 * layout's last result for this panel and track: a window redraws the same
 * layout many times (hover, highlight), and the data do not change. */
static void
decimate (Render            *r,
          guint              panel,
          gboolean           alloc,
          const PlPlotTrack *track,
          gint64             t0,
          gint64             t1,
          guint              n)
{
  PlPlotColumnCache *cache = alloc ? &r->layout->panels[panel].alloc_cache
                                   : &r->layout->panels[panel].rss_cache;

  if (cache->columns == NULL || cache->t0 != t0 || cache->t1 != t1 || cache->n != n)
    {
      g_free (cache->columns);
      cache->columns = g_new (PlPlotColumn, n + 2);
      cache->t0 = t0;
      cache->t1 = t1;
      cache->n = n;
      pl_plot_track_decimate (track, t0, t1, n, cache->columns);
    }

  r->columns = cache->columns;
  r->n_columns = n;
}

/* Beyond this many points in view, an image target gets the RSS drawn per
 * device pixel column instead of as a path: cairo's scan converter slows
 * down with thousands of long, steep edges, boxes are its fast path. */
#define MAX_PATH_POINTS 1024

static double
interpolate (gint64 ta,
             gint64 va,
             gint64 tb,
             gint64 vb,
             gint64 t)
{
  if (tb <= ta)
    return (double) vb;
  t = CLAMP (t, ta, tb);
  return (double) va + (double) (vb - va) * ((double) (t - ta) / (double) (tb - ta));
}

/* A band over device pixel columns d0 + 1 .. d0 + n, from top[c] to
 * bottom[c] in each (NAN: a gap), as one rectilinear polygon per run of
 * columns: along the tops, back along the bottoms. Cairo fills such a
 * path several times faster than as many narrow rectangles. */
static void
append_column_band (Render       *r,
                    double        d0,
                    guint         n,
                    const double *top,
                    const double *bottom)
{
  cairo_t *cr = r->cr;
  guint c = 1;

  cairo_new_path (cr);
  while (c <= n)
    {
      guint start, end;

      if (isnan (top[c]))
        {
          c++;
          continue;
        }

      start = c;
      while (c <= n && !isnan (top[c]))
        c++;
      end = c;   /* one past the run */

      cairo_move_to (cr, (d0 + start - 1) / r->scale, top[start]);
      for (guint i = start; i < end; i++)
        {
          cairo_line_to (cr, (d0 + i - 1) / r->scale, top[i]);
          cairo_line_to (cr, (d0 + i) / r->scale, top[i]);
        }
      for (guint i = end; i-- > start;)
        {
          cairo_line_to (cr, (d0 + i) / r->scale, bottom[i]);
          cairo_line_to (cr, (d0 + i - 1) / r->scale, bottom[i]);
        }
      cairo_close_path (cr);
    }
}

/* The RSS line and its fill as boxes, one device pixel column each: the
 * fill from zero to the line's extreme in the column, the line as the
 * range the polyline covers in the column (its samples and the segments
 * crossing it), widened by the line width. Exact at the pixel. */
static void
draw_rss_columns (Render             *r,
                  guint               panel,
                  const PlPlotSeries *series)
{
  cairo_t *cr = r->cr;
  PlPlotLayout *layout = r->layout;
  const PlPlotRect *plot = &layout->panels[panel].plot;
  double d0 = floor (plot->x * r->scale);
  double d1 = ceil ((plot->x + plot->width) * r->scale);
  guint n = (guint) MAX (d1 - d0, 1.0);
  double per_unit = (double) (layout->t1 - layout->t0) / plot->width;
  gint64 ta = layout->t0 + (gint64) floor ((d0 / r->scale - plot->x) * per_unit);
  gint64 tb = layout->t0 + (gint64) ceil ((d1 / r->scale - plot->x) * per_unit);
  g_autofree double *lo = NULL;
  g_autofree double *hi = NULL;
  g_autofree guint *next = NULL;
  g_autofree double *top = NULL;
  g_autofree double *bottom = NULL;
  const double lw = 1.5;
  int k = (int) floor (lw * r->scale / 2.0);
  gboolean have_prev = FALSE;
  gint64 prev_t = 0, prev_v = 0;

  if (tb <= ta)
    return;

  decimate (r, panel, FALSE, &series->rss, ta, tb, n);

  lo = g_new (double, n + 2);
  hi = g_new (double, n + 2);
  next = g_new (guint, n + 2);
  top = g_new (double, n + 2);
  bottom = g_new (double, n + 2);

  /* The next non-empty column after each column. */
  next[n + 1] = n + 2;
  for (guint c = n + 1; c-- > 0;)
    next[c] = r->columns[c + 1].count > 0 ? c + 1 : next[c + 1];

  for (guint c = 0; c < n + 2; c++)
    {
      const PlPlotColumn *col = &r->columns[c];
      const PlPlotColumn *after = next[c] < n + 2 ? &r->columns[next[c]] : NULL;
      gint64 edge_a = ta + (gint64) ((double) (tb - ta) * ((double) c - 1) / n);
      gint64 edge_b = ta + (gint64) ((double) (tb - ta) * (double) c / n);

      lo[c] = G_MAXDOUBLE;
      hi[c] = -G_MAXDOUBLE;

      if (col->count > 0)
        {
          lo[c] = (double) col->min;
          hi[c] = (double) col->max;
          if (have_prev && c > 0)
            {
              double v = interpolate (prev_t, prev_v, col->first_t, col->first, edge_a);

              lo[c] = MIN (lo[c], v);
              hi[c] = MAX (hi[c], v);
            }
          if (after != NULL && c <= n)
            {
              double v = interpolate (col->last_t, col->last, after->first_t, after->first, edge_b);

              lo[c] = MIN (lo[c], v);
              hi[c] = MAX (hi[c], v);
            }
          have_prev = TRUE;
          prev_t = col->last_t;
          prev_v = col->last;
        }
      else if (have_prev && after != NULL)
        {
          double va = interpolate (prev_t, prev_v, after->first_t, after->first, edge_a);
          double vb = interpolate (prev_t, prev_v, after->first_t, after->first, edge_b);

          lo[c] = MIN (va, vb);
          hi[c] = MAX (va, vb);
        }
    }

  /* The fill: from zero to the farthest point of the line; on whole
   * pixels, as the line covers the top edge and the axis or the zero line
   * the bottom one. */
  for (guint c = 1; c <= n; c++)
    {
      if (lo[c] > hi[c])
        {
          top[c] = bottom[c] = NAN;
          continue;
        }
      top[c] = round (pl_plot_layout_y_for_bytes (layout, panel, MAX (hi[c], 0.0)) * r->scale) / r->scale;
      bottom[c] = round (pl_plot_layout_y_for_bytes (layout, panel, MIN (lo[c], 0.0)) * r->scale) / r->scale;
    }
  append_column_band (r, d0, n, top, bottom);
  set_fill_color (r);
  cairo_fill (cr);
  draw_grid (r, panel);

  /* The line: each column's range, widened across the line width's worth
   * of neighbouring columns so steep parts are as thick as flat ones. */
  for (guint c = 1; c <= n; c++)
    {
      double l = G_MAXDOUBLE, h = -G_MAXDOUBLE;

      top[c] = bottom[c] = NAN;
      if (lo[c] > hi[c])
        continue;
      for (int d = -k; d <= k; d++)
        {
          int j = (int) c + d;

          if (j < 1 || j > (int) n || lo[j] > hi[j])
            continue;
          l = MIN (l, lo[j]);
          h = MAX (h, hi[j]);
        }
      top[c] = pl_plot_layout_y_for_bytes (layout, panel, h) - lw / 2;
      bottom[c] = pl_plot_layout_y_for_bytes (layout, panel, l) + lw / 2;
    }
  append_column_band (r, d0, n, top, bottom);
  set_color (cr, &layout->palette.rss_line);
  cairo_fill (cr);
}

static void
draw_rss (Render             *r,
          guint               panel,
          const PlPlotSeries *series)
{
  cairo_t *cr = r->cr;
  PlPlotLayout *layout = r->layout;
  gsize first, last;

  /* Few points in view: a true path, the nicest at any zoom. */
  first = pl_plot_track_lower_bound (&series->rss, layout->t0);
  last = pl_plot_track_lower_bound (&series->rss, layout->t1);
  if (r->raster && last - first > MAX_PATH_POINTS)
    {
      draw_rss_columns (r, panel, series);
      return;
    }

  decimate (r, panel, FALSE, &series->rss, layout->t0, layout->t1, r->plot_columns);

  /* The fill down to zero, then the line over it. */
  cairo_new_path (cr);
  if (!append_rss_path (r, panel, TRUE))
    return;
  set_fill_color (r);
  cairo_fill (cr);
  draw_grid (r, panel);

  cairo_new_path (cr);
  append_rss_path (r, panel, FALSE);
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

  decimate (r, panel, TRUE, &series->alloc, layout->t0, layout->t1, r->plot_columns);

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
  period *= r->scale * 2.0;   /* in half device pixels, as the keys */

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
          x = (double) columns[i] / (r->scale * 2.0);
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
  normal = g_array_sized_new (FALSE, FALSE, sizeof (gint64), MIN (i1 - i0, (gsize) r->plot_columns + 2));
  highlighted = g_array_new (FALSE, FALSE, sizeof (gint64));

  /* A mark's position is snapped to the device grid (crisp lines); the
   * key of a position is in half device pixels. */
  for (gsize i = i0; i < i1; i++)
    {
      gboolean is_highlight = highlight != 0 && series->mark_line[i] == highlight;
      double x = snap (r, x_for_time (r, series->mark_t[i]), is_highlight ? 2.0 : 1.0);
      gint64 key = (gint64) llround (x * r->scale * 2.0);
      GArray *target = is_highlight ? highlighted : normal;

      if (target->len > 0 && g_array_index (target, gint64, target->len - 1) == key)
        continue;
      g_array_append_val (target, key);
    }

  stroke_mark_columns (r, (const gint64 *) (gpointer) normal->data, normal->len,
                       plot->y, plot->y + plot->height, &layout->mark_color, 1.0,
                       layout->n_mark_dashes > 0);
  stroke_mark_columns (r, (const gint64 *) (gpointer) highlighted->data, highlighted->len,
                       plot->y, plot->y + plot->height, &layout->palette.highlight, 2.0,
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
  g_autofree double *xs = NULL;
  g_autofree gboolean *keep = NULL;
  double thickness = layout->mark_label_thickness;
  double baseline = strip->y + strip->height - 3.0;
  gsize i0, i1;

  if (series->n_marks == 0)
    return;

  i0 = pl_plot_series_mark_lower_bound (series, layout->t0);
  i1 = pl_plot_series_mark_lower_bound (series, layout->t1 + 1);
  if (i1 <= i0)
    return;

  xs = g_new (double, i1 - i0);
  keep = g_new (gboolean, i1 - i0);
  for (gsize i = i0; i < i1; i++)
    xs[i - i0] = x_for_time (r, series->mark_t[i]);

  /* The selected line's labels win over their neighbours. */
  if (layout->options.highlight_line != 0)
    {
      g_autofree gint64 *priority = g_new (gint64, i1 - i0);

      for (gsize i = i0; i < i1; i++)
        priority[i - i0] = series->mark_line[i] == layout->options.highlight_line
                           ? G_MAXINT64 : series->mark_duration[i];
      pl_plot_place_labels (xs, priority, i1 - i0, thickness, thickness * 0.6, keep);
    }
  else
    pl_plot_place_labels (xs, series->mark_duration + i0, i1 - i0, thickness, thickness * 0.6, keep);

  cache = g_hash_table_new_full (NULL, NULL, NULL, g_object_unref);

  cairo_save (cr);
  cairo_rotate (cr, -G_PI / 2);
  pango_cairo_update_context (cr, r->context);

  for (gsize i = i0; i < i1; i++)
    {
      double x = xs[i - i0];
      gint32 line = series->mark_line[i];
      gboolean highlighted = layout->options.highlight_line != 0 && line == layout->options.highlight_line;
      PangoLayout *pl;

      if (!keep[i - i0])
        continue;

      pl = g_hash_table_lookup (cache, GINT_TO_POINTER (line));
      if (pl == NULL)
        {
          g_autofree char *text = g_strdup_printf ("%d", line);

          pl = text_layout (r, layout->mark_size, highlighted ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL, text);
          g_hash_table_insert (cache, GINT_TO_POINTER (line), pl);
        }
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

  /* At the highest sample; above it if the run layer knows of a higher
   * peak between two samples (then the dot floats over the line). */
  x = x_for_time (r, t);
  y = y_for (r, panel, series->peak_rss);

  cairo_new_path (cr);
  cairo_arc (cr, x, y, 3.5, 0, 2 * G_PI);
  set_color (cr, &layout->palette.background);
  cairo_set_line_width (cr, 3.0);
  cairo_stroke_preserve (cr);
  if (series->peak_rss > series->rss.max)
    {
      /* A peak no sample saw: a ring, not a dot. */
      cairo_fill_preserve (cr);
      set_color (cr, &layout->palette.peak);
      cairo_set_line_width (cr, 1.5);
      cairo_stroke (cr);
    }
  else
    {
      set_color (cr, &layout->palette.peak);
      cairo_fill (cr);
    }

  if (layout->show_text)
    {
      g_autofree char *text = pl_format_mebibytes (series->peak_rss, 1);
      g_autoptr(PangoLayout) pl = text_layout (r, layout->tick_size, PANGO_WEIGHT_BOLD, text);
      double w, h, tx;

      layout_size (pl, &w, &h);
      /* Above the dot (the lines around a peak are often flat: beside it,
       * they would cross the text), reaching into the line number strip
       * if the headroom is short; beside it only in a tiny panel. */
      if (y - 5.0 - h >= layout->panels[panel].strip.y)
        show_layout (r, pl, CLAMP (x - w / 2, plot->x + 2.0, plot->x + plot->width + layout->pad - w),
                     y - 5.0 - h, &layout->palette.peak, TRUE);
      else
        {
          tx = x + 8.0;
          if (tx + w > plot->x + plot->width + layout->pad)
            tx = x - 8.0 - w;
          show_layout (r, pl, tx, CLAMP (y - h / 2, plot->y - h / 2, plot->y + plot->height - h),
                       &layout->palette.peak, TRUE);
        }
    }
}

/* --- axes and text ------------------------------------------------------- */

/* Drawn over the RSS fill (which is opaque, see set_fill_color()) and
 * under the lines. */
static void
draw_grid (Render *r,
           guint   panel)
{
  cairo_t *cr = r->cr;
  PlPlotLayout *layout = r->layout;
  const PlPlotRect *plot = &layout->panels[panel].plot;

  if (r->grid_drawn)
    return;
  r->grid_drawn = TRUE;

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
      set_fill_color (r);
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

/* Whether any panel has a line to explain in the legend. */
static gboolean
has_data (PlPlotLayout *layout)
{
  for (guint i = 0; i < layout->n_panels; i++)
    {
      const PlPlotSeries *series = layout->panels[i].series;

      if (series != NULL && (series->has_samples || series->alloc.n > 0))
        return TRUE;
    }
  return FALSE;
}

static void
draw_header (Render *r,
             guint   panel_index)
{
  PlPlotLayout *layout = r->layout;
  PlPlotPanel *panel = &layout->panels[panel_index];
  g_autoptr(PangoLayout) name = text_layout (r, layout->name_size, PANGO_WEIGHT_BOLD, panel->name);
  g_autoptr(PangoLayout) title = text_layout (r, layout->title_size, PANGO_WEIGHT_NORMAL, panel->title);
  double nw, nh, tw, th, legend = 0, available, center_y, title_x;

  layout_size (name, &nw, &nh);
  layout_size (title, &tw, &th);
  center_y = panel->header.y + nh / 2;

  if (panel_index == 0 && !(layout->options.flags & PL_PLOT_HIDE_LEGEND) && has_data (layout))
    {
      legend = legend_width (r, FALSE, 0, 0);
      /* A narrow plot keeps its whole title and drops the legend. */
      if (nw + 14.0 + tw + 24.0 + legend > panel->header.width)
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

  r->grid_drawn = FALSE;

  if (!empty)
    {
      r->plot_columns = (guint) CLAMP (ceil (plot->width * r->columns_scale), 1.0, 65536.0);

      /* A clip on whole device pixels keeps cairo on its fast paths. */
      cairo_save (cr);
      {
        double x0 = floor (plot->x * r->scale) / r->scale;
        double y0 = floor ((plot->y - 2.0) * r->scale) / r->scale;
        double x1 = ceil ((plot->x + plot->width + 2.0) * r->scale) / r->scale;
        double y1 = ceil ((plot->y + plot->height) * r->scale) / r->scale;

        cairo_rectangle (cr, x0, y0, x1 - x0, y1 - y0);
      }
      cairo_clip (cr);

      if (series->has_samples && !(layout->options.flags & PL_PLOT_HIDE_RSS))
        draw_rss (r, index, series);
      draw_grid (r, index);
      if (layout->show_marks)
        draw_marks (r, index, series);
      if (series->alloc.n > 0 && !(layout->options.flags & PL_PLOT_HIDE_ALLOC))
        draw_alloc (r, index, series);

      cairo_restore (cr);
    }

  /* An empty panel still has its grid. */
  draw_grid (r, index);
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
  double dx = 1.0, dy = 0.0, device_x = 1.0, device_y = 1.0;
  cairo_surface_type_t type;

  g_return_if_fail (layout != NULL);
  g_return_if_fail (cr != NULL);

  r.layout = layout;
  r.cr = cr;

  /* Device pixels per unit: the transformation times the surface's device
   * scale (a HiDPI window, an export at scale 2), which the former leaves
   * out. */
  cairo_user_to_device_distance (cr, &dx, &dy);
  cairo_surface_get_device_scale (cairo_get_target (cr), &device_x, &device_y);
  r.scale = hypot (dx, dy) * device_x;

  /* A GTK snapshot draws into a recording surface that is replayed into
   * pixels later, at a scale only the widget knows. */
  type = cairo_surface_get_type (cairo_get_target (cr));
  if (type == CAIRO_SURFACE_TYPE_RECORDING && layout->options.device_scale > 0)
    r.scale *= layout->options.device_scale;
  r.scale = MAX (r.scale, 1e-3);

  /* Vector documents keep more detail than a pixel: two columns per unit;
   * everything else ends up as pixels. */
  if (type == CAIRO_SURFACE_TYPE_PDF || type == CAIRO_SURFACE_TYPE_SVG || type == CAIRO_SURFACE_TYPE_PS)
    r.columns_scale = MAX (r.scale, 2.0);
  else
    {
      r.columns_scale = MAX (r.scale, 1.0);
      r.raster = TRUE;
    }

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

  cairo_restore (cr);
}

void
pl_plot_prepare (PlRun *run)
{
  g_return_if_fail (PL_IS_RUN (run));

  for (guint i = 0; i < pl_run_get_n_pipelines (run); i++)
    pl_plot_series_get (run, i);
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
