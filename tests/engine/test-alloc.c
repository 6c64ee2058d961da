/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "engine/pl-alloc.h"
#include "engine/pl-error.h"

static void
test_format_bytes (void)
{
  /* np.core._exceptions._ArrayMemoryError._size_to_string (n), NumPy 1.24.2. */
  static const struct { guint64 bytes; const char *text; } cases[] = {
    { G_GUINT64_CONSTANT (0), "0 bytes" },
    { G_GUINT64_CONSTANT (1), "1 bytes" },
    { G_GUINT64_CONSTANT (512), "512 bytes" },
    { G_GUINT64_CONSTANT (1023), "1023 bytes" },
    { G_GUINT64_CONSTANT (1024), "1.00 KiB" },
    { G_GUINT64_CONSTANT (1025), "1.00 KiB" },
    { G_GUINT64_CONSTANT (1536), "1.50 KiB" },
    { G_GUINT64_CONSTANT (131072), "128. KiB" },
    { G_GUINT64_CONSTANT (63963136), "61.0 MiB" },
    { G_GUINT64_CONSTANT (10485760), "10.0 MiB" },
    { G_GUINT64_CONSTANT (104857600), "100. MiB" },
    { G_GUINT64_CONSTANT (1047527424), "999. MiB" },
    { G_GUINT64_CONSTANT (1048051712), "1000. MiB" },
    { G_GUINT64_CONSTANT (1048156569), "1000. MiB" },
    { G_GUINT64_CONSTANT (1072693248), "1023. MiB" },
    { G_GUINT64_CONSTANT (1073322393), "1.00 GiB" },
    { G_GUINT64_CONSTANT (64000000), "61.0 MiB" },
    { G_GUINT64_CONSTANT (8000000000000), "7.28 TiB" },
    { G_GUINT64_CONSTANT (987654312096), "920. GiB" },
    { G_GUINT64_CONSTANT (9223372036854775808), "8.00 EiB" },
    { G_GUINT64_CONSTANT (18446744073709551615), "16.0 EiB" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = pl_format_bytes (cases[i].bytes);
      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

static void
test_buffer_counts (void)
{
  gint64 live0 = pl_alloc_get_live_bytes ();
  PlBuffer *a, *b;
  GError *error = NULL;

  a = pl_buffer_new (1000, PL_ALLOC_INIT_NONE, PL_ALLOC_REASON_CREATE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (a->data);
  g_assert_cmpuint (a->nbytes, ==, 1000);
  g_assert_cmpint (a->reason, ==, PL_ALLOC_REASON_CREATE);
  memset (a->data, 1, 1000);
  g_assert_cmpint (pl_alloc_get_live_bytes () - live0, ==, 1000);

  pl_alloc_reset_peak ();
  g_assert_cmpint (pl_alloc_get_peak_bytes (), ==, pl_alloc_get_live_bytes ());

  b = pl_buffer_new (5000, PL_ALLOC_INIT_ZERO, PL_ALLOC_REASON_COPY, &error);
  g_assert_no_error (error);
  for (gsize i = 0; i < 5000; i++)
    g_assert_cmpuint (b->data[i], ==, 0);
  g_assert_cmpuint (b->id, >, a->id);
  g_assert_cmpint (pl_alloc_get_live_bytes () - live0, ==, 6000);

  /* A second reference keeps the data. */
  pl_buffer_ref (a);
  pl_buffer_unref (a);
  g_assert_cmpint (pl_alloc_get_live_bytes () - live0, ==, 6000);
  pl_buffer_unref (a);
  g_assert_cmpint (pl_alloc_get_live_bytes () - live0, ==, 5000);
  pl_buffer_unref (b);
  g_assert_cmpint (pl_alloc_get_live_bytes (), ==, live0);
  g_assert_cmpint (pl_alloc_get_peak_bytes (), ==, live0 + 6000);

  pl_alloc_reset_peak ();
  g_assert_cmpint (pl_alloc_get_peak_bytes (), ==, live0);
}

static void
test_zero_bytes (void)
{
  gint64 live0 = pl_alloc_get_live_bytes ();
  g_autoptr(GError) error = NULL;
  PlBuffer *buffer;

  buffer = pl_buffer_new (0, PL_ALLOC_INIT_NONE, PL_ALLOC_REASON_CREATE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (buffer->data);
  g_assert_cmpuint (buffer->nbytes, ==, 1);
  g_assert_cmpint (pl_alloc_get_live_bytes () - live0, ==, 1);
  pl_buffer_unref (buffer);
  g_assert_cmpint (pl_alloc_get_live_bytes (), ==, live0);
}

static void
test_limit (void)
{
  gsize old = pl_alloc_get_limit ();
  gint64 live0 = pl_alloc_get_live_bytes ();
  g_autoptr(GError) error = NULL;
  PlBuffer *buffer;

  /* The default is the machine's physical memory: at least 64 MiB, surely. */
  g_assert_cmpuint (old, >=, 64u << 20);

  buffer = pl_buffer_new (old + 1, PL_ALLOC_INIT_NONE, PL_ALLOC_REASON_CREATE, &error);
  g_assert_null (buffer);
  g_assert_error (error, PL_ERROR, PL_ERROR_MEMORY);
  g_assert_true (g_str_has_prefix (error->message, "Unable to allocate "));
  g_clear_error (&error);

  pl_alloc_set_limit (4096);
  g_assert_cmpuint (pl_alloc_get_limit (), ==, 4096);
  buffer = pl_buffer_new (4097, PL_ALLOC_INIT_ZERO, PL_ALLOC_REASON_CREATE, &error);
  g_assert_null (buffer);
  g_assert_error (error, PL_ERROR, PL_ERROR_MEMORY);
  g_assert_cmpstr (error->message, ==, "Unable to allocate 4.00 KiB: more than this machine's memory");
  g_clear_error (&error);
  buffer = pl_buffer_new (4096, PL_ALLOC_INIT_ZERO, PL_ALLOC_REASON_CREATE, &error);
  g_assert_no_error (error);
  pl_buffer_unref (buffer);
  pl_alloc_set_limit (old);

  /* Sizes no pointer can hold. */
  buffer = pl_buffer_new (G_MAXSIZE, PL_ALLOC_INIT_NONE, PL_ALLOC_REASON_CREATE, &error);
  g_assert_null (buffer);
  g_assert_error (error, PL_ERROR, PL_ERROR_MEMORY);
  g_assert_cmpint (pl_alloc_get_live_bytes (), ==, live0);
}

static void
test_recording (void)
{
  g_autofree PlAllocEvent *events = NULL;
  gint64 t0 = pl_alloc_now_ns ();
  gsize n_events = 99;
  PlBuffer *a, *b, *c;
  guint64 a_id;

  /* Nothing is recorded outside a recording. */
  c = pl_buffer_new (10, PL_ALLOC_INIT_NONE, PL_ALLOC_REASON_CREATE, NULL);
  pl_buffer_unref (c);
  g_assert_false (pl_alloc_is_recording ());
  events = pl_alloc_stop_recording (&n_events);
  g_assert_null (events);
  g_assert_cmpuint (n_events, ==, 0);

  pl_alloc_start_recording ();
  g_assert_true (pl_alloc_is_recording ());
  pl_alloc_set_line (12);
  g_assert_cmpint (pl_alloc_get_line (), ==, 12);
  a = pl_buffer_new (800, PL_ALLOC_INIT_NONE, PL_ALLOC_REASON_CREATE, NULL);
  a_id = a->id;
  pl_alloc_set_line (13);
  b = pl_buffer_new (1600, PL_ALLOC_INIT_ZERO, PL_ALLOC_REASON_TEMPORARY, NULL);
  pl_alloc_note_elision (b->id, 1600);
  pl_alloc_set_line (14);
  pl_buffer_unref (a);
  pl_buffer_unref (b);
  pl_alloc_set_line (0);
  events = pl_alloc_stop_recording (&n_events);
  g_assert_false (pl_alloc_is_recording ());

  g_assert_cmpuint (n_events, ==, 5);
  g_assert_cmpint (events[0].bytes, ==, 800);
  g_assert_cmpint (events[0].line, ==, 12);
  g_assert_cmpuint (events[0].buffer_id, ==, a_id);
  g_assert_cmpint (events[0].reason, ==, PL_ALLOC_REASON_CREATE);
  g_assert_cmpint (events[1].bytes, ==, 1600);
  g_assert_cmpint (events[1].line, ==, 13);
  g_assert_cmpint (events[1].reason, ==, PL_ALLOC_REASON_TEMPORARY);
  g_assert_cmpint (events[2].bytes, ==, 0);
  g_assert_cmpint (events[2].reason, ==, PL_ALLOC_REASON_ELIDED);
  g_assert_cmpuint (events[2].buffer_id, ==, events[1].buffer_id);
  g_assert_cmpint (events[3].bytes, ==, -800);
  g_assert_cmpint (events[3].line, ==, 14);
  g_assert_cmpuint (events[3].buffer_id, ==, a_id);
  g_assert_cmpint (events[4].bytes, ==, -1600);
  g_assert_cmpint (events[4].reason, ==, PL_ALLOC_REASON_TEMPORARY);

  g_assert_cmpint (events[0].time_ns, >=, t0);
  for (gsize i = 1; i < n_events; i++)
    g_assert_cmpint (events[i].time_ns, >=, events[i - 1].time_ns);
  g_assert_cmpint (events[n_events - 1].time_ns, <=, pl_alloc_now_ns ());
}

static void
test_event_times (void)
{
  /* Event times are CLOCK_MONOTONIC nanoseconds, whatever the log stores
   * while recording (TSC ticks where the kernel's clock is the TSC). */
  g_autofree PlAllocEvent *events = NULL;
  gint64 t_before, t_mid0, t_mid1, t_after;
  gsize n_events;
  PlBuffer *a, *b;

  pl_alloc_start_recording ();
  t_before = pl_alloc_now_ns ();
  a = pl_buffer_new (8, PL_ALLOC_INIT_NONE, PL_ALLOC_REASON_CREATE, NULL);
  t_mid0 = pl_alloc_now_ns ();
  g_usleep (20000);
  t_mid1 = pl_alloc_now_ns ();
  b = pl_buffer_new (8, PL_ALLOC_INIT_NONE, PL_ALLOC_REASON_CREATE, NULL);
  t_after = pl_alloc_now_ns ();
  g_usleep (5000);
  pl_buffer_unref (a);
  pl_buffer_unref (b);
  events = pl_alloc_stop_recording (&n_events);

  g_assert_cmpuint (n_events, ==, 4);
  /* Within a few microseconds of the clock read around them. */
  g_assert_cmpint (events[0].time_ns, >=, t_before - 20000);
  g_assert_cmpint (events[0].time_ns, <=, t_mid0 + 20000);
  g_assert_cmpint (events[1].time_ns, >=, t_mid1 - 20000);
  g_assert_cmpint (events[1].time_ns, <=, t_after + 20000);
  g_assert_cmpint (events[2].time_ns, >=, t_after + 5000000 - 20000);
}

static void
test_many_events (void)
{
  /* More events than one log chunk holds, twice (the second recording
   * reuses the first one's chunks): order and contents survive. */
  for (gint round = 0; round < 2; round++)
    {
      g_autofree PlAllocEvent *events = NULL;
      const gint n = 50000 + round * 7;
      guint64 first_id = 0;
      gsize n_events;

      pl_alloc_start_recording ();
      for (gint i = 0; i < n; i++)
        {
          PlBuffer *b = pl_buffer_new ((gsize) (i % 100) + 1, PL_ALLOC_INIT_NONE,
                                       PL_ALLOC_REASON_SCRATCH, NULL);
          if (i == 0)
            first_id = b->id;
          pl_buffer_unref (b);
        }
      events = pl_alloc_stop_recording (&n_events);

      g_assert_cmpuint (n_events, ==, 2 * (gsize) n);
      for (gint i = 0; i < n; i++)
        {
          g_assert_cmpint (events[2 * i].bytes, ==, (i % 100) + 1);
          g_assert_cmpint (events[2 * i + 1].bytes, ==, -((i % 100) + 1));
          g_assert_cmpuint (events[2 * i].buffer_id, ==, first_id + (guint64) i);
          g_assert_cmpuint (events[2 * i + 1].buffer_id, ==, first_id + (guint64) i);
          if (i > 0)
            g_assert_cmpint (events[2 * i].time_ns, >=, events[2 * i - 1].time_ns);
        }
    }

  /* A recording started over an unstopped one starts empty. */
  {
    g_autofree PlAllocEvent *events = NULL;
    gsize n_events;

    pl_alloc_start_recording ();
    pl_buffer_unref (pl_buffer_new (1, PL_ALLOC_INIT_NONE, PL_ALLOC_REASON_SCRATCH, NULL));
    pl_alloc_start_recording ();
    pl_buffer_unref (pl_buffer_new (2, PL_ALLOC_INIT_NONE, PL_ALLOC_REASON_SCRATCH, NULL));
    events = pl_alloc_stop_recording (&n_events);
    g_assert_cmpuint (n_events, ==, 2);
    g_assert_cmpint (events[0].bytes, ==, 2);
  }
}

#define N_THREADS 4
#define N_PER_THREAD 20000

static gpointer
allocate_many (gpointer data)
{
  for (gint i = 0; i < N_PER_THREAD; i++)
    {
      PlBuffer *buffer = pl_buffer_new (64 + (gsize) (i % 7), PL_ALLOC_INIT_NONE,
                                        PL_ALLOC_REASON_SCRATCH, NULL);
      buffer->data[0] = 1;
      pl_buffer_unref (buffer);
    }
  return NULL;
}

static void
test_threads (void)
{
  g_autofree PlAllocEvent *events = NULL;
  GThread *threads[N_THREADS];
  gint64 live0 = pl_alloc_get_live_bytes ();
  gint64 sum = 0;
  gsize n_events;

  pl_alloc_start_recording ();
  for (gint i = 0; i < N_THREADS; i++)
    threads[i] = g_thread_new ("alloc", allocate_many, NULL);
  for (gint i = 0; i < N_THREADS; i++)
    g_thread_join (threads[i]);
  events = pl_alloc_stop_recording (&n_events);

  g_assert_cmpint (pl_alloc_get_live_bytes (), ==, live0);
  g_assert_cmpuint (n_events, ==, 2 * N_THREADS * N_PER_THREAD);
  for (gsize i = 0; i < n_events; i++)
    sum += events[i].bytes;
  g_assert_cmpint (sum, ==, 0);
}

static void
test_hugepage_size (void)
{
  /* A buffer over the huge-page threshold behaves like any other (madvise
   * is advice; its failure must not matter). */
  gint64 live0 = pl_alloc_get_live_bytes ();
  PlBuffer *buffer = pl_buffer_new (5u << 20, PL_ALLOC_INIT_ZERO, PL_ALLOC_REASON_CREATE, NULL);

  g_assert_nonnull (buffer);
  buffer->data[(5u << 20) - 1] = 7;

  /* Where the kernel has transparent huge pages, the mapping holding the
   * buffer carries the advice ("hg" in its VmFlags), as NumPy's does. */
  {
    g_autofree char *thp = NULL;
    g_autofree char *smaps = NULL;

    if (g_file_get_contents ("/sys/kernel/mm/transparent_hugepage/enabled", &thp, NULL, NULL) &&
        strstr (thp, "[never]") == NULL &&
        g_file_get_contents ("/proc/self/smaps", &smaps, NULL, NULL))
      {
        g_auto(GStrv) lines = g_strsplit (smaps, "\n", -1);
        guintptr p = (guintptr) buffer->data + (1u << 20);
        gboolean inside = FALSE, found = FALSE;

        for (gsize i = 0; lines[i] != NULL; i++)
          {
            guint64 lo, hi;
            if (sscanf (lines[i], "%" G_GINT64_MODIFIER "x-%" G_GINT64_MODIFIER "x ", &lo, &hi) == 2 &&
                strchr (lines[i], ' ') != NULL && strchr (lines[i], '-') < strchr (lines[i], ' '))
              inside = p >= lo && p < hi;
            else if (inside && g_str_has_prefix (lines[i], "VmFlags:"))
              {
                found = TRUE;
                g_assert_nonnull (strstr (lines[i], " hg"));
              }
          }
        g_assert_true (found);
      }
  }
  g_assert_cmpint (pl_alloc_get_live_bytes () - live0, ==, 5 << 20);
  pl_buffer_unref (buffer);
  g_assert_cmpint (pl_alloc_get_live_bytes (), ==, live0);
}

static void
test_clock (void)
{
  gint64 a = pl_alloc_now_ns ();
  gint64 b;

  g_usleep (2000);
  b = pl_alloc_now_ns ();
  g_assert_cmpint (b - a, >=, 2000000);
  /* CLOCK_MONOTONIC agrees with GLib's monotonic clock (microseconds). */
  g_assert_cmpint (ABS (b / 1000 - g_get_monotonic_time ()), <, 1000000);
}

static gint spin_stop;

static gpointer
spin (gpointer data)
{
  volatile guint64 x = 0;

  while (!g_atomic_int_get (&spin_stop))
    x++;
  return NULL;
}

/* Regression (conformance sweep: c18, c62 flaky on a loaded machine, a
 * loop's `for` line given the peak of the line before it): the ticks-to-
 * nanoseconds mapping's reference points must not carry a preemption. Busy
 * threads on every core make preemptions likely; each event must still
 * fall within 3 microseconds of the clock reads around it, tighter than a
 * loop's short lines. */
static void
test_clock_under_load (void)
{
  GThread *spinners[4];

  g_atomic_int_set (&spin_stop, FALSE);
  for (guint i = 0; i < G_N_ELEMENTS (spinners); i++)
    spinners[i] = g_thread_new ("spin", spin, NULL);

  for (gint round = 0; round < 200; round++)
    {
      g_autofree PlAllocEvent *events = NULL;
      gint64 t_before, t_after;
      gsize n_events;
      PlBuffer *b;

      pl_alloc_start_recording ();
      t_before = pl_alloc_now_ns ();
      b = pl_buffer_new (8, PL_ALLOC_INIT_NONE, PL_ALLOC_REASON_CREATE, NULL);
      t_after = pl_alloc_now_ns ();
      pl_buffer_unref (b);
      events = pl_alloc_stop_recording (&n_events);

      g_assert_cmpuint (n_events, ==, 2);
      g_assert_cmpint (events[0].time_ns, >=, t_before - 3000);
      g_assert_cmpint (events[0].time_ns, <=, t_after + 3000);
    }

  g_atomic_int_set (&spin_stop, TRUE);
  for (guint i = 0; i < G_N_ELEMENTS (spinners); i++)
    g_thread_join (spinners[i]);
}

/* Every pl_alloc_set_line takes a new span stamp, even for the same line,
 * and every event carries the one current when it happened. */
static void
test_alloc_span_stamps (void)
{
  g_autofree PlAllocEvent *events = NULL;
  gsize n_events = 0;
  guint64 s0, s1, s2;
  PlBuffer *a;

  s0 = pl_alloc_get_span ();
  g_assert_cmpuint (s0, >, 0);
  pl_alloc_start_recording ();
  pl_alloc_set_line (5);
  s1 = pl_alloc_get_span ();
  g_assert_cmpuint (s1, >, s0);
  a = pl_buffer_new (64, PL_ALLOC_INIT_NONE, PL_ALLOC_REASON_CREATE, NULL);
  pl_alloc_set_line (5);
  s2 = pl_alloc_get_span ();
  g_assert_cmpuint (s2, >, s1);
  g_assert_cmpuint (pl_alloc_get_span (), ==, s2);
  pl_alloc_note_elision (a->id, 64);
  pl_alloc_set_line (0);
  pl_buffer_unref (a);
  events = pl_alloc_stop_recording (&n_events);

  g_assert_cmpuint (n_events, ==, 3);
  g_assert_cmpuint (events[0].span, ==, s1);
  g_assert_cmpint (events[0].line, ==, 5);
  g_assert_cmpuint (events[1].span, ==, s2);
  g_assert_cmpint (events[1].line, ==, 5);
  g_assert_cmpuint (events[2].span, >, s2);
  g_assert_cmpuint (events[2].span, ==, pl_alloc_get_span ());
  g_assert_cmpint (events[2].line, ==, 0);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/engine/alloc/span-stamps", test_alloc_span_stamps);
  g_test_add_func ("/engine/alloc/format-bytes", test_format_bytes);
  g_test_add_func ("/engine/alloc/buffer-counts", test_buffer_counts);
  g_test_add_func ("/engine/alloc/zero-bytes", test_zero_bytes);
  g_test_add_func ("/engine/alloc/limit", test_limit);
  g_test_add_func ("/engine/alloc/recording", test_recording);
  g_test_add_func ("/engine/alloc/event-times", test_event_times);
  g_test_add_func ("/engine/alloc/many-events", test_many_events);
  g_test_add_func ("/engine/alloc/threads", test_threads);
  g_test_add_func ("/engine/alloc/hugepage-size", test_hugepage_size);
  g_test_add_func ("/engine/alloc/clock", test_clock);
  g_test_add_func ("/engine/alloc/clock-under-load", test_clock_under_load);

  return g_test_run ();
}
