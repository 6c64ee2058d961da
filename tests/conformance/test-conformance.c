/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "conformance-expected.h"

/* The conformance sweep: small scripts (tests/conformance/c*.py) covering
 * every operation the engine supports, each through the real
 * `peakline run FILE --json -`. Every pipeline's peak and final allocation
 * and every line's hits, peak and live allocation must equal NumPy 1.24's
 * under tracemalloc (conformance-expected.h, from numpy_ref.py) within
 * max(64 KiB, 1 %), and what the script prints must be what CPython
 * prints, byte for byte.
 *
 * A mismatch that has been diagnosed and handed to its layer's owner is
 * listed with the case (known_failure, known_checks): it is reported as
 * incomplete, not failed; any other mismatch fails, and so does a listed
 * one that has come to agree (its mark must then go).
 *
 * The scripts run up front, a few at a time (the figures come from the
 * allocator, not from resident memory, so concurrent runs do not disturb
 * them); each test case then checks one script's document.
 *
 * usage: test-conformance PEAKLINE */

#define MAX_RUNNING 2

typedef struct
{
  const ConformanceCase *c;
  char                  *out;
  char                  *err;
  char                  *spawn_error;
  gboolean               exited_ok;
  gboolean               done;
} Job;

static const char *peakline_path;
static Job jobs[G_N_ELEMENTS (conformance_cases)];
static guint next_job;
static guint running;

static gint64
tolerance (gint64 expected)
{
  return MAX (64 * 1024, ABS (expected) / 100);
}

static void start_next (void);

static void
job_done (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  Job *job = user_data;
  GSubprocess *process = G_SUBPROCESS (source);
  g_autoptr(GError) error = NULL;

  if (!g_subprocess_communicate_utf8_finish (process, result, &job->out, &job->err, &error))
    job->spawn_error = g_strdup (error->message);
  else
    job->exited_ok = g_subprocess_get_if_exited (process) && g_subprocess_get_exit_status (process) == 0;
  job->done = TRUE;
  g_object_unref (process);
  running--;
  start_next ();
}

static void
start_next (void)
{
  while (running < MAX_RUNNING && next_job < G_N_ELEMENTS (jobs))
    {
      Job *job = &jobs[next_job++];
      g_autoptr(GSubprocessLauncher) launcher = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *dir = g_test_build_filename (G_TEST_DIST, "conformance", NULL);
      GSubprocess *process;

      launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
      /* The headless mode needs no display. */
      g_subprocess_launcher_unsetenv (launcher, "DISPLAY");
      g_subprocess_launcher_unsetenv (launcher, "WAYLAND_DISPLAY");
      /* glibc would write every block, calloc's fresh pages included. */
      g_subprocess_launcher_unsetenv (launcher, "MALLOC_PERTURB_");
      g_subprocess_launcher_set_cwd (launcher, dir);
      process = g_subprocess_launcher_spawn (launcher, &error, peakline_path, "run", job->c->file,
                                             "--json", "-", NULL);
      if (process == NULL)
        {
          job->spawn_error = g_strdup (error->message);
          job->done = TRUE;
          continue;
        }
      running++;
      g_subprocess_communicate_utf8_async (process, NULL, NULL, job_done, job);
    }
}

static gboolean
is_known (const ConformanceCase *c,
          const char            *check)
{
  g_auto(GStrv) known = NULL;

  if (c->known_checks == NULL)
    return FALSE;
  known = g_strsplit (c->known_checks, " ", -1);
  return g_strv_contains ((const char * const *) known, check);
}

/* Records a mismatch of @check: among the known ones or the new ones. */
static void
mismatch (const ConformanceCase *c,
          GString               *known,
          GString               *fresh,
          const char            *check,
          const char            *format,
          ...) G_GNUC_PRINTF (5, 6);

static void
mismatch (const ConformanceCase *c,
          GString               *known,
          GString               *fresh,
          const char            *check,
          const char            *format,
          ...)
{
  GString *into = is_known (c, check) ? known : fresh;
  va_list args;

  g_string_append_printf (into, "\n  %s: ", check);
  va_start (args, format);
  g_string_append_vprintf (into, format, args);
  va_end (args);
}

static void
check_figure (const ConformanceCase *c,
              GString               *known,
              GString               *fresh,
              const char            *check,
              gint64                 actual,
              gint64                 expected)
{
  if (ABS (actual - expected) > tolerance (expected))
    mismatch (c, known, fresh, check,
              "Peakline %" G_GINT64_FORMAT ", NumPy %" G_GINT64_FORMAT " (tolerance %" G_GINT64_FORMAT ")",
              actual, expected, tolerance (expected));
}

