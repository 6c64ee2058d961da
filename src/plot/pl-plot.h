/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <glib-object.h>

#include "plot/pl-plot-palette.h"
#include "run/pl-run.h"

G_BEGIN_DECLS

/* The memory plot of one experiment (a PlRun): one panel per pipeline,
 * stacked top to bottom with a shared time axis and a shared memory
 * scale, as the tutorial's utils.analyze_memory draws it.
 *
 * Coordinates are in user units (logical pixels at 96 dpi); a HiDPI or
 * exported image sets a device scale on its surface. */

typedef enum
{
  PL_PLOT_FLAGS_NONE          = 0,
  PL_PLOT_NO_BACKGROUND       = 1 << 0,  /* the caller paints it (the widget) */
  PL_PLOT_HIDE_RSS            = 1 << 1,
  PL_PLOT_HIDE_ALLOC          = 1 << 2,
  PL_PLOT_HIDE_MARKS          = 1 << 3,
  PL_PLOT_HIDE_LEGEND         = 1 << 4,
  PL_PLOT_HIDE_PEAK           = 1 << 5,
  PL_PLOT_HIDE_TEXT           = 1 << 6,  /* no text at all (pixel tests) */
} PlPlotFlags;

/* All zero means the defaults: light palette, the UI font, the whole run. */
typedef struct
{
  const PlPlotPalette *palette;        /* NULL: pl_plot_palette_get_light () */
  const char          *font_family;    /* NULL: "Cantarell, DejaVu Sans, Sans" */
  double               font_scale;     /* 0: 1.0 (the desktop's text scaling) */
  gint64               time_start_ns;  /* the visible time window; when */
  gint64               time_end_ns;    /* end <= start: the whole run */
  gint32               highlight_line; /* marks of this line emphasised (0: none) */
  PlPlotFlags          flags;
  /* Device pixels per unit when drawing into a recording surface (GTK's
   * snapshot: gtk_widget_get_scale_factor ()), so lines snap to the
   * pixels they will land on; 0: 1. Other surfaces say it themselves. */
  double               device_scale;
} PlPlotOptions;

void          pl_plot_options_init        (PlPlotOptions       *options);

typedef struct
{
  double x;
  double y;
  double width;
  double height;
} PlPlotRect;

/* A computed layout: where every panel, axis and label goes for one size.
 * The widget keeps one per size and run for drawing and hit-testing; it
 * also keeps the decimated data of its last drawing, so a redraw of the
 * same layout is cheaper (draw one layout from one thread at a time). It
 * holds a reference on the run and a copy of the options (the palette and
 * font family are copied too). */
typedef struct _PlPlotLayout PlPlotLayout;

#define PL_TYPE_PLOT_LAYOUT (pl_plot_layout_get_type ())

GType         pl_plot_layout_get_type     (void) G_GNUC_CONST;
PlPlotLayout *pl_plot_layout_new          (PlRun               *run,
                                           double               width,
                                           double               height,
                                           const PlPlotOptions *options);
PlPlotLayout *pl_plot_layout_ref          (PlPlotLayout        *layout);
void          pl_plot_layout_unref        (PlPlotLayout        *layout);

void          pl_plot_layout_render       (PlPlotLayout        *layout,
                                           cairo_t             *cr);

PlRun        *pl_plot_layout_get_run      (PlPlotLayout        *layout);
guint         pl_plot_layout_get_n_panels (PlPlotLayout        *layout);
/* The data rectangle of @panel (inside the axes). */
void          pl_plot_layout_get_plot_area (PlPlotLayout       *layout,
                                            guint               panel,
                                            PlPlotRect         *area);
/* The whole band of @panel: its header, line labels and data. */
void          pl_plot_layout_get_panel_area (PlPlotLayout      *layout,
                                             guint              panel,
                                             PlPlotRect        *area);
void          pl_plot_layout_get_time_range (PlPlotLayout      *layout,
                                             gint64            *start_ns,
                                             gint64            *end_ns);
/* The memory scale shared by all panels, in bytes. */
void          pl_plot_layout_get_memory_range (PlPlotLayout    *layout,
                                               gint64          *min_bytes,
                                               gint64          *max_bytes);

