/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>

#include "engine/pl-error.h"
#include "pl-run-json.h"

static void
add_line_stats (JsonBuilder       *builder,
                const PlLineStats *st)
{
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "line");
  json_builder_add_int_value (builder, st->line);
  json_builder_set_member_name (builder, "hits");
  json_builder_add_int_value (builder, st->hits);
  json_builder_set_member_name (builder, "time_s");
  json_builder_add_double_value (builder, st->time_ns / 1e9);
  json_builder_set_member_name (builder, "peak_alloc_bytes");
  json_builder_add_int_value (builder, st->peak_alloc_bytes);
  json_builder_set_member_name (builder, "live_alloc_bytes");
  json_builder_add_int_value (builder, st->live_alloc_bytes);
  json_builder_set_member_name (builder, "allocated_bytes");
  json_builder_add_int_value (builder, st->allocated_bytes);
  json_builder_set_member_name (builder, "freed_bytes");
  json_builder_add_int_value (builder, st->freed_bytes);
  json_builder_end_object (builder);
}

static void
add_pipeline (JsonBuilder   *builder,
              PlPipelineRun *pipeline)
{
  const PlLineStats *lines;
  gsize n_lines;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, pl_pipeline_run_get_name (pipeline));
  json_builder_set_member_name (builder, "total_time_s");
  json_builder_add_double_value (builder, pl_pipeline_run_get_total_time_ns (pipeline) / 1e9);
  json_builder_set_member_name (builder, "peak_alloc_bytes");
  json_builder_add_int_value (builder, pl_pipeline_run_get_peak_alloc_bytes (pipeline));
  json_builder_set_member_name (builder, "final_alloc_bytes");
  json_builder_add_int_value (builder, pl_pipeline_run_get_final_alloc_bytes (pipeline));
  json_builder_set_member_name (builder, "peak_rss_bytes");
  json_builder_add_int_value (builder, pl_pipeline_run_get_peak_rss_bytes (pipeline));
  json_builder_set_member_name (builder, "sample_count");
  json_builder_add_int_value (builder, pl_pipeline_run_get_n_samples (pipeline));

  json_builder_set_member_name (builder, "lines");
  json_builder_begin_array (builder);
  lines = pl_pipeline_run_get_line_stats (pipeline, &n_lines);
  for (gsize i = 0; i < n_lines; i++)
    add_line_stats (builder, &lines[i]);
  json_builder_end_array (builder);

  json_builder_end_object (builder);
}

/**
 * pl_run_json_build:
 * @file: the script's file name as the user gave it
 * @sample_interval: seconds between samples
 * @output: (nullable) (array zero-terminated=1): what the script printed
 * @runs: (element-type PlRun): one run per experiment, in order
 *
 * Returns: (transfer full): the document
 */
JsonNode *
pl_run_json_build (const char         *file,
                   double              sample_interval,
                   const char * const *output,
                   GPtrArray          *runs)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (file != NULL, NULL);
  g_return_val_if_fail (runs != NULL, NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "peakline");
  json_builder_add_string_value (builder, PACKAGE_VERSION);
  json_builder_set_member_name (builder, "file");
  json_builder_add_string_value (builder, file);
  json_builder_set_member_name (builder, "sample_interval_s");
  json_builder_add_double_value (builder, sample_interval);

  json_builder_set_member_name (builder, "output");
  json_builder_begin_array (builder);
  for (gsize i = 0; output != NULL && output[i] != NULL; i++)
    json_builder_add_string_value (builder, output[i]);
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "experiments");
  json_builder_begin_array (builder);
  for (guint i = 0; i < runs->len; i++)
    {
      PlRun *run = g_ptr_array_index (runs, i);

      g_return_val_if_fail (PL_IS_RUN (run), NULL);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "line");
      json_builder_add_int_value (builder, pl_run_get_experiment_line (run));
      json_builder_set_member_name (builder, "pipelines");
      json_builder_begin_array (builder);
      for (guint p = 0; p < pl_run_get_n_pipelines (run); p++)
        add_pipeline (builder, pl_run_get_pipeline (run, p));
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

char *
pl_run_json_to_string (const char         *file,
                       double              sample_interval,
                       const char * const *output,
                       GPtrArray          *runs)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonGenerator) generator = NULL;

  g_return_val_if_fail (file != NULL, NULL);
  g_return_val_if_fail (runs != NULL, NULL);

  root = pl_run_json_build (file, sample_interval, output, runs);
  generator = json_generator_new ();
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 1);
  json_generator_set_root (generator, root);

  return json_generator_to_data (generator, NULL);
}

gboolean
pl_run_json_write (const char         *path,
                   const char         *file,
                   double              sample_interval,
                   const char * const *output,
                   GPtrArray          *runs,
                   GError            **error)
{
  g_autofree char *data = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (file != NULL, FALSE);
  g_return_val_if_fail (runs != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  data = pl_run_json_to_string (file, sample_interval, output, runs);
  text = g_strconcat (data, "\n", NULL);

  if (strcmp (path, "-") == 0)
    {
      if (fputs (text, stdout) < 0 || fflush (stdout) != 0)
        {
          g_set_error (error, PL_ERROR, PL_ERROR_IO,
                       _("Cannot write the JSON to standard output: %s"), g_strerror (errno));
          return FALSE;
        }
      return TRUE;
    }

  if (!g_file_set_contents (path, text, -1, &local_error))
    {
      g_set_error (error, PL_ERROR, PL_ERROR_IO,
                   _("Cannot write the JSON file: %s"), local_error->message);
      return FALSE;
    }

  return TRUE;
}
