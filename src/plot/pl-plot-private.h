/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <pango/pangocairo.h>

#include "plot/pl-plot.h"
#include "plot/pl-plot-series.h"

G_BEGIN_DECLS

#define PL_PLOT_MIB       1048576.0
#define PL_PLOT_MAX_TICKS 16

typedef struct
{
  gint64        t0;
  gint64        t1;
  guint         n;
  PlPlotColumn *columns;   /* n + 2, NULL until drawn */
} PlPlotColumnCache;

typedef struct
{
  PlPlotRect          band;     /* header, label strip and data */
  PlPlotRect          header;   /* the pipeline's name and the title */
  PlPlotRect          strip;    /* the line numbers above the marks */
  PlPlotRect          plot;     /* the data */
  const PlPlotSeries *series;   /* NULL for the placeholder of an empty run */
  char               *name;
  char               *title;
  /* The last decimations drawn (a layout is drawn by one thread at a
   * time). */
  PlPlotColumnCache   rss_cache;
  PlPlotColumnCache   alloc_cache;
} PlPlotPanel;

struct _PlPlotLayout
{
  gatomicrefcount  ref_count;

  PlRun           *run;
  PlPlotOptions    options;
  PlPlotPalette    palette;
  char            *font_family;

  double           width;
  double           height;
  double           pad;

  guint            n_panels;
  PlPlotPanel     *panels;

  /* The shared axes. */
  gint64           t0;
  gint64           t1;
  double           y_min;          /* bytes */
  double           y_max;
  double           x_ticks[PL_PLOT_MAX_TICKS];   /* seconds */
  guint            n_x_ticks;
  guint            x_decimals;
  double           y_ticks[PL_PLOT_MAX_TICKS];   /* MiB */
  guint            n_y_ticks;
  guint            y_decimals;
  double           y_label_x;      /* left edge of the rotated "Memory (MiB)" */
  double           x_title_y;      /* top of "Time (s)" */

  /* Text sizes in user units. */
  double           name_size;
  double           title_size;
  double           tick_size;
  double           axis_size;
  double           legend_size;
  double           mark_size;
  double           mark_label_thickness;
  double           tick_length;

  /* The tutorial's mark style. */
  PlColor          mark_color;
  double           mark_dashes[4];
  int              n_mark_dashes;
  gboolean         mark_visible;   /* linestyle "None" or "" hides the lines */

  gboolean         show_marks;
  gboolean         show_text;
};

PangoFontDescription *pl_plot_layout_font      (PlPlotLayout     *layout,
                                                double            size,
                                                PangoWeight       weight);
void                  pl_plot_apply_font_options (PangoContext   *context);
/* Fills in the mark style from @style (NULL: the tutorial's defaults). */
void                  pl_plot_layout_set_mark_style (PlPlotLayout      *layout,
                                                     const PlMarkStyle *style);

G_END_DECLS
