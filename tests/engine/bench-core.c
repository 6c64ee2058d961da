/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <json-glib/json-glib.h>

#include "engine/pl-array.h"

/* The array core's benchmark: creation, random numbers, masks and a copying
 * reshape on 8,000,000 float64, each timed as the best and the median of
 * REPEAT runs, side by side with NumPy 1.24 measured by bench-core-numpy.py
 * in the same session (if /usr/bin/python3 has NumPy). Timings on a shared
 * machine are noisy; the best of several runs is the fairest figure. */

#define N 8000000
#define REPEAT 7
#define ROUNDS 3

typedef PlArray *(*BenchFunc) (gpointer data);

static PlArray *x, *mask, *m2;

static PlArray *
do_ones (gpointer data)
{
  const gint64 shape[] = { N };
  return pl_array_ones (1, shape, PL_DTYPE_FLOAT64, NULL);
}

static PlArray *
do_zeros (gpointer data)
{
  const gint64 shape[] = { N };
  return pl_array_zeros (1, shape, PL_DTYPE_FLOAT64, NULL);
}

static PlArray *
do_empty (gpointer data)
{
  const gint64 shape[] = { N };
  return pl_array_empty (1, shape, PL_DTYPE_FLOAT64, NULL);
}

static PlArray *
do_arange (gpointer data)
{
  return pl_array_arange (&(PlScalar) { .kind = PL_DTYPE_KIND_INT, .i = N }, NULL, NULL,
                          PL_DTYPE_NONE, NULL);
}

static PlArray *
do_linspace (gpointer data)
{
  return pl_array_linspace (0, 1, N, TRUE, PL_DTYPE_NONE, NULL);
}

static PlArray *
do_random (gpointer data)
{
  const gint64 shape[] = { N };
  return pl_array_random_uniform (1, shape, NULL);
}

static PlArray *
do_randn (gpointer data)
{
  const gint64 shape[] = { N };
  return pl_array_random_normal (1, shape, NULL);
}

static PlArray *
do_mask_get (gpointer data)
{
  PlIndex idx = { .kind = PL_INDEX_ARRAY, .array = mask };
  return pl_array_get_item (x, &idx, 1, NULL);
}

static PlArray *
do_mask_set (gpointer data)
{
  PlIndex idx = { .kind = PL_INDEX_ARRAY, .array = mask };
  g_autoptr(PlArray) zero = pl_array_new_scalar (&(PlScalar) { .kind = PL_DTYPE_KIND_FLOAT },
                                                 PL_DTYPE_NONE);
  if (!pl_array_set_item (x, &idx, 1, zero, NULL))
    g_error ("x[mask] = 0 failed");
  return NULL;
}

static PlArray *
do_transpose_reshape (gpointer data)
{
  const gint64 minus1[] = { -1 };
  g_autoptr(PlArray) t = pl_array_transpose (m2, 0, NULL, NULL);
  return pl_array_reshape (t, 1, minus1, NULL);
}

static const struct { const char *name; BenchFunc func; } benches[] = {
  { "ones", do_ones },
  { "zeros", do_zeros },
  { "empty", do_empty },
  { "arange", do_arange },
  { "linspace", do_linspace },
  { "random.random", do_random },
  { "random.randn", do_randn },
  { "x[mask]", do_mask_get },
  { "x[mask] = 0", do_mask_set },
  { "m.T.reshape(-1)", do_transpose_reshape },
};

static int
compare_doubles (gconstpointer a, gconstpointer b)
{
  double x1 = *(const double *) a, x2 = *(const double *) b;
  return (x1 > x2) - (x1 < x2);
}

static JsonObject *
run_numpy (void)
{
  g_autofree char *script = g_build_filename (g_getenv ("G_TEST_SRCDIR") ? g_getenv ("G_TEST_SRCDIR") : ".",
                                              "engine", "bench-core-numpy.py", NULL);
  g_autofree char *out = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  const char *argv[] = { "/usr/bin/python3", script, NULL };
  gint status = 0;

  if (!g_file_test (argv[0], G_FILE_TEST_IS_EXECUTABLE) || !g_file_test (script, G_FILE_TEST_EXISTS))
    return NULL;
  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                     &out, NULL, &status, &error) || status != 0)
    return NULL;
  if (!json_parser_load_from_data (parser, out, -1, &error))
    return NULL;
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

