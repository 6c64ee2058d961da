/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "run/pl-run.h"

#define MB8 (64000000)   /* np.random.random(8_000_000): 8e6 float64 */

static void
add_span (PlPipelineRun *p,
          gint           line,
          gint64         start,
          gint64         end,
          guint64        faults)
{
  PlLineSpan span = { .line = line, .start_ns = start, .end_ns = end, .minor_faults = faults };

  pl_pipeline_run_append_span (p, &span);
}

static PlAllocEvent *
make_events (const PlAllocEvent *events,
             gsize               n)
{
  return g_memdup2 (events, n * sizeof *events);
}

/* Section 3's "del data" example: allocate, free, allocate again; the
 * last array dies after the return event (no line owns that free). */
static void
test_run_line_stats_del (void)
{
  g_autoptr(PlRun) run = pl_run_new ("del.py", 7);
  PlPipelineRun *p = pl_run_add_pipeline (run, "main");
  static const PlAllocEvent events[] = {
    { .time_ns = 10, .bytes = MB8, .buffer_id = 1, .line = 2 },
    { .time_ns = 120, .bytes = -MB8, .buffer_id = 1, .line = 3 },
    { .time_ns = 200, .bytes = MB8, .buffer_id = 2, .line = 4 },
    { .time_ns = 310, .bytes = -MB8, .buffer_id = 2, .line = 0 },
  };
  const PlLineStats *st;
  gsize n;

  add_span (p, 2, 0, 100, 15625);
  add_span (p, 3, 100, 150, 0);
  add_span (p, 4, 150, 300, 15625);
  pl_pipeline_run_take_events (p, make_events (events, G_N_ELEMENTS (events)), G_N_ELEMENTS (events));
  pl_pipeline_run_set_total_time_ns (p, 320);
  pl_pipeline_run_finish (p);

  st = pl_pipeline_run_get_line_stats (p, &n);
  g_assert_cmpuint (n, ==, 3);

  g_assert_cmpint (st[0].line, ==, 2);
  g_assert_cmpuint (st[0].hits, ==, 1);
  g_assert_cmpint (st[0].time_ns, ==, 100);
  g_assert_cmpint (st[0].peak_alloc_bytes, ==, MB8);
  g_assert_cmpint (st[0].live_alloc_bytes, ==, MB8);
  g_assert_cmpint (st[0].allocated_bytes, ==, MB8);
  g_assert_cmpint (st[0].freed_bytes, ==, 0);
  g_assert_cmpuint (st[0].minor_faults, ==, 15625);

  /* del: the line starts with the array alive, so its peak is 64 MB. */
  g_assert_cmpint (st[1].line, ==, 3);
  g_assert_cmpint (st[1].peak_alloc_bytes, ==, MB8);
  g_assert_cmpint (st[1].live_alloc_bytes, ==, 0);
  g_assert_cmpint (st[1].allocated_bytes, ==, 0);
  g_assert_cmpint (st[1].freed_bytes, ==, MB8);

  g_assert_cmpint (st[2].line, ==, 4);
  g_assert_cmpint (st[2].peak_alloc_bytes, ==, MB8);
  g_assert_cmpint (st[2].live_alloc_bytes, ==, MB8);
  g_assert_cmpint (st[2].freed_bytes, ==, 0);

  g_assert_cmpint (pl_pipeline_run_get_peak_alloc_bytes (p), ==, MB8);
  g_assert_cmpint (pl_pipeline_run_get_final_alloc_bytes (p), ==, 0);
  g_assert_cmpint (pl_pipeline_run_get_total_time_ns (p), ==, 320);

  g_assert_nonnull (pl_pipeline_run_lookup_line (p, 4));
  g_assert_cmpint (pl_pipeline_run_lookup_line (p, 4)->freed_bytes, ==, 0);
  g_assert_null (pl_pipeline_run_lookup_line (p, 5));
}

/* A loop: line 3 runs three times; hits add up, the peak is the highest of
 * all hits, and the live bytes are those of the last hit. Spans given out
 * of order are sorted. */
