/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "engine/pl-alloc.h"
#include "engine/pl-array.h"
#include "engine/pl-error.h"
#include "engine/pl-numexpr.h"
#include "run/pl-runner.h"

#if defined(__SANITIZE_ADDRESS__)
# define PL_TEST_ASAN 1
#elif defined(__has_feature)
# if __has_feature(address_sanitizer)
#  define PL_TEST_ASAN 1
# endif
#endif

static PlScript *
parse (const char *name,
       const char *source)
{
  g_autoptr(GError) error = NULL;
  PlScript *script = pl_script_parse (name, source, -1, &error);

  g_assert_no_error (error);
  g_assert_nonnull (script);
  return script;
}

static const char two_experiments_py[] =
  "import time\n"                                        /* 1 */
  "import numpy as np\n"                                 /* 2 */
  "from functools import partial\n"                      /* 3 */
  "\n"                                                   /* 4 */
  "def main(n):\n"                                       /* 5 */
  "    data = np.ones(n)\n"                              /* 6 */
  "    time.sleep(.02)\n"                                /* 7 */
  "    data2 = data * 2\n"                               /* 8 */
  "    for _ in range(2):\n"                             /* 9 */
  "        del data2\n"                                  /* 10 */
  "        data2 = data + 1\n"                           /* 11 */
  "\n"                                                   /* 12 */
  "print('first')\n"                                     /* 13 */
  "utils.analyze_memory(partial(np.zeros, 1000))\n"      /* 14 */
  "print('second')\n"                                    /* 15 */
  "utils.analyze_memory(partial(main, 500_000), partial(np.ones, 250_000), interval=.0001, color='red')\n"; /* 16 */

/* The second experiment measured on its own: lines, spans, samples,
 * events and statistics all come from the pipeline's own code. */