static void
measure_all (double best[][2])
{
  double times[REPEAT];

  for (gsize b = 0; b < G_N_ELEMENTS (benches); b++)
    {
      for (gint r = 0; r < REPEAT; r++)
        {
          gint64 t0 = pl_alloc_now_ns ();
          PlArray *result = benches[b].func (NULL);
          gint64 t1 = pl_alloc_now_ns ();
          g_clear_pointer (&result, pl_array_unref);
          times[r] = (double) (t1 - t0) / 1e6;
        }
      qsort (times, REPEAT, sizeof (double), compare_doubles);
      best[b][0] = MIN (best[b][0], times[0]);
      best[b][1] = MIN (best[b][1], times[REPEAT / 2]);
    }
}

int
main (int argc, char *argv[])
{
  const gint64 shape[] = { N };
  const gint64 s2k4k[] = { 2000, 4000 };
  double ours[G_N_ELEMENTS (benches)][2];
  double theirs[G_N_ELEMENTS (benches)][2];
  gboolean have_numpy = FALSE;
  double times[REPEAT];

  for (gsize b = 0; b < G_N_ELEMENTS (benches); b++)
    ours[b][0] = ours[b][1] = theirs[b][0] = theirs[b][1] = G_MAXDOUBLE;

  pl_random_seed (1);
  x = pl_array_random_uniform (1, shape, NULL);
  mask = pl_array_empty (1, shape, PL_DTYPE_BOOL, NULL);
  for (gint64 i = 0; i < N; i++)
    mask->data[i] = ((double *) (void *) x->data)[i] > 0.5;
  m2 = pl_array_reshape (x, 2, s2k4k, NULL);

  /* Rounds alternate NumPy and Peakline so that both see the same load;
   * each keeps its best figures over the rounds. */
  for (gint round = 0; round < ROUNDS; round++)
    {
      g_autoptr(JsonObject) numpy = run_numpy ();

      if (numpy != NULL)
        {
          have_numpy = TRUE;
          for (gsize b = 0; b < G_N_ELEMENTS (benches); b++)
            if (json_object_has_member (numpy, benches[b].name))
              {
                JsonObject *o = json_object_get_object_member (numpy, benches[b].name);
                theirs[b][0] = MIN (theirs[b][0], json_object_get_double_member (o, "best_ms"));
                theirs[b][1] = MIN (theirs[b][1], json_object_get_double_member (o, "median_ms"));
              }
        }
      measure_all (ours);
    }

  g_print ("# 8,000,000 float64; best (median) of %d runs x %d rounds, milliseconds\n",
           REPEAT, ROUNDS);
  g_print ("%-18s %20s %20s %8s\n", "operation", "peakline", "numpy 1.24", "ratio");
  for (gsize b = 0; b < G_N_ELEMENTS (benches); b++)
    {
      if (have_numpy && theirs[b][0] < G_MAXDOUBLE)
        g_print ("%-18s %9.2f (%8.2f) %9.2f (%8.2f) %8.2f\n", benches[b].name,
                 ours[b][0], ours[b][1], theirs[b][0], theirs[b][1], ours[b][0] / theirs[b][0]);
      else
        g_print ("%-18s %9.2f (%8.2f) %20s\n", benches[b].name, ours[b][0], ours[b][1], "-");
    }

  /* The allocator's own cost: a million small buffers and a million small
   * arrays (4M events), with and without the event log. */
  for (gint recording = 0; recording < 2; recording++)
    {
      for (gint r = 0; r < REPEAT; r++)
        {
          gint64 t0, t1;
          if (recording)
            pl_alloc_start_recording ();
          t0 = pl_alloc_now_ns ();
          for (gint i = 0; i < 1000000; i++)
            pl_buffer_unref (pl_buffer_new (64, PL_ALLOC_INIT_NONE, PL_ALLOC_REASON_SCRATCH, NULL));
          for (gint i = 0; i < 1000000; i++)
            pl_array_unref (pl_array_empty (1, (const gint64[]) { 8 }, PL_DTYPE_FLOAT64, NULL));
          t1 = pl_alloc_now_ns ();
          if (recording)
            g_free (pl_alloc_stop_recording (NULL));
          times[r] = (double) (t1 - t0) / 1e6;
        }
      qsort (times, REPEAT, sizeof (double), compare_doubles);
      g_print ("%-18s %9.2f (%8.2f) %20s\n",
               recording ? "2M allocs, log on" : "2M allocs, no log",
               times[0], times[REPEAT / 2], "-");
    }

  pl_array_unref (m2);
  pl_array_unref (mask);
  pl_array_unref (x);
  return 0;
}