static void
test_run_line_stats_loop (void)
{
  g_autoptr(PlRun) run = pl_run_new ("loop.py", 9);
  PlPipelineRun *p = pl_run_add_pipeline (run, "fun1");
  static const PlAllocEvent events[] = {
    /* hit 1 of line 4: a temporary of 100 then a result of 50 */
    { .time_ns = 15, .bytes = 100, .buffer_id = 1, .line = 4 },
    { .time_ns = 16, .bytes = 50, .buffer_id = 2, .line = 4 },
    { .time_ns = 17, .bytes = -100, .buffer_id = 1, .line = 4 },
    /* hit 2 of line 4: a bigger temporary; the old result dies */
    { .time_ns = 35, .bytes = 300, .buffer_id = 3, .line = 4 },
    { .time_ns = 36, .bytes = -300, .buffer_id = 3, .line = 4 },
    { .time_ns = 37, .bytes = 70, .buffer_id = 4, .line = 4 },
    { .time_ns = 38, .bytes = -50, .buffer_id = 2, .line = 4 },
    /* an elision is an event of 0 bytes */
    { .time_ns = 39, .bytes = 0, .buffer_id = 4, .line = 4, .reason = PL_ALLOC_REASON_ELIDED },
  };
  const PlLineStats *st;
  gsize n;

  add_span (p, 4, 30, 40, 0);
  add_span (p, 3, 0, 10, 0);
  add_span (p, 4, 10, 20, 0);
  add_span (p, 3, 20, 30, 0);
  add_span (p, 3, 40, 45, 0);
  pl_pipeline_run_take_events (p, make_events (events, G_N_ELEMENTS (events)), G_N_ELEMENTS (events));
  pl_pipeline_run_finish (p);

  st = pl_pipeline_run_get_line_stats (p, &n);
  g_assert_cmpuint (n, ==, 2);
  g_assert_cmpint (st[0].line, ==, 3);
  g_assert_cmpuint (st[0].hits, ==, 3);
  g_assert_cmpint (st[0].time_ns, ==, 25);
  /* line 3 starts its second hit with 50 live, its third with 70. */
  g_assert_cmpint (st[0].peak_alloc_bytes, ==, 70);
  g_assert_cmpint (st[0].live_alloc_bytes, ==, 70);
  g_assert_cmpint (st[0].allocated_bytes, ==, 0);

  g_assert_cmpint (st[1].line, ==, 4);
  g_assert_cmpuint (st[1].hits, ==, 2);
  g_assert_cmpint (st[1].time_ns, ==, 20);
  g_assert_cmpint (st[1].peak_alloc_bytes, ==, 350);
  g_assert_cmpint (st[1].live_alloc_bytes, ==, 70);
  g_assert_cmpint (st[1].allocated_bytes, ==, 520);
  g_assert_cmpint (st[1].freed_bytes, ==, 450);

  g_assert_cmpint (pl_pipeline_run_get_peak_alloc_bytes (p), ==, 350);
  g_assert_cmpint (pl_pipeline_run_get_final_alloc_bytes (p), ==, 70);
  /* No total time given: the end of the last record. */
  g_assert_cmpint (pl_pipeline_run_get_total_time_ns (p), ==, 45);
}

/* Two clock readings can be equal: an event stamped exactly at a span
 * boundary belongs to the span whose line tag it carries. */
