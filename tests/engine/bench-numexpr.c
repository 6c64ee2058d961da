/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>

#include "engine/pl-array.h"
#include "engine/pl-numexpr.h"

/* Benchmark (meson benchmark(), never a unit test): the five
 * expressions on 8,000,000 float64 elements with numexpr's thread count,
 * best of several calls, next to the bandwidth memcpy reaches in the same
 * run. When /usr/bin/python3 has numexpr, bench-numexpr.py --serve times the
 * real thing, expression by expression alternating with ours (the machine is
 * shared and noisy: the best of all rounds counts, for both) and the ratios
 * are printed.
 *
 * usage: bench-numexpr [--repeat N] [--rounds N] [--threads N] [--script PATH] */

static const char *expressions[] = {
  "x * 2 + 3",
  "x * y + z",
  "2 * x + 3 * y",
  "sqrt(x) + y ** 2",
  "x * y - 4.1 * x > 2.5 * y",
};
#define N_EXPR G_N_ELEMENTS (expressions)

static const gint64 n = 8000000;

typedef struct
{
  const char *names[3];
  PlArray    *arrays[3];
} Scope;

static PlArray *
lookup (const char  *name,
        gpointer     user_data,
        GError     **error)
{
  Scope *scope = user_data;

  for (guint i = 0; i < 3; i++)
    if (strcmp (scope->names[i], name) == 0)
      return pl_array_ref (scope->arrays[i]);
  g_set_error (error, PL_ERROR, PL_ERROR_KEY, "'%s'", name);
  return NULL;
}

static double
now (void)
{
  return g_get_monotonic_time () / 1e6;
}

/* The inputs an expression reads plus the output it writes, in bytes. */
static double
traffic_bytes (guint e)
{
  static const double arrays[N_EXPR] = { 2, 4, 3, 3, 2 + 0.125 };

  return arrays[e] * 8.0 * (double) n;
}

static double
time_memcpy (guint repeat)
{
  gsize bytes = (gsize) n * 8;
  guint8 *src = g_malloc (bytes);
  guint8 *dst = g_malloc (bytes);
  double best = INFINITY;

  memset (src, 1, bytes);
  memset (dst, 2, bytes);
  for (guint r = 0; r < repeat; r++)
    {
      double t0 = now ();
      memcpy (dst, src, bytes);
      best = MIN (best, now () - t0);
    }
  g_assert_cmpint (dst[bytes - 1], ==, 1);
  g_free (src);
  g_free (dst);
  return best;
}

