/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "engine/pl-error.h"
#include "run/pl-run-csv.h"
#include "run/pl-run-json.h"
#include "run/pl-run-settings.h"

/* Two experiments: (fun1 with two lines, ones) and (main). */
static GPtrArray *
make_runs (void)
{
  GPtrArray *runs = g_ptr_array_new_with_free_func (g_object_unref);
  PlRun *run;
  PlPipelineRun *p;
  PlAllocEvent *events;

  run = pl_run_new ("demo.py", 9);
  g_ptr_array_add (runs, run);

  p = pl_run_add_pipeline (run, "fun1");
  {
    PlLineSpan spans[] = {
      { .line = 2, .start_ns = 0, .end_ns = 1500000 },
      { .line = 3, .start_ns = 1500000, .end_ns = 2000000 },
    };
    PlSample samples[] = {
      { .time_ns = 0, .rss_bytes = 0, .alloc_bytes = 0, .line = 2 },
      { .time_ns = 50123, .rss_bytes = 4096, .alloc_bytes = 64000000, .line = 2 },
      { .time_ns = 1000000000, .rss_bytes = 64008192, .alloc_bytes = 64000000, .line = 3 },
    };

    events = g_new0 (PlAllocEvent, 2);
    events[0] = (PlAllocEvent) { .time_ns = 10, .bytes = 64000000, .buffer_id = 1, .line = 2 };
    events[1] = (PlAllocEvent) { .time_ns = 1600000, .bytes = -64000000, .buffer_id = 1, .line = 3 };
    for (guint i = 0; i < G_N_ELEMENTS (spans); i++)
      pl_pipeline_run_append_span (p, &spans[i]);
    for (guint i = 0; i < G_N_ELEMENTS (samples); i++)
      pl_pipeline_run_append_sample (p, &samples[i]);
    pl_pipeline_run_take_events (p, events, 2);
    pl_pipeline_run_set_total_time_ns (p, 2500000);
    pl_pipeline_run_finish (p);
  }

  p = pl_run_add_pipeline (run, "ones");
  {
    PlSample s = { .time_ns = 0 };

    pl_pipeline_run_append_sample (p, &s);
    s.time_ns = 100000;
    s.rss_bytes = -8192;
    s.alloc_bytes = 8000000;
    pl_pipeline_run_append_sample (p, &s);
    pl_pipeline_run_finish (p);
  }

  run = pl_run_new ("demo.py", 20);
  g_ptr_array_add (runs, run);
  p = pl_run_add_pipeline (run, "main");
  pl_pipeline_run_finish (p);

  return runs;
}

static JsonArray *
member_array (JsonObject *object,
              const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  g_assert_nonnull (node);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (node));
  return json_node_get_array (node);
}

static gint64
member_int (JsonObject *object,
            const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  g_assert_nonnull (node);
  g_assert_cmpint (json_node_get_value_type (node), ==, G_TYPE_INT64);
  return json_node_get_int (node);
}

static double
member_double (JsonObject *object,
               const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  g_assert_nonnull (node);
  g_assert_cmpint (json_node_get_value_type (node), ==, G_TYPE_DOUBLE);
  return json_node_get_double (node);
}

static const char *
member_string (JsonObject *object,
               const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  g_assert_nonnull (node);
  g_assert_cmpint (json_node_get_value_type (node), ==, G_TYPE_STRING);
  return json_node_get_string (node);
}

/* Exactly these members, no more. */
static void
assert_members (JsonObject         *object,
                const char * const *names)
{
  g_autoptr(GList) members = json_object_get_members (object);

  g_assert_cmpuint (g_list_length (members), ==, g_strv_length ((char **)names));
  for (guint i = 0; names[i] != NULL; i++)
    g_assert_true (json_object_has_member (object, names[i]));
}

