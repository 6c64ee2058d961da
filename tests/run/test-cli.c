/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <signal.h>
#include <string.h>

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

/* The headless contract of `peakline run`, through the real binary with no
 * display: exit 0 / 1 (script error, FILE:LINE:COL on stderr) / 2 (bad
 * usage), what the script prints on stdout, and the outputs.
 *
 * usage: test-cli PEAKLINE */

static const char *peakline_path;
static char *workdir;

typedef struct
{
  int   status;
  char *out;
  char *err;
} Result;

static void
result_clear (Result *r)
{
  g_clear_pointer (&r->out, g_free);
  g_clear_pointer (&r->err, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Result, result_clear)

static void
run (Result     *r,
     const char *first,
     ...)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  va_list ap;

  g_ptr_array_add (args, (char *)peakline_path);
  g_ptr_array_add (args, (char *)"run");
  va_start (ap, first);
  for (const char *a = first; a != NULL; a = va_arg (ap, const char *))
    g_ptr_array_add (args, (char *)a);
  va_end (ap);
  g_ptr_array_add (args, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_unsetenv (launcher, "DISPLAY");
  g_subprocess_launcher_unsetenv (launcher, "WAYLAND_DISPLAY");
  g_subprocess_launcher_unsetenv (launcher, "MALLOC_PERTURB_");
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);
  g_subprocess_launcher_set_cwd (launcher, workdir);
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *)args->pdata, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_communicate_utf8 (process, NULL, NULL, &r->out, &r->err, &error));
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  r->status = g_subprocess_get_exit_status (process);
}

static void
write_script (const char *name,
              const char *text)
{
  g_autofree char *path = g_build_filename (workdir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
}

static char *
read_file (const char *name,
           gsize      *length)
{
  g_autofree char *path = g_build_filename (workdir, name, NULL);
  char *contents = NULL;

  if (!g_file_get_contents (path, &contents, length, NULL))
    return NULL;
  return contents;
}

static const char hello_py[] =
  "import numpy as np\n"
  "from functools import partial\n"
  "\n"
  "def fun(n):\n"
  "    x = np.ones(n)\n"
  "    y = x * 2\n"
  "    del x\n"
  "\n"
  "print(\"hello\")\n"
  "utils.analyze_memory(partial(fun, 100_000))\n"
  "print(\"between\")\n"
  "utils.analyze_memory(partial(np.zeros, 1000), partial(fun, 1000))\n";

static void
test_cli_help (void)
{
  g_auto(Result) r = { 0 };

  run (&r, "--help", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "FILE.py"));
  for (const char *const *o = (const char *const[]) { "--json", "--csv", "--png", "--svg", "--pdf",
                                                       "--interval", "--size", "--no-elision",
                                                       "Exit status", NULL }; *o; o++)
    if (strstr (r.out, *o) == NULL)
      g_error ("--help does not mention %s:\n%s", *o, r.out);
}

static void
test_cli_usage (void)
{
  g_auto(Result) r = { 0 };

  run (&r, NULL);
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, "no script given"));
  result_clear (&r);

  run (&r, "--frobnicate", "x.py", NULL);
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, "--frobnicate"));
  result_clear (&r);

  write_script ("hello.py", hello_py);
  run (&r, "hello.py", "other.py", NULL);
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, "other.py"));
  result_clear (&r);

  run (&r, "hello.py", "--size", "big", NULL);
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, "--size"));
  result_clear (&r);

  run (&r, "hello.py", "--size", "1200x", NULL);
  g_assert_cmpint (r.status, ==, 2);
  result_clear (&r);

  run (&r, "hello.py", "--interval", "0", NULL);
  g_assert_cmpint (r.status, ==, 0);   /* 0: the script's own interval */
  result_clear (&r);

  run (&r, "hello.py", "--interval", "-1", NULL);
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, "--interval"));
  result_clear (&r);

  run (&r, "hello.py", "--interval", "abc", NULL);
  g_assert_cmpint (r.status, ==, 2);
  result_clear (&r);

  run (&r, "hello.py", "--json", "-", "--csv", "-", NULL);
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, "standard output"));
}

static void
test_cli_unreadable (void)
{
  g_auto(Result) r = { 0 };

  run (&r, "foo.py", NULL);
  g_assert_cmpint (r.status, ==, 2);
  g_assert_cmpstr (r.err, ==, "peakline: cannot read foo.py: No such file or directory\n");
  g_assert_cmpstr (r.out, ==, "");
  result_clear (&r);

  run (&r, ".", NULL);
  g_assert_cmpint (r.status, ==, 2);
  g_assert_cmpstr (r.err, ==, "peakline: cannot read .: Is a directory\n");
}

