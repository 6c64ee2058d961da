/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "run/pl-run.h"

G_BEGIN_DECLS

#define PL_TYPE_PLOT_VIEW (pl_plot_view_get_type ())

G_DECLARE_FINAL_TYPE (PlPlotView, pl_plot_view, PL, PLOT_VIEW, GtkWidget)

/* The memory plot of a run, drawn by the plot renderer in snapshot: one
 * panel per pipeline, stacked. Hovering shows the time, resident memory,
 * allocated bytes and the line running then; clicking a line mark emits
 * "line-activated" with that line. The keyboard does the same with a
 * cursor on the marks (see pl-plot-view-cursor.c): Left, Right, Home, End,
 * Up and Down move it, Enter activates its line, Escape removes it. While
 * "running" it shows a spinner and the elapsed time over the previous
 * plot. The palette follows the dark style of AdwStyleManager. */
PlPlotView *pl_plot_view_new                (void);
PlRun      *pl_plot_view_get_run            (PlPlotView *self);
void        pl_plot_view_set_run            (PlPlotView *self,
                                             PlRun      *run);
gboolean    pl_plot_view_get_running        (PlPlotView *self);
void        pl_plot_view_set_running        (PlPlotView *self,
                                             gboolean    running);
int         pl_plot_view_get_highlight_line (PlPlotView *self);
void        pl_plot_view_set_highlight_line (PlPlotView *self,
                                             int         line);
gboolean    pl_plot_view_get_show_rss       (PlPlotView *self);
void        pl_plot_view_set_show_rss       (PlPlotView *self,
                                             gboolean    show_rss);
gboolean    pl_plot_view_get_show_alloc     (PlPlotView *self);
void        pl_plot_view_set_show_alloc     (PlPlotView *self,
                                             gboolean    show_alloc);
/* The script the run measured, for the code of the line under the pointer. */
void        pl_plot_view_set_source         (PlPlotView *self,
                                             const char *source);
/* The tooltip text at (@x, @y) in widget coordinates, or NULL. */
char       *pl_plot_view_dup_tooltip_at     (PlPlotView *self,
                                             double      x,
                                             double      y);
/* The line of the mark at (@x, @y), or 0. */
int         pl_plot_view_get_line_at        (PlPlotView *self,
                                             double      x,
                                             double      y);
/* The time under @x (relative to the pipeline's start), FALSE off the plot. */
gboolean    pl_plot_view_get_time_at        (PlPlotView *self,
                                             double      x,
                                             double      y,
                                             guint      *panel,
                                             gint64     *time_ns);
/* The keyboard cursor: mark @mark (in the order of pl_plot_get_mark())
 * of panel @panel. get returns FALSE when there is none. */
gboolean    pl_plot_view_get_cursor         (PlPlotView *self,
                                             guint      *panel,
                                             gsize      *mark);
void        pl_plot_view_set_cursor         (PlPlotView *self,
                                             guint       panel,
                                             gsize       mark);
void        pl_plot_view_clear_cursor       (PlPlotView *self);
/* What the plot's accessible description says of the cursor's mark (the
 * tooltip's text as a sentence), or NULL without a cursor. */
char       *pl_plot_view_dup_cursor_description (PlPlotView *self);
/* The options the view draws with (the palette of the current style). */
void        pl_plot_view_get_options        (PlPlotView *self,
                                             gpointer    options);

G_END_DECLS
