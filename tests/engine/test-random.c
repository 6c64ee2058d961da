/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <string.h>

#include "engine/pl-array.h"

static void
test_uniform (void)
{
  const gint64 shape[] = { 1000, 1000 };
  g_autoptr(GError) error = NULL;
  g_autoptr(PlArray) a = NULL;
  const double *d;
  double sum = 0, sum2 = 0, lo = 1, hi = 0;
  gint64 n, buckets[10] = { 0 };

  pl_random_seed (42);
  a = pl_array_random_uniform (2, shape, &error);
  g_assert_no_error (error);
  g_assert_cmpint (a->dtype, ==, PL_DTYPE_FLOAT64);
  g_assert_cmpint (a->ndim, ==, 2);
  n = pl_array_get_size (a);
  d = (const double *) (const void *) a->data;
  for (gint64 i = 0; i < n; i++)
    {
      g_assert_true (d[i] >= 0.0 && d[i] < 1.0);
      sum += d[i];
      sum2 += d[i] * d[i];
      lo = MIN (lo, d[i]);
      hi = MAX (hi, d[i]);
      buckets[(gint) (d[i] * 10)]++;
    }
  /* Mean 1/2, variance 1/12; 1e6 samples: the standard error of the mean
   * is 2.9e-4, so 3e-3 cannot fail by chance. */
  g_assert_cmpfloat_with_epsilon (sum / n, 0.5, 3e-3);
  g_assert_cmpfloat_with_epsilon (sum2 / n - (sum / n) * (sum / n), 1.0 / 12, 3e-3);
  g_assert_cmpfloat (lo, <, 1e-4);
  g_assert_cmpfloat (hi, >, 1 - 1e-4);
  for (gint b = 0; b < 10; b++)
    g_assert_cmpint (ABS (buckets[b] - n / 10), <, 3000);
}

static void
test_seed (void)
{
  const gint64 shape[] = { 1001 };   /* past the 624-word state */
  g_autoptr(PlArray) a = NULL;
  g_autoptr(PlArray) b = NULL;
  g_autoptr(PlArray) c = NULL;

  pl_random_seed (7);
  a = pl_array_random_uniform (1, shape, NULL);
  pl_random_seed (7);
  b = pl_array_random_uniform (1, shape, NULL);
  c = pl_array_random_uniform (1, shape, NULL);
  g_assert_cmpmem (a->data, 8 * 1001, b->data, 8 * 1001);
  /* The stream goes on: the next draw differs. */
  g_assert_cmpfloat (((double *) (void *) c->data)[0], !=, ((double *) (void *) b->data)[0]);
}

static void
test_normal (void)
{
  const gint64 shape[] = { 1000001 };
  g_autoptr(PlArray) a = NULL;
  const double *d;
  double sum = 0, sum2 = 0, sum4 = 0;
  gint64 within1 = 0;
  gint64 n;

  pl_random_seed (1);
  a = pl_array_random_normal (1, shape, NULL);
  n = pl_array_get_size (a);
  d = (const double *) (const void *) a->data;
  for (gint64 i = 0; i < n; i++)
    {
      g_assert_true (isfinite (d[i]));
      sum += d[i];
      sum2 += d[i] * d[i];
      sum4 += d[i] * d[i] * d[i] * d[i];
      within1 += fabs (d[i]) < 1.0;
    }
  g_assert_cmpfloat_with_epsilon (sum / n, 0.0, 5e-3);
  g_assert_cmpfloat_with_epsilon (sum2 / n, 1.0, 1e-2);
  g_assert_cmpfloat_with_epsilon (sum4 / n, 3.0, 5e-2);          /* kurtosis of a normal */
  g_assert_cmpfloat_with_epsilon ((double) within1 / n, 0.682689, 3e-3);
}

static void
test_figures (void)
{
  /* Tutorial section 3, main1: two np.random.random (8_000_000): NumPy's
   * live bytes after each line are 64002144 and 128002304. */
  const gint64 shape[] = { 8000000 };
  gint64 live0 = pl_alloc_get_live_bytes ();
  PlArray *a, *b;
  gint64 d;

  a = pl_array_random_uniform (1, shape, NULL);
  d = pl_alloc_get_live_bytes () - live0;
  g_assert_cmpint (ABS (d - 64002144), <=, 640021);
  b = pl_array_random_normal (1, shape, NULL);
  d = pl_alloc_get_live_bytes () - live0;
  g_assert_cmpint (ABS (d - 128002304), <=, 1280023);
  pl_array_unref (a);
  pl_array_unref (b);

  /* Impossible sizes are errors here too. */
  {
    const gint64 huge[] = { G_GINT64_CONSTANT (1000000000000) };
    const gint64 negative[] = { -5 };
    g_autoptr(GError) error = NULL;
    g_assert_null (pl_array_random_normal (1, huge, &error));
    g_assert_error (error, PL_ERROR, PL_ERROR_MEMORY);
    g_clear_error (&error);
    g_assert_null (pl_array_random_uniform (1, negative, &error));
    g_assert_error (error, PL_ERROR, PL_ERROR_VALUE);
  }
}

