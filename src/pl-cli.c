/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n.h>

#include "engine/pl-array.h"
#include "plot/pl-plot-export.h"
#include "run/pl-run-csv.h"
#include "run/pl-run-json.h"
#include "run/pl-runner.h"
#include "pl-cli.h"

#define EXIT_OK           0
#define EXIT_SCRIPT_ERROR 1
#define EXIT_USAGE        2

typedef struct
{
  char     *json_path;
  char     *csv_path;
  char     *png_path;
  char     *svg_path;
  char     *pdf_path;
  double    interval;
  char     *size;
  gboolean  no_elision;
  char    **rest;
} CliOptions;

static void
cli_options_clear (CliOptions *options)
{
  g_clear_pointer (&options->json_path, g_free);
  g_clear_pointer (&options->csv_path, g_free);
  g_clear_pointer (&options->png_path, g_free);
  g_clear_pointer (&options->svg_path, g_free);
  g_clear_pointer (&options->pdf_path, g_free);
  g_clear_pointer (&options->size, g_free);
  g_clear_pointer (&options->rest, g_strfreev);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CliOptions, cli_options_clear)

static gboolean
parse_size (const char *text,
            double     *width,
            double     *height)
{
  guint64 w, h;
  char *end;

  if (!g_ascii_isdigit (text[0]))
    return FALSE;
  w = g_ascii_strtoull (text, &end, 10);
  if (*end != 'x' && *end != 'X')
    return FALSE;
  if (!g_ascii_isdigit (end[1]))
    return FALSE;
  h = g_ascii_strtoull (end + 1, &end, 10);
  if (*end != '\0' || w < 100 || h < 100 || w > 16384 || h > 16384)
    return FALSE;

  *width = w;
  *height = h;
  return TRUE;
}

/* Reads @file; the error says why in the C library's words ("No such
 * file or directory"), without repeating the name. */
static gboolean
read_script (const char  *file,
             char       **contents,
             gsize       *length,
             GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  struct stat st;
  int fd;

  fd = open (file, O_RDONLY | O_CLOEXEC);
  if (fd < 0 || fstat (fd, &st) != 0 || S_ISDIR (st.st_mode))
    {
      int errsv = fd < 0 ? errno : S_ISDIR (st.st_mode) ? EISDIR : errno;

      if (fd >= 0)
        close (fd);
      g_set_error_literal (error, G_FILE_ERROR, g_file_error_from_errno (errsv), g_strerror (errsv));
      return FALSE;
    }
  close (fd);

  if (!g_file_get_contents (file, contents, length, &local_error))
    {
      g_set_error_literal (error, G_FILE_ERROR, local_error->code, local_error->message);
      return FALSE;
    }

  return TRUE;
}

static void
print_line (const char *line,
            gpointer    user_data)
{
  FILE *stream = user_data;

  fputs (line, stream);
  fputc ('\n', stream);
  /* Line by line, as Python's print to a terminal or a pipe read live. */
  fflush (stream);
}

/* Ctrl+C stops the script as a KeyboardInterrupt would: the engine's flag
 * is a plain atomic store, safe in a signal handler. */
static void
interrupt_handler (int signum)
{
  pl_engine_interrupt ();
}

/* The plot of experiment @index (0-based) of @n goes to @path, or to
 * "path-N.ext" when there are several experiments. */
static char *
plot_path_for (const char *path,
               guint       index,
               guint       n)
{
  const char *base = strrchr (path, '/');
  const char *dot;

  if (n <= 1)
    return g_strdup (path);

  base = base != NULL ? base + 1 : path;
  dot = strrchr (base, '.');
  if (dot == NULL || dot == base)
    return g_strdup_printf ("%s-%u", path, index + 1);

  return g_strdup_printf ("%.*s-%u%s", (int)(dot - path), path, index + 1, dot);
}

static gboolean
write_plots (const char    *path,
             PlPlotFormat   format,
             GPtrArray     *runs,
             double         width,
             double         height,
             GError       **error)
{
  for (guint i = 0; i < runs->len; i++)
    {
      g_autofree char *target = plot_path_for (path, i, runs->len);

      if (!pl_plot_export_to_path (g_ptr_array_index (runs, i), NULL, format, target,
                                   width, height, PL_PLOT_EXPORT_DEFAULT_SCALE, error))
        return FALSE;
    }

  return TRUE;
}