static void
test_runner_experiment_sync (void)
{
  g_autoptr(PlScript) script = parse ("two.py", two_experiments_py);
  g_autoptr(GError) error = NULL;
  g_autoptr(PlRun) run = NULL;
  PlPipelineRun *p;
  const PlLineStats *st;
  const PlLineSpan *spans;
  const PlSample *samples;
  const PlAllocEvent *events;
  gsize n, n_spans, n_samples, n_events;
  gint64 prev_end = 0;

  g_assert_cmpuint (pl_script_get_n_experiments (script), ==, 2);
  run = pl_run_experiment_sync (script, 1, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (run);

  g_assert_cmpstr (pl_run_get_file (run), ==, "two.py");
  g_assert_cmpint (pl_run_get_experiment_line (run), ==, 16);
  g_assert_cmpfloat (pl_run_get_sample_interval (run), ==, 0.0001);
  g_assert_cmpstr (pl_run_get_mark_style (run)->color, ==, "red");
  g_assert_cmpstr (pl_run_get_mark_style (run)->linestyle, ==, "--");
  /* The whole script ran: both prints. */
  g_assert_cmpstr (pl_run_get_output (run)[0], ==, "first");
  g_assert_cmpstr (pl_run_get_output (run)[1], ==, "second");
  g_assert_null (pl_run_get_output (run)[2]);

  g_assert_cmpuint (pl_run_get_n_pipelines (run), ==, 2);
  p = pl_run_get_pipeline (run, 0);
  g_assert_cmpstr (pl_pipeline_run_get_name (p), ==, "main");
  g_assert_cmpint (pl_pipeline_run_get_peak_alloc_bytes (p), ==, 8000000);
  g_assert_cmpint (pl_pipeline_run_get_final_alloc_bytes (p), ==, 0);
  g_assert_cmpint (pl_pipeline_run_get_total_time_ns (p), >=, 20000000);

  st = pl_pipeline_run_get_line_stats (p, &n);
  g_assert_cmpuint (n, ==, 6);
  g_assert_cmpint (st[0].line, ==, 6);
  g_assert_cmpint (st[0].allocated_bytes, ==, 4000000);
  g_assert_cmpint (st[0].live_alloc_bytes, ==, 4000000);
  /* np.ones writes its 4 MB: about a thousand fresh pages fault in. */
  g_assert_cmpuint (st[0].minor_faults, >=, 500);
  /* time.sleep touches no memory. */
  g_assert_cmpuint (st[1].minor_faults, <, 100);
  g_assert_cmpint (st[1].line, ==, 7);
  g_assert_cmpint (st[1].time_ns, >=, 20000000);
  g_assert_cmpint (st[2].line, ==, 8);
  g_assert_cmpint (st[2].peak_alloc_bytes, ==, 8000000);
  /* CPython's rule: a for header once per iteration and once at the end. */
  g_assert_cmpint (st[3].line, ==, 9);
  g_assert_cmpuint (st[3].hits, ==, 3);
  g_assert_cmpint (st[4].line, ==, 10);
  g_assert_cmpuint (st[4].hits, ==, 2);
  g_assert_cmpint (st[4].freed_bytes, ==, 8000000);
  g_assert_cmpint (st[4].live_alloc_bytes, ==, 4000000);
  g_assert_cmpint (st[5].line, ==, 11);
  g_assert_cmpuint (st[5].hits, ==, 2);
  g_assert_cmpint (st[5].allocated_bytes, ==, 8000000);
  g_assert_cmpint (st[5].live_alloc_bytes, ==, 8000000);

  /* Spans: one per hit, in time order, within the pipeline. */
  spans = pl_pipeline_run_get_spans (p, &n_spans);
  g_assert_cmpuint (n_spans, ==, 1 + 1 + 1 + 3 + 2 + 2);
  for (gsize i = 0; i < n_spans; i++)
    {
      g_assert_cmpint (spans[i].start_ns, >=, prev_end);
      g_assert_cmpint (spans[i].end_ns, >=, spans[i].start_ns);
      g_assert_cmpint (spans[i].end_ns, <=, pl_pipeline_run_get_total_time_ns (p));
      prev_end = spans[i].end_ns;
    }

  /* Samples start at the baseline and carry the running line. */
  samples = pl_pipeline_run_get_samples (p, &n_samples);
  g_assert_cmpuint (n_samples, >=, 2);
  g_assert_cmpint (samples[0].time_ns, ==, 0);
  g_assert_cmpint (samples[0].rss_bytes, ==, 0);
  g_assert_cmpint (samples[0].alloc_bytes, ==, 0);
  for (gsize i = 1; i < n_samples; i++)
    {
      g_assert_cmpint (samples[i].time_ns, >, samples[i - 1].time_ns);
      g_assert_true (samples[i].line == 0 || (samples[i].line >= 6 && samples[i].line <= 11));
      g_assert_cmpint (samples[i].alloc_bytes, >=, 0);
      g_assert_cmpint (samples[i].alloc_bytes, <=, 8000000);
    }
  /* During the 20 ms sleep of line 7 at a 100 µs interval: samples
   * (a generous lower bound; a busy machine delays the sampler). */
  {
    guint on_7 = 0;

    for (gsize i = 0; i < n_samples; i++)
      if (samples[i].line == 7)
        {
          on_7++;
          g_assert_cmpint (samples[i].alloc_bytes, ==, 4000000);
        }
    g_assert_cmpuint (on_7, >=, 1);
  }

  /* Events: relative to the start, tagged with their line. */
  events = pl_pipeline_run_get_events (p, &n_events);
  g_assert_cmpuint (n_events, >=, 2 + 2 * 2);
  g_assert_cmpint (events[0].bytes, ==, 4000000);
  g_assert_cmpint (events[0].line, ==, 6);
  g_assert_cmpint (events[0].time_ns, >=, 0);
  g_assert_cmpint (events[n_events - 1].bytes, <, 0);

  /* A NumPy function as a pipeline: no lines. */
  p = pl_run_get_pipeline (run, 1);
  g_assert_cmpstr (pl_pipeline_run_get_name (p), ==, "ones");
  pl_pipeline_run_get_line_stats (p, &n);
  g_assert_cmpuint (n, ==, 0);
  g_assert_cmpint (pl_pipeline_run_get_peak_alloc_bytes (p), ==, 2000000);
  g_assert_cmpint (pl_pipeline_run_get_final_alloc_bytes (p), ==, 0);

  /* Everything the run made is gone. */
  g_assert_cmpint (pl_alloc_get_live_bytes (), ==, 0);
}

static void
collect_line (const char *line,
              gpointer    user_data)
{
  g_ptr_array_add (user_data, g_strdup (line));
}

/* The command line's mode: every call, in order, with the output. */
static void
test_runner_script_sync (void)
{
  g_autoptr(PlScript) script = parse ("two.py", two_experiments_py);
  g_autoptr(PlRunSettings) settings = pl_run_settings_new ();
  g_autoptr(GPtrArray) runs = NULL;
  g_autoptr(GPtrArray) seen = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) output = NULL;
  g_autoptr(GError) error = NULL;
  guint threads;

  settings->sample_interval = 0.0002;
  settings->elision = FALSE;
  settings->numexpr_threads = 1;
  g_assert_true (pl_engine_get_elision ());
  threads = pl_numexpr_get_num_threads ();
  g_assert_true (pl_run_script_sync (script, settings, NULL, collect_line, seen, &runs, &output, &error));
  g_assert_no_error (error);
  /* The engine's settings are the run's only. */
  g_assert_true (pl_engine_get_elision ());
  g_assert_cmpuint (pl_numexpr_get_num_threads (), ==, threads);
  g_assert_cmpuint (runs->len, ==, 2);
  g_assert_cmpint (pl_run_get_experiment_line (g_ptr_array_index (runs, 0)), ==, 14);
  g_assert_cmpint (pl_run_get_experiment_line (g_ptr_array_index (runs, 1)), ==, 16);
  /* The settings' interval wins over the script's. */
  g_assert_cmpfloat (pl_run_get_sample_interval (g_ptr_array_index (runs, 1)), ==, 0.0002);
  g_assert_cmpstr (pl_pipeline_run_get_name (pl_run_get_pipeline (g_ptr_array_index (runs, 0), 0)), ==, "zeros");
  g_assert_cmpint (pl_pipeline_run_get_peak_alloc_bytes (pl_run_get_pipeline (g_ptr_array_index (runs, 0), 0)), ==, 8000);

  g_assert_cmpuint (g_strv_length (output), ==, 2);
  g_assert_cmpstr (output[0], ==, "first");
  g_assert_cmpstr (output[1], ==, "second");
  g_assert_cmpuint (seen->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (seen, 1), ==, "second");
  g_assert_cmpint (pl_alloc_get_live_bytes (), ==, 0);
}