/* Regression (conformance sweep c65): after np.random.seed (n) the numbers
 * are NumPy's own, bit for bit: legacy MT19937 random_sample, and randn's
 * polar method keeping the second value of a pair for the next call, also
 * across arrays. Values from NumPy 1.24.2 (float.hex ()). */
static void
test_numpy_stream (void)
{
  const gint64 three[] = { 3 }, two[] = { 2 }, one[] = { 1 }, thousand[] = { 1000 };
  const double uniform42[] = { 0x1.7f8771e5f51ecp-2, 0x1.e6c4068bbd654p-1, 0x1.76c7e8f1e6751p-1 };
  const double normal0[] = { 0x1.c398ef3e5cfa5p+0, 0x1.99c2cfacc8953p-2, 0x1.f51d25222c9abp-1 };
  const double normal0_next[] = { 0x1.1ed5969e3314ep+1, 0x1.de1847cb13ddap+0 };
  const double uniform_max[] = { 0x1.8fe69a3924820p-4, 0x1.d323d824032b1p-1 };
  g_autoptr(PlArray) a = NULL;
  g_autoptr(PlArray) b = NULL;
  g_autoptr(PlArray) c = NULL;
  g_autoptr(PlArray) d = NULL;
  g_autoptr(PlArray) e = NULL;
  g_autoptr(PlArray) f = NULL;

  pl_random_seed (42);
  a = pl_array_random_uniform (1, three, NULL);
  g_assert_cmpmem (a->data, sizeof uniform42, uniform42, sizeof uniform42);

  pl_random_seed (0);
  b = pl_array_random_normal (1, three, NULL);
  g_assert_cmpmem (b->data, sizeof normal0, normal0, sizeof normal0);
  c = pl_array_random_normal (1, two, NULL);
  g_assert_cmpmem (c->data, sizeof normal0_next, normal0_next, sizeof normal0_next);
  d = pl_array_random_uniform (1, one, NULL);
  g_assert_cmpfloat (((double *) (void *) d->data)[0], ==, 0x1.c016dca6159d2p-2);

  pl_random_seed (G_MAXUINT32);
  e = pl_array_random_uniform (1, two, NULL);
  g_assert_cmpmem (e->data, sizeof uniform_max, uniform_max, sizeof uniform_max);

  /* Past the first refill of the 624-word state. */
  pl_random_seed (1);
  f = pl_array_random_uniform (1, thousand, NULL);
  g_assert_cmpfloat (((double *) (void *) f->data)[999], ==, 0x1.8c8848c20f7e2p-1);
}

/* A plain one-word-at-a-time MT19937 and random_sample, as NumPy's
 * randomkit writes them, to check the engine's vectorised twist,
 * tempering and conversion against over many refills. */
typedef struct
{
  guint32 mt[624];
  gint    pos;
} RefMt;

static void
ref_seed (RefMt   *r,
          guint32  seed)
{
  r->mt[0] = seed;
  for (gint i = 1; i < 624; i++)
    r->mt[i] = 1812433253U * (r->mt[i - 1] ^ (r->mt[i - 1] >> 30)) + (guint32) i;
  r->pos = 624;
}

static guint32
ref_next32 (RefMt *r)
{
  guint32 y;

  if (r->pos == 624)
    {
      for (gint i = 0; i < 624; i++)
        {
          y = (r->mt[i] & 0x80000000U) | (r->mt[(i + 1) % 624] & 0x7fffffffU);
          r->mt[i] = r->mt[(i + 397) % 624] ^ (y >> 1) ^ ((y & 1U) ? 0x9908b0dfU : 0U);
        }
      r->pos = 0;
    }
  y = r->mt[r->pos++];
  y ^= y >> 11;
  y ^= (y << 7) & 0x9d2c5680U;
  y ^= (y << 15) & 0xefc60000U;
  return y ^ (y >> 18);
}