static void
test_run_line_stats_boundary (void)
{
  g_autoptr(PlRun) run = pl_run_new ("tie.py", 1);
  PlPipelineRun *p = pl_run_add_pipeline (run, "tie");
  static const PlAllocEvent events[] = {
    { .time_ns = 10, .bytes = 8, .buffer_id = 1, .line = 2 },
    { .time_ns = 10, .bytes = 16, .buffer_id = 2, .line = 3 },
  };
  const PlLineStats *st;
  gsize n;

  add_span (p, 2, 0, 10, 0);
  add_span (p, 3, 10, 20, 0);
  pl_pipeline_run_take_events (p, make_events (events, G_N_ELEMENTS (events)), G_N_ELEMENTS (events));
  pl_pipeline_run_finish (p);

  st = pl_pipeline_run_get_line_stats (p, &n);
  g_assert_cmpuint (n, ==, 2);
  g_assert_cmpint (st[0].allocated_bytes, ==, 8);
  g_assert_cmpint (st[0].live_alloc_bytes, ==, 8);
  g_assert_cmpint (st[1].allocated_bytes, ==, 16);
  g_assert_cmpint (st[1].peak_alloc_bytes, ==, 24);
}

/* Regression: event times from the allocator's converted cycle counter
 * can be a few microseconds off, more than a short line (a del) lasts.
 * Events belong to spans by their line tag, not by their time. */
static void
test_run_line_stats_jitter (void)
{
  g_autoptr(PlRun) run = pl_run_new ("jitter.py", 1);
  PlPipelineRun *p = pl_run_add_pipeline (run, "main");
  static const PlAllocEvent events[] = {
    { .time_ns = 100, .bytes = 400, .buffer_id = 1, .line = 9 },
    /* del data2 (line 10, 1000..1002) stamped in line 11's time */
    { .time_ns = 1500, .bytes = -400, .buffer_id = 1, .line = 10 },
    { .time_ns = 1600, .bytes = 400, .buffer_id = 2, .line = 11 },
    /* the second hit of line 10 stamped a little before its span */
    { .time_ns = 2999, .bytes = -400, .buffer_id = 2, .line = 10 },
    { .time_ns = 3500, .bytes = 400, .buffer_id = 3, .line = 11 },
    /* a local freed after the return, stamped inside the last span */
    { .time_ns = 3990, .bytes = -400, .buffer_id = 3, .line = 0 },
  };
  const PlLineStats *st;
  gsize n;

  add_span (p, 9, 0, 1000, 0);
  add_span (p, 10, 1000, 1002, 0);
  add_span (p, 11, 1002, 3000, 0);
  add_span (p, 10, 3000, 3002, 0);
  add_span (p, 11, 3002, 4000, 0);
  pl_pipeline_run_take_events (p, make_events (events, G_N_ELEMENTS (events)), G_N_ELEMENTS (events));
  pl_pipeline_run_finish (p);

  st = pl_pipeline_run_get_line_stats (p, &n);
  g_assert_cmpuint (n, ==, 3);
  g_assert_cmpint (st[1].line, ==, 10);
  g_assert_cmpuint (st[1].hits, ==, 2);
  g_assert_cmpint (st[1].freed_bytes, ==, 800);
  g_assert_cmpint (st[1].allocated_bytes, ==, 0);
  g_assert_cmpint (st[1].live_alloc_bytes, ==, 0);
  g_assert_cmpint (st[1].peak_alloc_bytes, ==, 400);
  g_assert_cmpint (st[2].line, ==, 11);
  g_assert_cmpint (st[2].allocated_bytes, ==, 800);
  g_assert_cmpint (st[2].freed_bytes, ==, 0);
  g_assert_cmpint (st[2].live_alloc_bytes, ==, 400);
  g_assert_cmpint (pl_pipeline_run_get_final_alloc_bytes (p), ==, 0);
}

/* Regression: lines without events of their own (a for header, a masked
 * assignment in place) still see what was live while they ran, even when
 * the next events are frees after the return. */
