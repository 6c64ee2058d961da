/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "run/pl-sampler.h"

/* The sampler's benchmark (meson test --benchmark):
 *  1. samples per second achieved at a 50 µs interval over a 100 ms
 *     pipeline, sleeping and busy (target: at least 15,000/s);
 *  2. what sampling costs a busy, memory-bound pipeline at 50 µs
 *     (target: at most 5 %).
 * Medians of several repetitions; the machine may be shared, so the
 * figures are noisy. */

#define INTERVAL_NS (50 * 1000)
#define REPS 11

static gint
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *)a;
  double y = *(const double *)b;

  return (x > y) - (x < y);
}

static double
median (double *values,
        guint   n)
{
  qsort (values, n, sizeof *values, (GCompareFunc)compare_doubles);
  return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

static double
achieved_rate (PlSampler *sampler)
{
  gsize n = pl_sampler_get_n_samples (sampler);
  PlSample first, last;

  pl_sampler_get_sample (sampler, 0, &first);
  pl_sampler_get_sample (sampler, n - 1, &last);
  return (n - 1) / ((last.time_ns - first.time_ns) / 1e9);
}

/* A memory-bound pipeline: passes over 64 MB, as the tutorial's kernels. */
static double *work;
static gsize work_len = 8000000;

static void
busy_pipeline (guint passes)
{
  for (guint p = 0; p < passes; p++)
    for (gsize i = 0; i < work_len; i++)
      work[i] = work[i] * 1.0000001 + 1e-9;
}

static void
busy_for (gint64 usec)
{
  gint64 end = g_get_monotonic_time () + usec;
  volatile double x = 1.0;

  while (g_get_monotonic_time () < end)
    for (guint i = 0; i < 1000; i++)
      x = x * 1.0000001;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PlSampler) sampler = pl_sampler_new (&error);
  double rates[REPS];
  double with[REPS], without[REPS], overhead[REPS];
  double rate_sleep, rate_busy, ov;
  double cpu_per_sample[REPS];
  gboolean ok = TRUE;

  if (sampler == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  /* 1a. A sleeping pipeline of 100 ms (time.sleep(0.1)). */
  for (guint r = 0; r < REPS; r++)
    {
      g_assert_true (pl_sampler_start (sampler, INTERVAL_NS, NULL, NULL, NULL, &error));
      g_usleep (100000);
      pl_sampler_stop (sampler);
      rates[r] = achieved_rate (sampler);
      cpu_per_sample[r] = pl_sampler_get_cpu_ns (sampler) / 1000.0 / pl_sampler_get_n_samples (sampler);
    }
  rate_sleep = median (rates, REPS);

  /* 1b. A busy pipeline of 100 ms. */
  for (guint r = 0; r < REPS; r++)
    {
      g_assert_true (pl_sampler_start (sampler, INTERVAL_NS, NULL, NULL, NULL, &error));
      busy_for (100000);
      pl_sampler_stop (sampler);
      rates[r] = achieved_rate (sampler);
    }
  rate_busy = median (rates, REPS);

  /* 2. Overhead: the same memory-bound pipeline with and without the
   * sampler, alternating so that drifts in the machine's load hit both. */
  work = g_new (double, work_len);
  for (gsize i = 0; i < work_len; i++)
    work[i] = i;
  busy_pipeline (2);
  for (guint r = 0; r < REPS; r++)
    {
      gint64 t0, t1;

      t0 = g_get_monotonic_time ();
      busy_pipeline (30);
      t1 = g_get_monotonic_time ();
      without[r] = (t1 - t0) / 1e6;

      g_assert_true (pl_sampler_start (sampler, INTERVAL_NS, NULL, NULL, NULL, &error));
      t0 = g_get_monotonic_time ();
      busy_pipeline (30);
      t1 = g_get_monotonic_time ();
      pl_sampler_stop (sampler);
      with[r] = (t1 - t0) / 1e6;
      overhead[r] = (with[r] - without[r]) / without[r] * 100.0;
    }
  ov = median (overhead, REPS);

  g_print ("sampler at 50 us, sleeping 100 ms pipeline: %.0f samples/s (median of %d; target >= 15000)\n",
           rate_sleep, REPS);
  g_print ("sampler at 50 us, busy 100 ms pipeline:     %.0f samples/s (median of %d; target >= 15000)\n",
           rate_busy, REPS);
  {
    double us = median (cpu_per_sample, REPS);

    g_print ("sampler thread CPU: %.2f us per sample, %.1f %% of one core at 50 us (median of %d)\n",
             us, us / 50.0 * 100.0, REPS);
  }
  g_print ("sampling overhead on a memory-bound pipeline (%.0f ms): %+.1f %% (median of %d pairs; target <= 5 %%)\n",
           median (without, REPS) * 1000, ov, REPS);

  if (rate_sleep < 15000 || rate_busy < 15000)
    {
      g_print ("# below the 15000 samples/s target\n");
      ok = FALSE;
    }
  if (ov > 5.0)
    {
      g_print ("# above the 5 %% overhead target\n");
      ok = FALSE;
    }

  g_free (work);
  return ok ? 0 : 1;
}
