/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <glib/gstdio.h>

#include "engine/pl-error.h"
#include "plot/pl-plot-export.h"
#include "plot-test-run.h"

static guint32
read_be32 (const guint8 *p)
{
  return (guint32) p[0] << 24 | (guint32) p[1] << 16 | (guint32) p[2] << 8 | p[3];
}

static char *
temp_path (const char *name)
{
  g_autofree char *dir = g_dir_make_tmp ("plot-export-XXXXXX", NULL);

  g_assert_nonnull (dir);
  return g_build_filename (dir, name, NULL);
}

static void
remove_temp (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);

  g_remove (path);
  g_rmdir (dir);
}

static void
test_format_from_path (void)
{
  PlPlotFormat format = PL_PLOT_FORMAT_PDF;

  g_assert_true (pl_plot_format_from_path ("out.png", &format));
  g_assert_cmpint (format, ==, PL_PLOT_FORMAT_PNG);
  g_assert_true (pl_plot_format_from_path ("/a/b/OUT.SVG", &format));
  g_assert_cmpint (format, ==, PL_PLOT_FORMAT_SVG);
  g_assert_true (pl_plot_format_from_path ("x.Pdf", &format));
  g_assert_cmpint (format, ==, PL_PLOT_FORMAT_PDF);
  g_assert_false (pl_plot_format_from_path ("x.jpeg", &format));
  g_assert_false (pl_plot_format_from_path ("png", &format));
  g_assert_cmpint (format, ==, PL_PLOT_FORMAT_PDF);
}

/* PNG: the default 1200×800 at scale 2 is 2400×1600 pixels. */
static void
test_png (void)
{
  g_autoptr(PlRun) run = plot_test_tutorial_run ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = pl_plot_export_bytes (run, NULL, PL_PLOT_FORMAT_PNG, 0, 0, 0, &error);
  g_autoptr(GBytes) small = NULL;
  const guint8 *data;
  gsize size;

  g_assert_no_error (error);
  data = g_bytes_get_data (bytes, &size);
  g_assert_cmpuint (size, >, 20000);
  g_assert_cmpmem (data, 8, "\x89PNG\r\n\x1a\n", 8);
  g_assert_cmpmem (data + 12, 4, "IHDR", 4);
  g_assert_cmpuint (read_be32 (data + 16), ==, 2400);
  g_assert_cmpuint (read_be32 (data + 20), ==, 1600);

  small = pl_plot_export_bytes (run, NULL, PL_PLOT_FORMAT_PNG, 640, 480, 1.5, &error);
  g_assert_no_error (error);
  data = g_bytes_get_data (small, &size);
  g_assert_cmpuint (read_be32 (data + 16), ==, 960);
  g_assert_cmpuint (read_be32 (data + 20), ==, 720);
}

/* The PNG decodes to the same pixels the renderer draws at that scale. */
static void
test_png_is_the_render (void)
{
  g_autoptr(PlRun) run = plot_test_tutorial_run ();
  g_autoptr(GError) error = NULL;
  g_autofree char *path = temp_path ("plot.png");
  cairo_surface_t *decoded, *drawn;

  g_assert_true (pl_plot_export_to_path (run, NULL, PL_PLOT_FORMAT_PNG, path, 300, 200, 2, &error));
  g_assert_no_error (error);
  decoded = cairo_image_surface_create_from_png (path);
  g_assert_cmpint (cairo_surface_status (decoded), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (decoded), ==, 600);
  drawn = plot_test_render (run, 300, 200, 2, NULL, NULL);

  for (int y = 0; y < 400; y += 7)
    for (int x = 0; x < 600; x += 5)
      {
        PlotTestPixel a = plot_test_pixel (decoded, x, y);
        PlotTestPixel b = plot_test_pixel (drawn, x, y);

        g_assert_cmpint (abs (a.r - b.r) + abs (a.g - b.g) + abs (a.b - b.b), <=, 3);
      }

  cairo_surface_destroy (decoded);
  cairo_surface_destroy (drawn);
  remove_temp (path);
}

static void
test_svg (void)
{
  g_autoptr(PlRun) run = plot_test_tutorial_run ();
  g_autoptr(GError) error = NULL;
  g_autofree char *path = temp_path ("plot.svg");
  g_autofree char *contents = NULL;
  gsize size;

  g_assert_true (pl_plot_export_to_path (run, NULL, PL_PLOT_FORMAT_SVG, path, 0, 0, 0, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, &size, NULL));
  g_assert_cmpuint (size, >, 5000);
  g_assert_true (g_str_has_prefix (contents, "<?xml"));
  g_assert_nonnull (strstr (contents, "<svg"));
  g_assert_nonnull (strstr (contents, "width=\"1200px\""));
  g_assert_nonnull (strstr (contents, "height=\"800px\""));
  g_assert_true (g_str_has_suffix (g_strchomp (contents), "</svg>"));
  remove_temp (path);
}