int
pl_cli_run (int    argc,
            char **argv)
{
  g_auto(CliOptions) options = { .interval = 0.0 };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PlScript) script = NULL;
  g_autoptr(PlRunSettings) settings = NULL;
  g_autoptr(GPtrArray) runs = NULL;
  g_auto(GStrv) output = NULL;
  g_autofree char *source = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *description = NULL;
  static const PlPlotFormat formats[] = {
    PL_PLOT_FORMAT_PNG, PL_PLOT_FORMAT_SVG, PL_PLOT_FORMAT_PDF,
  };
  gboolean stdout_taken;
  double width = PL_PLOT_EXPORT_DEFAULT_WIDTH;
  double height = PL_PLOT_EXPORT_DEFAULT_HEIGHT;
  const char *file;
  gsize length;
  void (*old_handler) (int);
  gboolean ok;
  int status = EXIT_OK;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_FILENAME, &options.json_path,
      N_("Write the measurements as JSON to PATH (“-”: standard output)"), N_("PATH") },
    { "csv", 0, 0, G_OPTION_ARG_FILENAME, &options.csv_path,
      N_("Write every sample as CSV to PATH (“-”: standard output)"), N_("PATH") },
    { "png", 0, 0, G_OPTION_ARG_FILENAME, &options.png_path,
      N_("Draw the memory plot as a PNG image to PATH"), N_("PATH") },
    { "svg", 0, 0, G_OPTION_ARG_FILENAME, &options.svg_path,
      N_("Draw the memory plot as an SVG image to PATH"), N_("PATH") },
    { "pdf", 0, 0, G_OPTION_ARG_FILENAME, &options.pdf_path,
      N_("Draw the memory plot as a PDF document to PATH"), N_("PATH") },
    { "interval", 0, 0, G_OPTION_ARG_DOUBLE, &options.interval,
      N_("Sample resident memory every SECONDS (default: the script’s interval=, else 0.00005)"),
      N_("SECONDS") },
    { "size", 0, 0, G_OPTION_ARG_STRING, &options.size,
      N_("Size of the plot images in pixels (default: 1200x800; PNG at twice that)"), N_("WxH") },
    { "no-elision", 0, 0, G_OPTION_ARG_NONE, &options.no_elision,
      N_("Run without NumPy’s temporary elision (see what each temporary costs)"), NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &options.rest, NULL, N_("FILE.py") },
    { NULL }
  };

  g_set_prgname ("peakline run");

  context = g_option_context_new (NULL);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  summary = g_strdup (_("Measures the memory of a script’s pipelines.\n"
                        "\n"
                        "Runs every utils.analyze_memory(...) call of FILE.py, a script in the tutorial’s\n"
                        "Python/NumPy subset, measuring each pipeline: resident memory sampled by a\n"
                        "dedicated thread, the allocator’s live bytes, and which line ran when.\n"
                        "Prints what the script prints. Needs no display."));
  g_option_context_set_summary (context, summary);
  description = g_strdup (_("Outputs:\n"
                            "  --json   one document: per pipeline its total time, peak and final\n"
                            "           allocated bytes, peak resident bytes, sample count, and per line\n"
                            "           its hits, time, peak and live allocated bytes, bytes allocated\n"
                            "           and freed (all relative to the pipeline’s start)\n"
                            "  --csv    one row per sample:\n"
                            "           experiment,pipeline,time_s,rss_bytes,alloc_bytes,line\n"
                            "           (experiment and pipeline are 1-based positions)\n"
                            "  --png, --svg, --pdf   the plot of each experiment; with several\n"
                            "           experiments, PATH gets “-1”, “-2”, … before its extension\n"
                            "With --json - or --csv -, standard output carries only that document and\n"
                            "what the script prints goes to standard error.\n"
                            "\n"
                            "Exit status: 0 success, 1 an error in the script (reported on standard\n"
                            "error as FILE:LINE:COL: error: ...), 2 bad usage or an unreadable or\n"
                            "unwritable file.\n"
                            "\n"
                            "Example:\n"
                            "  peakline run cell.py --json - --png cell.png"));
  g_option_context_set_description (context, description);

  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("peakline run: %s\n", error->message);
      g_printerr (_("Try “peakline run --help” for more information.\n"));
      return EXIT_USAGE;
    }

  if (options.rest == NULL || options.rest[0] == NULL)
    {
      g_printerr (_("peakline run: no script given: peakline run FILE.py [OPTION…]\n"));
      g_printerr (_("Try “peakline run --help” for more information.\n"));
      return EXIT_USAGE;
    }
  if (options.rest[1] != NULL)
    {
      g_printerr (_("peakline run: one script at a time; unexpected “%s”\n"), options.rest[1]);
      return EXIT_USAGE;
    }
  file = options.rest[0];

  if (options.interval != 0.0 &&
      (!(options.interval >= PL_RUN_MIN_SAMPLE_INTERVAL) || options.interval > 10.0))
    {
      g_printerr (_("peakline run: --interval must be between %g and 10 seconds\n"),
                  PL_RUN_MIN_SAMPLE_INTERVAL);
      return EXIT_USAGE;
    }
  if (options.size != NULL && !parse_size (options.size, &width, &height))
    {
      g_printerr (_("peakline run: --size must be WIDTHxHEIGHT in pixels, each 100 to 16384, "
                    "e.g. 1200x800; not “%s”\n"), options.size);
      return EXIT_USAGE;
    }
  if (g_strcmp0 (options.json_path, "-") == 0 && g_strcmp0 (options.csv_path, "-") == 0)
    {
      g_printerr (_("peakline run: --json - and --csv - cannot both use standard output\n"));
      return EXIT_USAGE;
    }

  if (!read_script (file, &source, &length, &error))
    {
      g_printerr (_("peakline: cannot read %s: %s\n"), file, error->message);
      return EXIT_USAGE;
    }

  script = pl_script_parse (file, source, length, &error);
  if (script == NULL)
    {
      g_printerr ("%s\n", error->message);
      return EXIT_SCRIPT_ERROR;
    }

  {
    const char *perturb = g_getenv ("MALLOC_PERTURB_");

    if (perturb != NULL && *perturb != '\0' && strcmp (perturb, "0") != 0)
      g_printerr (_("peakline: warning: MALLOC_PERTURB_ is set, so the C library writes every "
                    "allocation: resident memory is overstated (np.zeros and np.empty look resident)\n"));
  }

  settings = pl_run_settings_new ();
  settings->sample_interval = options.interval;
  settings->elision = !options.no_elision;

  stdout_taken = g_strcmp0 (options.json_path, "-") == 0 || g_strcmp0 (options.csv_path, "-") == 0;

  old_handler = signal (SIGINT, interrupt_handler);
  ok = pl_run_script_sync (script, settings, NULL, print_line, stdout_taken ? stderr : stdout,
                           &runs, &output, &error);
  signal (SIGINT, old_handler == SIG_ERR ? SIG_DFL : old_handler);
  fflush (stdout);

  if (!ok)
    {
      g_printerr ("%s\n", error->message);
      return EXIT_SCRIPT_ERROR;
    }

  if (options.json_path != NULL)
    {
      double interval = settings->sample_interval > 0.0 ? settings->sample_interval
                        : runs->len > 0 ? pl_run_get_sample_interval (g_ptr_array_index (runs, 0))
                        : PL_RUN_DEFAULT_SAMPLE_INTERVAL;

      if (!pl_run_json_write (options.json_path, file, interval,
                              (const char * const *)output, runs, &error))
        {
          g_printerr ("peakline: %s\n", error->message);
          g_clear_error (&error);
          status = EXIT_USAGE;
        }
    }

  if (options.csv_path != NULL && !pl_run_csv_write (options.csv_path, runs, &error))
    {
      g_printerr ("peakline: %s\n", error->message);
      g_clear_error (&error);
      status = EXIT_USAGE;
    }

  {
    const char *paths[] = { options.png_path, options.svg_path, options.pdf_path };

    for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
      {
        if (paths[i] == NULL)
          continue;
        if (runs->len == 0)
          {
            g_printerr (_("peakline: %s has no utils.analyze_memory call that ran; nothing to draw in %s\n"),
                        file, paths[i]);
            continue;
          }
        if (!write_plots (paths[i], formats[i], runs, width, height, &error))
          {
            g_printerr ("peakline: %s\n", error->message);
            g_clear_error (&error);
            status = EXIT_USAGE;
          }
      }
  }

  return status;
}
