/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>

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

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/engine/random/uniform", test_uniform);
  g_test_add_func ("/engine/random/seed", test_seed);
  g_test_add_func ("/engine/random/normal", test_normal);
  g_test_add_func ("/engine/random/figures", test_figures);
  g_test_add_func ("/engine/random/numpy-stream", test_numpy_stream);

  return g_test_run ();
}