/* MALLOC_PERTURB_ makes the C library write every allocation: resident
 * memory is then overstated, and the run says so. */
static void
test_cli_malloc_perturb (void)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  write_script ("hello.py", hello_py);
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_setenv (launcher, "MALLOC_PERTURB_", "165", TRUE);
  g_subprocess_launcher_set_cwd (launcher, workdir);
  process = g_subprocess_launcher_spawn (launcher, &error, peakline_path, "run", "hello.py", NULL);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_communicate_utf8 (process, NULL, NULL, &out, &err, &error));
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 0);
  g_assert_cmpstr (out, ==, "hello\nbetween\n");
  g_assert_nonnull (strstr (err, "MALLOC_PERTURB_"));
}

static void
test_cli_script_errors (void)
{
  g_auto(Result) r = { 0 };

  write_script ("name.py", "x = 1\ny = dta * 2\n");
  run (&r, "name.py", NULL);
  g_assert_cmpint (r.status, ==, 1);
  if (!g_str_has_prefix (r.err, "name.py:2:5: error: NameError"))
    g_error ("unexpected message: %s", r.err);
  result_clear (&r);

  write_script ("syntax.py", "def f(:\n    pass\n");
  run (&r, "syntax.py", NULL);
  g_assert_cmpint (r.status, ==, 1);
  if (!g_str_has_prefix (r.err, "syntax.py:1:") || strstr (r.err, ": error: SyntaxError") == NULL)
    g_error ("unexpected message: %s", r.err);
  result_clear (&r);

  /* An error inside a pipeline: what was printed before it is printed. */
  write_script ("inside.py",
                "def fun():\n"
                "    x = 1\n"
                "    return undefined_name\n"
                "print(\"before\")\n"
                "utils.analyze_memory(fun)\n");
  run (&r, "inside.py", "--json", "inside.json", NULL);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_cmpstr (r.out, ==, "before\n");
  if (!g_str_has_prefix (r.err, "inside.py:3:12: error: NameError"))
    g_error ("unexpected message: %s", r.err);
}

static JsonObject *
parse_object (JsonParser *parser,
              const char *text)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (json_parser_load_from_data (parser, text, -1, &error));
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));
  return json_node_get_object (json_parser_get_root (parser));
}

static void
test_cli_outputs (void)
{
  g_auto(Result) r = { 0 };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonParser) parser2 = json_parser_new ();
  g_autofree char *json = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *png1 = NULL;
  g_autofree char *png2 = NULL;
  g_autofree char *svg = NULL;
  g_autofree char *pdf = NULL;
  g_auto(GStrv) rows = NULL;
  JsonObject *root;
  JsonArray *experiments;
  JsonArray *output;
  gsize len;
  guint32 width;

  write_script ("hello.py", hello_py);

  /* Plain: what the script prints, nothing else. */
  run (&r, "hello.py", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_cmpstr (r.out, ==, "hello\nbetween\n");
  g_assert_cmpstr (r.err, ==, "");
  result_clear (&r);

  /* --json -: stdout is the document, the prints go to stderr. */
  run (&r, "hello.py", "--json", "-", "--interval", "0.0001", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_cmpstr (r.err, ==, "hello\nbetween\n");
  root = parse_object (parser, r.out);
  g_assert_cmpstr (json_object_get_string_member (root, "file"), ==, "hello.py");
  g_assert_cmpfloat (json_object_get_double_member (root, "sample_interval_s"), ==, 0.0001);
  output = json_object_get_array_member (root, "output");
  g_assert_cmpuint (json_array_get_length (output), ==, 2);
  g_assert_cmpstr (json_array_get_string_element (output, 0), ==, "hello");
  experiments = json_object_get_array_member (root, "experiments");
  g_assert_cmpuint (json_array_get_length (experiments), ==, 2);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (experiments, 0), "line"), ==, 10);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (experiments, 1), "line"), ==, 12);
  {
    JsonArray *pipes = json_object_get_array_member (json_array_get_object_element (experiments, 0), "pipelines");
    JsonObject *fun = json_array_get_object_element (pipes, 0);
    JsonArray *lines = json_object_get_array_member (fun, "lines");

    g_assert_cmpstr (json_object_get_string_member (fun, "name"), ==, "fun");
    /* x and y of 800,000 bytes each. */
    g_assert_cmpint (json_object_get_int_member (fun, "peak_alloc_bytes"), ==, 1600000);
    g_assert_cmpint (json_object_get_int_member (fun, "final_alloc_bytes"), ==, 0);
    g_assert_cmpuint (json_array_get_length (lines), ==, 3);
    g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (lines, 0), "line"), ==, 5);
    g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (lines, 2), "live_alloc_bytes"), ==, 800000);
    g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (lines, 2), "freed_bytes"), ==, 800000);
  }
  result_clear (&r);

  /* Files: JSON, CSV, one PNG per experiment (at twice the pixels), SVG, PDF. */
  run (&r, "hello.py", "--json", "out.json", "--csv", "out.csv", "--png", "plot.png",
       "--svg", "plot.svg", "--pdf", "plot.pdf", "--size", "640x480", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_cmpstr (r.out, ==, "hello\nbetween\n");

  json = read_file ("out.json", NULL);
  g_assert_nonnull (json);
  root = parse_object (parser2, json);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "experiments")), ==, 2);

  csv = read_file ("out.csv", NULL);
  g_assert_nonnull (csv);
  rows = g_strsplit (csv, "\n", -1);
  g_assert_cmpstr (rows[0], ==, "experiment,pipeline,time_s,rss_bytes,alloc_bytes,line");
  g_assert_true (g_str_has_prefix (rows[1], "1,1,0.000000000,0,0,"));
  g_assert_true (strstr (csv, "\n2,2,") != NULL);

  png1 = read_file ("plot-1.png", &len);
  g_assert_nonnull (png1);
  g_assert_cmpuint (len, >, 24);
  g_assert_true (memcmp (png1, "\x89PNG\r\n\x1a\n", 8) == 0);
  memcpy (&width, png1 + 16, 4);
  g_assert_cmpuint (GUINT32_FROM_BE (width), ==, 1280);
  png2 = read_file ("plot-2.png", &len);
  g_assert_nonnull (png2);
  svg = read_file ("plot-1.svg", &len);
  g_assert_nonnull (svg);
  g_assert_nonnull (strstr (svg, "<svg"));
  pdf = read_file ("plot-2.pdf", &len);
  g_assert_nonnull (pdf);
  g_assert_true (g_str_has_prefix (pdf, "%PDF"));
  result_clear (&r);

  /* An output that cannot be written: bad usage, said why. */
  run (&r, "hello.py", "--json", "no/such/dir/out.json", NULL);
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, "out.json"));
}