/* A script error: the interpreter's message, and what ran before it. */
static void
test_runner_script_error (void)
{
  g_autoptr(PlScript) script = parse ("bad.py",
                                      "import numpy as np\n"
                                      "def f():\n"
                                      "    x = np.ones(1000)\n"
                                      "    y = nope\n"
                                      "print('start')\n"
                                      "utils.analyze_memory(f)\n");
  g_autoptr(GPtrArray) runs = NULL;
  g_auto(GStrv) output = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PlRun) run = NULL;

  g_assert_false (pl_run_script_sync (script, NULL, NULL, NULL, NULL, &runs, &output, &error));
  g_assert_error (error, PL_ERROR, PL_ERROR_NAME);
  g_assert_true (g_str_has_prefix (error->message, "bad.py:4:"));
  g_assert_cmpstr (output[0], ==, "start");
  /* The experiment that failed is there with what it measured. */
  g_assert_cmpuint (runs->len, ==, 1);
  g_assert_cmpuint (pl_run_get_n_pipelines (g_ptr_array_index (runs, 0)), ==, 1);
  g_assert_cmpint (pl_pipeline_run_get_peak_alloc_bytes (pl_run_get_pipeline (g_ptr_array_index (runs, 0), 0)), ==, 8000);
  g_clear_error (&error);
  g_assert_cmpint (pl_alloc_get_live_bytes (), ==, 0);

  run = pl_run_experiment_sync (script, 0, NULL, NULL, &error);
  g_assert_null (run);
  g_assert_error (error, PL_ERROR, PL_ERROR_NAME);
}

