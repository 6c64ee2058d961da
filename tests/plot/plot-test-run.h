/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "run/pl-run.h"

G_BEGIN_DECLS

#define PLOT_TEST_MIB (G_GINT64_CONSTANT (1048576))
#define PLOT_TEST_MS  (G_GINT64_CONSTANT (1000000))

/* Synthetic runs shaped like real ones (built with the run layer's own
 * building API, as the run layer does). */

/* The tutorial's section 4 example: fun1 (x = x * 2 on 8 000 000 float64:
 * 64 MB allocated at line 2, written page by page, freed at return) over
 * fun2 (x *= 2: nothing allocated). */
PlRun *plot_test_tutorial_run   (void);

/* One pipeline per entry of @peaks: RSS rises linearly from 0 at t=0 to
 * peaks[i] at @duration_ns / 2 and falls back to 0 at @duration_ns,
 * one sample every @interval_ns; an allocation of peaks[i] at t=0 and its
 * free at @duration_ns; one span of line 10 + i at t = @duration_ns / 4. */
PlRun *plot_test_triangle_run   (const gint64 *peaks,
                                 guint         n_pipelines,
                                 gint64        duration_ns,
                                 gint64        interval_ns);

/* A big loop: @n_samples samples over @n_samples * 100 ns, @n_marks spans
 * cycling through lines 3..5, and one alloc/free pair per 50 marks. */
PlRun *plot_test_big_run        (gsize         n_samples,
                                 gsize         n_marks);

G_END_DECLS

#include <cairo.h>

#include "plot/pl-plot.h"

G_BEGIN_DECLS

/* Renders @run at @width × @height logical pixels and @scale into a new
 * image surface; returns the layout used in @layout (unref it). */
cairo_surface_t *plot_test_render   (PlRun                *run,
                                     int                   width,
                                     int                   height,
                                     double                scale,
                                     const PlPlotOptions  *options,
                                     PlPlotLayout        **layout);

typedef struct
{
  int r, g, b, a;
} PlotTestPixel;

/* The pixel at device coordinates (@x, @y), unpremultiplied. */
PlotTestPixel    plot_test_pixel    (cairo_surface_t      *surface,
                                     int                   x,
                                     int                   y);

G_END_DECLS