/* --csv - writes only the CSV to standard output; the default plot size
 * is 1200×800 at twice the pixels. */
static void
test_cli_csv_stdout_default_size (void)
{
  g_auto(Result) r = { 0 };
  g_autofree char *png = NULL;
  gsize len;
  guint32 width, height;

  write_script ("hello.py", hello_py);
  run (&r, "hello.py", "--csv", "-", "--png", "default.png", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_cmpstr (r.err, ==, "hello\nbetween\n");
  g_assert_true (g_str_has_prefix (r.out, "experiment,pipeline,time_s,rss_bytes,alloc_bytes,line\n1,1,0.000000000,0,0,"));
  g_assert_true (g_str_has_suffix (r.out, "\n"));

  png = read_file ("default-1.png", &len);
  g_assert_nonnull (png);
  memcpy (&width, png + 16, 4);
  memcpy (&height, png + 20, 4);
  g_assert_cmpuint (GUINT32_FROM_BE (width), ==, 2400);
  g_assert_cmpuint (GUINT32_FROM_BE (height), ==, 1600);
}

/* A script with one experiment writes the plot to PATH itself. */
static void
test_cli_single_plot (void)
{
  g_auto(Result) r = { 0 };
  g_autofree char *svg = NULL;

  write_script ("one.py",
                "import numpy as np\n"
                "from functools import partial\n"
                "utils.analyze_memory(partial(np.ones, 1000))\n");
  run (&r, "one.py", "--svg", "one.svg", NULL);
  g_assert_cmpint (r.status, ==, 0);
  svg = read_file ("one.svg", NULL);
  g_assert_nonnull (svg);
  g_assert_null (read_file ("one-1.svg", NULL));
  result_clear (&r);

  /* No experiment: nothing to draw, said so, not an error. */
  write_script ("none.py", "print(1 + 1)\n");
  run (&r, "none.py", "--svg", "none.svg", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_cmpstr (r.out, ==, "2\n");
  g_assert_nonnull (strstr (r.err, "nothing to draw"));
  g_assert_null (read_file ("none.svg", NULL));
}

static char *
read_all (GInputStream *stream)
{
  g_autoptr(GOutputStream) memory = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;

  g_output_stream_splice (memory, stream, G_OUTPUT_STREAM_SPLICE_NONE, NULL, &error);
  g_assert_no_error (error);
  g_output_stream_write_all (memory, "", 1, NULL, NULL, &error);
  g_assert_no_error (error);
  g_output_stream_close (memory, NULL, &error);
  g_assert_no_error (error);
  return g_memory_output_stream_steal_data (G_MEMORY_OUTPUT_STREAM (memory));
}

/* Ctrl+C stops the script as a KeyboardInterrupt: exit 1, quickly. */
static void
test_cli_sigint (void)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDataInputStream) stdout_lines = NULL;
  g_autofree char *first = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  gint64 t0;

  write_script ("sleepy.py",
                "import time\n"
                "def f():\n"
                "    time.sleep(30)\n"
                "print('started')\n"
                "utils.analyze_memory(f)\n");
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_unsetenv (launcher, "MALLOC_PERTURB_");
  g_subprocess_launcher_set_cwd (launcher, workdir);
  process = g_subprocess_launcher_spawn (launcher, &error, peakline_path, "run", "sleepy.py", NULL);
  g_assert_no_error (error);
  /* Printed lines are flushed as they come: "started" means the script
   * runs (and the handler is in place). */
  stdout_lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (process));
  first = g_data_input_stream_read_line_utf8 (stdout_lines, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (first, ==, "started");
  g_usleep (100 * 1000);
  t0 = g_get_monotonic_time ();
  g_subprocess_send_signal (process, SIGINT);
  out = g_data_input_stream_read_upto (stdout_lines, "", 0, NULL, NULL, &error);
  g_assert_no_error (error);
  err = read_all (g_subprocess_get_stderr_pipe (process));
  g_assert_true (g_subprocess_wait (process, NULL, &error));
  g_assert_no_error (error);
  /* Far less than the 30 s of the sleep (a generous bound). */
  g_assert_cmpint (g_get_monotonic_time () - t0, <, 10 * G_USEC_PER_SEC);
  g_assert_true (g_subprocess_get_if_exited (process));
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 1);
  g_assert_true (out == NULL || *out == '\0');
  if (!g_str_has_prefix (err, "sleepy.py:3:") || strstr (err, "KeyboardInterrupt") == NULL)
    g_error ("unexpected message: %s", err);
}

