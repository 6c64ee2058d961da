/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "engine/pl-dtype.h"
#include "run/pl-runner.h"
#include "run/pl-snapshot.h"

/* What the inspector lists: the arrays alive at a moment of a real run. */

static const char views_source[] =
  "import numpy as np\n"                                /* 1 */
  "from functools import partial\n"                     /* 2 */
  "\n"                                                  /* 3 */
  "def main(x, n):\n"                                   /* 4 */
  "    a = np.ones(1000)\n"                             /* 5 */
  "    b = a[::2]\n"                                    /* 6 */
  "    c = b.copy()\n"                                  /* 7 */
  "    del a\n"                                         /* 8 */
  "    del b\n"                                         /* 9 */
  "    t = x.T\n"                                       /* 10 */
  "    d = x * 2 + 1\n"                                 /* 11 */
  "    e = np.ones(100000) * 2 * 3\n"                   /* 12 */
  "\n"                                                  /* 13 */
  "utils.analyze_memory(partial(main, np.ones((100, 10), dtype=np.float32), 3))\n";

static PlRun *
run_source (const char *source)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PlScript) script = pl_script_parse ("snapshot.py", source, -1, &error);
  PlRun *run;

  g_assert_no_error (error);
  run = pl_run_experiment_sync (script, 0, NULL, NULL, &error);
  g_assert_no_error (error);
  return run;
}

/* The array made by @line, or the argument when @line is 0. */
static const PlSnapshotArray *
array_of_line (PlSnapshot *snapshot,
               gint        line)
{
  const PlSnapshotArray *found = NULL;

  for (guint i = 0; i < pl_snapshot_get_n_arrays (snapshot); i++)
    {
      const PlSnapshotArray *a = pl_snapshot_get_array (snapshot, i);

      if (a->line == line)
        {
          g_assert_null (found);
          found = a;
        }
    }
  g_assert_nonnull (found);
  return found;
}

