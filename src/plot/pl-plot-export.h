/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "plot/pl-plot.h"

G_BEGIN_DECLS

typedef enum
{
  PL_PLOT_FORMAT_PNG,
  PL_PLOT_FORMAT_SVG,
  PL_PLOT_FORMAT_PDF,
} PlPlotFormat;

#define PL_PLOT_EXPORT_DEFAULT_WIDTH  1200
#define PL_PLOT_EXPORT_DEFAULT_HEIGHT 800
#define PL_PLOT_EXPORT_DEFAULT_SCALE  2.0

/* Guesses the format from @path's extension (case-insensitive .png, .svg,
 * .pdf). Returns FALSE if it is none of them. */
gboolean      pl_plot_format_from_path  (const char          *path,
                                         PlPlotFormat        *format);

/* Draws @run with the same renderer as the window and returns the file's
 * bytes. @width and @height are in logical pixels (96 per inch; <= 0 for
 * the defaults, 1200×800); @scale multiplies the pixels of a PNG (<= 0:
 * 2, for crisp images) and is ignored by SVG and PDF, which are vectors
 * (a PDF page is sized at 96 px per inch). @options NULL: the defaults
 * (the light palette). */
GBytes       *pl_plot_export_bytes      (PlRun               *run,
                                         const PlPlotOptions *options,
                                         PlPlotFormat         format,
                                         double               width,
                                         double               height,
                                         double               scale,
                                         GError             **error);

/* Writes the export to @path, replacing it atomically. Errors are in the
 * PL_ERROR domain (PL_ERROR_IO) with a sentence a user can act on. */
gboolean      pl_plot_export_to_path    (PlRun               *run,
                                         const PlPlotOptions *options,
                                         PlPlotFormat         format,
                                         const char          *path,
                                         double               width,
                                         double               height,
                                         double               scale,
                                         GError             **error);

/* The same to a GFile (the window's file dialog gives one). */
gboolean      pl_plot_export_to_file    (PlRun               *run,
                                         const PlPlotOptions *options,
                                         PlPlotFormat         format,
                                         GFile               *file,
                                         double               width,
                                         double               height,
                                         double               scale,
                                         GCancellable        *cancellable,
                                         GError             **error);

G_END_DECLS