static void
check_pipeline (const ConformanceCase     *c,
                const ConformancePipeline *ep,
                JsonObject                *pipe,
                GString                   *known,
                GString                   *fresh)
{
  JsonArray *lines = json_object_get_array_member (pipe, "lines");
  g_autofree char *peak = g_strdup_printf ("%s/peak", ep->name);
  g_autofree char *final = g_strdup_printf ("%s/final", ep->name);
  guint n_lines = json_array_get_length (lines);

  g_assert_cmpstr (json_object_get_string_member (pipe, "name"), ==, ep->name);
  check_figure (c, known, fresh, peak, json_object_get_int_member (pipe, "peak_alloc_bytes"), ep->peak_alloc_bytes);
  check_figure (c, known, fresh, final, json_object_get_int_member (pipe, "final_alloc_bytes"), ep->final_alloc_bytes);

  for (guint l = 0, j = 0; l < ep->n_lines; l++)
    {
      const ConformanceLine *el = &ep->lines[l];
      JsonObject *line = NULL;
      g_autofree char *lpeak = g_strdup_printf ("%s/%d/peak", ep->name, el->line);
      g_autofree char *llive = g_strdup_printf ("%s/%d/live", ep->name, el->line);
      g_autofree char *lhits = g_strdup_printf ("%s/%d/hits", ep->name, el->line);

      while (j < n_lines && json_object_get_int_member (json_array_get_object_element (lines, j), "line") < el->line)
        j++;
      if (j < n_lines && json_object_get_int_member (json_array_get_object_element (lines, j), "line") == el->line)
        line = json_array_get_object_element (lines, j);
      if (line == NULL)
        {
          mismatch (c, known, fresh, lhits, "Peakline has no figures for line %d, NumPy ran it %u times",
                    el->line, el->hits);
          continue;
        }
      if (json_object_get_int_member (line, "hits") != el->hits)
        mismatch (c, known, fresh, lhits, "ran %" G_GINT64_FORMAT " times, %u in CPython",
                  json_object_get_int_member (line, "hits"), el->hits);
      check_figure (c, known, fresh, lpeak, json_object_get_int_member (line, "peak_alloc_bytes"), el->peak_alloc_bytes);
      check_figure (c, known, fresh, llive, json_object_get_int_member (line, "live_alloc_bytes"), el->live_alloc_bytes);
    }
  if (n_lines != ep->n_lines)
    g_string_append_printf (fresh, "\n  %s: %u lines, NumPy's has %u", ep->name, n_lines, ep->n_lines);
}

static void
test_case (gconstpointer data)
{
  Job *job = (Job *) data;
  const ConformanceCase *c = job->c;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) known = g_string_new (NULL);
  g_autoptr(GString) fresh = g_string_new (NULL);
  JsonObject *root;
  JsonArray *experiments;

  g_assert_true (job->done);
  if (job->spawn_error != NULL)
    g_error ("cannot run %s: %s", peakline_path, job->spawn_error);
  if (!job->exited_ok)
    {
      g_test_message ("%s", job->err);
      g_test_fail_printf ("peakline run %s failed (its messages above)", c->file);
      return;
    }

  g_assert_true (json_parser_load_from_data (parser, job->out, -1, &error));
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (root, "file"), ==, c->file);
  experiments = json_object_get_array_member (root, "experiments");
  g_assert_cmpuint (json_array_get_length (experiments), ==, c->n_experiments);
  for (guint e = 0, p = 0; e < c->n_experiments; e++)
    {
      JsonArray *pipelines = json_object_get_array_member (json_array_get_object_element (experiments, e),
                                                           "pipelines");
      guint n = json_array_get_length (pipelines);

      for (guint i = 0; i < n; i++, p++)
        {
          g_assert_cmpuint (p, <, c->n_pipelines);
          g_assert_cmpuint (c->pipelines[p].experiment, ==, e);
          check_pipeline (c, &c->pipelines[p], json_array_get_object_element (pipelines, i), known, fresh);
        }
      if (e + 1 == c->n_experiments)
        g_assert_cmpuint (p, ==, c->n_pipelines);
    }

  /* With --json -, what the script prints goes to standard error. */
  if (g_strcmp0 (job->err, c->output) != 0)
    mismatch (c, known, fresh, "stdout", "Peakline prints\n%s\nCPython prints\n%s", job->err, c->output);

  /* The details as TAP comments; the verdict on one line. */
  if (known->len > 0)
    g_test_message ("known (%s):%s", c->known_failure, known->str);
  if (fresh->len > 0)
    {
      g_test_message ("new:%s", fresh->str);
      g_test_fail_printf ("%s disagrees with NumPy (details above)", c->file);
    }
  else if (c->known_failure != NULL && known->len == 0)
    g_test_fail_printf ("%s now agrees with NumPy where it was known not to (%s): remove its mark in "
                        "make-expected.py and regenerate", c->file, c->known_failure);
  else if (known->len > 0)
    g_test_incomplete_printf ("%s: known mismatch %s (tests/conformance/README.md)",
                              c->file, c->known_failure);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  if (argc < 2)
    {
      g_printerr ("usage: %s PEAKLINE\n", argv[0]);
      return 2;
    }
  peakline_path = argv[1];

  for (guint i = 0; i < G_N_ELEMENTS (conformance_cases); i++)
    {
      g_autofree char *path = NULL;
      g_autofree char *stem = g_strndup (conformance_cases[i].file, strlen (conformance_cases[i].file) - 3);

      jobs[i].c = &conformance_cases[i];
      path = g_strdup_printf ("/conformance/%s", stem);
      g_test_add_data_func (path, &jobs[i], test_case);
    }

  start_next ();
  while (running > 0)
    g_main_context_iteration (NULL, TRUE);

  return g_test_run ();
}