static void
test_json_schema (void)
{
  g_autoptr(GPtrArray) runs = make_runs ();
  const char *output[] = { "[<Axes: >]", "B: 131072000", NULL };
  g_autofree char *text = pl_run_json_to_string ("demo.py", 0.00005, output, runs);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  static const char * const top_keys[] = { "peakline", "file", "sample_interval_s", "output", "experiments", NULL };
  static const char * const exp_keys[] = { "line", "pipelines", NULL };
  static const char * const pipe_keys[] = { "name", "total_time_s", "peak_alloc_bytes", "final_alloc_bytes",
                                             "peak_rss_bytes", "sample_count", "lines", NULL };
  static const char * const line_keys[] = { "line", "hits", "time_s", "peak_alloc_bytes", "live_alloc_bytes",
                                             "allocated_bytes", "freed_bytes", NULL };
  JsonObject *root, *exp, *pipe, *line;
  JsonArray *array, *pipes, *lines;

  g_assert_true (json_parser_load_from_data (parser, text, -1, &error));
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));
  root = json_node_get_object (json_parser_get_root (parser));

  assert_members (root, top_keys);
  g_assert_cmpstr (member_string (root, "peakline"), ==, PACKAGE_VERSION);
  g_assert_cmpstr (member_string (root, "file"), ==, "demo.py");
  g_assert_cmpfloat (member_double (root, "sample_interval_s"), ==, 0.00005);

  array = member_array (root, "output");
  g_assert_cmpuint (json_array_get_length (array), ==, 2);
  g_assert_cmpstr (json_array_get_string_element (array, 0), ==, "[<Axes: >]");
  g_assert_cmpstr (json_array_get_string_element (array, 1), ==, "B: 131072000");

  array = member_array (root, "experiments");
  g_assert_cmpuint (json_array_get_length (array), ==, 2);

  exp = json_array_get_object_element (array, 0);
  assert_members (exp, exp_keys);
  g_assert_cmpint (member_int (exp, "line"), ==, 9);
  pipes = member_array (exp, "pipelines");
  g_assert_cmpuint (json_array_get_length (pipes), ==, 2);

  pipe = json_array_get_object_element (pipes, 0);
  assert_members (pipe, pipe_keys);
  g_assert_cmpstr (member_string (pipe, "name"), ==, "fun1");
  g_assert_cmpfloat_with_epsilon (member_double (pipe, "total_time_s"), 0.0025, 1e-12);
  g_assert_cmpint (member_int (pipe, "peak_alloc_bytes"), ==, 64000000);
  g_assert_cmpint (member_int (pipe, "final_alloc_bytes"), ==, 0);
  g_assert_cmpint (member_int (pipe, "peak_rss_bytes"), ==, 64008192);
  g_assert_cmpint (member_int (pipe, "sample_count"), ==, 3);
  lines = member_array (pipe, "lines");
  g_assert_cmpuint (json_array_get_length (lines), ==, 2);

  line = json_array_get_object_element (lines, 0);
  assert_members (line, line_keys);
  g_assert_cmpint (member_int (line, "line"), ==, 2);
  g_assert_cmpint (member_int (line, "hits"), ==, 1);
  g_assert_cmpfloat_with_epsilon (member_double (line, "time_s"), 0.0015, 1e-12);
  g_assert_cmpint (member_int (line, "peak_alloc_bytes"), ==, 64000000);
  g_assert_cmpint (member_int (line, "live_alloc_bytes"), ==, 64000000);
  g_assert_cmpint (member_int (line, "allocated_bytes"), ==, 64000000);
  g_assert_cmpint (member_int (line, "freed_bytes"), ==, 0);

  line = json_array_get_object_element (lines, 1);
  assert_members (line, line_keys);
  g_assert_cmpint (member_int (line, "line"), ==, 3);
  g_assert_cmpint (member_int (line, "live_alloc_bytes"), ==, 0);
  g_assert_cmpint (member_int (line, "freed_bytes"), ==, 64000000);

  /* A NumPy function: no lines, an empty array (not a missing member). */
  pipe = json_array_get_object_element (pipes, 1);
  assert_members (pipe, pipe_keys);
  g_assert_cmpstr (member_string (pipe, "name"), ==, "ones");
  g_assert_cmpuint (json_array_get_length (member_array (pipe, "lines")), ==, 0);
  g_assert_cmpint (member_int (pipe, "sample_count"), ==, 2);
  g_assert_cmpint (member_int (pipe, "peak_rss_bytes"), ==, 0);
  /* The total time of a pipeline built without one: its last record. */
  g_assert_cmpfloat_with_epsilon (member_double (pipe, "total_time_s"), 0.0001, 1e-12);

  exp = json_array_get_object_element (array, 1);
  assert_members (exp, exp_keys);
  g_assert_cmpint (member_int (exp, "line"), ==, 20);
  pipes = member_array (exp, "pipelines");
  pipe = json_array_get_object_element (pipes, 0);
  assert_members (pipe, pipe_keys);
  g_assert_cmpint (member_int (pipe, "sample_count"), ==, 0);
  g_assert_cmpfloat (member_double (pipe, "total_time_s"), ==, 0.0);
}

/* No output and no experiments: still every top-level member. */
static void
test_json_empty (void)
{
  g_autoptr(GPtrArray) runs = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(JsonNode) root = pl_run_json_build ("empty.py", 0.001, NULL, runs);
  JsonObject *object;

  g_assert_true (JSON_NODE_HOLDS_OBJECT (root));
  object = json_node_get_object (root);
  g_assert_cmpuint (json_array_get_length (member_array (object, "output")), ==, 0);
  g_assert_cmpuint (json_array_get_length (member_array (object, "experiments")), ==, 0);
  g_assert_cmpfloat (member_double (object, "sample_interval_s"), ==, 0.001);
}

