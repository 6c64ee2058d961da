/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "run/pl-sampler.h"

#define MiB (1024 * 1024)

/* What /proc/self/status says, for comparison. */
static gint64
status_vm_rss (void)
{
  g_autofree char *status = NULL;
  const char *p;

  g_assert_true (g_file_get_contents ("/proc/self/status", &status, NULL, NULL));
  p = strstr (status, "VmRSS:");
  g_assert_nonnull (p);
  return g_ascii_strtoll (p + 6, NULL, 10) * 1024;
}

static void
test_sampler_read_rss (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PlSampler) sampler = pl_sampler_new (&error);
  gint64 rss;
  gint64 status;

  g_assert_no_error (error);
  rss = pl_sampler_read_rss (sampler);
  status = status_vm_rss ();
  g_assert_cmpint (rss, >, 0);
  g_assert_cmpint (rss % 4096, ==, 0);
  g_assert_cmpint (ABS (rss - status), <, 2 * MiB);
}

static gint fake_live = 1000;

static gint64
fake_alloc (void)
{
  return g_atomic_int_get (&fake_live);
}

/* Samples are relative to the baseline, in time order, carry the line and
 * the allocator's bytes of their moment, and end with a last sample. */
static void
test_sampler_samples (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PlSampler) sampler = pl_sampler_new (&error);
  g_autoptr(PlRun) run = pl_run_new ("t.py", 1);
  PlPipelineRun *pipeline = pl_run_add_pipeline (run, "p");
  gint line = 7;
  gint64 start = 0;
  gsize n;
  PlSample s;
  gboolean saw_line_8 = FALSE;
  const PlSample *copied;
  gsize n_copied;

  g_assert_no_error (error);
  g_atomic_int_set (&fake_live, 1000);
  g_assert_true (pl_sampler_start (sampler, 100 * 1000, fake_alloc, &line, &start, &error));
  g_assert_no_error (error);
  g_assert_true (pl_sampler_is_running (sampler));
  g_assert_cmpint (start, >, 0);

  g_usleep (5000);
  g_atomic_int_set (&line, 8);
  g_atomic_int_set (&fake_live, 5000);
  g_usleep (5000);
  pl_sampler_stop (sampler);
  g_assert_false (pl_sampler_is_running (sampler));

  n = pl_sampler_get_n_samples (sampler);
  g_assert_cmpuint (n, >=, 3);
  /* Never more than the grid allows (plus the baseline and the last
   * sample): missed deadlines are skipped, not taken in a burst. */
  pl_sampler_get_sample (sampler, n - 1, &s);
  g_assert_cmpuint (n, <=, 2 + s.time_ns / (100 * 1000) + 1);

  pl_sampler_get_sample (sampler, 0, &s);
  g_assert_cmpint (s.time_ns, ==, 0);
  g_assert_cmpint (s.rss_bytes, ==, 0);
  g_assert_cmpint (s.alloc_bytes, ==, 0);
  g_assert_cmpint (s.line, ==, 7);

  for (gsize i = 1; i < n; i++)
    {
      PlSample prev;

      pl_sampler_get_sample (sampler, i - 1, &prev);
      pl_sampler_get_sample (sampler, i, &s);
      g_assert_cmpint (s.time_ns, >, prev.time_ns);
      g_assert_true (s.line == 7 || s.line == 8);
      if (s.line == 8)
        {
          saw_line_8 = TRUE;
          /* The line changed before the bytes: either value is possible
           * for one sample, never anything else. */
          g_assert_true (s.alloc_bytes == 0 || s.alloc_bytes == 4000);
        }
      else
        g_assert_cmpint (s.alloc_bytes, ==, 0);
    }
  g_assert_true (saw_line_8);
  pl_sampler_get_sample (sampler, n - 1, &s);
  g_assert_cmpint (s.line, ==, 8);
  g_assert_cmpint (s.alloc_bytes, ==, 4000);
  g_assert_cmpint (s.time_ns, >=, 10 * 1000 * 1000);

  pl_sampler_copy_to (sampler, pipeline);
  copied = pl_pipeline_run_get_samples (pipeline, &n_copied);
  g_assert_cmpuint (n_copied, ==, n);
  g_assert_cmpint (copied[n - 1].time_ns, ==, s.time_ns);
}