static void
test_views_and_copies (void)
{
  g_autoptr(PlRun) run = run_source (views_source);
  PlPipelineRun *pipeline = pl_run_get_pipeline (run, 0);
  const PlSnapshotArray *x, *a, *b, *c, *t, *d, *e;
  g_autofree char *shape = NULL;

  /* At the start: only the argument, with its parameter's name. */
  {
    g_autoptr(PlSnapshot) s = pl_snapshot_new_at_time (pipeline, 0);

    g_assert_cmpuint (pl_snapshot_get_n_arrays (s), ==, 1);
    x = pl_snapshot_get_array (s, 0);
    g_assert_true (x->argument);
    g_assert_cmpstr (x->name, ==, "x");
    g_assert_cmpint (x->dtype, ==, PL_DTYPE_FLOAT32);
    g_assert_cmpint (x->nbytes, ==, 4000);
    g_assert_cmpint (x->reason, ==, -1);
    g_assert_cmpuint (x->base_id, ==, 0);
    shape = pl_snapshot_format_shape (x);
    g_assert_cmpstr (shape, ==, "(100, 10)");
    g_clear_pointer (&shape, g_free);
    g_assert_cmpint (pl_snapshot_get_allocated_bytes (s), ==, 0);
    g_assert_cmpint (pl_snapshot_get_argument_bytes (s), ==, 4000);
  }

  /* After the copy: a owns its data, b views it, c owns a copy. */
  {
    g_autoptr(PlSnapshot) s = pl_snapshot_new_after_line (pipeline, 7);

    g_assert_nonnull (s);
    g_assert_cmpuint (pl_snapshot_get_n_arrays (s), ==, 4);
    g_assert_true (pl_snapshot_get_array (s, 0)->argument);
    a = array_of_line (s, 5);
    b = array_of_line (s, 6);
    c = array_of_line (s, 7);
    g_assert_cmpuint (a->base_id, ==, 0);
    g_assert_cmpint (a->nbytes, ==, 8000);
    g_assert_cmpint (a->reason, ==, PL_ALLOC_REASON_CREATE);
    g_assert_cmpuint (b->base_id, ==, a->array_id);
    g_assert_cmpuint (b->buffer_id, ==, a->buffer_id);
    g_assert_cmpint (b->nbytes, ==, 4000);
    shape = pl_snapshot_format_shape (b);
    g_assert_cmpstr (shape, ==, "(500,)");
    g_clear_pointer (&shape, g_free);
    g_assert_cmpuint (c->base_id, ==, 0);
    g_assert_cmpint (c->reason, ==, PL_ALLOC_REASON_COPY);
    g_assert_cmpint (c->nbytes, ==, 4000);
    g_assert_cmpuint (pl_snapshot_get_n_views (s), ==, 1);
    g_assert_cmpint (pl_snapshot_get_allocated_bytes (s), ==, 12000);
    /* The variables naming each array then. */
    g_assert_cmpstr (pl_snapshot_get_array (s, 0)->variables, ==, "x");
    g_assert_cmpstr (a->variables, ==, "a");
    g_assert_cmpstr (b->variables, ==, "b");
    g_assert_cmpstr (c->variables, ==, "c");
    g_assert_cmpuint (pl_snapshot_get_n_buffers (s), ==, 0);
    g_assert_true (pl_snapshot_lookup_array (s, a->array_id) == a);
  }

  /* `del a` does not free it: b still views it. `del b` does. */
  {
    g_autoptr(PlSnapshot) s8 = pl_snapshot_new_after_line (pipeline, 8);
    g_autoptr(PlSnapshot) s9 = pl_snapshot_new_after_line (pipeline, 9);

    g_assert_cmpuint (pl_snapshot_get_n_arrays (s8), ==, 4);
    /* `del a`: alive (b views it), but no variable names it. */
    g_assert_null (array_of_line (s8, 5)->variables);
    g_assert_cmpstr (array_of_line (s8, 6)->variables, ==, "b");
    g_assert_cmpuint (pl_snapshot_get_n_arrays (s9), ==, 2);
    g_assert_cmpint (pl_snapshot_get_allocated_bytes (s9), ==, 4000);
  }

  /* A view of the argument; the temporary of x * 2 is gone (under 256 KiB:
   * not elided, freed at the end of the line). */
  {
    g_autoptr(PlSnapshot) s = pl_snapshot_new_after_line (pipeline, 11);

    g_assert_cmpuint (pl_snapshot_get_n_arrays (s), ==, 4);
    x = pl_snapshot_get_array (s, 0);
    t = array_of_line (s, 10);
    d = array_of_line (s, 11);
    g_assert_cmpuint (t->base_id, ==, x->array_id);
    shape = pl_snapshot_format_shape (t);
    g_assert_cmpstr (shape, ==, "(10, 100)");
    g_clear_pointer (&shape, g_free);
    g_assert_cmpint (d->dtype, ==, PL_DTYPE_FLOAT32);
    g_assert_cmpint (d->reason, ==, PL_ALLOC_REASON_RESULT);
  }

  /* np.ones(100000) * 2 * 3: the second product is written into the first
   * (NumPy's elision), so e's buffer is the reused temporary. */
  {
    g_autoptr(PlSnapshot) s = pl_snapshot_new_after_line (pipeline, 12);

    e = array_of_line (s, 12);
    g_assert_cmpint (e->nbytes, ==, 800000);
    g_assert_cmpint (e->reason, ==, PL_ALLOC_REASON_ELIDED);
    g_assert_cmpint (pl_snapshot_get_allocated_bytes (s), ==, 4000 + 4000 + 800000);
  }

  /* After the return, only the argument (partial keeps it), and the
   * function's variables are gone. */
  {
    g_autoptr(PlSnapshot) s = pl_snapshot_new_at_time (pipeline, pl_pipeline_run_get_total_time_ns (pipeline));

    g_assert_cmpuint (pl_snapshot_get_n_arrays (s), ==, 1);
    g_assert_null (pl_snapshot_get_array (s, 0)->variables);
    g_assert_cmpstr (pl_snapshot_get_array (s, 0)->name, ==, "x");
    g_assert_cmpint (pl_snapshot_get_allocated_bytes (s), ==, 0);
  }

  g_assert_null (pl_snapshot_new_after_line (pipeline, 42));
}

/* Buffers no array holds: numexpr's per-thread scratch while it runs is
 * gone afterwards, but NumPy's cast buffers of a running line are listed
 * while alive. Here: the argument is a view, and its owner is listed too. */
static void
test_view_argument (void)
{
  g_autoptr(PlRun) run = run_source ("import numpy as np\n"
                                     "from functools import partial\n"
                                     "def f(v):\n"
                                     "    w = v + 1\n"
                                     "big = np.ones(64)\n"
                                     "utils.analyze_memory(partial(f, big[::4]))\n");
  PlPipelineRun *pipeline = pl_run_get_pipeline (run, 0);
  g_autoptr(PlSnapshot) s = pl_snapshot_new_at_time (pipeline, 0);
  const PlSnapshotArray *owner = NULL, *view = NULL;

  g_assert_cmpuint (pl_snapshot_get_n_arrays (s), ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      const PlSnapshotArray *a = pl_snapshot_get_array (s, i);

      g_assert_true (a->argument);
      if (a->base_id == 0)
        owner = a;
      else
        view = a;
    }
  g_assert_nonnull (owner);
  g_assert_nonnull (view);
  g_assert_cmpuint (view->base_id, ==, owner->array_id);
  g_assert_cmpstr (view->name, ==, "v");
  g_assert_null (owner->name);
  /* The owner's buffer, once. */
  g_assert_cmpint (pl_snapshot_get_argument_bytes (s), ==, 512);
}