double        pl_plot_layout_x_for_time   (PlPlotLayout        *layout,
                                           gint64               time_ns);
double        pl_plot_layout_y_for_bytes  (PlPlotLayout        *layout,
                                           guint                panel,
                                           double               bytes);

/* Hit-testing for the widget. Each returns FALSE when the point is not over
 * what is asked for. */
gboolean      pl_plot_layout_time_at_x    (PlPlotLayout        *layout,
                                           double               x,
                                           gint64              *time_ns);
gboolean      pl_plot_layout_panel_at_y   (PlPlotLayout        *layout,
                                           double               y,
                                           guint               *panel);
gboolean      pl_plot_layout_bytes_at_y   (PlPlotLayout        *layout,
                                           guint                panel,
                                           double               y,
                                           double              *bytes);
/* The line mark nearest to @x in @panel within @max_distance user units:
 * its index into pl_pipeline_run_get_spans(). */
gboolean      pl_plot_layout_mark_at_x    (PlPlotLayout        *layout,
                                           guint                panel,
                                           double               x,
                                           double               max_distance,
                                           gsize               *span_index);
/* The last sample of @panel at or before @time_ns. */
gboolean      pl_plot_layout_sample_at_time (PlPlotLayout      *layout,
                                             guint              panel,
                                             gint64             time_ns,
                                             gint64            *rss_bytes,
                                             gint64            *alloc_bytes);

/* A line mark: where a line of the pipeline's function started running. */
typedef struct
{
  gint64 time_ns;       /* relative to the pipeline's start */
  gint64 duration_ns;   /* how long the line ran that time */
  gint32 line;
  gsize  span_index;    /* into pl_pipeline_run_get_spans () */
} PlPlotMark;

/* The marks of @panel (a pipeline of @run) in time order, as the plot
 * draws them; marks at one time keep the order of their spans. They do
 * not depend on a layout. pl_plot_get_mark() returns FALSE past the last. */
gsize         pl_plot_get_n_marks         (PlRun               *run,
                                           guint                panel);
gboolean      pl_plot_get_mark            (PlRun               *run,
                                           guint                panel,
                                           gsize                index,
                                           PlPlotMark          *mark);
/* The index of the mark of @panel nearest to @time_ns (of several at one
 * time the first; of two as near the earlier). FALSE without marks. */
gboolean      pl_plot_find_mark           (PlRun               *run,
                                           guint                panel,
                                           gint64               time_ns,
                                           gsize               *index);

/* Builds what drawing @run needs once (its decimation pyramids: about
 * 5 ms per million samples) so that the first drawing does not. Thread-
 * safe: call it from the worker that produced the run, before handing the
 * run to the window. */
void          pl_plot_prepare             (PlRun               *run);

/* Lays out and draws @run in one call. */
void          pl_plot_render              (cairo_t             *cr,
                                           double               width,
                                           double               height,
                                           PlRun               *run,
                                           const PlPlotOptions *options);

/* "Total Time: 18.9 ms — Peak Memory: 61.0 MiB" of @panel's pipeline. */
char         *pl_plot_dup_panel_title     (PlRun               *run,
                                           guint                panel);

/* Nice axis ticks: a step of 1, 2, 2.5 or 5 times a power of ten giving at
 * most @max_ticks ticks in [@min, @max]. Returns the number of ticks
 * written to @ticks (at most @max_ticks) and the decimals they need. */
guint         pl_plot_nice_ticks          (double               min,
                                           double               max,
                                           guint                max_ticks,
                                           double              *ticks,
                                           guint               *decimals);

/* Which labels of marks at @xs (sorted) are drawn: a label of @thickness
 * centred on its mark is drawn only where it keeps @gap from the previous
 * drawn one, so labels never overprint. Where two collide, the one with
 * the higher @priority (may be NULL; the plot uses how long the line ran)
 * takes the place if it fits; on a tie the earlier stays. Writes
 * TRUE/FALSE to @keep; returns the number kept. */
gsize         pl_plot_place_labels        (const double        *xs,
                                           const gint64        *priority,
                                           gsize                n,
                                           double               thickness,
                                           double               gap,
                                           gboolean            *keep);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PlPlotLayout, pl_plot_layout_unref)

G_END_DECLS