static double
cpu_now (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Best wall time (returned) and best CPU time of all threads (@cpu). */
static double
time_ours (Scope  *scope,
           guint   e,
           guint   repeat,
           double *cpu)
{
  g_autoptr(GError) error = NULL;
  PlArray *warm = pl_numexpr_evaluate (expressions[e], lookup, scope, NULL,
                                       PL_NUMEXPR_CASTING_SAFE, &error);
  double best = INFINITY;

  g_assert_no_error (error);
  pl_array_unref (warm);
  for (guint r = 0; r < repeat; r++)
    {
      double c0 = cpu_now ();
      double t0 = now ();
      PlArray *result = pl_numexpr_evaluate (expressions[e], lookup, scope, NULL,
                                             PL_NUMEXPR_CASTING_SAFE, &error);
      /* An expression statement: the result is dropped at once. */
      pl_array_unref (result);
      best = MIN (best, now () - t0);
      *cpu = MIN (*cpu, cpu_now () - c0);
    }
  return best;
}

/* bench-numexpr.py --serve: one Python process for the whole run, asked
 * for one expression at a time so that both tools are timed under the same
 * load. */
typedef struct
{
  GPid  pid;
  FILE *to;
  FILE *from;
} Server;

static gboolean
server_start (Server     *server,
              const char *script,
              guint       threads)
{
  g_autofree char *threads_s = g_strdup_printf ("%u", threads);
  const char *argv[] = { "/usr/bin/python3", script, "--serve", threads_s, NULL };
  gint in_fd, out_fd;
  char line[256];

  if (script == NULL || !g_file_test (argv[0], G_FILE_TEST_IS_EXECUTABLE)
      || !g_file_test (script, G_FILE_TEST_EXISTS))
    return FALSE;
  if (!g_spawn_async_with_pipes (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD,
                                 NULL, NULL, &server->pid, &in_fd, &out_fd, NULL, NULL))
    return FALSE;
  server->to = fdopen (in_fd, "w");
  server->from = fdopen (out_fd, "r");
  if (fgets (line, sizeof line, server->from) == NULL || !g_str_has_prefix (line, "ready"))
    {
      fclose (server->to);
      fclose (server->from);
      waitpid (server->pid, NULL, 0);
      g_spawn_close_pid (server->pid);
      return FALSE;
    }
  return TRUE;
}

static double
server_time (Server *server,
             guint   e,
             guint   repeat,
             double *cpu)
{
  char line[256];
  char *rest = NULL;
  double wall;

  fprintf (server->to, "%u %s\n", repeat, expressions[e]);
  fflush (server->to);
  if (fgets (line, sizeof line, server->from) == NULL)
    return INFINITY;
  wall = g_ascii_strtod (line, &rest);
  *cpu = MIN (*cpu, g_ascii_strtod (rest, NULL));
  return wall;
}

static void
server_stop (Server *server)
{
  fclose (server->to);
  fclose (server->from);
  waitpid (server->pid, NULL, 0);
  g_spawn_close_pid (server->pid);
}

int
main (int   argc,
      char *argv[])
{
  guint repeat = 5, rounds = 6, threads = 0;
  const char *script = NULL;
  g_autoptr(GError) error = NULL;
  double ours[N_EXPR], theirs[N_EXPR], ours_cpu[N_EXPR], theirs_cpu[N_EXPR];
  gboolean have_numexpr = FALSE;
  double memcpy_best = INFINITY;
  Scope scope = { { "x", "y", "z" } };
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);

  for (int i = 1; i < argc; i++)
    {
      if (strcmp (argv[i], "--repeat") == 0 && i + 1 < argc)
        repeat = (guint) atoi (argv[++i]);
      else if (strcmp (argv[i], "--rounds") == 0 && i + 1 < argc)
        rounds = (guint) atoi (argv[++i]);
      else if (strcmp (argv[i], "--threads") == 0 && i + 1 < argc)
        threads = (guint) atoi (argv[++i]);
      else if (strcmp (argv[i], "--script") == 0 && i + 1 < argc)
        script = argv[++i];
      else
        {
          g_printerr ("usage: %s [--repeat N] [--rounds N] [--threads N] [--script PATH]\n", argv[0]);
          return 2;
        }
    }
  if (threads == 0)
    threads = pl_numexpr_get_num_threads ();
  pl_numexpr_set_num_threads (threads);

  for (guint i = 0; i < 3; i++)
    {
      double *p;

      scope.arrays[i] = pl_array_empty (1, &n, PL_DTYPE_FLOAT64, &error);
      g_assert_no_error (error);
      p = (double *) scope.arrays[i]->data;
      for (gint64 k = 0; k < n; k++)
        p[k] = g_rand_double (rand) + (i == 0 ? 0.5 : i == 1 ? -0.5 : 0.0);
    }

  for (guint e = 0; e < N_EXPR; e++)
    ours[e] = theirs[e] = ours_cpu[e] = theirs_cpu[e] = INFINITY;

  {
    Server server = { 0 };

    have_numexpr = server_start (&server, script, threads);
    for (guint round = 0; round < rounds; round++)
      {
        for (guint e = 0; e < N_EXPR; e++)
          {
            ours[e] = MIN (ours[e], time_ours (&scope, e, repeat, &ours_cpu[e]));
            if (have_numexpr)
              theirs[e] = MIN (theirs[e], server_time (&server, e, repeat, &theirs_cpu[e]));
          }
        memcpy_best = MIN (memcpy_best, time_memcpy (repeat));
      }
    if (have_numexpr)
      server_stop (&server);
  }

  g_print ("# %" G_GINT64_FORMAT " float64 elements, %u threads, best of %u x %u calls\n",
           n, threads, rounds, repeat);
  g_print ("# memcpy: %.2f GB/s (%.1f MB read + written in %.2f ms)\n",
           2.0 * n * 8 / memcpy_best / 1e9, 2.0 * n * 8 / 1e6, memcpy_best * 1e3);
  g_print ("%-28s %10s %10s %7s %8s %10s %10s %7s\n", "expression", "peakline", "numexpr",
           "ratio", "GB/s", "cpu:ours", "numexpr", "ratio");
  {
    double log_sum = 0, worst = 0, cpu_log_sum = 0, cpu_worst = 0;

    for (guint e = 0; e < N_EXPR; e++)
      {
        double gbs = traffic_bytes (e) / ours[e] / 1e9;

        if (have_numexpr && isfinite (theirs[e]))
          {
            double ratio = ours[e] / theirs[e];
            double cpu_ratio = ours_cpu[e] / theirs_cpu[e];

            log_sum += log (ratio);
            worst = MAX (worst, ratio);
            cpu_log_sum += log (cpu_ratio);
            cpu_worst = MAX (cpu_worst, cpu_ratio);
            g_print ("%-28s %8.2fms %8.2fms %7.3f %8.2f %8.2fms %8.2fms %7.3f\n", expressions[e],
                     ours[e] * 1e3, theirs[e] * 1e3, ratio, gbs,
                     ours_cpu[e] * 1e3, theirs_cpu[e] * 1e3, cpu_ratio);
          }
        else
          g_print ("%-28s %8.2fms %10s %7s %8.2f %8.2fms\n", expressions[e], ours[e] * 1e3,
                   "-", "-", gbs, ours_cpu[e] * 1e3);
      }
    if (have_numexpr)
      {
        g_print ("# wall-time ratio peakline / numexpr: geometric mean %.3f, worst %.3f (target <= 0.8)\n",
                 exp (log_sum / N_EXPR), worst);
        g_print ("# CPU-time ratio (all threads): geometric mean %.3f, worst %.3f\n",
                 exp (cpu_log_sum / N_EXPR), cpu_worst);
      }
    else
      g_print ("# numexpr not available (/usr/bin/python3 with numexpr and --script): no ratios\n");
  }

  for (guint i = 0; i < 3; i++)
    pl_array_unref (scope.arrays[i]);
  return 0;
}