/* Loose buffers: a buffer the pipeline allocated that no array holds. The
 * fused evaluator's scratch lives only while ne.evaluate runs, so the
 * moment inside the line is taken from the allocation events. */
static void
test_loose_buffers (void)
{
  g_autoptr(PlRun) run = run_source ("import numpy as np\n"
                                     "import numexpr as ne\n"
                                     "from functools import partial\n"
                                     "def f(x):\n"
                                     "    y = ne.evaluate('x * 2 + 3')\n"
                                     "utils.analyze_memory(partial(f, np.ones(100000)))\n");
  PlPipelineRun *pipeline = pl_run_get_pipeline (run, 0);
  const PlAllocEvent *events;
  gsize n_events;
  gint64 scratch_time = -1;

  events = pl_pipeline_run_get_events (pipeline, &n_events);
  for (gsize i = 0; i < n_events; i++)
    if (events[i].bytes > 0 && events[i].reason == PL_ALLOC_REASON_SCRATCH)
      {
        scratch_time = events[i].time_ns;
        break;
      }
  g_assert_cmpint (scratch_time, >=, 0);

  {
    g_autoptr(PlSnapshot) s = pl_snapshot_new_at_time (pipeline, scratch_time);
    gboolean seen = FALSE;

    for (guint i = 0; i < pl_snapshot_get_n_buffers (s); i++)
      if (pl_snapshot_get_buffer (s, i)->reason == PL_ALLOC_REASON_SCRATCH)
        {
          g_assert_cmpint (pl_snapshot_get_buffer (s, i)->line, ==, 5);
          seen = TRUE;
        }
    g_assert_true (seen);
  }
  {
    g_autoptr(PlSnapshot) s = pl_snapshot_new_after_line (pipeline, 5);

    g_assert_cmpuint (pl_snapshot_get_n_buffers (s), ==, 0);
    g_assert_cmpint (array_of_line (s, 5)->nbytes, ==, 800000);
  }
}

/* A parameter rebound to a result no longer names the argument; two names
 * for one array are both given; a name rebound to a number names no array. */
static void
test_variables (void)
{
  g_autoptr(PlRun) run = run_source ("import numpy as np\n"         /* 1 */
                                     "from functools import partial\n" /* 2 */
                                     "def f(x):\n"                   /* 3 */
                                     "    x = x * 2\n"               /* 4 */
                                     "    y = x\n"                   /* 5 */
                                     "    x = 3\n"                   /* 6 */
                                     "utils.analyze_memory(partial(f, np.ones(10)))\n");
  PlPipelineRun *pipeline = pl_run_get_pipeline (run, 0);
  g_autoptr(PlSnapshot) s4 = pl_snapshot_new_after_line (pipeline, 4);
  g_autoptr(PlSnapshot) s5 = pl_snapshot_new_after_line (pipeline, 5);
  g_autoptr(PlSnapshot) s6 = pl_snapshot_new_after_line (pipeline, 6);

  g_assert_true (pl_snapshot_get_array (s4, 0)->argument);
  g_assert_null (pl_snapshot_get_array (s4, 0)->variables);
  g_assert_cmpstr (pl_snapshot_get_array (s4, 0)->name, ==, "x");
  g_assert_cmpstr (array_of_line (s4, 4)->variables, ==, "x");
  g_assert_cmpstr (array_of_line (s5, 4)->variables, ==, "x, y");
  g_assert_cmpstr (array_of_line (s6, 4)->variables, ==, "y");
}

static void
test_format_shape (void)
{
  PlSnapshotArray a = { .ndim = 0 };
  g_autofree char *zero = NULL;
  g_autofree char *many = NULL;

  zero = pl_snapshot_format_shape (&a);
  g_assert_cmpstr (zero, ==, "()");
  a.ndim = 10;
  for (guint d = 0; d < PL_ARRAY_EVENT_MAX_DIMS; d++)
    a.shape[d] = d + 1;
  many = pl_snapshot_format_shape (&a);
  g_assert_cmpstr (many, ==, "(1, 2, 3, 4, 5, 6, 7, 8, ...)");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/run/snapshot/views-and-copies", test_views_and_copies);
  g_test_add_func ("/run/snapshot/view-argument", test_view_argument);
  g_test_add_func ("/run/snapshot/loose-buffers", test_loose_buffers);
  g_test_add_func ("/run/snapshot/variables", test_variables);
  g_test_add_func ("/run/snapshot/format-shape", test_format_shape);

  return g_test_run ();
}