static double
ref_double (RefMt *r)
{
  guint32 a = ref_next32 (r) >> 5;
  guint32 b = ref_next32 (r) >> 6;

  return (a * 67108864.0 + b) / 9007199254740992.0;
}

static void
test_reference (void)
{
  const guint32 seeds[] = { 0, 5, 2026, G_MAXUINT32 };
  const gint64 shape[] = { 100003 };

  for (gsize s = 0; s < G_N_ELEMENTS (seeds); s++)
    {
      g_autoptr(PlArray) a = NULL;
      const double *d;
      RefMt ref;

      ref_seed (&ref, seeds[s]);
      pl_random_seed (seeds[s]);
      a = pl_array_random_uniform (1, shape, NULL);
      d = (const double *) (const void *) a->data;
      for (gint64 i = 0; i < shape[0]; i++)
        {
          double want = ref_double (&ref);

          if (memcmp (&d[i], &want, sizeof want) != 0)
            g_error ("seed %u, value %" G_GINT64_FORMAT ": %a, want %a",
                     seeds[s], i, d[i], want);
        }
    }

  /* NumPy 1.24.2: np.random.seed (5); u = np.random.random (1000003). */
  {
    const gint64 big[] = { 1000003 };
    g_autoptr(PlArray) a = NULL;
    const double *d;

    pl_random_seed (5);
    a = pl_array_random_uniform (1, big, NULL);
    d = (const double *) (const void *) a->data;
    g_assert_cmpfloat (d[311], ==, 0x1.ff3d7569de521p-1);
    g_assert_cmpfloat (d[312], ==, 0x1.3a18db034a510p-5);
    g_assert_cmpfloat (d[100000], ==, 0x1.af147346b7ab4p-2);
    g_assert_cmpfloat (d[1000002], ==, 0x1.752a5dea5d518p-3);
  }
}

/* Draws in odd-sized pieces give the same stream as one big draw: a draw
 * that ends inside the 624-word state goes on from there, and randn's
 * kept value crosses arrays. */
static void
check_pieces (gboolean normal)
{
  const gint64 pieces[] = { 1, 623, 625, 10000, 1, 311, 312, 313, 2, 3, 1247, 0, 7 };
  gint64 total = 0, at = 0;
  g_autoptr(PlArray) whole = NULL;

  for (gsize p = 0; p < G_N_ELEMENTS (pieces); p++)
    total += pieces[p];

  pl_random_seed (31337);
  whole = normal ? pl_array_random_normal (1, &total, NULL)
                 : pl_array_random_uniform (1, &total, NULL);
  pl_random_seed (31337);
  for (gsize p = 0; p < G_N_ELEMENTS (pieces); p++)
    {
      g_autoptr(PlArray) part = NULL;

      part = normal ? pl_array_random_normal (1, &pieces[p], NULL)
                    : pl_array_random_uniform (1, &pieces[p], NULL);
      g_assert_nonnull (part);
      g_assert_cmpint (pl_array_get_size (part), ==, pieces[p]);
      if (pieces[p] > 0)
        g_assert_cmpmem (part->data, 8 * pieces[p], whole->data + 8 * at, 8 * pieces[p]);
      at += pieces[p];
    }
  g_assert_cmpint (at, ==, total);
}

static void
test_pieces (void)
{
  check_pieces (FALSE);
  check_pieces (TRUE);
}

/* The first values after np.random.seed (s) for several seeds, and a mixed
 * sequence of random and randn draws of odd sizes, from NumPy 1.24.2. */
