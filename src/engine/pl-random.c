/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <string.h>

#include "pl-array.h"

/* np.random.random, rand and randn exactly as NumPy's legacy global
 * RandomState draws them: MT19937 seeded as np.random.seed (int) seeds it
 * (init_genrand), doubles from two 32-bit outputs ((a >> 5) · 2^26 +
 * (b >> 6)) / 2^53 (legacy random_sample), normals by Marsaglia's polar
 * method with the second value of each pair kept for the next call
 * (legacy_gauss). So after np.random.seed (n) a script prints the numbers
 * NumPy prints. The state is refilled 624 words at a time, and the bulk
 * paths (the twist, tempering and the doubles) are vectorised: same
 * numbers, several times faster than the one-number-at-a-time loop.
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

/* The bulk paths work on 8 words (4 doubles) at a time with GCC's vector
 * extensions (gcc and clang); on x86-64 they are compiled twice, for AVX2
 * and for the baseline, and picked at load time. Both give the scalar
 * code's numbers bit for bit: the twist and the tempering are the same
 * integer operations, and the doubles are exact (see mt_convert_block). */
#if defined(__GNUC__) && defined(__x86_64__) && defined(__has_attribute)
# if __has_attribute (target_clones)
#  define PL_RANDOM_CLONES __attribute__ ((target_clones ("avx2", "default")))
# endif
#endif
#ifndef PL_RANDOM_CLONES
# define PL_RANDOM_CLONES
#endif

typedef guint32 PlRandomV32 __attribute__ ((vector_size (32)));
typedef guint64 PlRandomV64 __attribute__ ((vector_size (32)));
typedef double  PlRandomVd  __attribute__ ((vector_size (32)));

#define MT_UPPER  0x80000000U
#define MT_LOWER  0x7fffffffU
#define MT_MATRIX 0x9908b0dfU
#define MT_LANES  8

/* mt[i] = mt[i + 397] ^ twist (mt[i], mt[i + 1]). The recurrence reads
 * old words ahead of i and, from i = 227 on, new words 227 behind it, so
 * blocks of 8 consecutive i are independent. */
#define MT_MIX(a, b, c) \
  ((c) ^ ((((a) & MT_UPPER) | ((b) & MT_LOWER)) >> 1) ^ (((b) & 1U) ? MT_MATRIX : 0U))

PL_RANDOM_CLONES static void
mt_twist (guint32 *k)
{
  gint i = 0;

#define MT_MIX_BLOCK(from)                                              \
  G_STMT_START {                                                        \
    PlRandomV32 a_, b_, c_, y_;                                         \
    memcpy (&a_, k + i, sizeof a_);                                     \
    memcpy (&b_, k + i + 1, sizeof b_);                                 \
    memcpy (&c_, k + (from), sizeof c_);                                \
    y_ = c_ ^ (((a_ & MT_UPPER) | (b_ & MT_LOWER)) >> 1)                \
            ^ ((-(b_ & 1U)) & MT_MATRIX);                               \
    memcpy (k + i, &y_, sizeof y_);                                     \
  } G_STMT_END

  for (; i + MT_LANES <= MT_N - MT_M; i += MT_LANES)
    MT_MIX_BLOCK (i + MT_M);
  for (; i < MT_N - MT_M; i++)
    k[i] = MT_MIX (k[i], k[i + 1], k[i + MT_M]);
  for (; i + MT_LANES <= MT_N - 1; i += MT_LANES)
    MT_MIX_BLOCK (i + MT_M - MT_N);
  for (; i < MT_N - 1; i++)
    k[i] = MT_MIX (k[i], k[i + 1], k[i + MT_M - MT_N]);
  k[MT_N - 1] = MT_MIX (k[MT_N - 1], k[0], k[MT_M - 1]);
#undef MT_MIX_BLOCK
}

static void
refill (RandomState *st)
{
  mt_twist (st->key);
  st->pos = 0;
}

static inline guint32
temper (guint32 y)
{
  y ^= y >> 11;
  y ^= (y << 7) & 0x9d2c5680U;
  y ^= (y << 15) & 0xefc60000U;
  return y ^ (y >> 18);
}

static inline guint32
next32 (RandomState *st)
{
  if (G_UNLIKELY (st->pos == MT_N))
    refill (st);
  return temper (st->key[st->pos++]);
}

static inline double
pair_to_double (guint32 a,
                guint32 b)
{
  return ((a >> 5) * 67108864.0 + (b >> 6)) / 9007199254740992.0;
}

static inline double
next_double (RandomState *st)
{
  guint32 a = next32 (st);
  guint32 b = next32 (st);

  return pair_to_double (a, b);
}

/* @n doubles from the untempered words w[0 .. 2n), as next_double () makes
 * them. Lanes: a 64-bit lane holds a pair (a, b) of tempered words (on a
 * little-endian machine a is the low half); a >> 5 (27 bits) placed under
 * the exponent of 2^25 is the double 2^25 + (a >> 5) · 2^-27, and b >> 6
 * under the exponent of 2^-1 is 1/2 + (b >> 6) · 2^-53. Subtracting the
 * offsets and adding is exact (53 significant bits at most), so the sum
 * equals ((a >> 5) · 2^26 + (b >> 6)) / 2^53 exactly. */