/* An experiment the script never reaches. */
static void
test_runner_not_reached (void)
{
  g_autoptr(PlScript) script = parse ("never.py",
                                      "import numpy as np\n"
                                      "from functools import partial\n"
                                      "def f():\n"
                                      "    utils.analyze_memory(partial(np.ones, 10))\n");
  g_autoptr(GError) error = NULL;
  g_autoptr(PlRun) run = NULL;

  g_assert_cmpuint (pl_script_get_n_experiments (script), ==, 1);
  run = pl_run_experiment_sync (script, 0, NULL, NULL, &error);
  g_assert_null (run);
  g_assert_error (error, PL_ERROR, PL_ERROR_RUNTIME);
  g_assert_nonnull (strstr (error->message, "line 4"));
}

typedef struct
{
  GMainLoop *loop;
  PlRun     *run;
  GError    *error;
  gint64     done_at;
  guint      pending;
} AsyncData;

static void
run_done_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  AsyncData *data = user_data;

  g_assert_null (source);
  data->run = pl_run_experiment_finish (result, &data->error);
  data->done_at = g_get_monotonic_time ();
  if (--data->pending == 0)
    g_main_loop_quit (data->loop);
}

static void
test_runner_async (void)
{
  g_autoptr(PlScript) script = parse ("two.py", two_experiments_py);
  AsyncData data = { .loop = g_main_loop_new (NULL, FALSE), .pending = 1 };

  pl_run_experiment_async (script, 0, NULL, NULL, run_done_cb, &data);
  g_main_loop_run (data.loop);
  g_assert_no_error (data.error);
  g_assert_nonnull (data.run);
  g_assert_cmpint (pl_run_get_experiment_line (data.run), ==, 14);
  g_assert_cmpuint (pl_run_get_n_pipelines (data.run), ==, 1);
  g_assert_cmpstr (pl_pipeline_run_get_name (pl_run_get_pipeline (data.run, 0)), ==, "zeros");

  g_clear_object (&data.run);
  g_main_loop_unref (data.loop);
}

typedef struct
{
  GCancellable *cancellable;
  gint64        live_bytes;   /* cancel once this much is live */
  gint64        delay;        /* and this many µs later */
  gint64        seen_at;
  gint64        at;
} CancelAt;

/* Cancels a while after the run is seen at work (its arrays exist): the
 * point is to stop that work, a long kernel, a fill or a sleep. */
static gboolean
cancel_when_running_cb (gpointer user_data)
{
  CancelAt *c = user_data;
  gint64 now = g_get_monotonic_time ();

  if (c->seen_at == 0)
    {
      if (pl_alloc_get_live_bytes () >= c->live_bytes)
        c->seen_at = now;
      return G_SOURCE_CONTINUE;
    }
  if (now - c->seen_at < c->delay)
    return G_SOURCE_CONTINUE;

  c->at = now;
  g_cancellable_cancel (c->cancellable);
  return G_SOURCE_REMOVE;
}

/* Returns the time from the cancellation to the run's result, in µs. */
static gint64
cancel_once (const char *name,
             const char *source,
             gint64      live_bytes,
             gint64      delay)
{
  g_autoptr(PlScript) script = parse (name, source);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  AsyncData data = { .loop = g_main_loop_new (NULL, FALSE), .pending = 1 };
  CancelAt c = { .cancellable = cancellable, .live_bytes = live_bytes, .delay = delay };

  pl_run_experiment_async (script, 0, NULL, cancellable, run_done_cb, &data);
  g_timeout_add (1, cancel_when_running_cb, &c);
  g_main_loop_run (data.loop);

  g_assert_null (data.run);
  g_assert_error (data.error, PL_ERROR, PL_ERROR_CANCELLED);
  g_assert_cmpint (c.at, >, 0);
  g_test_message ("%s: stopped %.1f ms after the cancellation", name, (data.done_at - c.at) / 1000.0);
  /* Everything the run allocated is freed. */
  g_assert_cmpint (pl_alloc_get_live_bytes (), ==, 0);

  g_clear_error (&data.error);
  g_main_loop_unref (data.loop);

  return data.done_at - c.at;
}