static void
test_json_write_file (void)
{
  g_autoptr(GPtrArray) runs = make_runs ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("pl-json-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "out.json", NULL);
  g_autofree char *bad = g_build_filename (dir, "missing", "out.json", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *expected = pl_run_json_to_string ("demo.py", 0.00005, NULL, runs);
  g_autofree char *expected_nl = g_strconcat (expected, "\n", NULL);

  g_assert_no_error (error);
  g_assert_true (pl_run_json_write (path, "demo.py", 0.00005, NULL, runs, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, expected_nl);

  g_assert_false (pl_run_json_write (bad, "demo.py", 0.00005, NULL, runs, &error));
  g_assert_error (error, PL_ERROR, PL_ERROR_IO);
  g_assert_nonnull (strstr (error->message, "out.json"));

  g_unlink (path);
  g_rmdir (dir);
}

static void
test_csv_rows (void)
{
  g_autoptr(GPtrArray) runs = make_runs ();
  g_autofree char *text = pl_run_csv_to_string (runs);
  g_auto(GStrv) rows = g_strsplit (text, "\n", -1);

  g_assert_cmpuint (g_strv_length (rows), ==, 1 + 3 + 2 + 1);
  g_assert_cmpstr (rows[0], ==, "experiment,pipeline,time_s,rss_bytes,alloc_bytes,line");
  g_assert_cmpstr (rows[1], ==, "1,1,0.000000000,0,0,2");
  g_assert_cmpstr (rows[2], ==, "1,1,0.000050123,4096,64000000,2");
  g_assert_cmpstr (rows[3], ==, "1,1,1.000000000,64008192,64000000,3");
  g_assert_cmpstr (rows[4], ==, "1,2,0.000000000,0,0,0");
  g_assert_cmpstr (rows[5], ==, "1,2,0.000100000,-8192,8000000,0");
  /* The last row ends with a newline; experiment 2 has no samples. */
  g_assert_cmpstr (rows[6], ==, "");
}

/* A run long enough to need several flushes of the row buffer. */
static void
test_csv_large (void)
{
  g_autoptr(GPtrArray) runs = g_ptr_array_new_with_free_func (g_object_unref);
  PlRun *run = pl_run_new ("big.py", 1);
  PlPipelineRun *p = pl_run_add_pipeline (run, "big");
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("pl-csv-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "out.csv", NULL);
  g_autofree char *bad = g_build_filename (dir, "missing", "out.csv", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *expected = NULL;
  const guint n = 50000;

  g_ptr_array_add (runs, run);
  for (guint i = 0; i < n; i++)
    {
      PlSample s = { .time_ns = (gint64)i * 50000, .rss_bytes = i * 4096, .alloc_bytes = i, .line = 1 + i % 7 };

      pl_pipeline_run_append_sample (p, &s);
    }
  pl_pipeline_run_finish (p);

  g_assert_true (pl_run_csv_write (path, runs, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  expected = pl_run_csv_to_string (runs);
  g_assert_cmpstr (contents, ==, expected);

  /* Counted by hand: g_strsplit's strstr is quadratic under ASan. */
  {
    const char *c = contents;
    const char *row_n = NULL;
    guint newlines = 0;

    for (; *c != '\0'; c++)
      if (*c == '\n')
        {
          newlines++;
          if (newlines == n)
            row_n = c + 1;
        }
    g_assert_cmpuint (newlines, ==, n + 1);
    g_assert_nonnull (row_n);
    g_assert_true (g_str_has_prefix (row_n, "1,1,2.499950000,204795904,49999,6\n"));
  }

  g_assert_false (pl_run_csv_write (bad, runs, &error));
  g_assert_error (error, PL_ERROR, PL_ERROR_IO);
  g_assert_nonnull (strstr (error->message, "out.csv"));

  g_unlink (path);
  g_rmdir (dir);
}

static void
test_settings (void)
{
  g_autoptr(PlRunSettings) settings = pl_run_settings_new ();
  g_autoptr(PlRunSettings) copy = NULL;

  g_assert_cmpfloat (settings->sample_interval, ==, 0.0);
  g_assert_true (settings->elision);
  g_assert_cmpuint (settings->numexpr_threads, ==, 0);

  /* The script's interval, unless the settings override it. */
  g_assert_cmpfloat (pl_run_settings_get_effective_interval (settings, 0.001), ==, 0.001);
  g_assert_cmpfloat (pl_run_settings_get_effective_interval (settings, 0.0), ==, 0.00005);
  g_assert_cmpfloat (pl_run_settings_get_effective_interval (NULL, 0.002), ==, 0.002);
  /* Never finer than 10 µs. */
  g_assert_cmpfloat (pl_run_settings_get_effective_interval (settings, 1e-9), ==, 0.00001);
  settings->sample_interval = 0.0001;
  g_assert_cmpfloat (pl_run_settings_get_effective_interval (settings, 0.001), ==, 0.0001);

  settings->elision = FALSE;
  settings->numexpr_threads = 3;
  copy = pl_run_settings_copy (settings);
  g_assert_true (copy != settings);
  g_assert_cmpfloat (copy->sample_interval, ==, 0.0001);
  g_assert_false (copy->elision);
  g_assert_cmpuint (copy->numexpr_threads, ==, 3);
  g_assert_true (G_TYPE_IS_BOXED (PL_TYPE_RUN_SETTINGS));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/export/json/schema", test_json_schema);
  g_test_add_func ("/export/json/empty", test_json_empty);
  g_test_add_func ("/export/json/write-file", test_json_write_file);
  g_test_add_func ("/export/csv/rows", test_csv_rows);
  g_test_add_func ("/export/csv/large", test_csv_large);
  g_test_add_func ("/export/settings", test_settings);

  return g_test_run ();
}
