/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdlib.h>

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "tutorial-expected.h"

/* Every tutorial cell of sections 2–5 (tests/run/cases/) through the real
 * `peakline run FILE --json -`: the allocation figures must equal NumPy
 * 1.24's (tutorial-expected.h, from numpy_ref.py) within max(64 KiB, 1 %),
 * and resident memory must be honest.
 *
 * usage: test-tutorial PEAKLINE SECTION */

#define MiB (1024.0 * 1024.0)

#if defined(__SANITIZE_ADDRESS__)
# define PL_TEST_ASAN 1
#elif defined(__has_feature)
# if __has_feature(address_sanitizer)
#  define PL_TEST_ASAN 1
# endif
#endif

static const char *peakline_path;
static guint section;

static gint64
tolerance (gint64 expected)
{
  return MAX (64 * 1024, ABS (expected) / 100);
}

#define assert_close(what, actual, expected)                                        \
  G_STMT_START {                                                                    \
    gint64 a_ = (actual), e_ = (expected);                                          \
    if (ABS (a_ - e_) > tolerance (e_))                                             \
      g_error ("%s: %s is %" G_GINT64_FORMAT ", NumPy gives %" G_GINT64_FORMAT      \
               " (tolerance %" G_GINT64_FORMAT ")", c->file, what, a_, e_,          \
               tolerance (e_));                                                     \
  } G_STMT_END

static JsonObject *
run_case (const char  *file,
          JsonParser  *parser)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *cases = g_test_build_filename (G_TEST_DIST, "run", "cases", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  /* The headless mode needs no display. */
  g_subprocess_launcher_unsetenv (launcher, "DISPLAY");
  g_subprocess_launcher_unsetenv (launcher, "WAYLAND_DISPLAY");
  /* meson test sets it: glibc then writes every allocation, calloc's
   * fresh pages included, and np.zeros would look resident. */
  g_subprocess_launcher_unsetenv (launcher, "MALLOC_PERTURB_");
  g_subprocess_launcher_set_cwd (launcher, cases);
  process = g_subprocess_launcher_spawn (launcher, &error, peakline_path, "run", file, "--json", "-", NULL);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_communicate_utf8 (process, NULL, NULL, &out, &err, &error));
  g_assert_no_error (error);
  if (!g_subprocess_get_if_exited (process) || g_subprocess_get_exit_status (process) != 0)
    g_error ("peakline run %s failed: %s", file, err);

  g_assert_true (json_parser_load_from_data (parser, out, -1, &error));
  g_assert_no_error (error);

  return json_node_get_object (json_parser_get_root (parser));
}