static void
test_run_line_stats_quiet_lines (void)
{
  g_autoptr(PlRun) run = pl_run_new ("quiet.py", 1);
  PlPipelineRun *p = pl_run_add_pipeline (run, "fun2");
  static const PlAllocEvent events[] = {
    { .time_ns = 10, .bytes = 8000000, .buffer_id = 1, .line = 11 },
    /* mask dies after the return */
    { .time_ns = 2010, .bytes = -8000000, .buffer_id = 1, .line = 0 },
  };
  const PlLineStats *st;
  gsize n;

  add_span (p, 11, 0, 1000, 0);
  add_span (p, 12, 1000, 2000, 0);
  pl_pipeline_run_take_events (p, make_events (events, G_N_ELEMENTS (events)), G_N_ELEMENTS (events));
  pl_pipeline_run_finish (p);

  st = pl_pipeline_run_get_line_stats (p, &n);
  g_assert_cmpuint (n, ==, 2);
  g_assert_cmpint (st[1].line, ==, 12);
  g_assert_cmpint (st[1].peak_alloc_bytes, ==, 8000000);
  g_assert_cmpint (st[1].live_alloc_bytes, ==, 8000000);
  g_assert_cmpint (st[1].allocated_bytes, ==, 0);
  g_assert_cmpint (pl_pipeline_run_get_final_alloc_bytes (p), ==, 0);
}

/* Two hits of a line around a line without events: the tags alone cannot
 * tell the hits apart, the times do. */
static void
test_run_line_stats_same_tag (void)
{
  g_autoptr(PlRun) run = pl_run_new ("tags.py", 1);
  PlPipelineRun *p = pl_run_add_pipeline (run, "f");
  static const PlAllocEvent events[] = {
    { .time_ns = 2500, .bytes = 100, .buffer_id = 1, .line = 4 },
    { .time_ns = 2600, .bytes = 50, .buffer_id = 2, .line = 4 },
  };
  const PlLineStats *st;
  gsize n;

  add_span (p, 4, 0, 1000, 0);
  add_span (p, 3, 1000, 2000, 0);
  add_span (p, 4, 2000, 3000, 0);
  pl_pipeline_run_take_events (p, make_events (events, G_N_ELEMENTS (events)), G_N_ELEMENTS (events));
  pl_pipeline_run_finish (p);

  st = pl_pipeline_run_get_line_stats (p, &n);
  g_assert_cmpuint (n, ==, 2);
  /* Line 3 ran between the hits with nothing live: the events are the
   * second hit's. */
  g_assert_cmpint (st[0].line, ==, 3);
  g_assert_cmpint (st[0].peak_alloc_bytes, ==, 0);
  g_assert_cmpint (st[1].line, ==, 4);
  g_assert_cmpuint (st[1].hits, ==, 2);
  g_assert_cmpint (st[1].peak_alloc_bytes, ==, 150);
  g_assert_cmpint (st[1].allocated_bytes, ==, 150);
}

/* A NumPy function as a pipeline has no lines: the summary comes from the
 * events alone; samples give the peak RSS and the achieved rate. */
static void
test_run_builtin_pipeline (void)
{
  g_autoptr(PlRun) run = pl_run_new ("ones.py", 3);
  PlPipelineRun *p = pl_run_add_pipeline (run, "ones");
  static const PlAllocEvent events[] = {
    { .time_ns = 5, .bytes = 8000000, .buffer_id = 1 },
    { .time_ns = 900, .bytes = -8000000, .buffer_id = 1 },
  };
  const PlSample *samples;
  gsize n;

  for (gint i = 0; i <= 10; i++)
    {
      PlSample s = { .time_ns = i * 50000, .rss_bytes = i == 4 ? 8003584 : i * 1000, .alloc_bytes = 0 };

      pl_pipeline_run_append_sample (p, &s);
    }
  pl_pipeline_run_take_events (p, make_events (events, G_N_ELEMENTS (events)), G_N_ELEMENTS (events));
  pl_pipeline_run_finish (p);

  pl_pipeline_run_get_line_stats (p, &n);
  g_assert_cmpuint (n, ==, 0);
  pl_pipeline_run_get_spans (p, &n);
  g_assert_cmpuint (n, ==, 0);
  g_assert_cmpint (pl_pipeline_run_get_peak_alloc_bytes (p), ==, 8000000);
  g_assert_cmpint (pl_pipeline_run_get_final_alloc_bytes (p), ==, 0);
  g_assert_cmpint (pl_pipeline_run_get_peak_rss_bytes (p), ==, 8003584);
  /* A peak noted from the kernel's high-water mark wins when higher. */
  pl_pipeline_run_note_peak_rss (p, 9000000);
  pl_pipeline_run_note_peak_rss (p, 100);
  pl_pipeline_run_finish (p);
  g_assert_cmpint (pl_pipeline_run_get_peak_rss_bytes (p), ==, 9000000);

  samples = pl_pipeline_run_get_samples (p, &n);
  g_assert_cmpuint (n, ==, 11);
  g_assert_cmpuint (pl_pipeline_run_get_n_samples (p), ==, 11);
  g_assert_cmpint (samples[10].time_ns, ==, 500000);
  /* 10 intervals of 50 µs. */
  g_assert_cmpfloat_with_epsilon (pl_pipeline_run_get_achieved_rate (p), 20000.0, 1e-6);
  g_assert_cmpint (pl_pipeline_run_get_total_time_ns (p), ==, 500000);

  g_assert_nonnull (pl_pipeline_run_get_events (p, &n));
  g_assert_cmpuint (n, ==, 2);
}

