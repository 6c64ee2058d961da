/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>

#include "pl-array.h"

/* np.random.random, rand and randn on xoshiro256+ (Blackman and Vigna), the
 * recommended generator for floating-point numbers: the top 53 bits of each
 * output make one double in [0, 1). Four independent lanes are advanced
 * together so the compiler can keep them in vector registers; that is what
 * makes a large fill several times faster than NumPy's MT19937.
 *
 * The state is process-wide like NumPy's global RandomState, behind a mutex
 * (taken once per array, not per number). */

#define N_LANES 4

typedef struct
{
  guint64 s[4][N_LANES];   /* s[word][lane] */
} RandomState;

static GMutex      random_mutex;
static RandomState random_state;
static gboolean    random_seeded;

static guint64
splitmix64 (guint64 *x)
{
  guint64 z = (*x += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

static void
seed_locked (guint64 seed)
{
  guint64 x = seed;

  for (gint lane = 0; lane < N_LANES; lane++)
    for (gint w = 0; w < 4; w++)
      random_state.s[w][lane] = splitmix64 (&x);
  random_seeded = TRUE;
}

/**
 * pl_random_seed:
 * @seed: any value
 *
 * Makes the following random arrays reproducible (np.random.seed).
 */
void
pl_random_seed (guint64 seed)
{
  g_mutex_lock (&random_mutex);
  seed_locked (seed);
  g_mutex_unlock (&random_mutex);
}

static void
ensure_seeded_locked (void)
{
  if (!random_seeded)
    seed_locked ((guint64) g_get_real_time () ^ ((guint64) g_random_int () << 32) ^
                 (guint64) pl_alloc_now_ns ());
}

static inline guint64
rotl (guint64 x, int k)
{
  return (x << k) | (x >> (64 - k));
}

/* Advances all lanes once and stores N_LANES doubles in [0, 1). */
static inline void
next_doubles (RandomState *st,
              double      *out)
{
  for (gint l = 0; l < N_LANES; l++)
    {
      guint64 result = st->s[0][l] + st->s[3][l];
      guint64 t = st->s[1][l] << 17;

      st->s[2][l] ^= st->s[0][l];
      st->s[3][l] ^= st->s[1][l];
      st->s[1][l] ^= st->s[2][l];
      st->s[0][l] ^= st->s[3][l];
      st->s[2][l] ^= t;
      st->s[3][l] = rotl (st->s[3][l], 45);

      out[l] = (double) (result >> 11) * 0x1.0p-53;
    }
}

static void
fill_uniform (RandomState *st,
              double      *d,
              gint64       n)
{
  RandomState local = *st;
  gint64 i = 0;
  double tail[N_LANES];

  for (; i + N_LANES <= n; i += N_LANES)
    next_doubles (&local, d + i);
  if (i < n)
    {
      next_doubles (&local, tail);
      for (gint l = 0; i < n; i++, l++)
        d[i] = tail[l];
    }
  *st = local;
}

/* Marsaglia's polar method, as NumPy's legacy gauss (): two normals per
 * accepted pair, about 1.27 pairs tried per two values. */
static void
fill_normal (RandomState *st,
             double      *d,
             gint64       n)
{
  RandomState local = *st;
  double u[N_LANES];
  gint used = N_LANES;
  gint64 i = 0;

  while (i < n)
    {
      double x1, x2, r2, f;

      if (used + 2 > N_LANES)
        {
          next_doubles (&local, u);
          used = 0;
        }
      x1 = 2.0 * u[used] - 1.0;
      x2 = 2.0 * u[used + 1] - 1.0;
      used += 2;
      r2 = x1 * x1 + x2 * x2;
      if (r2 >= 1.0 || r2 == 0.0)
        continue;
      f = sqrt (-2.0 * log (r2) / r2);
      d[i++] = f * x1;
      if (i < n)
        d[i++] = f * x2;
    }
  *st = local;
}

static PlArray *
random_array (gint           ndim,
              const gint64  *shape,
              gboolean       normal,
              GError       **error)
{
  PlArray *self;
  gint64 n;

  self = pl_array_new (ndim, shape, PL_DTYPE_FLOAT64, PL_ALLOC_INIT_NONE,
                       PL_ALLOC_REASON_CREATE, error);
  if (self == NULL)
    return NULL;

  n = pl_array_get_size (self);
  g_mutex_lock (&random_mutex);
  ensure_seeded_locked ();
  if (normal)
    fill_normal (&random_state, (double *) (void *) self->data, n);
  else
    fill_uniform (&random_state, (double *) (void *) self->data, n);
  g_mutex_unlock (&random_mutex);

  return self;
}

/**
 * pl_array_random_uniform:
 *
 * np.random.random (shape) and np.random.rand (*shape): float64 in [0, 1).
 *
 * Returns: (transfer full) (nullable): the array
 */
PlArray *
pl_array_random_uniform (gint           ndim,
                         const gint64  *shape,
                         GError       **error)
{
  return random_array (ndim, shape, FALSE, error);
}

/**
 * pl_array_random_normal:
 *
 * np.random.randn (*shape): standard normal float64.
 *
 * Returns: (transfer full) (nullable): the array
 */
PlArray *
pl_array_random_normal (gint           ndim,
                        const gint64  *shape,
                        GError       **error)
{
  return random_array (ndim, shape, TRUE, error);
}