/* Without an allocator or a line, samples still measure RSS. */
static void
test_sampler_no_sources (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PlSampler) sampler = pl_sampler_new (&error);
  PlSample s;

  g_assert_true (pl_sampler_start (sampler, 200 * 1000, NULL, NULL, NULL, &error));
  g_usleep (2000);
  pl_sampler_stop (sampler);
  /* Stopping twice is harmless. */
  pl_sampler_stop (sampler);

  g_assert_cmpuint (pl_sampler_get_n_samples (sampler), >=, 2);
  /* Each sample costs the thread some CPU time, never more than it ran. */
  g_assert_cmpint (pl_sampler_get_cpu_ns (sampler), >, 0);
  pl_sampler_get_sample (sampler, pl_sampler_get_n_samples (sampler) - 1, &s);
  g_assert_cmpint (pl_sampler_get_cpu_ns (sampler), <=, s.time_ns + 1000000);
  pl_sampler_get_sample (sampler, 1, &s);
  g_assert_cmpint (s.line, ==, 0);
  g_assert_cmpint (s.alloc_bytes, ==, 0);
}

static gint64
max_rss (PlSampler *sampler)
{
  gsize n = pl_sampler_get_n_samples (sampler);
  gint64 peak = 0;

  for (gsize i = 0; i < n; i++)
    {
      PlSample s;

      pl_sampler_get_sample (sampler, i, &s);
      peak = MAX (peak, s.rss_bytes);
    }

  return peak;
}

/* RSS is honest: 32 MiB written show as 32 MiB, 32 MiB mapped but never
 * written show as nothing (what np.ones and np.zeros do). */
static void
test_sampler_rss_honest (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PlSampler) sampler = pl_sampler_new (&error);
  gsize size = 32 * MiB;
  guint8 *block;
  gint64 peak;

  g_assert_true (pl_sampler_start (sampler, 50 * 1000, NULL, NULL, NULL, &error));
  block = mmap (NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  g_assert_true (block != MAP_FAILED);
  g_usleep (2000);
  pl_sampler_stop (sampler);
  peak = max_rss (sampler);
  g_assert_cmpint (peak, <, 2 * MiB);

  g_assert_true (pl_sampler_start (sampler, 50 * 1000, NULL, NULL, NULL, &error));
  memset (block, 1, size);
  g_usleep (2000);
  pl_sampler_stop (sampler);
  peak = max_rss (sampler);
  g_assert_cmpint (peak, >, size - size / 10);
  g_assert_cmpint (peak, <, size + size / 10);

  munmap (block, size);
}

/* Regression: a peak between two samples (a loaded machine starves the
 * sampler; an array written and freed in a few milliseconds) is still the
 * pipeline's peak, from the kernel's high-water mark. */
static void
test_sampler_peak_between_samples (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PlSampler) sampler = pl_sampler_new (&error);
  g_autoptr(PlRun) run = pl_run_new (NULL, 0);
  PlPipelineRun *pipeline = pl_run_add_pipeline (run, "p");
  gsize size = 32 * MiB;
  guint8 *block;
  gint64 peak;

  /* A 10 s interval: only the baseline and the last sample. */
  g_assert_true (pl_sampler_start (sampler, 10 * G_GINT64_CONSTANT (1000000000), NULL, NULL, NULL, &error));
  block = mmap (NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  g_assert_true (block != MAP_FAILED);
  memset (block, 1, size);
  munmap (block, size);
  pl_sampler_stop (sampler);

  g_assert_cmpuint (pl_sampler_get_n_samples (sampler), ==, 2);
  g_assert_cmpint (max_rss (sampler), <, 2 * MiB);
  peak = pl_sampler_get_peak_rss (sampler);
  g_assert_cmpint (peak, >, size - size / 10);
  g_assert_cmpint (peak, <, size + size / 10);

  pl_sampler_copy_to (sampler, pipeline);
  pl_pipeline_run_finish (pipeline);
  g_assert_cmpint (pl_pipeline_run_get_peak_rss_bytes (pipeline), ==, peak);

  /* The next measurement starts from a fresh mark. */
  g_assert_true (pl_sampler_start (sampler, 1000 * 1000, NULL, NULL, NULL, &error));
  g_usleep (2000);
  pl_sampler_stop (sampler);
  g_assert_cmpint (pl_sampler_get_peak_rss (sampler), <, 2 * MiB);
}

/* With small chunks the buffer grows while the thread runs; the pages it
 * makes resident are counted and subtracted; a second measurement reuses
 * them. */
