/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "engine/pl-array.h"

/* The kernels' benchmark (meson test --benchmark, never a unit test): the
 * issue's operations on 8,000,000 float64, each the best of REPEAT runs,
 * with the result freed inside the timed region. Expressions are evaluated
 * as the interpreter does, so `x*2*3*4+1` elides its temporaries. With
 * --numpy SCRIPT, runs bench-numpy.py under /usr/bin/python3 in the same
 * session and prints NumPy's times and the ratios beside ours. The machine
 * is shared: timings are noisy, the best of several runs is the fairest. */

#define N 8000000
#define REPEAT 7
#define PASSES 3

static PlArray *x, *y, *z, *m, *two, *three, *four, *one, *half;

static PlArray *
bin (PlBinaryOp op, PlArray *a, PlArray *b)
{
  PlArray *r = pl_array_binary (op, a, b, NULL);

  g_assert (r != NULL);
  pl_array_unref (a);
  pl_array_unref (b);
  return r;
}

#define REF(a) pl_array_ref (a)

static PlArray *do_x2 (void) { return bin (PL_BINOP_MULTIPLY, REF (x), REF (two)); }
static PlArray *do_xyz (void) { return bin (PL_BINOP_ADD, bin (PL_BINOP_MULTIPLY, REF (x), REF (y)), REF (z)); }
static PlArray *
do_chain (void)
{
  PlArray *t = bin (PL_BINOP_MULTIPLY, REF (x), REF (two));

  t = bin (PL_BINOP_MULTIPLY, t, REF (three));
  t = bin (PL_BINOP_MULTIPLY, t, REF (four));
  return bin (PL_BINOP_ADD, t, REF (one));
}
static PlArray *
do_ones (void)
{
  gint64 n = N;

  return pl_array_ones (1, &n, PL_DTYPE_FLOAT64, NULL);
}
static PlArray *
do_arange (void)
{
  PlScalar stop = pl_scalar_from_int (N);

  return pl_array_arange (&stop, NULL, NULL, PL_DTYPE_NONE, NULL);
}
static PlArray *
do_random (void)
{
  gint64 n = N;

  return pl_array_random_uniform (1, &n, NULL);
}
static PlArray *do_copy (void) { return pl_array_copy (x, NULL); }
static PlArray *
do_mask (void)
{
  PlArray *mask = pl_array_binary (PL_BINOP_GREATER, x, half, NULL);
  PlIndex idx = { .kind = PL_INDEX_ARRAY, .array = mask };
  PlArray *r = pl_array_get_item (x, &idx, 1, NULL);

  pl_array_unref (mask);
  return r;
}
static PlArray *do_astype (void) { return pl_array_astype (x, PL_DTYPE_FLOAT32, TRUE, NULL); }
static PlArray *
do_inplace (void)
{
  g_assert (pl_array_inplace (PL_BINOP_MULTIPLY, m, two, NULL));
  return pl_array_ref (m);
}

typedef struct
{
  const char *name;
  PlArray   *(*func) (void);
} Case;

static const Case cases[] = {
  { "x*2", do_x2 }, { "x*y+z", do_xyz }, { "x*2*3*4+1", do_chain },
  { "ones", do_ones }, { "arange", do_arange }, { "random.random", do_random },
  { "copy", do_copy }, { "x[x>0.5]", do_mask }, { "astype(float32)", do_astype },
  { "x*=2", do_inplace },
};

static double
best_of (PlArray *(*func) (void), int repeat)
{
  double best = G_MAXDOUBLE;

  pl_array_unref (func ());
  for (int i = 0; i < repeat; i++)
    {
      gint64 t0 = g_get_monotonic_time ();

      pl_array_unref (func ());
      best = MIN (best, (g_get_monotonic_time () - t0) / 1e6);
    }
  return best;
}