/* Freeing memory that existed before the start gives negative figures:
 * they are relative to the baseline, never clamped. The peak never goes
 * below the start (0). */
static void
test_run_negative (void)
{
  g_autoptr(PlRun) run = pl_run_new (NULL, 0);
  PlPipelineRun *p = pl_run_add_pipeline (run, NULL);
  static const PlAllocEvent events[] = {
    { .time_ns = 5, .bytes = -400, .buffer_id = 1, .line = 2 },
  };
  gsize n;

  add_span (p, 2, 0, 10, 0);
  pl_pipeline_run_take_events (p, make_events (events, 1), 1);
  pl_pipeline_run_finish (p);

  g_assert_cmpstr (pl_pipeline_run_get_name (p), ==, "pipeline");
  g_assert_cmpint (pl_pipeline_run_get_final_alloc_bytes (p), ==, -400);
  g_assert_cmpint (pl_pipeline_run_get_peak_alloc_bytes (p), ==, 0);
  g_assert_cmpint (pl_pipeline_run_get_line_stats (p, &n)[0].live_alloc_bytes, ==, -400);
  g_assert_cmpint (pl_pipeline_run_get_line_stats (p, &n)[0].peak_alloc_bytes, ==, 0);
  g_assert_cmpfloat (pl_pipeline_run_get_achieved_rate (p), ==, 0.0);
  g_assert_cmpint (pl_pipeline_run_get_peak_rss_bytes (p), ==, 0);

  /* Finishing twice gives the same figures. */
  pl_pipeline_run_finish (p);
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpuint (pl_pipeline_run_get_line_stats (p, &n)[0].hits, ==, 1);
  g_assert_cmpint (pl_pipeline_run_get_final_alloc_bytes (p), ==, -400);
}

static void
notify_cb (GObject    *object,
           GParamSpec *pspec,
           gpointer    user_data)
{
  guint *count = user_data;

  (*count)++;
}