/* --no-elision: x * 2 * 3 allocates a second temporary. */
static void
test_cli_no_elision (void)
{
  g_auto(Result) r = { 0 };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonParser) parser2 = json_parser_new ();
  JsonObject *root;
  gint64 with, without;

  write_script ("elide.py",
                "import numpy as np\n"
                "from functools import partial\n"
                "def fun(x):\n"
                "    y = x * 2 * 3\n"
                "utils.analyze_memory(partial(fun, np.ones(1_000_000)))\n");
#define PEAK(root) json_object_get_int_member (json_array_get_object_element (json_object_get_array_member ( \
    json_array_get_object_element (json_object_get_array_member (root, "experiments"), 0), "pipelines"), 0), \
    "peak_alloc_bytes")
  run (&r, "elide.py", "--json", "-", NULL);
  g_assert_cmpint (r.status, ==, 0);
  root = parse_object (parser, r.out);
  with = PEAK (root);
  result_clear (&r);
  run (&r, "elide.py", "--json", "-", "--no-elision", NULL);
  g_assert_cmpint (r.status, ==, 0);
  root = parse_object (parser2, r.out);
  without = PEAK (root);
#undef PEAK
  g_assert_cmpint (with, ==, 8000000);
  g_assert_cmpint (without, ==, 16000000);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  if (argc < 2)
    {
      g_printerr ("usage: %s PEAKLINE\n", argv[0]);
      return 2;
    }
  peakline_path = argv[1];
  workdir = g_dir_make_tmp ("pl-cli-XXXXXX", &error);
  g_assert_no_error (error);

  g_test_add_func ("/cli/help", test_cli_help);
  g_test_add_func ("/cli/usage", test_cli_usage);
  g_test_add_func ("/cli/unreadable", test_cli_unreadable);
  g_test_add_func ("/cli/script-errors", test_cli_script_errors);
  g_test_add_func ("/cli/malloc-perturb", test_cli_malloc_perturb);
  g_test_add_func ("/cli/outputs", test_cli_outputs);
  g_test_add_func ("/cli/no-elision", test_cli_no_elision);
  g_test_add_func ("/cli/csv-stdout-default-size", test_cli_csv_stdout_default_size);
  g_test_add_func ("/cli/single-plot", test_cli_single_plot);
  g_test_add_func ("/cli/sigint", test_cli_sigint);

  status = g_test_run ();

  {
    g_autoptr(GDir) dir = g_dir_open (workdir, 0, NULL);
    const char *name;

    while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *path = g_build_filename (workdir, name, NULL);

        g_unlink (path);
      }
    g_rmdir (workdir);
    g_free (workdir);
  }

  return status;
}