/* The figure includes two thread wake-ups (worker, main loop), which a
 * machine loaded by parallel builds can delay by tens of milliseconds: a
 * slow attempt is retried twice. A run that does not stop (a kernel that
 * never checks the interrupt) fails all three. */
static void
cancel_within_100ms (const char *name,
                     const char *source,
                     gint64      live_bytes,
                     gint64      delay)
{
  gint64 latency = G_MAXINT64;

  for (guint attempt = 0; attempt < 3 && latency > 100 * 1000; attempt++)
    latency = MIN (latency, cancel_once (name, source, live_bytes, delay));

  if (latency > 100 * 1000)
    g_error ("%s: the run stopped %.1f ms after it was cancelled", name, latency / 1000.0);
}

static void
test_runner_cancel_within_100ms (void)
{
  cancel_within_100ms ("sleep.py",
                       "import time\n"
                       "import numpy as np\n"
                       "def f():\n"
                       "    x = np.ones(1_000_000)\n"
                       "    time.sleep(30)\n"
                       "utils.analyze_memory(f)\n",
                       8000000, 20 * 1000);
  /* A long kernel loop over arrays of 80 MB (x and y live: inside it). */
  cancel_within_100ms ("kernel.py",
                       "import numpy as np\n"
                       "from functools import partial\n"
                       "def f(x):\n"
                       "    for _ in range(10000):\n"
                       "        y = x * 2 + 1\n"
                       "utils.analyze_memory(partial(f, np.ones(10_000_000)))\n",
                       160000000, 20 * 1000);
#ifndef PL_TEST_ASAN
  /* Creating the arguments: np.ones writing 800 MB, cancelled as soon as
   * its buffer exists. (Not under AddressSanitizer: its free() of 800 MB
   * poisons 100 MB of shadow memory, which alone takes longer.) */
  cancel_within_100ms ("fill.py",
                       "import numpy as np\n"
                       "from functools import partial\n"
                       "utils.analyze_memory(partial(np.sum, np.ones(100_000_000)))\n",
                       800000000, 0);
#endif
}

/* Two runs requested at once run one after the other: each pipeline
 * sleeps 150 ms, so the second finishes at least 300 ms after both were
 * requested (running together, both would finish after 150 ms). */
static void
test_runner_serialised (void)
{
  g_autoptr(PlScript) script = parse ("slow.py",
                                      "import time\n"
                                      "def f():\n"
                                      "    time.sleep(0.15)\n"
                                      "utils.analyze_memory(f)\n");
  AsyncData a = { .loop = g_main_loop_new (NULL, FALSE), .pending = 1 };
  AsyncData b = { .loop = a.loop, .pending = 1 };
  gint64 t0 = g_get_monotonic_time ();
  gint64 first, second;

  pl_run_experiment_async (script, 0, NULL, NULL, run_done_cb, &a);
  pl_run_experiment_async (script, 0, NULL, NULL, run_done_cb, &b);
  while (a.run == NULL || b.run == NULL)
    g_main_context_iteration (NULL, TRUE);

  g_assert_no_error (a.error);
  g_assert_no_error (b.error);
  first = MIN (a.done_at, b.done_at) - t0;
  second = MAX (a.done_at, b.done_at) - t0;
  g_assert_cmpint (first, >=, 150 * 1000);
  g_assert_cmpint (second, >=, 300 * 1000);
  /* Each measured only its own pipeline. */
  g_assert_cmpint (pl_pipeline_run_get_total_time_ns (pl_run_get_pipeline (a.run, 0)), <, second * 1000);
  g_assert_cmpint (pl_pipeline_run_get_total_time_ns (pl_run_get_pipeline (a.run, 0)), >=, 150 * 1000 * 1000);
  g_assert_cmpint (pl_pipeline_run_get_total_time_ns (pl_run_get_pipeline (b.run, 0)), >=, 150 * 1000 * 1000);

  g_clear_object (&a.run);
  g_clear_object (&b.run);
  g_main_loop_unref (a.loop);
}