static void
test_run_object (void)
{
  g_autoptr(PlRun) run = pl_run_new ("demo.py", 12);
  g_autofree char *file = NULL;
  PlMarkStyle style = { .linestyle = (char *)":", .color = (char *)"red", .alpha = 0.5, .fontsize = 8 };
  const PlMarkStyle *got;
  guint notified = 0;
  gint line = 0;

  g_assert_cmpstr (pl_run_get_file (run), ==, "demo.py");
  g_assert_cmpint (pl_run_get_experiment_line (run), ==, 12);
  g_assert_cmpfloat (pl_run_get_sample_interval (run), ==, 0.00005);
  g_object_get (run, "file", &file, "experiment-line", &line, NULL);
  g_assert_cmpstr (file, ==, "demo.py");
  g_assert_cmpint (line, ==, 12);

  g_signal_connect (run, "notify::sample-interval", G_CALLBACK (notify_cb), &notified);
  pl_run_set_sample_interval (run, 0.001);
  pl_run_set_sample_interval (run, 0.001);
  g_assert_cmpuint (notified, ==, 1);
  g_assert_cmpfloat (pl_run_get_sample_interval (run), ==, 0.001);

  got = pl_run_get_mark_style (run);
  g_assert_cmpstr (got->linestyle, ==, "--");
  g_assert_cmpstr (got->color, ==, "gray");
  g_assert_cmpfloat (got->alpha, ==, 0.3);
  g_assert_cmpfloat (got->fontsize, ==, 6);
  pl_run_set_mark_style (run, &style);
  got = pl_run_get_mark_style (run);
  g_assert_cmpstr (got->linestyle, ==, ":");
  g_assert_cmpstr (got->color, ==, "red");
  g_assert_cmpfloat (got->alpha, ==, 0.5);
  g_assert_cmpfloat (got->fontsize, ==, 8);

  g_assert_nonnull (pl_run_get_output (run));
  g_assert_null (pl_run_get_output (run)[0]);
  pl_run_append_output (run, "B: 131072000");
  pl_run_append_output (run, "");
  g_assert_cmpstr (pl_run_get_output (run)[0], ==, "B: 131072000");
  g_assert_cmpstr (pl_run_get_output (run)[1], ==, "");
  g_assert_null (pl_run_get_output (run)[2]);

  g_assert_cmpuint (pl_run_get_n_pipelines (run), ==, 0);
  pl_run_add_pipeline (run, "fun1");
  pl_run_add_pipeline (run, "fun2");
  g_assert_cmpuint (pl_run_get_n_pipelines (run), ==, 2);
  g_assert_cmpstr (pl_pipeline_run_get_name (pl_run_get_pipeline (run, 0)), ==, "fun1");
  g_assert_cmpstr (pl_pipeline_run_get_name (pl_run_get_pipeline (run, 1)), ==, "fun2");
  pl_pipeline_run_set_total_time_ns (pl_run_get_pipeline (run, 1), 1234);
  g_assert_cmpint (pl_pipeline_run_get_total_time_ns (pl_run_get_pipeline (run, 1)), ==, 1234);
}

/* F7's regression: a loop (line 8 `for`, line 9 `t = x + 1`) whose
 * events' times are jittered across span boundaries, as converted cycle
 * counter times can be on a loaded machine, but whose span stamps are
 * right. Matching by stamp must give the exact figures; matching by time
 * charged the body's 3rd array to the short `for` line (its peak became
 * x + t1 + t2). Times: spans 7 [0,100) 8 [100,110) 9 [110,300)
 * 8 [300,305) 9 [305,500) 8 [500,505), return at 505. */