PL_RANDOM_CLONES static void
mt_convert_block (const guint32 *w,
               double        *d,
               gint           n)
{
  gint j = 0;

#if G_BYTE_ORDER == G_LITTLE_ENDIAN
  for (; j + MT_LANES / 2 <= n; j += MT_LANES / 2)
    {
      PlRandomV32 y;
      PlRandomV64 p, hi, lo;
      PlRandomVd r;

      memcpy (&y, w + 2 * j, sizeof y);
      y ^= y >> 11;
      y ^= (y << 7) & 0x9d2c5680U;
      y ^= (y << 15) & 0xefc60000U;
      y ^= y >> 18;
      p = (PlRandomV64) y;
      hi = ((p & G_GUINT64_CONSTANT (0xffffffff)) >> 5) | G_GUINT64_CONSTANT (0x4180000000000000);
      lo = (p >> 38) | G_GUINT64_CONSTANT (0x3fe0000000000000);
      r = ((PlRandomVd) hi - 0x1p25) + ((PlRandomVd) lo - 0.5);
      memcpy (d + j, &r, sizeof r);
    }
#endif
  for (; j < n; j++)
    d[j] = pair_to_double (temper (w[2 * j]), temper (w[2 * j + 1]));
}

/* Doubles straight from the state, a state's worth at a time; a draw that
 * ends inside the state leaves pos where the next draw goes on. */
static void
fill_uniform (RandomState *st,
              double      *d,
              gint64       n)
{
  while (n > 0)
    {
      gint avail;

      if (st->pos == MT_N)
        refill (st);
      avail = (MT_N - st->pos) / 2;
      if (avail == 0)
        {
          /* An odd position: the pair straddles a refill. */
          *d++ = next_double (st);
          n--;
          continue;
        }
      if (avail > n)
        avail = (gint) n;
      mt_convert_block (st->key + st->pos, d, avail);
      st->pos += 2 * avail;
      d += avail;
      n -= avail;
    }
}

/* Uniforms for the polar method, converted in bulk from the rest of the
 * state but consumed one at a time: the buffer covers key[pos ..) and pos
 * moves on only by what was used (uniform_commit ()). */
typedef struct
{
  double u[MT_N / 2];
  gint   used;
  gint   len;
} UniformBuffer;

static double
uniform_refill (RandomState   *st,
                UniformBuffer *ub)
{
  st->pos += 2 * ub->len;
  ub->used = ub->len = 0;
  if (st->pos == MT_N)
    refill (st);
  if (MT_N - st->pos < 2)
    return next_double (st);
  ub->len = (MT_N - st->pos) / 2;
  mt_convert_block (st->key + st->pos, ub->u, ub->len);
  ub->used = 1;
  return ub->u[0];
}

static inline double
uniform_next (RandomState   *st,
              UniformBuffer *ub)
{
  if (G_LIKELY (ub->used < ub->len))
    return ub->u[ub->used++];
  return uniform_refill (st, ub);
}

static void
uniform_commit (RandomState   *st,
                UniformBuffer *ub)
{
  st->pos += 2 * ub->used;
  ub->used = ub->len = 0;
}

/* One accepted pair of the polar method: writes f · x2 and f · x1, or
 * keeps f · x1 for the next value when the array is full. */
static inline void
emit_pair (RandomState *st,
           double      *d,
           gint64      *i,
           gint64       n,
           double       x1,
           double       x2,
           double       r2)
{
  double f = sqrt (-2.0 * log (r2) / r2);

  d[(*i)++] = f * x2;
  if (*i < n)
    d[(*i)++] = f * x1;
  else
    {
      st->gauss = f * x1;
      st->has_gauss = TRUE;
    }
}

/* NumPy's legacy_gauss (): Marsaglia's polar method; each accepted pair
 * returns f · x2 and keeps f · x1 for the next value, across calls. The
 * candidate pairs of a buffer are screened first (no branch per pair) and
 * the logarithms taken after, in the same order, on the same numbers. */
static void
fill_normal (RandomState *st,
             double      *d,
             gint64       n)
{
  UniformBuffer ub = { .used = 0, .len = 0 };
  double ax1[MT_N / 4], ax2[MT_N / 4], ar2[MT_N / 4];
  gint64 i = 0;

  if (n > 0 && st->has_gauss)
    {
      d[i++] = st->gauss;
      st->has_gauss = FALSE;
      st->gauss = 0.0;
    }
  while (i < n)
    {
      gint64 want = (n - i + 1) / 2;
      gint j, k = 0, limit;

      if (ub.len - ub.used < 2)
        {
          /* Too few buffered uniforms for a pair: one pair the slow way
           * (it may straddle a refill of the state). */
          double x1, x2, r2;

          do
            {
              x1 = 2.0 * uniform_next (st, &ub) - 1.0;
              x2 = 2.0 * uniform_next (st, &ub) - 1.0;
              r2 = x1 * x1 + x2 * x2;
            }
          while (r2 >= 1.0 || r2 == 0.0);
          emit_pair (st, d, &i, n, x1, x2, r2);
          continue;
        }

      limit = want < (gint64) G_N_ELEMENTS (ar2) ? (gint) want : (gint) G_N_ELEMENTS (ar2);
      for (j = ub.used; j + 1 < ub.len && k < limit; j += 2)
        {
          double x1 = 2.0 * ub.u[j] - 1.0;
          double x2 = 2.0 * ub.u[j + 1] - 1.0;
          double r2 = x1 * x1 + x2 * x2;

          ax1[k] = x1;
          ax2[k] = x2;
          ar2[k] = r2;
          k += r2 < 1.0 && r2 != 0.0;
        }
      ub.used = j;
      for (gint a = 0; a < k; a++)
        emit_pair (st, d, &i, n, ax1[a], ax2[a], ar2[a]);
    }
  uniform_commit (st, &ub);
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