static gboolean
cancel_now_cb (gpointer user_data)
{
  g_cancellable_cancel (user_data);
  return G_SOURCE_REMOVE;
}

/* A run waiting for another one to finish stops waiting when cancelled:
 * it does not sit behind a 30 s pipeline. */
static void
test_runner_cancel_waiting (void)
{
  g_autoptr(PlScript) script = parse ("long.py",
                                      "import time\n"
                                      "def f():\n"
                                      "    time.sleep(30)\n"
                                      "utils.analyze_memory(f)\n");
  g_autoptr(GCancellable) cancel_a = g_cancellable_new ();
  g_autoptr(GCancellable) cancel_b = g_cancellable_new ();
  AsyncData a = { .loop = g_main_loop_new (NULL, FALSE), .pending = 1 };
  AsyncData b = { .loop = a.loop, .pending = 1 };
  gint64 t0 = g_get_monotonic_time ();

  pl_run_experiment_async (script, 0, NULL, cancel_a, run_done_cb, &a);
  pl_run_experiment_async (script, 0, NULL, cancel_b, run_done_cb, &b);
  g_timeout_add (200, cancel_now_cb, cancel_b);
  while (b.done_at == 0)
    g_main_context_iteration (NULL, TRUE);

  g_assert_error (b.error, PL_ERROR, PL_ERROR_CANCELLED);
  g_assert_null (b.run);
  g_assert_cmpint (a.done_at, ==, 0);   /* still sleeping */
  g_assert_cmpint (b.done_at - t0, <, 10 * G_USEC_PER_SEC);

  g_cancellable_cancel (cancel_a);
  while (a.done_at == 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_error (a.error, PL_ERROR, PL_ERROR_CANCELLED);
  g_assert_cmpint (pl_alloc_get_live_bytes (), ==, 0);

  g_clear_error (&a.error);
  g_clear_error (&b.error);
  g_main_loop_unref (a.loop);
}

/* A cancellable cancelled before the run starts: nothing runs. */
static void
test_runner_cancelled_before (void)
{
  g_autoptr(PlScript) script = parse ("p.py",
                                      "import numpy as np\n"
                                      "from functools import partial\n"
                                      "print('ran')\n"
                                      "utils.analyze_memory(partial(np.ones, 10))\n");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GPtrArray) runs = NULL;
  g_auto(GStrv) output = NULL;
  g_autoptr(GError) error = NULL;

  g_cancellable_cancel (cancellable);
  g_assert_false (pl_run_script_sync (script, NULL, cancellable, NULL, NULL, &runs, &output, &error));
  g_assert_error (error, PL_ERROR, PL_ERROR_CANCELLED);
  g_assert_cmpuint (runs->len, ==, 0);
  g_assert_null (output[0]);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/runner/experiment-sync", test_runner_experiment_sync);
  g_test_add_func ("/runner/script-sync", test_runner_script_sync);
  g_test_add_func ("/runner/script-error", test_runner_script_error);
  g_test_add_func ("/runner/not-reached", test_runner_not_reached);
  g_test_add_func ("/runner/async", test_runner_async);
  g_test_add_func ("/runner/cancel-within-100ms", test_runner_cancel_within_100ms);
  g_test_add_func ("/runner/serialised", test_runner_serialised);
  g_test_add_func ("/runner/cancelled-before", test_runner_cancelled_before);
  g_test_add_func ("/runner/cancel-waiting", test_runner_cancel_waiting);

  return g_test_run ();
}