static void
test_sampler_grows (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PlSampler) sampler = pl_sampler_new_full (64, &error);
  g_autoptr(PlRun) run = pl_run_new (NULL, 0);
  PlPipelineRun *pipeline = pl_run_add_pipeline (run, "p");
  gsize n, first_n;
  gint64 prev = -1;

  g_assert_no_error (error);
  g_assert_true (pl_sampler_start (sampler, 20 * 1000, NULL, NULL, NULL, &error));
  /* 150 ms at 20 µs: 7500 slots; even a busy machine fills several
   * chunks of 64. */
  g_usleep (150000);
  pl_sampler_stop (sampler);

  first_n = n = pl_sampler_get_n_samples (sampler);
  g_assert_cmpuint (n, >, 3 * 64);
  g_assert_cmpint (pl_sampler_get_own_bytes (sampler), >, 0);
  for (gsize i = 0; i < n; i++)
    {
      PlSample s;

      pl_sampler_get_sample (sampler, i, &s);
      g_assert_cmpint (s.time_ns, >, prev);
      prev = s.time_ns;
    }
  pl_sampler_copy_to (sampler, pipeline);
  g_assert_cmpuint (pl_pipeline_run_get_n_samples (pipeline), ==, n);

  /* A shorter second measurement fits in the chunks already resident. */
  g_assert_true (pl_sampler_start (sampler, 1000 * 1000, NULL, NULL, NULL, &error));
  g_usleep (3000);
  pl_sampler_stop (sampler);
  n = pl_sampler_get_n_samples (sampler);
  g_assert_cmpuint (n, >=, 2);
  g_assert_cmpuint (n, <, first_n);
  g_assert_cmpint (pl_sampler_get_own_bytes (sampler), ==, 0);
}

/* A long interval does not delay stop(): the thread sleeps in slices. */
static void
test_sampler_stop_long_interval (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PlSampler) sampler = pl_sampler_new (&error);
  gint64 t0, t1;

  g_assert_true (pl_sampler_start (sampler, 10 * G_GINT64_CONSTANT (1000000000), NULL, NULL, NULL, &error));
  g_usleep (1000);
  t0 = g_get_monotonic_time ();
  pl_sampler_stop (sampler);
  t1 = g_get_monotonic_time ();
  /* 10 s interval; stop must not wait for it (a generous bound). */
  g_assert_cmpint (t1 - t0, <, G_USEC_PER_SEC);
  g_assert_cmpuint (pl_sampler_get_n_samples (sampler), ==, 2);
}

/* Regression: with Linux's default 50 µs timer slack the thread woke every
 * 100 µs at a 50 µs interval. The sampler thread sets its slack to 1 ns. */
static void
test_sampler_timer_slack (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PlSampler) sampler = pl_sampler_new (&error);
  g_autoptr(GDir) dir = NULL;
  const char *tid;
  gboolean found = FALSE;

  g_assert_true (pl_sampler_start (sampler, 50 * 1000, NULL, NULL, NULL, &error));
  dir = g_dir_open ("/proc/self/task", 0, &error);
  g_assert_no_error (error);
  while ((tid = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *comm_path = g_build_filename ("/proc/self/task", tid, "comm", NULL);
      g_autofree char *slack_path = g_build_filename ("/proc", tid, "timerslack_ns", NULL);
      g_autofree char *comm = NULL;
      g_autofree char *slack = NULL;

      if (!g_file_get_contents (comm_path, &comm, NULL, NULL) ||
          !g_str_has_prefix (comm, "pl-sampler"))
        continue;
      g_assert_true (g_file_get_contents (slack_path, &slack, NULL, &error));
      g_assert_cmpint (g_ascii_strtoll (slack, NULL, 10), ==, 1);
      found = TRUE;
    }
  pl_sampler_stop (sampler);
  g_assert_true (found);
}

/* Freeing a running sampler stops it first. */
static void
test_sampler_free_running (void)
{
  g_autoptr(GError) error = NULL;
  PlSampler *sampler = pl_sampler_new (&error);

  g_assert_true (pl_sampler_start (sampler, 100 * 1000, NULL, NULL, NULL, &error));
  pl_sampler_free (sampler);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sampler/read-rss", test_sampler_read_rss);
  g_test_add_func ("/sampler/samples", test_sampler_samples);
  g_test_add_func ("/sampler/no-sources", test_sampler_no_sources);
  g_test_add_func ("/sampler/rss-honest", test_sampler_rss_honest);
  g_test_add_func ("/sampler/grows", test_sampler_grows);
  g_test_add_func ("/sampler/peak-between-samples", test_sampler_peak_between_samples);
  g_test_add_func ("/sampler/stop-long-interval", test_sampler_stop_long_interval);
  g_test_add_func ("/sampler/free-running", test_sampler_free_running);
  g_test_add_func ("/sampler/timer-slack", test_sampler_timer_slack);

  return g_test_run ();
}