static void
test_run_line_stats_span_stamps (void)
{
  g_autoptr(PlRun) run = pl_run_new ("loop.py", 10);
  PlPipelineRun *p = pl_run_add_pipeline (run, "main");
  static const struct { gint line; gint64 start, end; guint64 span; } spans[] = {
    { 7, 0, 100, 2 }, { 8, 100, 110, 3 }, { 9, 110, 300, 4 },
    { 8, 300, 305, 5 }, { 9, 305, 500, 6 }, { 8, 500, 505, 7 },
  };
  static const PlAllocEvent events[] = {
    /* The argument, before the first line, with a time inside line 7. */
    { .time_ns = 3, .bytes = MB8 / 8, .buffer_id = 1, .line = 0, .span = 1 },
    /* x = ... (line 7). */
    { .time_ns = 50, .bytes = MB8, .buffer_id = 2, .line = 7, .span = 2 },
    /* t1, stamped line 9's first hit, with a time in the next `for`. */
    { .time_ns = 302, .bytes = MB8, .buffer_id = 3, .line = 9, .span = 4 },
    /* t2 in line 9's second hit, with a time before it (and before the
     * `for` hit in between); then t1 dies. */
    { .time_ns = 298, .bytes = MB8, .buffer_id = 4, .line = 9, .span = 6 },
    { .time_ns = 360, .bytes = -MB8, .buffer_id = 3, .line = 9, .span = 6 },
    /* After the return: x, t2 and the argument die, one with a time
     * before the last `for` hit. */
    { .time_ns = 499, .bytes = -MB8, .buffer_id = 2, .line = 0, .span = 8 },
    { .time_ns = 510, .bytes = -MB8, .buffer_id = 4, .line = 0, .span = 8 },
    { .time_ns = 511, .bytes = -MB8 / 8, .buffer_id = 1, .line = 0, .span = 8 },
  };
  const gint64 arg = MB8 / 8;
  const PlLineStats *st;

  for (gsize i = 0; i < G_N_ELEMENTS (spans); i++)
    {
      PlLineSpan span = { .line = spans[i].line, .start_ns = spans[i].start,
                          .end_ns = spans[i].end, .span = spans[i].span };
      pl_pipeline_run_append_span (p, &span);
    }
  pl_pipeline_run_take_events (p, make_events (events, G_N_ELEMENTS (events)), G_N_ELEMENTS (events));
  pl_pipeline_run_finish (p);

  g_assert_cmpint (pl_pipeline_run_get_peak_alloc_bytes (p), ==, arg + 3 * MB8);
  g_assert_cmpint (pl_pipeline_run_get_final_alloc_bytes (p), ==, 0);

  st = pl_pipeline_run_lookup_line (p, 7);
  g_assert_nonnull (st);
  g_assert_cmpuint (st->hits, ==, 1);
  g_assert_cmpint (st->peak_alloc_bytes, ==, arg + MB8);
  g_assert_cmpint (st->live_alloc_bytes, ==, arg + MB8);
  g_assert_cmpint (st->allocated_bytes, ==, MB8);

  /* The `for` line: x + t1 while it ran last-but-one, x + t2 last. */
  st = pl_pipeline_run_lookup_line (p, 8);
  g_assert_nonnull (st);
  g_assert_cmpuint (st->hits, ==, 3);
  g_assert_cmpint (st->peak_alloc_bytes, ==, arg + 2 * MB8);
  g_assert_cmpint (st->live_alloc_bytes, ==, arg + 2 * MB8);
  g_assert_cmpint (st->allocated_bytes, ==, 0);
  g_assert_cmpint (st->freed_bytes, ==, 0);
  g_assert_cmpint (st->time_ns, ==, 10 + 5 + 5);

  st = pl_pipeline_run_lookup_line (p, 9);
  g_assert_nonnull (st);
  g_assert_cmpuint (st->hits, ==, 2);
  g_assert_cmpint (st->peak_alloc_bytes, ==, arg + 3 * MB8);
  g_assert_cmpint (st->live_alloc_bytes, ==, arg + 2 * MB8);
  g_assert_cmpint (st->allocated_bytes, ==, 2 * MB8);
  g_assert_cmpint (st->freed_bytes, ==, MB8);

  g_assert_null (pl_pipeline_run_lookup_line (p, 0));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/run/line-stats/del", test_run_line_stats_del);
  g_test_add_func ("/run/line-stats/loop", test_run_line_stats_loop);
  g_test_add_func ("/run/line-stats/boundary", test_run_line_stats_boundary);
  g_test_add_func ("/run/line-stats/negative", test_run_negative);
  g_test_add_func ("/run/line-stats/jitter", test_run_line_stats_jitter);
  g_test_add_func ("/run/line-stats/same-tag", test_run_line_stats_same_tag);
  g_test_add_func ("/run/line-stats/quiet-lines", test_run_line_stats_quiet_lines);
  g_test_add_func ("/run/line-stats/span-stamps", test_run_line_stats_span_stamps);
  g_test_add_func ("/run/pipeline/builtin", test_run_builtin_pipeline);
  g_test_add_func ("/run/object", test_run_object);

  return g_test_run ();
}