static void
test_case (gconstpointer data)
{
  const ExpectedCase *c = data;
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *root = run_case (c->file, parser);
  JsonArray *experiments = json_object_get_array_member (root, "experiments");
  JsonArray *pipelines;

  g_assert_cmpstr (json_object_get_string_member (root, "file"), ==, c->file);
  g_assert_cmpuint (json_array_get_length (experiments), ==, 1);
  pipelines = json_object_get_array_member (json_array_get_object_element (experiments, 0), "pipelines");
  g_assert_cmpuint (json_array_get_length (pipelines), ==, c->n_pipelines);

  for (guint p = 0; p < c->n_pipelines; p++)
    {
      const ExpectedPipeline *ep = &c->pipelines[p];
      JsonObject *pipe = json_array_get_object_element (pipelines, p);
      JsonArray *lines = json_object_get_array_member (pipe, "lines");
      g_autofree char *what = NULL;

      g_assert_cmpstr (json_object_get_string_member (pipe, "name"), ==, ep->name);
      what = g_strdup_printf ("pipeline %u (%s) peak_alloc_bytes", p + 1, ep->name);
      assert_close (what, json_object_get_int_member (pipe, "peak_alloc_bytes"), ep->peak_alloc_bytes);
      g_free (what);
      what = g_strdup_printf ("pipeline %u (%s) final_alloc_bytes", p + 1, ep->name);
      assert_close (what, json_object_get_int_member (pipe, "final_alloc_bytes"), ep->final_alloc_bytes);
      g_assert_cmpint (json_object_get_int_member (pipe, "sample_count"), >=, 2);

      if (json_array_get_length (lines) != ep->n_lines)
        g_error ("%s: pipeline %u has %u lines, NumPy's has %u", c->file, p + 1,
                 json_array_get_length (lines), ep->n_lines);
      for (guint l = 0; l < ep->n_lines; l++)
        {
          const ExpectedLine *el = &ep->lines[l];
          JsonObject *line = json_array_get_object_element (lines, l);

          g_assert_cmpint (json_object_get_int_member (line, "line"), ==, el->line);
          if (json_object_get_int_member (line, "hits") != el->hits)
            g_error ("%s: line %d ran %" G_GINT64_FORMAT " times, %u in CPython", c->file, el->line,
                     json_object_get_int_member (line, "hits"), el->hits);
          g_free (what);
          what = g_strdup_printf ("line %d peak_alloc_bytes", el->line);
          assert_close (what, json_object_get_int_member (line, "peak_alloc_bytes"), el->peak_alloc_bytes);
          g_free (what);
          what = g_strdup_printf ("line %d live_alloc_bytes", el->line);
          assert_close (what, json_object_get_int_member (line, "live_alloc_bytes"), el->live_alloc_bytes);
        }
    }
}

static gint64
peak_rss (JsonObject *root,
          guint       pipeline)
{
  JsonArray *experiments = json_object_get_array_member (root, "experiments");
  JsonArray *pipelines = json_object_get_array_member (json_array_get_object_element (experiments, 0), "pipelines");

  return json_object_get_int_member (json_array_get_object_element (pipelines, pipeline), "peak_rss_bytes");
}

/* np.zeros and np.empty of 5,000,000 float64 cost no resident memory until
 * written; np.ones writes all 40 MB (38.1 MiB). */
static void
test_rss_honest (void)
{
#ifdef PL_TEST_ASAN
  /* ASan's allocator and its shadow memory (an eighth more for every byte
   * written) are not NumPy's malloc: resident memory is not comparable. */
  g_test_skip ("resident memory is not NumPy's under AddressSanitizer");
  return;
#endif

  g_autoptr(JsonParser) parser1 = json_parser_new ();
  g_autoptr(JsonParser) parser2 = json_parser_new ();
  JsonObject *ones_zeros = run_case ("s2-ones-zeros.py", parser1);
  JsonObject *zeros_empty = run_case ("s2-zeros-empty.py", parser2);
  double ones = peak_rss (ones_zeros, 0) / MiB;

  if (ones < 38.0 * 0.9 || ones > 38.0 * 1.1)
    g_error ("np.ones(5_000_000) shows %.1f MiB resident, not 38 MiB ± 10 %%", ones);
  g_assert_cmpfloat (peak_rss (ones_zeros, 1) / MiB, <, 2.0);
  g_assert_cmpfloat (peak_rss (zeros_empty, 0) / MiB, <, 2.0);
  g_assert_cmpfloat (peak_rss (zeros_empty, 1) / MiB, <, 2.0);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  if (argc < 3)
    {
      g_printerr ("usage: %s PEAKLINE SECTION\n", argv[0]);
      return 2;
    }
  peakline_path = argv[1];
  section = atoi (argv[2]);

  for (guint i = 0; i < G_N_ELEMENTS (expected_cases); i++)
    if (expected_cases[i].section == section)
      {
        g_autofree char *path = g_strdup_printf ("/tutorial/section-%u/%s", section, expected_cases[i].file);

        g_test_add_data_func (path, &expected_cases[i], test_case);
      }
  if (section == 2)
    g_test_add_func ("/tutorial/section-2/rss-honest", test_rss_honest);

  return g_test_run ();
}