static void
test_numpy_seeds (void)
{
  static const struct
  {
    guint32 seed;
    double  uniform[4];
    double  normal[3];
  } cases[] = {
    { 1, { 0x1.ab07d0ffa3c06p-2, 0x1.70ce5f3baf051p-1, 0x1.dfb906661c000p-14, 0x1.3596ab7fe08f4p-2 },
         { 0x1.9fd5190657c50p+0, -0x1.393822fb7d9adp-1, -0x1.0e6c872548fd2p-1 } },
    { 2, { 0x1.be757297b0c50p-2, 0x1.a8c67f73cbb20p-6, 0x1.196d5c3ca79e4p-1, 0x1.bdc5273e0c422p-2 },
         { -0x1.aac291b3d4d7ep-2, -0x1.ccf016d92d330p-5, -0x1.116edfa85e943p+1 } },
    { 12345, { 0x1.dbf6a3f8f84b7p-1, 0x1.43f7f410bb044p-2, 0x1.78aa6d0a2dad8p-3, 0x1.a2f07fd391514p-3 },
             { -0x1.a33dc4f5d203dp-3, 0x1.ea701f566080fp-2, -0x1.09f3df0ae3d0ep-1 } },
    { 2147483648U, { 0x1.374d4855d4140p-3, 0x1.a41e2e1714d70p-1, 0x1.8d0e1c8a62528p-1, 0x1.1507695993276p-1 },
                   { 0x1.461e9b1db9e84p-2, -0x1.620d341998be7p-2, 0x1.cdf64e98a6ca1p-3 } },
    { 3141592653U, { 0x1.36e57ffa35dc3p-1, 0x1.517e9c29ad4ccp-2, 0x1.6b44f01f04487p-1, 0x1.311acf94dc95ap-1 },
                   { -0x1.9d504bcee1e6bp+0, 0x1.040b08af4ea75p+0, 0x1.772653df74a0ap-1 } },
  };
  const gint64 four[] = { 4 }, three[] = { 3 };

  for (gsize c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_autoptr(PlArray) u = NULL;
      g_autoptr(PlArray) g = NULL;

      pl_random_seed (cases[c].seed);
      u = pl_array_random_uniform (1, four, NULL);
      g_assert_cmpmem (u->data, sizeof cases[c].uniform, cases[c].uniform, sizeof cases[c].uniform);
      pl_random_seed (cases[c].seed);
      g = pl_array_random_normal (1, three, NULL);
      g_assert_cmpmem (g->data, sizeof cases[c].normal, cases[c].normal, sizeof cases[c].normal);
    }

  /* np.random.seed (9); random (1), randn (623), random (625), randn (1),
   * randn (10000), random (1): the last value of each. */
  {
    const gint64 sizes[] = { 1, 623, 625, 1, 10000, 1 };
    const gboolean normal[] = { FALSE, TRUE, FALSE, TRUE, TRUE, FALSE };
    const double last[] = { 0x1.53f0b5d4d5140p-7, -0x1.e34384b9c9a4bp-3, 0x1.0b5204fa098aap-1,
                            0x1.281eb5f080cdap+0, 0x1.c8c4530613f85p-1, 0x1.71a3c3e2287e1p-1 };

    pl_random_seed (9);
    for (gsize i = 0; i < G_N_ELEMENTS (sizes); i++)
      {
        g_autoptr(PlArray) a = NULL;

        a = normal[i] ? pl_array_random_normal (1, &sizes[i], NULL)
                      : pl_array_random_uniform (1, &sizes[i], NULL);
        g_assert_cmpfloat (((double *) (void *) a->data)[sizes[i] - 1], ==, last[i]);
      }
  }

  /* np.random.seed (3); g = randn (1000001), then random (1) and randn (1)
   * (the kept value of the last pair survives the uniform draw). */
  {
    const gint64 big[] = { 1000001 }, one[] = { 1 };
    g_autoptr(PlArray) g = NULL;
    g_autoptr(PlArray) u = NULL;
    g_autoptr(PlArray) k = NULL;
    const double *d;

    pl_random_seed (3);
    g = pl_array_random_normal (1, big, NULL);
    d = (const double *) (const void *) g->data;
    g_assert_cmpfloat (d[155], ==, 0x1.b2d3b4d739d36p-2);
    g_assert_cmpfloat (d[156], ==, -0x1.736c0463785acp-1);
    g_assert_cmpfloat (d[100000], ==, -0x1.aefd2d311363ap-2);
    g_assert_cmpfloat (d[1000000], ==, 0x1.981f2fd63b8eap-1);
    u = pl_array_random_uniform (1, one, NULL);
    g_assert_cmpfloat (((double *) (void *) u->data)[0], ==, 0x1.f05fc5c508a78p-4);
    k = pl_array_random_normal (1, one, NULL);
    g_assert_cmpfloat (((double *) (void *) k->data)[0], ==, -0x1.fb6c974105832p+0);
  }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/engine/random/uniform", test_uniform);
  g_test_add_func ("/engine/random/seed", test_seed);
  g_test_add_func ("/engine/random/normal", test_normal);
  g_test_add_func ("/engine/random/figures", test_figures);
  g_test_add_func ("/engine/random/numpy-stream", test_numpy_stream);
  g_test_add_func ("/engine/random/reference", test_reference);
  g_test_add_func ("/engine/random/pieces", test_pieces);
  g_test_add_func ("/engine/random/numpy-seeds", test_numpy_seeds);

  return g_test_run ();
}
