/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <glib/gi18n-lib.h>

#include "engine/pl-error.h"
#include "pl-plot-export.h"

/* The largest image we agree to make: 16384 pixels a side (cairo's limit
 * is 32767) keeps a typo in --size from asking for gigabytes. */
#define MAX_PIXELS 16384.0

gboolean
pl_plot_format_from_path (const char   *path,
                          PlPlotFormat *format)
{
  g_autofree char *lower = NULL;

  g_return_val_if_fail (path != NULL, FALSE);

  lower = g_ascii_strdown (path, -1);
  if (g_str_has_suffix (lower, ".png"))
    *format = PL_PLOT_FORMAT_PNG;
  else if (g_str_has_suffix (lower, ".svg"))
    *format = PL_PLOT_FORMAT_SVG;
  else if (g_str_has_suffix (lower, ".pdf"))
    *format = PL_PLOT_FORMAT_PDF;
  else
    return FALSE;

  return TRUE;
}

static cairo_status_t
append_to_array (void                *closure,
                 const unsigned char *data,
                 unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static gboolean
check_status (cairo_status_t   status,
              GError         **error)
{
  if (status == CAIRO_STATUS_SUCCESS)
    return TRUE;

  g_set_error (error, PL_ERROR,
               status == CAIRO_STATUS_NO_MEMORY ? PL_ERROR_MEMORY : PL_ERROR_IO,
               _("Could not draw the plot: %s. Try a smaller size."),
               cairo_status_to_string (status));
  return FALSE;
}

GBytes *
pl_plot_export_bytes (PlRun               *run,
                      const PlPlotOptions *options,
                      PlPlotFormat         format,
                      double               width,
                      double               height,
                      double               scale,
                      GError             **error)
{
  g_autoptr(GByteArray) bytes = NULL;
  cairo_surface_t *surface = NULL;
  cairo_status_t status;
  cairo_t *cr;

  g_return_val_if_fail (PL_IS_RUN (run), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!(width > 0) || !isfinite (width))
    width = PL_PLOT_EXPORT_DEFAULT_WIDTH;
  if (!(height > 0) || !isfinite (height))
    height = PL_PLOT_EXPORT_DEFAULT_HEIGHT;
  if (!(scale > 0) || !isfinite (scale))
    scale = PL_PLOT_EXPORT_DEFAULT_SCALE;

  if (width < 16 || height < 16
      || (format == PL_PLOT_FORMAT_PNG && (ceil (width * scale) > MAX_PIXELS || ceil (height * scale) > MAX_PIXELS))
      || width > MAX_PIXELS || height > MAX_PIXELS)
    {
      g_set_error (error, PL_ERROR, PL_ERROR_VALUE,
                   _("The plot size %g×%g at scale %g is not possible: each side must be at least 16 "
                     "and at most %g pixels."),
                   width, height, scale, MAX_PIXELS);
      return NULL;
    }

  bytes = g_byte_array_new ();

  switch (format)
    {
    case PL_PLOT_FORMAT_PNG:
      surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32,
                                            (int) ceil (width * scale),
                                            (int) ceil (height * scale));
      cairo_surface_set_device_scale (surface, scale, scale);
      break;

    case PL_PLOT_FORMAT_SVG:
      surface = cairo_svg_surface_create_for_stream (append_to_array, bytes, width, height);
      cairo_svg_surface_set_document_unit (surface, CAIRO_SVG_UNIT_PX);
      break;

    case PL_PLOT_FORMAT_PDF:
      /* A page of 96 logical pixels per inch, as the screen shows it. */
      surface = cairo_pdf_surface_create_for_stream (append_to_array, bytes,
                                                     width * 0.75, height * 0.75);
      cairo_surface_set_device_scale (surface, 0.75, 0.75);
      cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Peakline " PACKAGE_VERSION);
      cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, _("Memory over time"));
      break;

    default:
      g_return_val_if_reached (NULL);
    }

  if (!check_status (cairo_surface_status (surface), error))
    {
      cairo_surface_destroy (surface);
      return NULL;
    }

  cr = cairo_create (surface);
  pl_plot_render (cr, width, height, run, options);
  status = cairo_status (cr);
  cairo_destroy (cr);

  if (status == CAIRO_STATUS_SUCCESS)
    {
      if (format == PL_PLOT_FORMAT_PNG)
        status = cairo_surface_write_to_png_stream (surface, append_to_array, bytes);
      else
        {
          cairo_surface_finish (surface);
          status = cairo_surface_status (surface);
        }
    }
  cairo_surface_destroy (surface);

  if (!check_status (status, error))
    return NULL;

  return g_byte_array_free_to_bytes (g_steal_pointer (&bytes));
}

gboolean
pl_plot_export_to_file (PlRun               *run,
                        const PlPlotOptions *options,
                        PlPlotFormat         format,
                        GFile               *file,
                        double               width,
                        double               height,
                        double               scale,
                        GCancellable        *cancellable,
                        GError             **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (PL_IS_RUN (run), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  bytes = pl_plot_export_bytes (run, options, format, width, height, scale, error);
  if (bytes == NULL)
    return FALSE;

  if (!g_file_replace_contents (file, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                NULL, FALSE, G_FILE_CREATE_NONE, NULL, cancellable, &local_error))
    {
      g_autofree char *name = g_file_get_parse_name (file);

      g_set_error (error, PL_ERROR,
                   g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
                   ? PL_ERROR_CANCELLED : PL_ERROR_IO,
                   _("Could not save the plot to “%s”: %s"), name, local_error->message);
      return FALSE;
    }

  return TRUE;
}

gboolean
pl_plot_export_to_path (PlRun               *run,
                        const PlPlotOptions *options,
                        PlPlotFormat         format,
                        const char          *path,
                        double               width,
                        double               height,
                        double               scale,
                        GError             **error)
{
  g_autoptr(GFile) file = NULL;

  g_return_val_if_fail (path != NULL, FALSE);

  file = g_file_new_for_commandline_arg (path);
  return pl_plot_export_to_file (run, options, format, file, width, height, scale, NULL, error);
}