static void
test_pdf (void)
{
  g_autoptr(PlRun) run = plot_test_tutorial_run ();
  g_autoptr(GError) error = NULL;
  g_autofree char *path = temp_path ("plot.pdf");
  g_autofree char *contents = NULL;
  gsize size;

  g_assert_true (pl_plot_export_to_path (run, NULL, PL_PLOT_FORMAT_PDF, path, 0, 0, 0, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, &size, NULL));
  g_assert_cmpuint (size, >, 5000);
  g_assert_cmpmem (contents, 5, "%PDF-", 5);
  g_assert_nonnull (g_strrstr_len (contents + size - 32, 32, "%%EOF"));
  /* 1200×800 logical pixels at 96 per inch: a 900×600 pt page. */
  g_assert_nonnull (memmem (contents, size, "/MediaBox [ 0 0 900 600 ]", 25));
  remove_temp (path);
}

static void
test_to_file (void)
{
  g_autoptr(PlRun) run = plot_test_tutorial_run ();
  g_autoptr(GError) error = NULL;
  g_autofree char *path = temp_path ("plot.png");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  PlPlotOptions dark = { .palette = pl_plot_palette_get_dark () };
  cairo_surface_t *decoded;
  PlotTestPixel corner;

  g_assert_true (pl_plot_export_to_file (run, &dark, PL_PLOT_FORMAT_PNG, file, 200, 100, 1, NULL, &error));
  g_assert_no_error (error);
  decoded = cairo_image_surface_create_from_png (path);
  corner = plot_test_pixel (decoded, 0, 0);
  g_assert_cmpint (corner.r, ==, 0x1e);
  cairo_surface_destroy (decoded);
  remove_temp (path);
}

/* Errors say what went wrong in a sentence, in the PL_ERROR domain. */
static void
test_errors (void)
{
  g_autoptr(PlRun) run = plot_test_tutorial_run ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;

  g_assert_false (pl_plot_export_to_path (run, NULL, PL_PLOT_FORMAT_PNG, "/nonexistent-dir/sub/plot.png",
                                          0, 0, 0, &error));
  g_assert_error (error, PL_ERROR, PL_ERROR_IO);
  g_assert_nonnull (strstr (error->message, "/nonexistent-dir/sub/plot.png"));
  g_clear_error (&error);

  bytes = pl_plot_export_bytes (run, NULL, PL_PLOT_FORMAT_PNG, 100000, 800, 2, &error);
  g_assert_null (bytes);
  g_assert_error (error, PL_ERROR, PL_ERROR_VALUE);
  g_clear_error (&error);

  bytes = pl_plot_export_bytes (run, NULL, PL_PLOT_FORMAT_PNG, 10000, 800, 2, &error);
  g_assert_null (bytes);
  g_assert_error (error, PL_ERROR, PL_ERROR_VALUE);
  g_clear_error (&error);

  bytes = pl_plot_export_bytes (run, NULL, PL_PLOT_FORMAT_SVG, 8, 8, 1, &error);
  g_assert_null (bytes);
  g_assert_error (error, PL_ERROR, PL_ERROR_VALUE);
}

/* A blank run exports too. */
static void
test_empty_run (void)
{
  g_autoptr(PlRun) run = pl_run_new ("x.py", 1);

  for (int f = PL_PLOT_FORMAT_PNG; f <= PL_PLOT_FORMAT_PDF; f++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) bytes = pl_plot_export_bytes (run, NULL, (PlPlotFormat) f, 400, 300, 1, &error);

      g_assert_no_error (error);
      g_assert_cmpuint (g_bytes_get_size (bytes), >, 500);
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/plot/export/format-from-path", test_format_from_path);
  g_test_add_func ("/plot/export/png", test_png);
  g_test_add_func ("/plot/export/png-is-the-render", test_png_is_the_render);
  g_test_add_func ("/plot/export/svg", test_svg);
  g_test_add_func ("/plot/export/pdf", test_pdf);
  g_test_add_func ("/plot/export/to-file", test_to_file);
  g_test_add_func ("/plot/export/errors", test_errors);
  g_test_add_func ("/plot/export/empty-run", test_empty_run);

  return g_test_run ();
}
