/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>

#include "pl-array.h"

/* np.random.random, rand and randn exactly as NumPy's legacy global
 * RandomState draws them: MT19937 seeded as np.random.seed (int) seeds it
 * (init_genrand), doubles from two 32-bit outputs ((a >> 5) · 2^26 +
 * (b >> 6)) / 2^53 (legacy random_sample), normals by Marsaglia's polar
 * method with the second value of each pair kept for the next call
 * (legacy_gauss). So after np.random.seed (n) a script prints the numbers
 * NumPy prints. The state is refilled 624 words at a time.
 *
 * The state is process-wide like NumPy's global RandomState, behind a mutex
 * (taken once per array, not per number). */

#define MT_N 624
#define MT_M 397

typedef struct
{
  guint32  key[MT_N];
  gint     pos;
  gboolean has_gauss;
  double   gauss;
} RandomState;

static GMutex      random_mutex;
static RandomState random_state;
static gboolean    random_seeded;

static void
seed_locked (guint32 seed)
{
  random_state.key[0] = seed;
  for (gint i = 1; i < MT_N; i++)
    {
      guint32 prev = random_state.key[i - 1];

      random_state.key[i] = 1812433253U * (prev ^ (prev >> 30)) + (guint32) i;
    }
  random_state.pos = MT_N;
  random_state.has_gauss = FALSE;
  random_state.gauss = 0.0;
  random_seeded = TRUE;
}

/**
 * pl_random_seed:
 * @seed: the seed; NumPy accepts 0 to 2**32 - 1 and so do callers
 *
 * Makes the following random arrays reproducible (np.random.seed): the
 * same numbers NumPy draws after np.random.seed (@seed).
 */
void
pl_random_seed (guint64 seed)
{
  g_mutex_lock (&random_mutex);
  seed_locked ((guint32) seed);
  g_mutex_unlock (&random_mutex);
}

static void
ensure_seeded_locked (void)
{
  if (!random_seeded)
    seed_locked ((guint32) (g_get_real_time () ^ g_random_int () ^ pl_alloc_now_ns ()));
}

static void
refill (RandomState *st)
{
  guint32 *k = st->key;
  gint i;

#define MT_MIX(a, b, c) \
  ((c) ^ ((((a) & 0x80000000U) | ((b) & 0x7fffffffU)) >> 1) ^ (((b) & 1U) ? 0x9908b0dfU : 0U))
  for (i = 0; i < MT_N - MT_M; i++)
    k[i] = MT_MIX (k[i], k[i + 1], k[i + MT_M]);
  for (; i < MT_N - 1; i++)
    k[i] = MT_MIX (k[i], k[i + 1], k[i + MT_M - MT_N]);
  k[MT_N - 1] = MT_MIX (k[MT_N - 1], k[0], k[MT_M - 1]);
#undef MT_MIX
  st->pos = 0;
}

static inline guint32
next32 (RandomState *st)
{
  guint32 y;

  if (G_UNLIKELY (st->pos == MT_N))
    refill (st);
  y = st->key[st->pos++];
  y ^= y >> 11;
  y ^= (y << 7) & 0x9d2c5680U;
  y ^= (y << 15) & 0xefc60000U;
  return y ^ (y >> 18);
}

static inline double
next_double (RandomState *st)
{
  guint32 a = next32 (st) >> 5;
  guint32 b = next32 (st) >> 6;

  return (a * 67108864.0 + b) / 9007199254740992.0;
}

static void
fill_uniform (RandomState *st,
              double      *d,
              gint64       n)
{
  for (gint64 i = 0; i < n; i++)
    d[i] = next_double (st);
}

/* NumPy's legacy_gauss (): Marsaglia's polar method; each accepted pair
 * returns f · x2 and keeps f · x1 for the next value, across calls. */
static void
fill_normal (RandomState *st,
             double      *d,
             gint64       n)
{
  for (gint64 i = 0; i < n; i++)
    {
      double x1, x2, r2, f;

      if (st->has_gauss)
        {
          d[i] = st->gauss;
          st->has_gauss = FALSE;
          st->gauss = 0.0;
          continue;
        }
      do
        {
          x1 = 2.0 * next_double (st) - 1.0;
          x2 = 2.0 * next_double (st) - 1.0;
          r2 = x1 * x1 + x2 * x2;
        }
      while (r2 >= 1.0 || r2 == 0.0);
      f = sqrt (-2.0 * log (r2) / r2);
      st->gauss = f * x1;
      st->has_gauss = TRUE;
      d[i] = f * x2;
    }
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
