/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>

#include "engine/pl-error.h"
#include "pl-run-csv.h"

/* Rows are formatted into one buffer and flushed in large writes. */
#define FLUSH_SIZE (256 * 1024)

static gboolean
flush (GOutputStream  *stream,
       GString        *buffer,
       GCancellable   *cancellable,
       GError        **error)
{
  gboolean ok = g_output_stream_write_all (stream, buffer->str, buffer->len, NULL, cancellable, error);

  g_string_truncate (buffer, 0);
  return ok;
}

static void
append_row (GString        *buffer,
            guint           experiment,
            guint           pipeline,
            const PlSample *s)
{
  /* Integer nanoseconds to seconds with nine decimals, exactly and in any
   * locale. */
  gint64 t = s->time_ns;
  const char *sign = t < 0 ? "-" : "";

  t = ABS (t);
  g_string_append_printf (buffer, "%u,%u,%s%" G_GINT64_FORMAT ".%09" G_GINT64_FORMAT ",%"
                          G_GINT64_FORMAT ",%" G_GINT64_FORMAT ",%d\n",
                          experiment, pipeline, sign,
                          t / 1000000000, t % 1000000000,
                          s->rss_bytes, s->alloc_bytes, s->line);
}

/**
 * pl_run_csv_write_stream:
 * @runs: (element-type PlRun): one run per experiment, in order
 *
 * Writes the CSV to @stream (it is not closed).
 */
gboolean
pl_run_csv_write_stream (GOutputStream  *stream,
                         GPtrArray      *runs,
                         GCancellable   *cancellable,
                         GError        **error)
{
  g_autoptr(GString) buffer = NULL;

  g_return_val_if_fail (G_IS_OUTPUT_STREAM (stream), FALSE);
  g_return_val_if_fail (runs != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  buffer = g_string_sized_new (FLUSH_SIZE + 256);
  g_string_append (buffer, PL_RUN_CSV_HEADER "\n");

  for (guint e = 0; e < runs->len; e++)
    {
      PlRun *run = g_ptr_array_index (runs, e);

      g_return_val_if_fail (PL_IS_RUN (run), FALSE);

      for (guint p = 0; p < pl_run_get_n_pipelines (run); p++)
        {
          gsize n;
          const PlSample *samples = pl_run_get_pipeline (run, p) != NULL
            ? pl_pipeline_run_get_samples (pl_run_get_pipeline (run, p), &n) : NULL;

          for (gsize i = 0; samples != NULL && i < n; i++)
            {
              append_row (buffer, e + 1, p + 1, &samples[i]);
              if (buffer->len >= FLUSH_SIZE && !flush (stream, buffer, cancellable, error))
                return FALSE;
            }
        }
    }

  return flush (stream, buffer, cancellable, error);
}

char *
pl_run_csv_to_string (GPtrArray *runs)
{
  g_autoptr(GOutputStream) stream = NULL;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (runs != NULL, NULL);

  stream = g_memory_output_stream_new_resizable ();
  if (!pl_run_csv_write_stream (stream, runs, NULL, &error) ||
      !g_output_stream_write_all (stream, "", 1, NULL, NULL, &error) ||
      !g_output_stream_close (stream, NULL, &error))
    g_error ("writing to memory cannot fail: %s", error->message);

  return g_memory_output_stream_steal_data (G_MEMORY_OUTPUT_STREAM (stream));
}

gboolean
pl_run_csv_write (const char  *path,
                  GPtrArray   *runs,
                  GError     **error)
{
  g_autoptr(GOutputStream) stream = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (runs != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (strcmp (path, "-") == 0)
    {
      g_autofree char *text = pl_run_csv_to_string (runs);

      if (fputs (text, stdout) < 0 || fflush (stdout) != 0)
        {
          g_set_error (error, PL_ERROR, PL_ERROR_IO,
                       _("Cannot write the CSV to standard output: %s"), g_strerror (errno));
          return FALSE;
        }
      return TRUE;
    }

  {
    g_autoptr(GFile) gfile = g_file_new_for_commandline_arg (path);

    stream = G_OUTPUT_STREAM (g_file_replace (gfile, NULL, FALSE, G_FILE_CREATE_NONE,
                                              NULL, &local_error));
  }

  if (stream == NULL ||
      !pl_run_csv_write_stream (stream, runs, NULL, &local_error) ||
      !g_output_stream_close (stream, NULL, &local_error))
    {
      g_set_error (error, PL_ERROR, PL_ERROR_IO,
                   _("Cannot write the CSV file “%s”: %s"), path, local_error->message);
      return FALSE;
    }

  return TRUE;
}