static GHashTable *
run_numpy (const char *script, int repeat)
{
  g_autofree char *out = NULL;
  g_autofree char *rep = g_strdup_printf ("%d", repeat);
  const char *argv[] = { "/usr/bin/python3", script, rep, NULL };
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;
  GHashTable *times = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  int status;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                     &out, NULL, &status, &error) || !g_spawn_check_wait_status (status, NULL))
    {
      g_printerr ("# NumPy's side could not run (%s)\n", error ? error->message : "exit status");
      return times;
    }
  lines = g_strsplit (out, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *sp = strrchr (lines[i], ' ');
      double *v;

      if (sp == NULL)
        continue;
      v = g_new (double, 1);
      *v = g_ascii_strtod (sp + 1, NULL);
      g_hash_table_insert (times, g_strndup (lines[i], (gsize) (sp - lines[i])), v);
    }
  return times;
}

int
main (int argc, char **argv)
{
  const char *numpy_script = NULL;
  g_autoptr(GHashTable) numpy = NULL;
  int repeat = REPEAT;
  double ours[10];
  gint64 n = N;
  PlScalar s;

  for (int i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--numpy") && i + 1 < argc)
        numpy_script = argv[++i];
      else if (g_str_equal (argv[i], "--repeat") && i + 1 < argc)
        repeat = atoi (argv[++i]);
    }

  pl_random_seed (42);
  x = pl_array_random_uniform (1, &n, NULL);
  y = pl_array_random_uniform (1, &n, NULL);
  z = pl_array_random_uniform (1, &n, NULL);
  m = pl_array_random_uniform (1, &n, NULL);
  s = pl_scalar_from_int (2); two = pl_array_new_scalar (&s, PL_DTYPE_NONE);
  s = pl_scalar_from_int (3); three = pl_array_new_scalar (&s, PL_DTYPE_NONE);
  s = pl_scalar_from_int (4); four = pl_array_new_scalar (&s, PL_DTYPE_NONE);
  s = pl_scalar_from_int (1); one = pl_array_new_scalar (&s, PL_DTYPE_NONE);
  s = pl_scalar_from_double (0.5); half = pl_array_new_scalar (&s, PL_DTYPE_NONE);

  /* Two alternating passes (NumPy, ours, NumPy, ours), keeping the best of
   * each side: on a shared machine the load changes from second to second,
   * and alternating gives both sides the same chances. */
  for (int pass = 0; pass < PASSES; pass++)
    {
      if (numpy_script != NULL)
        {
          g_autoptr(GHashTable) np_pass = run_numpy (numpy_script, repeat);
          GHashTableIter hi;
          gpointer key, value;

          if (numpy == NULL)
            numpy = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
          g_hash_table_iter_init (&hi, np_pass);
          while (g_hash_table_iter_next (&hi, &key, &value))
            {
              double *old = g_hash_table_lookup (numpy, key);

              if (old == NULL)
                g_hash_table_insert (numpy, g_strdup (key), g_memdup2 (value, sizeof (double)));
              else
                *old = MIN (*old, *(double *) value);
            }
        }
      for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
        ours[i] = MIN (pass == 0 ? G_MAXDOUBLE : ours[i], best_of (cases[i].func, repeat));
    }

  printf ("# 8,000,000 float64, best of %d runs in each of %d alternating passes (ms)\n",
          repeat, PASSES);
  printf ("%-18s %10s %10s %8s\n", "operation", "peakline", "numpy", "ratio");
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      double t = ours[i];
      double *np_t = numpy ? g_hash_table_lookup (numpy, cases[i].name) : NULL;

      if (np_t != NULL)
        printf ("%-18s %10.2f %10.2f %8.2f\n", cases[i].name, t * 1e3, *np_t * 1e3, t / *np_t);
      else
        printf ("%-18s %10.2f %10s %8s\n", cases[i].name, t * 1e3, "-", "-");
      fflush (stdout);
    }

  pl_array_unref (x);
  pl_array_unref (y);
  pl_array_unref (z);
  pl_array_unref (m);
  pl_array_unref (two);
  pl_array_unref (three);
  pl_array_unref (four);
  pl_array_unref (one);
  pl_array_unref (half);
  return 0;
}
