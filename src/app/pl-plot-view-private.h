/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "plot/pl-plot.h"

#include "pl-plot-view.h"

G_BEGIN_DECLS

struct _PlPlotView
{
  GtkWidget parent_instance;

  /* Children */
  GtkWidget    *progress;      /* spinner and elapsed time, while running */
  GtkSpinner   *spinner;
  GtkLabel     *elapsed_label;
  GtkWidget    *cursor_line;   /* the keyboard cursor over its mark */
  GtkLabel     *cursor_info;   /* what the tooltip says of that mark */

  /* Owned */
  PlRun        *run;
  PlPlotLayout *layout;        /* for the current size, run and options */
  GskRenderNode *plot_node;    /* the drawn layout, until something changes */
  char        **source_lines;
  gint64        run_started_us;
  guint         elapsed_id;

  /* Borrowed: the root whose focus widget is watched. */
  GtkRoot      *root;

  int           layout_width;
  int           layout_height;
  double        hover_x;
  double        hover_y;
  int           highlight_line;
  /* The keyboard cursor: mark cursor_mark (see pl_plot_get_mark()) of
   * panel cursor_panel, when has_cursor. */
  guint         cursor_panel;
  gsize         cursor_mark;
  guint         has_cursor : 1;
  guint         running : 1;
  guint         hovering : 1;
  guint         show_rss : 1;
  guint         show_alloc : 1;
};

/* pl-plot-view.c */
PlPlotLayout *pl_plot_view_ensure_layout       (PlPlotView *self);
/* What the plot says of @panel at @time_ns while @line ran (0: none):
 * the tooltip's markup, or with !@markup one line for screen readers. */
char         *pl_plot_view_dup_info            (PlPlotView *self,
                                                guint       panel,
                                                gint64      time_ns,
                                                int         line,
                                                gboolean    markup);
/* What a click on a mark of @line does. */
void          pl_plot_view_activate_line       (PlPlotView *self,
                                                int         line);

/* pl-plot-view-cursor.c: the keyboard cursor. */
void          pl_plot_view_cursor_class_init   (GtkWidgetClass *widget_class);
void          pl_plot_view_cursor_init         (PlPlotView     *self);
void          pl_plot_view_cursor_dispose      (PlPlotView     *self);
void          pl_plot_view_cursor_root         (PlPlotView     *self);
void          pl_plot_view_cursor_unroot       (PlPlotView     *self);
void          pl_plot_view_cursor_allocate     (PlPlotView     *self,
                                                int             width,
                                                int             height);
/* After the run, the running state or the focus changed. */
void          pl_plot_view_cursor_update       (PlPlotView     *self);

G_END_DECLS
