/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "engine/pl-array.h"

/* Index builders: N stands for an absent slice part (Python's None). */
#define N G_MININT64

static PlIndex
I (gint64 i)
{
  return (PlIndex) { .kind = PL_INDEX_INT, .i = i };
}

static PlIndex
S (gint64 start, gint64 stop, gint64 step)
{
  return (PlIndex) {
    .kind = PL_INDEX_SLICE,
    .has_start = start != N, .start = start != N ? start : 0,
    .has_stop = stop != N, .stop = stop != N ? stop : 0,
    .has_step = step != N, .step = step != N ? step : 0,
  };
}

static PlIndex
ALL (void)
{
  return S (N, N, N);
}

static PlIndex
NEW (void)
{
  return (PlIndex) { .kind = PL_INDEX_NEWAXIS };
}

static PlIndex
ELL (void)
{
  return (PlIndex) { .kind = PL_INDEX_ELLIPSIS };
}

static PlIndex
ARR (PlArray *a)
{
  return (PlIndex) { .kind = PL_INDEX_ARRAY, .array = a };
}

static void
assert_bytes_near (gint64 actual,
                   gint64 expected)
{
  gint64 tolerance = MAX (64 * 1024, ABS (expected) / 100);

  if (ABS (actual - expected) > tolerance)
    g_error ("memory figure %" G_GINT64_FORMAT " is not within %" G_GINT64_FORMAT
             " of NumPy's %" G_GINT64_FORMAT, actual, tolerance, expected);
}

/* np.arange (24.).reshape (2, 3, 4) */
static PlArray *
make_x (void)
{
  const gint64 shape[] = { 2, 3, 4 };
  g_autoptr(PlArray) flat = pl_array_arange (&(PlScalar) { .kind = PL_DTYPE_KIND_FLOAT, .f = 24 },
                                             NULL, NULL, PL_DTYPE_NONE, NULL);
  return pl_array_reshape (flat, 3, shape, NULL);
}

static PlArray *
ints (gint ndim, const gint64 *shape, const gint64 *values)
{
  gint64 size = 1;
  PlScalar s[64];

  for (gint i = 0; i < ndim; i++)
    size *= shape[i];
  g_assert_cmpint (size, <=, 64);
  for (gint64 i = 0; i < size; i++)
    s[i] = pl_scalar_from_int (values[i]);
  return pl_array_from_scalars (ndim, shape, s, PL_DTYPE_INT64, NULL);
}

static PlArray *
bools (gint ndim, const gint64 *shape, const char *bits)
{
  gint64 size = (gint64) strlen (bits);
  PlScalar s[64];

  for (gint64 i = 0; i < size; i++)
    s[i] = pl_scalar_from_bool (bits[i] == '1');
  return pl_array_from_scalars (ndim, shape, s, PL_DTYPE_BOOL, NULL);
}

static void
assert_array (PlArray      *r,
              gint          ndim,
              const gint64 *shape,
              const gint64 *values)
{
  gint64 size = 1;

  g_assert_nonnull (r);
  g_assert_cmpint (r->ndim, ==, ndim);
  for (gint i = 0; i < ndim; i++)
    {
      g_assert_cmpint (r->shape[i], ==, shape[i]);
      size *= shape[i];
    }
  for (gint64 i = 0; i < size; i++)
    {
      PlScalar s = pl_array_get_flat (r, i);
      g_assert_cmpfloat (pl_scalar_to_double (&s), ==, (double) values[i]);
    }
}

typedef struct
{
  const char *what;
  gint        n_index;
  PlIndex     index[6];
  gint        ndim;
  gint64      shape[4];
  gint64      strides[4];
  gint64      offset;        /* -1: not compared (NumPy returns a scalar) */
  gint64      values[8];
} ViewCase;

static void
test_basic_views (void)
{
  /* Shapes, strides, byte offsets and first values from NumPy 1.24.2 for
   * x = np.arange (24.).reshape (2, 3, 4). */
  const ViewCase cases[] = {
    { "x[1]", 1, { I (1) }, 2, { 3, 4 }, { 32, 8 }, 96, { 12, 13, 14, 15, 16, 17, 18, 19 } },
    { "x[-1,::-1]", 2, { I (-1), S (N, N, -1) }, 2, { 3, 4 }, { -32, 8 }, 160,
      { 20, 21, 22, 23, 16, 17, 18, 19 } },
    { "x[:,None,1:3]", 3, { ALL (), NEW (), S (1, 3, N) }, 4, { 2, 1, 2, 4 }, { 96, 0, 32, 8 },
      32, { 4, 5, 6, 7, 8, 9, 10, 11 } },
    { "x[...,1]", 2, { ELL (), I (1) }, 2, { 2, 3 }, { 96, 32 }, 8, { 1, 5, 9, 13, 17, 21 } },
    { "x[None]", 1, { NEW () }, 4, { 1, 2, 3, 4 }, { 0, 96, 32, 8 }, 0, { 0, 1, 2, 3, 4, 5, 6, 7 } },
    { "x[0,...,None]", 3, { I (0), ELL (), NEW () }, 3, { 3, 4, 1 }, { 32, 8, 0 }, 0,
      { 0, 1, 2, 3, 4, 5, 6, 7 } },
    { "x[:, ::-2, -3:]", 3, { ALL (), S (N, N, -2), S (-3, N, N) }, 3, { 2, 2, 3 },
      { 96, -64, 8 }, 72, { 9, 10, 11, 1, 2, 3, 21, 22 } },
    { "x[1, 5:1:-1, ::3]", 3, { I (1), S (5, 1, -1), S (N, N, 3) }, 2, { 1, 2 }, { -32, 24 },
      160, { 20, 23 } },
    { "x[:, 10:]", 2, { ALL (), S (10, N, N) }, 3, { 2, 0, 4 }, { 96, 32, 8 }, 0, { 0 } },
    { "x[-2:, :-1, 1::2]", 3, { S (-2, N, N), S (N, -1, N), S (1, N, 2) }, 3, { 2, 2, 2 },
      { 96, 32, 16 }, 8, { 1, 3, 5, 7, 13, 15, 17, 19 } },
    { "x[0, 0, 0]", 3, { I (0), I (0), I (0) }, 0, { 0 }, { 0 }, -1, { 0 } },
    { "x[()]", 0, { { 0 } }, 3, { 2, 3, 4 }, { 96, 32, 8 }, 0, { 0, 1, 2, 3, 4, 5, 6, 7 } },
    { "x[...]", 1, { ELL () }, 3, { 2, 3, 4 }, { 96, 32, 8 }, 0, { 0, 1, 2, 3, 4, 5, 6, 7 } },
    { "x[:, :, -1:-5:-2]", 3, { ALL (), ALL (), S (-1, -5, -2) }, 3, { 2, 3, 2 },
      { 96, 32, -16 }, 24, { 3, 1, 7, 5, 11, 9, 15, 13 } },
    { "x[:, -100:100]", 2, { ALL (), S (-100, 100, N) }, 3, { 2, 3, 4 }, { 96, 32, 8 }, 0,
      { 0, 1, 2, 3, 4, 5, 6, 7 } },
    { "x[:, 2:0]", 2, { ALL (), S (2, 0, N) }, 3, { 2, 0, 4 }, { 96, 32, 8 }, 0, { 0 } },
    { "x[:, 2:0:-3]", 2, { ALL (), S (0, 2, -3) }, 3, { 2, 0, 4 }, { 96, 32, 8 }, 0, { 0 } },
    { "x[1, :, None, 2]", 4, { I (1), ALL (), NEW (), I (2) }, 2, { 3, 1 }, { 32, 0 }, 112,
      { 14, 18, 22 } },
  };
  g_autoptr(PlArray) x = make_x ();
  gint64 live0 = pl_alloc_get_live_bytes ();

  for (gsize c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      const ViewCase *vc = &cases[c];
      g_autoptr(GError) error = NULL;
      g_autoptr(PlArray) r = pl_array_get_item (x, vc->index, (guint) vc->n_index, &error);
      gint64 size;

      g_test_message ("%s", vc->what);
      g_assert_no_error (error);
      g_assert_cmpint (r->ndim, ==, vc->ndim);
      for (gint i = 0; i < vc->ndim; i++)
        {
          g_assert_cmpint (r->shape[i], ==, vc->shape[i]);
          g_assert_cmpint (r->strides[i], ==, vc->strides[i]);
        }
      if (vc->offset >= 0)
        g_assert_cmpint (r->data - x->data, ==, vc->offset);
      size = pl_array_get_size (r);
      for (gint64 i = 0; i < MIN (size, 8); i++)
        g_assert_cmpfloat (pl_array_get_flat (r, i).f, ==, (double) vc->values[i]);
      /* A view: same buffer, base is the owner, no allocation. */
      g_assert_true (r->buffer == x->buffer);
      g_assert_true (r->base == x->base);
      g_assert_false (pl_array_owns_data (r));
    }
  g_assert_cmpint (pl_alloc_get_live_bytes (), ==, live0);
}

static void
test_random_basic (void)
{
  /* Generated by NumPy 1.24.2 from random basic indices of
   * x = np.arange (210.).reshape (5, 6, 7): shape, strides and byte offset
   * (non-empty results) and the sum of the selected values. */
  const struct {
    gint n; PlIndex index[4]; gint ndim; gint64 shape[6]; gint64 strides[6];
    gint64 offset; double sum;
  } random_cases[] = {
    { 3, { S (-6, -5, -3), I (-6), S (N, -8, 3) }, 2, { 0, 0 }, { 0 }, -1, 0.0 },
    { 2, { NEW (), I (4) }, 3, { 1, 6, 7 }, { 0, 56, 8 }, 1344, 7917.0 },
    { 1, { S (4, N, N) }, 3, { 1, 6, 7 }, { 336, 56, 8 }, 1344, 7917.0 },
    { 2, { NEW (), S (-5, -3, -1) }, 4, { 1, 0, 6, 7 }, { 0 }, -1, 0.0 },
    { 1, { S (-6, -2, 3) }, 3, { 1, 6, 7 }, { 1008, 56, 8 }, 0, 861.0 },
    { 4, { ELL (), I (2), I (4), NEW () }, 2, { 5, 1 }, { 336, 0 }, 144, 510.0 },
    { 3, { I (0), S (N, N, 5), I (4) }, 1, { 2 }, { 280 }, 32, 43.0 },
    { 1, { NEW () }, 4, { 1, 5, 6, 7 }, { 0, 336, 56, 8 }, 0, 21945.0 },
    { 3, { S (N, 3, 5), NEW (), S (6, N, 2) }, 4, { 1, 1, 0, 7 }, { 0 }, -1, 0.0 },
    { 3, { NEW (), I (1), S (N, 8, 5) }, 3, { 1, 2, 7 }, { 0, 280, 8 }, 336, 875.0 },
    { 3, { S (0, 3, -3), S (-5, N, -3), ELL () }, 3, { 0, 1, 7 }, { 0 }, -1, 0.0 },
    { 2, { NEW (), S (N, N, 2) }, 4, { 1, 3, 6, 7 }, { 0, 672, 56, 8 }, 0, 13167.0 },
    { 4, { S (8, -7, -2), S (3, 6, -7), S (N, 4, N), ELL () }, 3, { 3, 0, 4 }, { 0 }, -1, 0.0 },
    { 3, { S (N, N, 1), NEW (), I (-6) }, 3, { 5, 1, 7 }, { 336, 0, 8 }, 0, 3045.0 },
    { 1, { S (N, N, -3) }, 3, { 2, 6, 7 }, { -1008, 56, 8 }, 1344, 10542.0 },
    { 3, { S (N, 6, 5), S (N, N, -1), I (-3) }, 2, { 1, 6 }, { 1680, -56 }, 312, 129.0 },
    { 3, { S (4, -1, 3), ELL (), S (-1, -3, N) }, 3, { 0, 6, 0 }, { 0 }, -1, 0.0 },
    { 3, { I (0), S (N, N, -2), S (N, 9, -2) }, 2, { 3, 0 }, { 0 }, -1, 0.0 },
    { 1, { S (-6, -5, -2) }, 3, { 0, 6, 7 }, { 0 }, -1, 0.0 },
    { 4, { S (-3, 2, 3), NEW (), S (-7, -4, -3), S (N, 10, N) }, 4, { 0, 1, 0, 7 }, { 0 }, -1, 0.0 },
    { 2, { S (3, N, 5), S (N, -6, N) }, 3, { 1, 0, 7 }, { 0 }, -1, 0.0 },
    { 2, { I (-2), S (N, N, 3) }, 2, { 2, 7 }, { 168, 8 }, 1008, 1953.0 },
    { 2, { S (N, -4, -2), NEW () }, 4, { 2, 1, 6, 7 }, { -672, 0, 56, 8 }, 1344, 12306.0 },
    { 3, { S (8, N, -7), ELL (), S (-9, -5, 5) }, 3, { 1, 6, 1 }, { -2352, 56, 40 }, 1344, 1113.0 },
    { 2, { NEW (), S (2, 8, 1) }, 4, { 1, 3, 6, 7 }, { 0, 336, 56, 8 }, 672, 18459.0 },
    { 2, { S (7, -1, 5), S (-3, -5, -1) }, 3, { 0, 2, 7 }, { 0 }, -1, 0.0 },
    { 4, { NEW (), I (-4), S (N, -6, -3), S (10, -6, 2) }, 3, { 1, 2, 0 }, { 0 }, -1, 0.0 },
    { 3, { S (N, 4, 5), S (-2, N, 2), I (1) }, 2, { 1, 1 }, { 1680, 112 }, 232, 29.0 },
    { 3, { S (N, -1, 1), S (N, N, 1), S (N, N, 2) }, 3, { 4, 6, 4 }, { 336, 56, 16 }, 0, 8016.0 },
    { 4, { S (8, 2, -1), NEW (), NEW (), S (-1, -7, -3) }, 5, { 2, 1, 1, 2, 7 }, { -336, 0, 0, -168, 8 }, 1624, 4886.0 },
    { 3, { NEW (), S (N, N, 1), NEW () }, 5, { 1, 5, 1, 6, 7 }, { 0, 336, 0, 56, 8 }, 0, 21945.0 },
    { 1, { NEW () }, 4, { 1, 5, 6, 7 }, { 0, 336, 56, 8 }, 0, 21945.0 },
    { 2, { S (-5, 5, 3), S (3, 0, -7) }, 3, { 2, 1, 7 }, { 1008, -392, 8 }, 168, 1218.0 },
    { 2, { S (N, -4, -2), I (-1) }, 2, { 2, 7 }, { -672, 8 }, 1624, 2296.0 },
    { 1, { S (N, 0, N) }, 3, { 0, 6, 7 }, { 0 }, -1, 0.0 },
    { 4, { ELL (), NEW (), S (1, 1, -7), NEW () }, 5, { 5, 6, 1, 0, 1 }, { 0 }, -1, 0.0 },
    { 2, { ELL (), I (-1) }, 2, { 5, 6 }, { 336, 56 }, 48, 3225.0 },
    { 3, { S (-7, 1, -7), ELL (), I (-1) }, 2, { 0, 6 }, { 0 }, -1, 0.0 },
    { 4, { NEW (), I (-2), I (-6), NEW () }, 3, { 1, 1, 7 }, { 0, 0, 8 }, 1008, 903.0 },
    { 1, { NEW () }, 4, { 1, 5, 6, 7 }, { 0, 336, 56, 8 }, 0, 21945.0 },
    { 1, { I (-1) }, 2, { 6, 7 }, { 56, 8 }, 1344, 7917.0 },
    { 3, { S (8, -4, 1), S (6, N, -3), S (N, 6, 2) }, 3, { 0, 2, 3 }, { 0 }, -1, 0.0 },
    { 4, { S (N, 8, -7), S (9, -2, N), NEW (), NEW () }, 5, { 0, 0, 1, 1, 7 }, { 0 }, -1, 0.0 },
    { 3, { S (-7, -1, -3), S (-7, 7, N), S (-8, 5, 1) }, 3, { 0, 6, 5 }, { 0 }, -1, 0.0 },
    { 3, { S (N, -1, -1), S (3, N, 5), S (9, -4, -1) }, 3, { 0, 1, 3 }, { 0 }, -1, 0.0 },
    { 1, { S (N, 1, -2) }, 3, { 2, 6, 7 }, { -672, 56, 8 }, 1344, 12306.0 },
    { 2, { NEW (), NEW () }, 5, { 1, 1, 5, 6, 7 }, { 0, 0, 336, 56, 8 }, 0, 21945.0 },
    { 3, { S (7, N, 1), S (-6, 8, 5), ELL () }, 3, { 0, 2, 7 }, { 0 }, -1, 0.0 },
    { 1, { S (N, N, N) }, 3, { 5, 6, 7 }, { 336, 56, 8 }, 0, 21945.0 },
    { 4, { S (N, -2, -3), NEW (), NEW (), S (-5, 7, -1) }, 5, { 1, 1, 1, 0, 7 }, { 0 }, -1, 0.0 },
    { 3, { S (N, 7, -2), I (-4), NEW () }, 3, { 0, 1, 7 }, { 0 }, -1, 0.0 },
    { 4, { S (-4, 4, -3), I (-1), NEW (), S (N, -10, -3) }, 3, { 0, 1, 3 }, { 0 }, -1, 0.0 },
    { 3, { I (-4), I (3), NEW () }, 2, { 1, 7 }, { 0, 8 }, 504, 462.0 },
    { 2, { S (5, -4, N), S (8, N, -1) }, 3, { 0, 6, 7 }, { 0 }, -1, 0.0 },
    { 2, { S (6, 6, 5), I (2) }, 2, { 0, 7 }, { 0 }, -1, 0.0 },
    { 2, { I (-3), I (-5) }, 1, { 7 }, { 8 }, 728, 658.0 },
    { 3, { I (-1), S (4, 7, 3), ELL () }, 2, { 1, 7 }, { 168, 8 }, 1568, 1393.0 },
    { 3, { I (-5), S (N, -3, -2), NEW () }, 3, { 1, 1, 7 }, { -112, 0, 8 }, 280, 266.0 },
    { 2, { I (2), I (-2) }, 1, { 7 }, { 8 }, 896, 805.0 },
    { 1, { NEW () }, 4, { 1, 5, 6, 7 }, { 0, 336, 56, 8 }, 0, 21945.0 },
    { 4, { S (7, N, 5), I (2), S (N, N, 5), ELL () }, 2, { 0, 2 }, { 0 }, -1, 0.0 },
    { 1, { S (N, -8, 5) }, 3, { 0, 6, 7 }, { 0 }, -1, 0.0 },
    { 2, { I (-5), S (-1, 4, -1) }, 2, { 1, 7 }, { -56, 8 }, 280, 266.0 },
    { 1, { NEW () }, 4, { 1, 5, 6, 7 }, { 0, 336, 56, 8 }, 0, 21945.0 },
    { 3, { S (-1, -8, 3), NEW (), I (1) }, 3, { 0, 1, 7 }, { 0 }, -1, 0.0 },
    { 3, { S (-1, -8, 3), S (N, N, -1), S (N, N, -3) }, 3, { 0, 6, 3 }, { 0 }, -1, 0.0 },
    { 3, { NEW (), S (7, -7, 2), S (-8, N, 2) }, 4, { 1, 0, 3, 7 }, { 0 }, -1, 0.0 },
    { 2, { I (-5), ELL () }, 2, { 6, 7 }, { 56, 8 }, 0, 861.0 },
    { 4, { S (-6, 2, -2), ELL (), S (-8, 3, -7), S (-7, N, -2) }, 3, { 0, 0, 1 }, { 0 }, -1, 0.0 },
    { 3, { NEW (), I (-4), S (0, 4, 3) }, 3, { 1, 2, 7 }, { 0, 168, 8 }, 336, 777.0 },
    { 1, { NEW () }, 4, { 1, 5, 6, 7 }, { 0, 336, 56, 8 }, 0, 21945.0 },
    { 4, { ELL (), S (N, 7, 5), NEW (), I (4) }, 3, { 5, 2, 1 }, { 336, 280, 0 }, 32, 1055.0 },
    { 4, { NEW (), NEW (), NEW (), S (N, N, -1) }, 6, { 1, 1, 1, 5, 6, 7 }, { 0, 0, 0, -336, 56, 8 }, 1344, 21945.0 },
    { 3, { I (0), S (N, 1, N), S (N, 10, -1) }, 2, { 1, 0 }, { 0 }, -1, 0.0 },
    { 1, { NEW () }, 4, { 1, 5, 6, 7 }, { 0, 336, 56, 8 }, 0, 21945.0 },
    { 2, { NEW (), S (4, 5, 5) }, 4, { 1, 1, 6, 7 }, { 0, 1680, 56, 8 }, 1344, 7917.0 },
    { 4, { NEW (), S (1, -4, N), S (5, -7, -2), S (-3, 10, -3) }, 4, { 1, 0, 3, 0 }, { 0 }, -1, 0.0 },
    { 1, { S (5, -6, -7) }, 3, { 1, 6, 7 }, { -2352, 56, 8 }, 1344, 7917.0 },
    { 3, { S (N, 6, 3), ELL (), NEW () }, 4, { 2, 6, 7, 1 }, { 1008, 56, 8, 0 }, 0, 7014.0 },
    { 2, { I (4), ELL () }, 2, { 6, 7 }, { 56, 8 }, 1344, 7917.0 },
    { 1, { I (-2) }, 2, { 6, 7 }, { 56, 8 }, 1008, 6153.0 },
    { 2, { S (-7, N, 1), S (2, N, 3) }, 3, { 5, 2, 7 }, { 336, 168, 8 }, 112, 7805.0 },
    { 3, { I (-5), ELL (), S (2, -4, 3) }, 2, { 6, 1 }, { 56, 24 }, 16, 117.0 },
    { 4, { S (N, 3, N), ELL (), I (-4), NEW () }, 3, { 3, 6, 1 }, { 336, 56, 0 }, 24, 1125.0 },
    { 3, { NEW (), S (2, 3, 3), ELL () }, 4, { 1, 1, 6, 7 }, { 0, 1008, 56, 8 }, 672, 4389.0 },
    { 3, { NEW (), NEW (), S (N, N, 5) }, 5, { 1, 1, 1, 6, 7 }, { 0, 0, 1680, 56, 8 }, 0, 861.0 },
    { 4, { ELL (), NEW (), S (N, N, -3), S (-4, N, -2) }, 4, { 5, 1, 2, 2 }, { 336, 0, -168, -16 }, 304, 2210.0 },
    { 1, { S (N, 3, -3) }, 3, { 1, 6, 7 }, { -1008, 56, 8 }, 1344, 7917.0 },
    { 2, { NEW (), I (3) }, 3, { 1, 6, 7 }, { 0, 56, 8 }, 1008, 6153.0 },
    { 2, { S (-2, -7, 1), S (3, N, 5) }, 3, { 0, 1, 7 }, { 0 }, -1, 0.0 },
    { 2, { S (-2, -3, 3), S (7, N, N) }, 3, { 0, 0, 7 }, { 0 }, -1, 0.0 },
    { 3, { NEW (), I (-2), NEW () }, 4, { 1, 1, 6, 7 }, { 0, 0, 56, 8 }, 1008, 6153.0 },
    { 1, { S (N, 1, -2) }, 3, { 2, 6, 7 }, { -672, 56, 8 }, 1344, 12306.0 },
    { 1, { S (6, 6, 5) }, 3, { 0, 6, 7 }, { 0 }, -1, 0.0 },
    { 2, { S (N, N, -3), I (-5) }, 2, { 2, 7 }, { -1008, 8 }, 1400, 1610.0 },
    { 4, { S (N, N, N), S (7, N, -2), S (-6, N, -3), NEW () }, 4, { 5, 3, 1, 1 }, { 336, -112, -24, 0 }, 288, 1590.0 },
    { 1, { ELL () }, 3, { 5, 6, 7 }, { 336, 56, 8 }, 0, 21945.0 },
    { 4, { I (-3), S (N, -1, 3), ELL (), S (4, N, -1) }, 2, { 2, 5 }, { 168, -8 }, 704, 965.0 },
    { 4, { ELL (), I (3), I (-1), NEW () }, 2, { 5, 1 }, { 336, 0 }, 216, 555.0 },
    { 2, { I (-1), S (N, -6, -3) }, 2, { 2, 7 }, { -168, 8 }, 1624, 2737.0 },
    { 1, { S (6, -5, -2) }, 3, { 2, 6, 7 }, { -672, 56, 8 }, 1344, 12306.0 },
    { 3, { S (3, N, -3), S (-7, -4, 2), S (N, -1, N) }, 3, { 2, 1, 6 }, { -1008, 112, 8 }, 1008, 786.0 },
    { 3, { S (N, N, N), S (-8, N, -3), I (3) }, 2, { 5, 0 }, { 0 }, -1, 0.0 },
    { 1, { NEW () }, 4, { 1, 5, 6, 7 }, { 0, 336, 56, 8 }, 0, 21945.0 },
    { 1, { S (N, -1, -1) }, 3, { 0, 6, 7 }, { 0 }, -1, 0.0 },
    { 4, { S (N, 7, 2), ELL (), NEW (), S (-7, -1, 2) }, 4, { 3, 6, 1, 3 }, { 672, 56, 0, 16 }, 0, 5589.0 },
    { 4, { S (N, 3, N), S (7, -2, 5), ELL (), NEW () }, 4, { 3, 0, 7, 1 }, { 0 }, -1, 0.0 },
    { 1, { S (N, N, -3) }, 3, { 2, 6, 7 }, { -1008, 56, 8 }, 1344, 10542.0 },
    { 1, { NEW () }, 4, { 1, 5, 6, 7 }, { 0, 336, 56, 8 }, 0, 21945.0 },
    { 2, { NEW (), ELL () }, 4, { 1, 5, 6, 7 }, { 0, 336, 56, 8 }, 0, 21945.0 },
    { 3, { I (-5), NEW (), S (-1, 4, -1) }, 3, { 1, 1, 7 }, { 0, -56, 8 }, 280, 266.0 },
    { 3, { I (-2), NEW (), S (N, N, 2) }, 3, { 1, 3, 7 }, { 0, 112, 8 }, 1008, 3003.0 },
    { 2, { S (N, -1, -2), I (4) }, 2, { 0, 7 }, { 0 }, -1, 0.0 },
    { 4, { S (-8, -1, -7), S (3, -7, -1), S (N, N, 2), NEW () }, 4, { 0, 4, 4, 1 }, { 0 }, -1, 0.0 },
    { 2, { I (-3), S (N, -8, N) }, 2, { 0, 7 }, { 0 }, -1, 0.0 },
    { 1, { S (3, N, 1) }, 3, { 2, 6, 7 }, { 336, 56, 8 }, 1008, 14070.0 },
    { 1, { S (N, N, -3) }, 3, { 2, 6, 7 }, { -1008, 56, 8 }, 1344, 10542.0 },
    { 1, { NEW () }, 4, { 1, 5, 6, 7 }, { 0, 336, 56, 8 }, 0, 21945.0 },
    { 1, { S (-4, N, -1) }, 3, { 2, 6, 7 }, { -336, 56, 8 }, 336, 3486.0 },
    { 2, { I (0), I (-6) }, 1, { 7 }, { 8 }, 0, 21.0 },
    { 3, { I (-1), NEW (), S (7, 0, -2) }, 3, { 1, 3, 7 }, { 0, -112, 8 }, 1624, 4032.0 },
    { 1, { S (-5, -7, N) }, 3, { 0, 6, 7 }, { 0 }, -1, 0.0 },
    { 2, { S (1, N, 1), NEW () }, 4, { 4, 1, 6, 7 }, { 336, 0, 56, 8 }, 336, 21084.0 },
    { 2, { I (-5), NEW () }, 3, { 1, 6, 7 }, { 0, 56, 8 }, 0, 861.0 },
    { 4, { NEW (), S (3, 8, 2), I (-4), I (-4) }, 2, { 1, 1 }, { 0, 672 }, 1144, 143.0 },
    { 2, { S (-6, -5, 1), S (N, -7, -2) }, 3, { 0, 3, 7 }, { 0 }, -1, 0.0 },
    { 3, { ELL (), I (-1), S (-2, -1, 2) }, 2, { 5, 1 }, { 336, 16 }, 320, 620.0 },
    { 3, { S (-1, 8, 2), I (-3), I (-4) }, 1, { 1 }, { 672 }, 1536, 192.0 },
    { 3, { S (N, -2, 1), I (-4), S (-4, N, -1) }, 2, { 3, 4 }, { 336, -8 }, 136, 690.0 },
    { 1, { I (1) }, 2, { 6, 7 }, { 56, 8 }, 336, 2625.0 },
    { 4, { NEW (), I (1), S (0, -5, -7), I (4) }, 2, { 1, 0 }, { 0 }, -1, 0.0 },
    { 4, { NEW (), I (1), S (9, -4, -3), S (-2, -7, 5) }, 3, { 1, 1, 0 }, { 0 }, -1, 0.0 },
    { 4, { I (1), S (N, 5, 2), NEW (), S (-5, 0, -7) }, 3, { 3, 1, 1 }, { 112, 0, -56 }, 352, 174.0 },
    { 1, { I (2) }, 2, { 6, 7 }, { 56, 8 }, 672, 4389.0 },
    { 1, { NEW () }, 4, { 1, 5, 6, 7 }, { 0, 336, 56, 8 }, 0, 21945.0 },
    { 2, { ELL (), S (-5, 6, 3) }, 3, { 5, 6, 2 }, { 336, 56, 24 }, 16, 6300.0 },
    { 2, { S (N, 3, -7), S (5, N, -3) }, 3, { 1, 2, 7 }, { -2352, -168, 8 }, 1624, 2737.0 },
    { 2, { I (-4), S (-1, N, -2) }, 2, { 3, 7 }, { -112, 8 }, 616, 1386.0 },
    { 4, { NEW (), NEW (), S (-5, N, -2), S (3, -4, -7) }, 5, { 1, 1, 1, 1, 7 }, { 0, 0, -672, -392, 8 }, 168, 168.0 },
    { 2, { S (-2, -1, 1), S (4, 0, 2) }, 3, { 1, 0, 7 }, { 0 }, -1, 0.0 },
    { 2, { S (-1, N, 5), I (-2) }, 2, { 1, 7 }, { 1680, 8 }, 1568, 1393.0 },
    { 3, { S (N, 2, N), S (2, -9, 2), S (10, N, 3) }, 3, { 2, 0, 0 }, { 0 }, -1, 0.0 },
    { 1, { S (N, -4, 3) }, 3, { 1, 6, 7 }, { 1008, 56, 8 }, 0, 861.0 },
    { 2, { S (N, -6, -7), S (0, N, -7) }, 3, { 1, 1, 7 }, { -2352, -392, 8 }, 1344, 1197.0 },
    { 2, { S (-5, 0, 5), I (-4) }, 2, { 0, 7 }, { 0 }, -1, 0.0 },
    { 2, { S (N, N, N), S (-6, 6, -2) }, 3, { 5, 0, 7 }, { 0 }, -1, 0.0 },
    { 2, { NEW (), S (3, 8, 2) }, 4, { 1, 1, 6, 7 }, { 0, 672, 56, 8 }, 1008, 6153.0 },
    { 2, { I (0), I (2) }, 1, { 7 }, { 8 }, 112, 119.0 },
    { 1, { S (7, 8, -1) }, 3, { 0, 6, 7 }, { 0 }, -1, 0.0 },
    { 3, { S (7, 2, -2), ELL (), S (-7, -8, 2) }, 3, { 1, 6, 0 }, { 0 }, -1, 0.0 },
  };
  g_autoptr(PlArray) flat = pl_array_arange (&(PlScalar) { .kind = PL_DTYPE_KIND_FLOAT, .f = 210 },
                                             NULL, NULL, PL_DTYPE_NONE, NULL);
  const gint64 s567[] = { 5, 6, 7 };
  g_autoptr(PlArray) x = pl_array_reshape (flat, 3, s567, NULL);

  for (gsize c = 0; c < G_N_ELEMENTS (random_cases); c++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(PlArray) r = pl_array_get_item (x, random_cases[c].index,
                                                (guint) random_cases[c].n, &error);
      gint64 size;
      double sum = 0;

      g_assert_no_error (error);
      g_assert_cmpint (r->ndim, ==, random_cases[c].ndim);
      for (gint i = 0; i < r->ndim; i++)
        g_assert_cmpint (r->shape[i], ==, random_cases[c].shape[i]);
      size = pl_array_get_size (r);
      if (size > 0)
        {
          for (gint i = 0; i < r->ndim; i++)
            g_assert_cmpint (r->strides[i], ==, random_cases[c].strides[i]);
          g_assert_cmpint (r->data - x->data, ==, random_cases[c].offset);
        }
      for (gint64 i = 0; i < size; i++)
        sum += pl_array_get_flat (r, i).f;
      g_assert_cmpfloat (sum, ==, random_cases[c].sum);
    }
}

static void
test_basic_errors (void)
{
  g_autoptr(PlArray) x = make_x ();
  const struct { const char *what; gint n; PlIndex index[5]; gint code; const char *message; } cases[] = {
    { "x[5]", 1, { I (5) }, PL_ERROR_INDEX, "index 5 is out of bounds for axis 0 with size 2" },
    { "x[-3]", 1, { I (-3) }, PL_ERROR_INDEX, "index -3 is out of bounds for axis 0 with size 2" },
    { "x[0,3]", 2, { I (0), I (3) }, PL_ERROR_INDEX, "index 3 is out of bounds for axis 1 with size 3" },
    { "x[:, -4]", 2, { ALL (), I (-4) }, PL_ERROR_INDEX, "index -4 is out of bounds for axis 1 with size 3" },
    { "x[0,0,0,0]", 4, { I (0), I (0), I (0), I (0) }, PL_ERROR_INDEX,
      "too many indices for array: array is 3-dimensional, but 4 were indexed" },
    { "x[...,...]", 2, { ELL (), ELL () }, PL_ERROR_INDEX, "an index can only have a single ellipsis ('...')" },
    { "x[:, :, ::0]", 3, { ALL (), ALL (), S (N, N, 0) }, PL_ERROR_VALUE, "slice step cannot be zero" },
  };

  for (gsize c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_autoptr(GError) error = NULL;
      PlArray *r = pl_array_get_item (x, cases[c].index, (guint) cases[c].n, &error);
      g_test_message ("%s", cases[c].what);
      g_assert_null (r);
      g_assert_error (error, PL_ERROR, cases[c].code);
      g_assert_cmpstr (error->message, ==, cases[c].message);
      g_clear_error (&error);
      /* Setting through the same index fails the same way. */
      {
        g_autoptr(PlArray) one = pl_array_new_scalar (&(PlScalar) { .kind = PL_DTYPE_KIND_INT, .i = 1 },
                                                      PL_DTYPE_NONE);
        g_assert_false (pl_array_set_item (x, cases[c].index, (guint) cases[c].n, one, &error));
        g_assert_error (error, PL_ERROR, cases[c].code);
      }
    }
}

static void
test_advanced_get (void)
{
  g_autoptr(PlArray) x = make_x ();
  g_autoptr(GError) error = NULL;
  const gint64 two[] = { 2 }, three[] = { 3 }, four[] = { 4 }, one[] = { 1 };
  const gint64 two_two[] = { 2, 2 }, two_three[] = { 2, 3 };
  const gint64 v20[] = { 2, 0 }, v13[] = { 1, 3 }, v001[] = { 0, 0, 1 }, v0110[] = { 0, 1, 1, 0 };
  const gint64 v02[] = { 0, 2 }, vm10[] = { -1, 0 }, v2[] = { 2 };
  g_autoptr(PlArray) i20 = ints (1, two, v20);
  g_autoptr(PlArray) i13 = ints (1, two, v13);
  g_autoptr(PlArray) i001 = ints (1, three, v001);
  g_autoptr(PlArray) i0110 = ints (2, two_two, v0110);
  g_autoptr(PlArray) i02 = ints (1, two, v02);
  g_autoptr(PlArray) im10 = ints (1, two, vm10);
  g_autoptr(PlArray) i2 = ints (1, one, v2);
  g_autoptr(PlArray) m101 = bools (1, three, "101");
  g_autoptr(PlArray) m1001 = bools (1, four, "1001");
  g_autoptr(PlArray) m_all = bools (2, two_three, "111111");
  g_autoptr(PlArray) m_gt10 = NULL;
  g_autoptr(PlArray) m_col = NULL;
  PlArray *r;

  {
    const gint64 shape[] = { 24 };
    g_autoptr(PlArray) flat = pl_array_reshape (x, 1, shape, NULL);
    PlScalar bits[24];
    PlScalar col[6];
    for (gint i = 0; i < 24; i++)
      bits[i] = pl_scalar_from_bool (i > 10);
    m_gt10 = pl_array_from_scalars (3, x->shape, bits, PL_DTYPE_BOOL, NULL);
    for (gint i = 0; i < 6; i++)
      col[i] = pl_scalar_from_bool (i * 4 > 5);     /* x[..., 0] > 5 */
    m_col = pl_array_from_scalars (2, two_three, col, PL_DTYPE_BOOL, NULL);
    g_assert_nonnull (flat);
  }

  /* Each expected array is NumPy 1.24.2's. */
  {
    PlIndex idx[] = { S (1, N, N), ARR (i20) };
    const gint64 shape[] = { 1, 2, 4 }, values[] = { 20, 21, 22, 23, 12, 13, 14, 15 };
    r = pl_array_get_item (x, idx, 2, &error);
    assert_array (r, 3, shape, values);
    g_assert_true (pl_array_owns_data (r));
    g_assert_cmpint (r->buffer->reason, ==, PL_ALLOC_REASON_MASK);
    pl_array_unref (r);
  }
  {
    PlIndex idx[] = { I (0), ALL (), ARR (i13) };   /* the int and the array are apart */
    const gint64 shape[] = { 2, 3 }, values[] = { 1, 5, 9, 3, 7, 11 };
    r = pl_array_get_item (x, idx, 3, &error);
    assert_array (r, 2, shape, values);
    pl_array_unref (r);
  }
  {
    PlIndex idx[] = { ARR (m_gt10) };
    const gint64 shape[] = { 13 }, values[] = { 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23 };
    r = pl_array_get_item (x, idx, 1, &error);
    assert_array (r, 1, shape, values);
    pl_array_unref (r);
  }
  {
    PlIndex idx[] = { ARR (m_col) };
    const gint64 shape[] = { 4, 4 };
    const gint64 values[] = { 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23 };
    r = pl_array_get_item (x, idx, 1, &error);
    assert_array (r, 2, shape, values);
    pl_array_unref (r);
  }
  {
    PlIndex idx[] = { ALL (), ARR (m101) };
    const gint64 shape[] = { 2, 2, 4 };
    const gint64 values[] = { 0, 1, 2, 3, 8, 9, 10, 11, 12, 13, 14, 15, 20, 21, 22, 23 };
    r = pl_array_get_item (x, idx, 2, &error);
    assert_array (r, 3, shape, values);
    pl_array_unref (r);
  }
  {
    PlIndex idx[] = { ARR (i001) };
    const gint64 shape[] = { 3, 3, 4 };
    gint64 values[36];
    for (gint i = 0; i < 36; i++)
      values[i] = i < 24 ? i % 12 : i - 12;
    r = pl_array_get_item (x, idx, 1, &error);
    assert_array (r, 3, shape, values);
    pl_array_unref (r);
  }
  {
    PlIndex idx[] = { ARR (i0110) };
    const gint64 shape[] = { 2, 2, 3, 4 };
    gint64 values[48];
    for (gint i = 0; i < 48; i++)
      values[i] = (i < 12 || i >= 36) ? i % 12 : 12 + (i % 12);
    r = pl_array_get_item (x, idx, 1, &error);
    assert_array (r, 4, shape, values);
    pl_array_unref (r);
  }
  {
    PlIndex idx[] = { I (0), S (1, N, N), ARR (m1001) };
    const gint64 shape[] = { 2, 2 }, values[] = { 4, 8, 7, 11 };
    r = pl_array_get_item (x, idx, 3, &error);
    assert_array (r, 2, shape, values);
    pl_array_unref (r);
  }
  {
    PlIndex idx[] = { I (1), ALL (), ARR (i02) };
    const gint64 shape[] = { 2, 3 }, values[] = { 12, 16, 20, 14, 18, 22 };
    r = pl_array_get_item (x, idx, 3, &error);
    assert_array (r, 2, shape, values);
    pl_array_unref (r);
  }
  {
    PlIndex idx[] = { ALL (), I (1), ARR (i02) };   /* adjacent: in place */
    const gint64 shape[] = { 2, 2 }, values[] = { 4, 6, 16, 18 };
    r = pl_array_get_item (x, idx, 3, &error);
    assert_array (r, 2, shape, values);
    pl_array_unref (r);
  }
  {
    PlIndex idx[] = { ARR (m_all) };
    const gint64 shape[] = { 6, 4 };
    gint64 values[24];
    for (gint i = 0; i < 24; i++)
      values[i] = i;
    r = pl_array_get_item (x, idx, 1, &error);
    assert_array (r, 2, shape, values);
    pl_array_unref (r);
  }
  {
    PlIndex idx[] = { ELL (), ARR (im10) };
    const gint64 shape[] = { 2, 3, 2 }, values[] = { 3, 0, 7, 4, 11, 8, 15, 12, 19, 16, 23, 20 };
    r = pl_array_get_item (x, idx, 2, &error);
    assert_array (r, 3, shape, values);
    pl_array_unref (r);
  }
  {
    PlIndex idx[] = { NEW (), I (1), ARR (i2) };
    const gint64 shape[] = { 1, 1, 4 }, values[] = { 20, 21, 22, 23 };
    r = pl_array_get_item (x, idx, 3, &error);
    assert_array (r, 3, shape, values);
    pl_array_unref (r);
  }
  g_assert_no_error (error);
}

static void
test_advanced_errors (void)
{
  g_autoptr(PlArray) x = make_x ();
  const gint64 one[] = { 1 }, two[] = { 2 }, three[] = { 3 };
  const gint64 v5[] = { 5 }, vm3[] = { -3 }, v05[] = { 0, 5 };
  g_autoptr(PlArray) i5 = ints (1, one, v5);
  g_autoptr(PlArray) im3 = ints (1, one, vm3);
  g_autoptr(PlArray) i05 = ints (1, two, v05);
  const gint64 v7[] = { 7 };
  g_autoptr(PlArray) i7 = ints (1, one, v7);
  g_autoptr(PlArray) m3 = bools (1, three, "111");
  g_autoptr(PlArray) f = pl_array_ones (1, one, PL_DTYPE_FLOAT64, NULL);
  g_autoptr(PlArray) value = pl_array_new_scalar (&(PlScalar) { .kind = PL_DTYPE_KIND_INT, .i = 1 },
                                                  PL_DTYPE_NONE);
  g_autoptr(GError) error = NULL;
  PlIndex idx[2];

  idx[0] = ARR (i5);
  g_assert_null (pl_array_get_item (x, idx, 1, &error));
  g_assert_error (error, PL_ERROR, PL_ERROR_INDEX);
  g_assert_cmpstr (error->message, ==, "index 5 is out of bounds for axis 0 with size 2");
  g_clear_error (&error);
  idx[0] = ARR (im3);
  g_assert_null (pl_array_get_item (x, idx, 1, &error));
  g_assert_cmpstr (error->message, ==, "index -3 is out of bounds for axis 0 with size 2");
  g_clear_error (&error);
  idx[0] = ARR (i05);
  g_assert_false (pl_array_set_item (x, idx, 1, value, &error));
  g_assert_error (error, PL_ERROR, PL_ERROR_INDEX);
  g_assert_cmpstr (error->message, ==, "index 5 is out of bounds for axis 0 with size 2");
  g_clear_error (&error);

  /* The axis named is the array's own: x[None, :, :, [7]] names axis 2. */
  {
    PlIndex idx4[] = { NEW (), ALL (), ALL (), ARR (i7) };
    g_assert_null (pl_array_get_item (x, idx4, 4, &error));
    g_assert_error (error, PL_ERROR, PL_ERROR_INDEX);
    g_assert_cmpstr (error->message, ==, "index 7 is out of bounds for axis 2 with size 4");
    g_clear_error (&error);
  }

  idx[0] = ARR (m3);
  g_assert_null (pl_array_get_item (x, idx, 1, &error));
  g_assert_error (error, PL_ERROR, PL_ERROR_INDEX);
  g_assert_cmpstr (error->message, ==, "boolean index did not match indexed array along "
                   "dimension 0; dimension is 2 but corresponding boolean dimension is 3");
  g_clear_error (&error);

  idx[0] = ARR (f);
  g_assert_null (pl_array_get_item (x, idx, 1, &error));
  g_assert_error (error, PL_ERROR, PL_ERROR_INDEX);
  g_assert_cmpstr (error->message, ==, "arrays used as indices must be of integer (or boolean) type");
  g_clear_error (&error);

  /* A mask together with other index arrays is its nonzero () arrays:
   * x[[0, 5], [True, True, True]] does not broadcast. */
  idx[0] = ARR (i05);
  idx[1] = ARR (m3);
  g_assert_null (pl_array_get_item (x, idx, 2, &error));
  g_assert_error (error, PL_ERROR, PL_ERROR_INDEX);
  g_assert_cmpstr (error->message, ==, "shape mismatch: indexing arrays could not be "
                   "broadcast together with shapes (2,) (3,) ");
  g_clear_error (&error);

  /* x[[0, 5], [0, 5]]: the first array out of range. */
  idx[0] = ARR (i05);
  idx[1] = ARR (i05);
  g_assert_null (pl_array_get_item (x, idx, 2, &error));
  g_assert_error (error, PL_ERROR, PL_ERROR_INDEX);
  g_assert_cmpstr (error->message, ==, "index 5 is out of bounds for axis 0 with size 2");
  g_clear_error (&error);

  /* x[[0, 1], [0, 1, 2]] */
  {
    const gint64 v012[] = { 0, 1, 2 }, v01[] = { 0, 1 };
    g_autoptr(PlArray) a = ints (1, two, v01);
    g_autoptr(PlArray) b = ints (1, three, v012);
    idx[0] = ARR (a);
    idx[1] = ARR (b);
    g_assert_null (pl_array_get_item (x, idx, 2, &error));
    g_assert_error (error, PL_ERROR, PL_ERROR_INDEX);
    g_assert_cmpstr (error->message, ==, "shape mismatch: indexing arrays could not be "
                     "broadcast together with shapes (2,) (3,) ");
  }
}

static void
test_several_arrays (void)
{
  /* x = np.arange (24.).reshape (2, 3, 4); results from NumPy 1.24.2. */
  g_autoptr(PlArray) x = make_x ();
  const gint64 two[] = { 2 }, one[] = { 1 }, two_one[] = { 2, 1 };
  const gint64 v01[] = { 0, 1 }, v10[] = { 1, 0 }, v20[] = { 2, 0 }, v31[] = { 3, 1 };
  const gint64 v02[] = { 0, 2 }, v13[] = { 1, 3 }, v23[] = { 2, 3 }, v22[] = { 2, 2 };
  g_autoptr(PlArray) i01 = ints (1, two, v01);
  g_autoptr(PlArray) i10 = ints (1, two, v10);
  g_autoptr(PlArray) i20 = ints (1, two, v20);
  g_autoptr(PlArray) i31 = ints (1, two, v31);
  g_autoptr(PlArray) i02 = ints (1, two, v02);
  g_autoptr(PlArray) i13 = ints (1, two, v13);
  g_autoptr(PlArray) i23 = ints (1, two, v23);
  g_autoptr(PlArray) i22 = ints (1, two, v22);
  g_autoptr(PlArray) col01 = ints (2, two_one, v01);
  g_autoptr(PlArray) one1 = ints (1, one, (const gint64[]) { 1 });
  g_autoptr(PlArray) one2 = ints (1, one, (const gint64[]) { 2 });
  g_autoptr(PlArray) one3 = ints (1, one, (const gint64[]) { 3 });
  g_autoptr(GError) error = NULL;
  PlArray *r;

  {
    const gint64 shape[] = { 2, 4 }, values[] = { 8, 9, 10, 11, 12, 13, 14, 15 };
    r = pl_array_get_item (x, (PlIndex[]) { ARR (i01), ARR (i20) }, 2, &error);
    assert_array (r, 2, shape, values);
    pl_array_unref (r);
  }
  {
    const gint64 shape[] = { 2, 3 }, values[] = { 15, 19, 23, 1, 5, 9 };
    r = pl_array_get_item (x, (PlIndex[]) { ARR (i10), ALL (), ARR (i31) }, 3, &error);
    assert_array (r, 2, shape, values);
    pl_array_unref (r);
  }
  {
    const gint64 shape[] = { 2, 2 }, values[] = { 1, 11, 13, 23 };
    r = pl_array_get_item (x, (PlIndex[]) { ALL (), ARR (i02), ARR (i13) }, 3, &error);
    assert_array (r, 2, shape, values);
    pl_array_unref (r);
  }
  {
    const gint64 shape[] = { 2, 2, 4 };
    const gint64 values[] = { 0, 1, 2, 3, 8, 9, 10, 11, 12, 13, 14, 15, 20, 21, 22, 23 };
    r = pl_array_get_item (x, (PlIndex[]) { ARR (col01), ARR (i02) }, 2, &error);
    assert_array (r, 3, shape, values);
    pl_array_unref (r);
  }
  {
    const gint64 shape[] = { 2 }, values[] = { 13, 23 };
    r = pl_array_get_item (x, (PlIndex[]) { I (1), ARR (i02), ARR (i13) }, 3, &error);
    assert_array (r, 1, shape, values);
    pl_array_unref (r);
  }
  {
    const gint64 shape[] = { 2 }, values[] = { 6, 19 };
    r = pl_array_get_item (x, (PlIndex[]) { ARR (i01), I (1), ARR (i23) }, 3, &error);
    assert_array (r, 1, shape, values);
    pl_array_unref (r);
  }
  {
    const gint64 shape[] = { 1 }, values[] = { 23 };
    r = pl_array_get_item (x, (PlIndex[]) { ARR (one1), ARR (one2), ARR (one3) }, 3, &error);
    assert_array (r, 1, shape, values);
    pl_array_unref (r);
  }
  {
    const gint64 shape[] = { 1, 2, 4 }, values[] = { 20, 21, 22, 23, 8, 9, 10, 11 };
    r = pl_array_get_item (x, (PlIndex[]) { NEW (), ARR (i10), ARR (i22) }, 3, &error);
    assert_array (r, 3, shape, values);
    pl_array_unref (r);
  }
  g_assert_no_error (error);

  /* Masks among other indices: x[[0, 1], [True, False, True]] and
   * x[1, [True, False, True], 1:3]. */
  {
    const gint64 three[] = { 3 };
    g_autoptr(PlArray) m101 = bools (1, three, "101");
    const gint64 shape[] = { 2, 4 }, values[] = { 0, 1, 2, 3, 20, 21, 22, 23 };
    const gint64 shape2[] = { 2, 2 }, values2[] = { 13, 14, 21, 22 };
    r = pl_array_get_item (x, (PlIndex[]) { ARR (i01), ARR (m101) }, 2, &error);
    assert_array (r, 2, shape, values);
    pl_array_unref (r);
    r = pl_array_get_item (x, (PlIndex[]) { I (1), ARR (m101), S (1, 3, N) }, 3, &error);
    assert_array (r, 2, shape2, values2);
    pl_array_unref (r);
  }

  /* y[[0, 1], [2, 0]] = -1 and y[:, [0, 2], [1, 3]] = np.array ([100, 200]) */
  {
    static const gint64 expected[] = { 0, 1, 2, 3, 4, 5, 6, 7, -1, -1, -1, -1, -1, -1, -1, -1,
                                       16, 17, 18, 19, 20, 21, 22, 23 };
    g_autoptr(PlArray) y = make_x ();
    g_autoptr(PlArray) m1 = pl_array_new_scalar (&(PlScalar) { .kind = PL_DTYPE_KIND_INT, .i = -1 },
                                                 PL_DTYPE_NONE);
    g_assert_true (pl_array_set_item (y, (PlIndex[]) { ARR (i01), ARR (i20) }, 2, m1, &error));
    for (gint i = 0; i < 24; i++)
      g_assert_cmpfloat (pl_array_get_flat (y, i).f, ==, (double) expected[i]);
  }
  {
    static const gint64 expected[] = { 0, 100, 2, 3, 4, 5, 6, 7, 8, 9, 10, 200, 12, 100, 14, 15,
                                       16, 17, 18, 19, 20, 21, 22, 200 };
    const gint64 vals[] = { 100, 200 };
    g_autoptr(PlArray) v = ints (1, two, vals);
    g_autoptr(PlArray) y = make_x ();
    g_assert_true (pl_array_set_item (y, (PlIndex[]) { ALL (), ARR (i02), ARR (i13) }, 3, v, &error));
    for (gint i = 0; i < 24; i++)
      g_assert_cmpfloat (pl_array_get_flat (y, i).f, ==, (double) expected[i]);
  }
  g_assert_no_error (error);
}

static void
test_strided_and_2d (void)
{
  /* m = np.arange (24.).reshape (4, 6); m[m % 5 == 0] and m[:, ::2][mask of
   * the view] and an int32 index: every path of the copy loops. */
  g_autoptr(PlArray) flat = pl_array_arange (&(PlScalar) { .kind = PL_DTYPE_KIND_FLOAT, .f = 24 },
                                             NULL, NULL, PL_DTYPE_NONE, NULL);
  const gint64 s46[] = { 4, 6 }, s43[] = { 4, 3 }, three[] = { 3 };
  g_autoptr(PlArray) m = pl_array_reshape (flat, 2, s46, NULL);
  PlScalar bits[24];
  g_autoptr(PlArray) mask = NULL;
  g_autoptr(PlArray) view = NULL;
  g_autoptr(PlArray) vmask = NULL;
  g_autoptr(PlArray) i32 = NULL;
  PlArray *r;

  for (gint i = 0; i < 24; i++)
    bits[i] = pl_scalar_from_bool (i % 5 == 0);
  mask = pl_array_from_scalars (2, s46, bits, PL_DTYPE_BOOL, NULL);
  {
    const gint64 shape[] = { 5 }, values[] = { 0, 5, 10, 15, 20 };
    r = pl_array_get_item (m, (PlIndex[]) { ARR (mask) }, 1, NULL);
    assert_array (r, 1, shape, values);
    pl_array_unref (r);
  }

  view = pl_array_get_item (m, (PlIndex[]) { ALL (), S (N, N, 2) }, 2, NULL);
  for (gint i = 0; i < 12; i++)
    bits[i] = pl_scalar_from_bool (i % 3 != 1);
  vmask = pl_array_from_scalars (2, s43, bits, PL_DTYPE_BOOL, NULL);
  {
    const gint64 shape[] = { 8 }, values[] = { 0, 4, 6, 10, 12, 16, 18, 22 };
    r = pl_array_get_item (view, (PlIndex[]) { ARR (vmask) }, 1, NULL);
    assert_array (r, 1, shape, values);
    pl_array_unref (r);
  }
  {
    /* view[vmask] = -1 writes only through the view. */
    g_autoptr(PlArray) v = pl_array_new_scalar (&(PlScalar) { .kind = PL_DTYPE_KIND_INT, .i = -1 },
                                                PL_DTYPE_NONE);
    g_assert_true (pl_array_set_item (view, (PlIndex[]) { ARR (vmask) }, 1, v, NULL));
    for (gint i = 0; i < 24; i++)
      {
        gboolean hit = (i % 2 == 0) && ((i % 6) / 2) % 3 != 1;
        g_assert_cmpfloat (pl_array_get_flat (m, i).f, ==, hit ? -1.0 : (double) i);
      }
  }
  {
    PlScalar iv[3] = { { .kind = PL_DTYPE_KIND_INT, .i = -1 }, { .kind = PL_DTYPE_KIND_INT, .i = 0 },
                       { .kind = PL_DTYPE_KIND_INT, .i = 2 } };
    const gint64 shape[] = { 4, 3 }, values[] = { 5, 0, 2, 11, 6, 8, 17, 12, 14, 23, 18, 20 };
    i32 = pl_array_from_scalars (1, three, iv, PL_DTYPE_INT32, NULL);
    /* m[:, [-1, 0, 2]] after the writes above put -1 at 0, 4, 6, ...: read
     * a fresh copy of the original values instead. */
    r = pl_array_get_item (flat, (PlIndex[]) { ARR (i32) }, 1, NULL);
    g_assert_cmpfloat (pl_array_get_flat (r, 0).f, ==, 23.0);
    pl_array_unref (r);
    {
      g_autoptr(PlArray) fresh_flat = pl_array_arange (&(PlScalar) { .kind = PL_DTYPE_KIND_FLOAT, .f = 24 },
                                                       NULL, NULL, PL_DTYPE_NONE, NULL);
      g_autoptr(PlArray) fresh = pl_array_reshape (fresh_flat, 2, s46, NULL);
      r = pl_array_get_item (fresh, (PlIndex[]) { ALL (), ARR (i32) }, 2, NULL);
      assert_array (r, 2, shape, values);
      pl_array_unref (r);
    }
  }
}

static void
test_overlapping_set (void)
{
  /* x = np.arange (6.); x[[0, 1, 2, 3, 4, 5]] = x[::-1] gives, in NumPy
   * 1.24, [5, 4, 3, 3, 4, 5]: the value is not copied first, the writes are
   * seen by later reads. Same for a mask. Peakline does the same. */
  const gint64 six[] = { 6 }, order[] = { 0, 1, 2, 3, 4, 5 }, expected[] = { 5, 4, 3, 3, 4, 5 };
  g_autoptr(PlArray) idx = ints (1, six, order);
  g_autoptr(PlArray) m = bools (1, six, "111111");
  PlArray *keys[] = { idx, m };

  for (gsize k = 0; k < G_N_ELEMENTS (keys); k++)
    {
      g_autoptr(PlArray) x = pl_array_arange (&(PlScalar) { .kind = PL_DTYPE_KIND_FLOAT, .f = 6 },
                                              NULL, NULL, PL_DTYPE_NONE, NULL);
      g_autoptr(PlArray) rev = pl_array_get_item (x, (PlIndex[]) { S (N, N, -1) }, 1, NULL);
      g_assert_true (pl_array_set_item (x, (PlIndex[]) { ARR (keys[k]) }, 1, rev, NULL));
      assert_array (x, 1, six, expected);
    }
}

static void
test_zero_d_index (void)
{
  /* A 0-d integer array is an integer index: a view. */
  g_autoptr(PlArray) x = make_x ();
  g_autoptr(PlArray) one = pl_array_new_scalar (&(PlScalar) { .kind = PL_DTYPE_KIND_INT, .i = 1 },
                                                PL_DTYPE_NONE);
  PlIndex idx[] = { ARR (one) };
  g_autoptr(PlArray) r = pl_array_get_item (x, idx, 1, NULL);

  g_assert_cmpint (r->ndim, ==, 2);
  g_assert_true (r->base == x->base);
  g_assert_cmpfloat (pl_array_get_flat (r, 0).f, ==, 12.0);

  /* x[True].shape == (1, 2, 3, 4) and x[False].shape == (0, 2, 3, 4). */
  {
    g_autoptr(PlArray) t = pl_array_new_scalar (&(PlScalar) { .kind = PL_DTYPE_KIND_BOOL, .b = TRUE },
                                                PL_DTYPE_NONE);
    g_autoptr(PlArray) f = pl_array_new_scalar (&(PlScalar) { .kind = PL_DTYPE_KIND_BOOL, .b = FALSE },
                                                PL_DTYPE_NONE);
    g_autoptr(PlArray) rt = pl_array_get_item (x, (PlIndex[]) { ARR (t) }, 1, NULL);
    g_autoptr(PlArray) rf = pl_array_get_item (x, (PlIndex[]) { ARR (f) }, 1, NULL);
    g_assert_cmpint (rt->ndim, ==, 4);
    g_assert_cmpint (rt->shape[0], ==, 1);
    g_assert_cmpint (rt->shape[3], ==, 4);
    g_assert_cmpfloat (pl_array_get_flat (rt, 23).f, ==, 23.0);
    g_assert_cmpint (rf->ndim, ==, 4);
    g_assert_cmpint (rf->shape[0], ==, 0);
  }
}

static gint64 *
values_of (PlArray *a, gint64 *out)
{
  for (gint64 i = 0; i < pl_array_get_size (a); i++)
    {
      PlScalar s = pl_array_get_flat (a, i);
      out[i] = pl_scalar_to_int (&s);
    }
  return out;
}

static void
test_set_item (void)
{
  const gint64 two[] = { 2 }, three[] = { 3 }, four[] = { 4 }, three_four[] = { 3, 4 };
  const gint64 two_three[] = { 2, 3 };
  const gint64 v13[] = { 1, 3 }, v10[] = { 1, 0 };
  g_autoptr(PlArray) i13 = ints (1, two, v13);
  g_autoptr(PlArray) i10 = ints (1, two, v10);
  g_autoptr(PlArray) m101 = bools (1, three, "101");
  g_autoptr(GError) error = NULL;
  gint64 got[24];
  PlArray *y;

  /* y[y > 10] = 0 */
  {
    static const gint64 expected[] = { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 0, 0, 0, 0, 0, 0, 0,
                                       0, 0, 0, 0, 0, 0 };
    PlScalar bits[24];
    g_autoptr(PlArray) m = NULL;
    g_autoptr(PlArray) zero = pl_array_new_scalar (&(PlScalar) { .kind = PL_DTYPE_KIND_INT },
                                                   PL_DTYPE_NONE);
    for (gint i = 0; i < 24; i++)
      bits[i] = pl_scalar_from_bool (i > 10);
    y = make_x ();
    m = pl_array_from_scalars (3, y->shape, bits, PL_DTYPE_BOOL, NULL);
    g_assert_true (pl_array_set_item (y, (PlIndex[]) { ARR (m) }, 1, zero, &error));
    g_assert_cmpmem (values_of (y, got), sizeof expected, expected, sizeof expected);
    pl_array_unref (y);
  }
  /* y[0, :, [1, 3]] = -1 */
  {
    static const gint64 expected[] = { 0, -1, 2, -1, 4, -1, 6, -1, 8, -1, 10, -1, 12, 13, 14,
                                       15, 16, 17, 18, 19, 20, 21, 22, 23 };
    g_autoptr(PlArray) m1 = pl_array_new_scalar (&(PlScalar) { .kind = PL_DTYPE_KIND_INT, .i = -1 },
                                                 PL_DTYPE_NONE);
    y = make_x ();
    g_assert_true (pl_array_set_item (y, (PlIndex[]) { I (0), ALL (), ARR (i13) }, 3, m1, &error));
    g_assert_cmpmem (values_of (y, got), sizeof expected, expected, sizeof expected);
    pl_array_unref (y);
  }
  /* y[:, [True, False, True]] = np.array ([100, 200, 300, 400.]) */
  {
    static const gint64 expected[] = { 100, 200, 300, 400, 4, 5, 6, 7, 100, 200, 300, 400,
                                       100, 200, 300, 400, 16, 17, 18, 19, 100, 200, 300, 400 };
    const gint64 vals[] = { 100, 200, 300, 400 };
    g_autoptr(PlArray) v = ints (1, four, vals);
    y = make_x ();
    g_assert_true (pl_array_set_item (y, (PlIndex[]) { ALL (), ARR (m101) }, 2, v, &error));
    g_assert_cmpmem (values_of (y, got), sizeof expected, expected, sizeof expected);
    pl_array_unref (y);
  }
  /* y[[1, 0]] = np.arange (12.).reshape (3, 4) */
  {
    static const gint64 expected[] = { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 0, 1, 2, 3, 4, 5,
                                       6, 7, 8, 9, 10, 11 };
    gint64 vals[12];
    g_autoptr(PlArray) v = NULL;
    for (gint i = 0; i < 12; i++)
      vals[i] = i;
    v = ints (2, three_four, vals);
    y = make_x ();
    g_assert_true (pl_array_set_item (y, (PlIndex[]) { ARR (i10) }, 1, v, &error));
    g_assert_cmpmem (values_of (y, got), sizeof expected, expected, sizeof expected);
    pl_array_unref (y);
  }
  /* y[1, ::2] = np.array ([1, 2, 3, 4.]): basic index, array value */
  {
    static const gint64 expected[] = { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2, 3, 4, 16,
                                       17, 18, 19, 1, 2, 3, 4 };
    const gint64 vals[] = { 1, 2, 3, 4 };
    g_autoptr(PlArray) v = ints (1, four, vals);
    y = make_x ();
    g_assert_true (pl_array_set_item (y, (PlIndex[]) { I (1), S (N, N, 2) }, 2, v, &error));
    g_assert_cmpmem (values_of (y, got), sizeof expected, expected, sizeof expected);
    pl_array_unref (y);
  }
  /* y[:, 1] = 5.7 */
  {
    g_autoptr(PlArray) v = pl_array_new_scalar (&(PlScalar) { .kind = PL_DTYPE_KIND_FLOAT, .f = 5.7 },
                                                PL_DTYPE_NONE);
    y = make_x ();
    g_assert_true (pl_array_set_item (y, (PlIndex[]) { ALL (), I (1) }, 2, v, &error));
    for (gint i = 0; i < 24; i++)
      g_assert_cmpfloat (pl_array_get_flat (y, i).f, ==, (i % 12) / 4 == 1 ? 5.7 : (double) i);
    pl_array_unref (y);
  }
  /* y = x.astype (int16); y[y > 20] = 2.7 stores 2. */
  {
    const gint64 shape[] = { 24 };
    PlScalar bits[24];
    g_autoptr(PlArray) m = NULL;
    g_autoptr(PlArray) v = pl_array_new_scalar (&(PlScalar) { .kind = PL_DTYPE_KIND_FLOAT, .f = 2.7 },
                                                PL_DTYPE_NONE);
    y = pl_array_arange (&(PlScalar) { .kind = PL_DTYPE_KIND_INT, .i = 24 }, NULL, NULL,
                         PL_DTYPE_INT16, NULL);
    for (gint i = 0; i < 24; i++)
      bits[i] = pl_scalar_from_bool (i > 20);
    m = pl_array_from_scalars (1, shape, bits, PL_DTYPE_BOOL, NULL);
    g_assert_true (pl_array_set_item (y, (PlIndex[]) { ARR (m) }, 1, v, &error));
    for (gint i = 0; i < 24; i++)
      g_assert_cmpint (pl_array_get_flat (y, i).i, ==, i > 20 ? 2 : i);
    pl_array_unref (y);
  }
  g_assert_no_error (error);

  /* Errors, as NumPy words them. */
  {
    const gint64 vals[] = { 1, 2, 3, 4, 5 };
    PlScalar bits[24];
    g_autoptr(PlArray) m = NULL;
    g_autoptr(PlArray) v3 = ints (1, three, vals);
    g_autoptr(PlArray) v5 = NULL;
    const gint64 five[] = { 5 };
    const gint64 zero[] = { 0 };
    g_autoptr(PlArray) i0 = ints (1, (const gint64[]) { 1 }, zero);

    v5 = ints (1, five, vals);
    y = make_x ();
    for (gint i = 0; i < 24; i++)
      bits[i] = pl_scalar_from_bool (i > 3);
    m = pl_array_from_scalars (3, y->shape, bits, PL_DTYPE_BOOL, NULL);
    g_assert_false (pl_array_set_item (y, (PlIndex[]) { ARR (m) }, 1, v3, &error));
    g_assert_error (error, PL_ERROR, PL_ERROR_VALUE);
    g_assert_cmpstr (error->message, ==, "NumPy boolean array indexing assignment cannot assign "
                     "3 input values to the 20 output values where the mask is true");
    g_clear_error (&error);
    g_assert_false (pl_array_set_item (y, (PlIndex[]) { ARR (i0) }, 1, v5, &error));
    g_assert_error (error, PL_ERROR, PL_ERROR_VALUE);
    g_assert_cmpstr (error->message, ==, "shape mismatch: value array of shape (5,) could not "
                     "be broadcast to indexing result of shape (1,3,4)");
    g_clear_error (&error);
    g_assert_false (pl_array_set_item (y, (PlIndex[]) { ALL (), I (1) }, 2, v3, &error));
    g_assert_error (error, PL_ERROR, PL_ERROR_VALUE);
    g_clear_error (&error);

    /* Read-only destinations. */
    y->flags &= ~(guint) PL_ARRAY_FLAG_WRITEABLE;
    g_assert_false (pl_array_set_item (y, (PlIndex[]) { ALL () }, 1, v3, &error));
    g_assert_error (error, PL_ERROR, PL_ERROR_VALUE);
    g_assert_cmpstr (error->message, ==, "assignment destination is read-only");
    pl_array_unref (y);
    (void) two_three;
  }
}

/* tests/engine/ref/views.py, masks (): NumPy 1.24.2's live bytes after
 * each line, relative to the start of the function (x is line 53):
 *   x = np.random.random (8_000_000)   64001920
 *   mask = x > 0.5                     72002144
 *   y = x[x > 0.5]                     104005656, peak 112005976
 *   z = x[mask]                        136009168, peak 136009392
 *   x[mask] = 0                        136009416, peak 136009744
 *   x[x > 0.25] = 1.0                  136009792, peak 144010216
 *   idx = np.arange (0, 8_000_000, 4)  152010136
 *   w = x[idx]                         168010480
 *   x[idx] = 2.0                       168010728, peak 168010832
 * The comparisons (x > 0.5) are the ufunc layer's; here a mask with exactly
 * half of its elements true stands in for them (NumPy's random mask had
 * 4,000,439 of 8,000,000 true: 32,003,512 bytes selected). */
static void
test_mask_figures (void)
{
  const gint64 n8m[] = { 8000000 };
  gint64 live0 = pl_alloc_get_live_bytes ();
  g_autoptr(GError) error = NULL;
  PlArray *x, *mask, *tmp_mask, *y, *z, *idx, *w;
  PlScalar zero = pl_scalar_from_int (0);
  g_autoptr(PlArray) zero_a = pl_array_new_scalar (&zero, PL_DTYPE_NONE);
  g_autoptr(PlArray) one_a = pl_array_new_scalar (&(PlScalar) { .kind = PL_DTYPE_KIND_FLOAT, .f = 1 },
                                                  PL_DTYPE_NONE);
  g_autoptr(PlArray) two_a = pl_array_new_scalar (&(PlScalar) { .kind = PL_DTYPE_KIND_FLOAT, .f = 2 },
                                                  PL_DTYPE_NONE);
  guint8 *m;
  double *d;

  pl_random_seed (3);
  x = pl_array_random_uniform (1, n8m, &error);
  assert_bytes_near (pl_alloc_get_live_bytes () - live0, 64001920);

  /* mask = x > 0.5, but exactly half true. */
  mask = pl_array_empty_with_reason (1, n8m, PL_DTYPE_BOOL, PL_ALLOC_REASON_RESULT, &error);
  m = mask->data;
  for (gint64 i = 0; i < n8m[0]; i++)
    m[i] = (i * 7919) % 2;
  assert_bytes_near (pl_alloc_get_live_bytes () - live0, 72002144);

  /* y = x[x > 0.5]: a temporary mask, then the counted result. */
  pl_alloc_reset_peak ();
  tmp_mask = pl_array_empty_with_reason (1, n8m, PL_DTYPE_BOOL, PL_ALLOC_REASON_TEMPORARY, &error);
  memcpy (tmp_mask->data, mask->data, 8000000);
  y = pl_array_get_item (x, (PlIndex[]) { ARR (tmp_mask) }, 1, &error);
  pl_array_unref (tmp_mask);
  g_assert_cmpint (y->shape[0], ==, 4000000);
  assert_bytes_near (pl_alloc_get_peak_bytes () - live0, 112005976 - 3512);
  assert_bytes_near (pl_alloc_get_live_bytes () - live0, 104005656 - 3512);

  /* The values are the selected ones, in order. */
  d = (double *) (void *) x->data;
  for (gint64 i = 0, j = 0; i < n8m[0]; i += 1001)
    if (m[i])
      {
        j = i / 2;
        g_assert_cmpfloat (pl_array_get_flat (y, j).f, ==, d[i]);
      }

  /* z = x[mask] */
  pl_alloc_reset_peak ();
  z = pl_array_get_item (x, (PlIndex[]) { ARR (mask) }, 1, &error);
  assert_bytes_near (pl_alloc_get_peak_bytes () - live0, 136009392 - 2 * 3512);
  assert_bytes_near (pl_alloc_get_live_bytes () - live0, 136009168 - 2 * 3512);

  /* x[mask] = 0: nothing allocated. */
  pl_alloc_reset_peak ();
  g_assert_true (pl_array_set_item (x, (PlIndex[]) { ARR (mask) }, 1, zero_a, &error));
  assert_bytes_near (pl_alloc_get_peak_bytes () - live0, 136009744 - 2 * 3512);
  assert_bytes_near (pl_alloc_get_live_bytes () - live0, 136009416 - 2 * 3512);
  for (gint64 i = 0; i < n8m[0]; i += 999)
    if (m[i])
      g_assert_cmpfloat (d[i], ==, 0.0);
    else
      g_assert_cmpfloat (d[i], >, 0.0);

  /* x[x > 0.25] = 1.0: only the temporary mask. */
  pl_alloc_reset_peak ();
  tmp_mask = pl_array_empty_with_reason (1, n8m, PL_DTYPE_BOOL, PL_ALLOC_REASON_TEMPORARY, &error);
  for (gint64 i = 0; i < n8m[0]; i++)
    tmp_mask->data[i] = d[i] > 0.25;
  g_assert_true (pl_array_set_item (x, (PlIndex[]) { ARR (tmp_mask) }, 1, one_a, &error));
  pl_array_unref (tmp_mask);
  assert_bytes_near (pl_alloc_get_peak_bytes () - live0, 144010216 - 2 * 3512);
  assert_bytes_near (pl_alloc_get_live_bytes () - live0, 136009792 - 2 * 3512);

  /* idx = np.arange (0, 8_000_000, 4); w = x[idx]; x[idx] = 2.0 */
  idx = pl_array_arange (&zero, &(PlScalar) { .kind = PL_DTYPE_KIND_INT, .i = 8000000 },
                         &(PlScalar) { .kind = PL_DTYPE_KIND_INT, .i = 4 }, PL_DTYPE_NONE, &error);
  assert_bytes_near (pl_alloc_get_live_bytes () - live0, 152010136 - 2 * 3512);
  w = pl_array_get_item (x, (PlIndex[]) { ARR (idx) }, 1, &error);
  assert_bytes_near (pl_alloc_get_live_bytes () - live0, 168010480 - 2 * 3512);
  g_assert_cmpfloat (pl_array_get_flat (w, 5).f, ==, d[20]);
  pl_alloc_reset_peak ();
  g_assert_true (pl_array_set_item (x, (PlIndex[]) { ARR (idx) }, 1, two_a, &error));
  assert_bytes_near (pl_alloc_get_peak_bytes () - live0, 168010832 - 2 * 3512);
  assert_bytes_near (pl_alloc_get_live_bytes () - live0, 168010728 - 2 * 3512);
  g_assert_cmpfloat (d[4000], ==, 2.0);
  g_assert_no_error (error);

  pl_array_unref (w);
  pl_array_unref (idx);
  pl_array_unref (z);
  pl_array_unref (y);
  pl_array_unref (mask);
  pl_array_unref (x);
  g_assert_cmpint (pl_alloc_get_live_bytes (), ==, live0);
}

/* More NumPy 1.24.2 figures (tracemalloc, live and peak growth of one
 * statement, 8,000,000 float64 x, about half of the mask true):
 *   x[mask] = y (float64, n values)   live 32, peak 256
 *   x[mask] = y32 (float32)           live 0, peak 224
 *   x[idx] = vals (2,000,000)         live 0, peak 64
 *   x[i32] (int32 indices)            live 16000096, peak 16067632
 *   m2[mm] (2-d, its own 2-d mask)    live 31997648 (3,999,706 true)
 *   m2[mm] = 0                        live 0, peak 392 */
static void
test_set_figures (void)
{
  const gint64 n8m[] = { 8000000 }, s2k4k[] = { 2000, 4000 }, n4m[] = { 4000000 };
  const gint64 n2m[] = { 2000000 };
  gint64 live0 = pl_alloc_get_live_bytes ();
  g_autoptr(GError) error = NULL;
  PlArray *x, *mask, *y, *y32, *i32, *vals, *r, *m2, *mm;
  gint64 base;

  x = pl_array_random_uniform (1, n8m, NULL);
  mask = pl_array_empty (1, n8m, PL_DTYPE_BOOL, NULL);
  for (gint64 i = 0; i < n8m[0]; i++)
    mask->data[i] = (i % 2) == 0;
  y = pl_array_ones (1, n4m, PL_DTYPE_FLOAT64, NULL);
  y32 = pl_array_ones (1, n4m, PL_DTYPE_FLOAT32, NULL);
  i32 = pl_array_arange (&(PlScalar) { .kind = PL_DTYPE_KIND_INT, .i = 0 },
                         &(PlScalar) { .kind = PL_DTYPE_KIND_INT, .i = 8000000 },
                         &(PlScalar) { .kind = PL_DTYPE_KIND_INT, .i = 4 }, PL_DTYPE_INT32, NULL);
  vals = pl_array_full (1, n2m, &(PlScalar) { .kind = PL_DTYPE_KIND_FLOAT, .f = 3 }, PL_DTYPE_NONE, NULL);
  base = pl_alloc_get_live_bytes ();

  pl_alloc_reset_peak ();
  g_assert_true (pl_array_set_item (x, (PlIndex[]) { ARR (mask) }, 1, y, &error));
  assert_bytes_near (pl_alloc_get_peak_bytes () - base, 256);
  g_assert_true (pl_array_set_item (x, (PlIndex[]) { ARR (mask) }, 1, y32, &error));
  assert_bytes_near (pl_alloc_get_peak_bytes () - base, 224);
  g_assert_true (pl_array_set_item (x, (PlIndex[]) { ARR (i32) }, 1, vals, &error));
  assert_bytes_near (pl_alloc_get_peak_bytes () - base, 64);
  g_assert_cmpfloat (pl_array_get_flat (x, 0).f, ==, 3.0);
  g_assert_cmpfloat (pl_array_get_flat (x, 2).f, ==, 1.0);
  g_assert_cmpfloat (pl_array_get_flat (x, 1).f, !=, 1.0);

  r = pl_array_get_item (x, (PlIndex[]) { ARR (i32) }, 1, &error);
  assert_bytes_near (pl_alloc_get_live_bytes () - base, 16000096);
  assert_bytes_near (pl_alloc_get_peak_bytes () - base, 16067632);
  g_assert_cmpfloat (pl_array_get_flat (r, 1).f, ==, 3.0);
  pl_array_unref (r);

  m2 = pl_array_reshape (x, 2, s2k4k, NULL);
  mm = pl_array_reshape (mask, 2, s2k4k, NULL);
  base = pl_alloc_get_live_bytes ();
  pl_alloc_reset_peak ();
  r = pl_array_get_item (m2, (PlIndex[]) { ARR (mm) }, 1, &error);
  g_assert_cmpint (r->ndim, ==, 1);
  assert_bytes_near (pl_alloc_get_live_bytes () - base, 31997648 + (4000000 - 3999706) * 8);
  pl_array_unref (r);
  {
    g_autoptr(PlArray) zero = pl_array_new_scalar (&(PlScalar) { .kind = PL_DTYPE_KIND_INT },
                                                   PL_DTYPE_NONE);
    pl_alloc_reset_peak ();
    g_assert_true (pl_array_set_item (m2, (PlIndex[]) { ARR (mm) }, 1, zero, &error));
    assert_bytes_near (pl_alloc_get_peak_bytes () - base, 392);
    g_assert_cmpfloat (pl_array_get_flat (x, 4).f, ==, 0.0);
  }
  g_assert_no_error (error);

  pl_array_unref (mm);
  pl_array_unref (m2);
  pl_array_unref (vals);
  pl_array_unref (i32);
  pl_array_unref (y32);
  pl_array_unref (y);
  pl_array_unref (mask);
  pl_array_unref (x);
  g_assert_cmpint (pl_alloc_get_live_bytes (), ==, live0);
}

/* NumPy uses a boolean index as a mask only when it is the whole index and
 * has the array's ndim; otherwise it allocates nonzero () coordinate arrays
 * (8 bytes per true element and mask dimension) for the duration of the
 * indexing. NumPy 1.24.2, m2 = 2000 x 4000 float64, tracemalloc growth:
 *   m2[:, mk]   (2044 of 4000 true)       live 32704288, peak 32723032
 *   m2[mr]      (993 of 2000 true)        live 31776864, peak 31786432
 *   m2[mm]      (4000855 true)            live 32006936, peak 32007224
 *   m2[None, mm]                          live 32007032, peak 96023200
 *   m2[:, mk] = 0                         live 0, peak 18944 */
static void
test_nonzero_figures (void)
{
  const gint64 s2k4k[] = { 2000, 4000 }, n4k[] = { 4000 }, n2k[] = { 2000 };
  gint64 live0 = pl_alloc_get_live_bytes ();
  g_autoptr(GError) error = NULL;
  PlArray *m2, *mk, *mr, *mm, *r;
  gint64 nk = 0, nr = 0, nm = 0;

  m2 = pl_array_random_uniform (2, s2k4k, NULL);
  mk = pl_array_empty (1, n4k, PL_DTYPE_BOOL, NULL);
  mr = pl_array_empty (1, n2k, PL_DTYPE_BOOL, NULL);
  mm = pl_array_empty (2, s2k4k, PL_DTYPE_BOOL, NULL);
  for (gint i = 0; i < 4000; i++)
    nk += mk->data[i] = (i % 2000) < 1022;        /* 2044 true */
  for (gint i = 0; i < 2000; i++)
    nr += mr->data[i] = i < 993;
  for (gint64 i = 0; i < 8000000; i++)
    nm += mm->data[i] = (i % 2) == 0 || i < 855;  /* 4000428 true */
  g_assert_cmpint (nk, ==, 2044);
  g_assert_cmpint (nr, ==, 993);
  live0 = pl_alloc_get_live_bytes ();

  pl_alloc_reset_peak ();
  r = pl_array_get_item (m2, (PlIndex[]) { ALL (), ARR (mk) }, 2, &error);
  g_assert_cmpint (r->shape[0], ==, 2000);
  g_assert_cmpint (r->shape[1], ==, 2044);
  assert_bytes_near (pl_alloc_get_live_bytes () - live0, 32704288);
  assert_bytes_near (pl_alloc_get_peak_bytes () - live0, 32723032);
  g_assert_cmpfloat (pl_array_get_flat (r, 1022).f, ==, pl_array_get_flat (m2, 2000).f);
  pl_array_unref (r);

  pl_alloc_reset_peak ();
  r = pl_array_get_item (m2, (PlIndex[]) { ARR (mr) }, 1, &error);
  g_assert_cmpint (r->shape[0], ==, 993);
  assert_bytes_near (pl_alloc_get_live_bytes () - live0, 31776864);
  assert_bytes_near (pl_alloc_get_peak_bytes () - live0, 31786432);
  pl_array_unref (r);

  pl_alloc_reset_peak ();
  r = pl_array_get_item (m2, (PlIndex[]) { ARR (mm) }, 1, &error);
  assert_bytes_near (pl_alloc_get_peak_bytes () - live0, nm * 8);
  pl_array_unref (r);

  /* m2[None, mm]: NumPy's peak adds the two coordinate arrays. */
  pl_alloc_reset_peak ();
  r = pl_array_get_item (m2, (PlIndex[]) { NEW (), ARR (mm) }, 2, &error);
  g_assert_cmpint (r->ndim, ==, 2);
  g_assert_cmpint (r->shape[0], ==, 1);
  g_assert_cmpint (r->shape[1], ==, nm);
  assert_bytes_near (pl_alloc_get_live_bytes () - live0, nm * 8);
  assert_bytes_near (pl_alloc_get_peak_bytes () - live0, nm * 8 * 3);
  assert_bytes_near (96023200, 4000855 * 8 * 3);   /* NumPy: the same rule */
  g_assert_cmpfloat (pl_array_get_flat (r, 1000).f, ==, pl_array_get_flat (m2, 1146).f);
  pl_array_unref (r);

  {
    g_autoptr(PlArray) zero = pl_array_new_scalar (&(PlScalar) { .kind = PL_DTYPE_KIND_INT },
                                                   PL_DTYPE_NONE);
    pl_alloc_reset_peak ();
    g_assert_true (pl_array_set_item (m2, (PlIndex[]) { ALL (), ARR (mk) }, 2, zero, &error));
    assert_bytes_near (pl_alloc_get_peak_bytes () - live0, 18944);
    g_assert_cmpint (pl_alloc_get_live_bytes (), ==, live0);
    g_assert_cmpfloat (pl_array_get_flat (m2, 4000 + 1021).f, ==, 0.0);
    g_assert_cmpfloat (pl_array_get_flat (m2, 4000 + 1022).f, !=, 0.0);
  }
  g_assert_no_error (error);

  pl_array_unref (mm);
  pl_array_unref (mr);
  pl_array_unref (mk);
  pl_array_unref (m2);
}

static void
test_mask_events (void)
{
  const gint64 n[] = { 1000 };
  g_autofree PlAllocEvent *events = NULL;
  g_autoptr(PlArray) x = pl_array_ones (1, n, PL_DTYPE_FLOAT32, NULL);
  g_autoptr(PlArray) m = pl_array_ones (1, n, PL_DTYPE_BOOL, NULL);
  PlArray *r;
  gsize n_events;

  pl_alloc_start_recording ();
  r = pl_array_get_item (x, (PlIndex[]) { ARR (m) }, 1, NULL);
  pl_array_unref (r);
  events = pl_alloc_stop_recording (&n_events);
  /* One allocation of the counted size, for the MASK reason, and its free. */
  g_assert_cmpuint (n_events, ==, 2);
  g_assert_cmpint (events[0].bytes, ==, 4000);
  g_assert_cmpint (events[0].reason, ==, PL_ALLOC_REASON_MASK);
  g_assert_cmpint (events[1].bytes, ==, -4000);
}

typedef struct
{
  char   kind;       /* 'i' int, 's' slice, 'n' None, 'I' int array, 'B' bool array */
  gint64 i;
  gint64 start, stop, step;
  gint   ndim;
  gint64 shape[2];
  gint64 vals[20];
} AdvEntry;

typedef struct
{
  gint     n;
  AdvEntry entries[3];
  gint     ndim;
  gint64   shape[6];
  double   checksum;
} AdvCase;

static void
test_random_advanced (void)
{
  /* Generated by NumPy 1.24.2: x = np.arange (60.).reshape (3, 4, 5) indexed
   * with random mixes of ints, slices, None, integer and boolean arrays:
   * the result's shape and sum (r.ravel () * arange (size)). */
  const AdvCase advanced_cases[] = {
    { 3, { { 's', 0, 1, N, 2 }, { 'B', 0, 0, 0, 0, 1, { 4, 0 }, { 1, 1, 0, 0 } }, { 'B', 0, 0, 0, 0, 1, { 5, 0 }, { 1, 1, 0, 0, 0 } } }, 2, { 1, 2 }, 26.0 },
    { 1, { { 'B', 0, 0, 0, 0, 1, { 3, 0 }, { 1, 1, 0 } } }, 3, { 2, 4, 5 }, 20540.0 },
    { 1, { { 'I', 0, 0, 0, 0, 1, { 1, 0 }, { -1 } } }, 3, { 1, 4, 5 }, 10070.0 },
    { 2, { { 'B', 0, 0, 0, 0, 2, { 3, 4 }, { 0, 1, 0, 1, 1, 1, 1, 0, 0, 0, 1, 1 } }, { 'i', -2 } }, 1, { 7 }, 893.0 },
    { 1, { { 'I', 0, 0, 0, 0, 1, { 2, 0 }, { -2, 0 } } }, 3, { 2, 4, 5 }, 12540.0 },
    { 1, { { 'I', 0, 0, 0, 0, 1, { 1, 0 }, { 1 } } }, 3, { 1, 4, 5 }, 6270.0 },
    { 3, { { 'I', 0, 0, 0, 0, 1, { 3, 0 }, { -2, 0, -1 } }, { 'i', 2 }, { 'i', -3 } }, 1, { 3 }, 116.0 },
    { 2, { { 'i', -1 }, { 'B', 0, 0, 0, 0, 1, { 4, 0 }, { 0, 1, 0, 0 } } }, 2, { 1, 5 }, 480.0 },
    { 3, { { 'I', 0, 0, 0, 0, 1, { 1, 0 }, { -1 } }, { 's', 0, 1, N, -1 }, { 'I', 0, 0, 0, 0, 1, { 2, 0 }, { 2, -3 } } }, 2, { 2, 2 }, 262.0 },
    { 2, { { 'i', -2 }, { 'I', 0, 0, 0, 0, 1, { 1, 0 }, { -1 } } }, 2, { 1, 5 }, 380.0 },
    { 2, { { 'I', 0, 0, 0, 0, 1, { 1, 0 }, { -1 } }, { 's', 0, -2, N, 2 } }, 3, { 1, 1, 5 }, 530.0 },
    { 1, { { 'I', 0, 0, 0, 0, 2, { 1, 3 }, { 2, -1, 0 } } }, 4, { 1, 3, 4, 5 }, 50010.0 },
    { 1, { { 'I', 0, 0, 0, 0, 1, { 3, 0 }, { 1, 0, -3 } } }, 3, { 3, 4, 5 }, 22610.0 },
    { 1, { { 'I', 0, 0, 0, 0, 1, { 2, 0 }, { 0, 2 } } }, 3, { 2, 4, 5 }, 32340.0 },
    { 1, { { 'B', 0, 0, 0, 0, 1, { 3, 0 }, { 1, 1, 1 } } }, 3, { 3, 4, 5 }, 70210.0 },
    { 2, { { 'I', 0, 0, 0, 0, 1, { 2, 0 }, { -1, -1 } }, { 'n' } }, 4, { 2, 1, 4, 5 }, 39940.0 },
    { 1, { { 'I', 0, 0, 0, 0, 1, { 2, 0 }, { -2, -3 } } }, 3, { 2, 4, 5 }, 12540.0 },
    { 3, { { 'I', 0, 0, 0, 0, 1, { 2, 0 }, { 1, 2 } }, { 'I', 0, 0, 0, 0, 1, { 2, 0 }, { 0, 1 } }, { 'I', 0, 0, 0, 0, 2, { 1, 2 }, { 3, -1 } } }, 2, { 1, 2 }, 49.0 },
    { 2, { { 'I', 0, 0, 0, 0, 1, { 2, 0 }, { 1, 2 } }, { 'I', 0, 0, 0, 0, 1, { 2, 0 }, { 0, 1 } } }, 2, { 2, 5 }, 1885.0 },
    { 2, { { 'B', 0, 0, 0, 0, 1, { 3, 0 }, { 1, 0, 0 } }, { 'B', 0, 0, 0, 0, 2, { 4, 5 }, { 1, 0, 0, 1, 0, 1, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0 } } }, 1, { 5 }, 85.0 },
    { 1, { { 'B', 0, 0, 0, 0, 1, { 3, 0 }, { 1, 0, 0 } } }, 3, { 1, 4, 5 }, 2470.0 },
    { 2, { { 's', 0, N, N, 2 }, { 'I', 0, 0, 0, 0, 1, { 1, 0 }, { 2 } } }, 3, { 2, 1, 5 }, 1960.0 },
    { 2, { { 'I', 0, 0, 0, 0, 2, { 2, 3 }, { -3, -2, -2, 1, 0, 1 } }, { 'I', 0, 0, 0, 0, 1, { 3, 0 }, { -2, -4, 3 } } }, 3, { 2, 3, 5 }, 11105.0 },
    { 1, { { 'I', 0, 0, 0, 0, 1, { 2, 0 }, { -1, 0 } } }, 3, { 2, 4, 5 }, 16340.0 },
    { 2, { { 'I', 0, 0, 0, 0, 2, { 1, 1 }, { 2 } }, { 'B', 0, 0, 0, 0, 2, { 4, 5 }, { 0, 1, 1, 0, 0, 0, 0, 0, 1, 0, 1, 1, 1, 0, 0, 0, 0, 1, 0, 0 } } }, 2, { 1, 7 }, 1094.0 },
    { 2, { { 'B', 0, 0, 0, 0, 1, { 3, 0 }, { 0, 0, 0 } }, { 'B', 0, 0, 0, 0, 1, { 4, 0 }, { 0, 0, 0, 1 } } }, 2, { 0, 5 }, 0.0 },
    { 3, { { 's', 0, N, N, 2 }, { 'I', 0, 0, 0, 0, 1, { 2, 0 }, { 1, 0 } }, { 'B', 0, 0, 0, 0, 1, { 5, 0 }, { 0, 0, 1, 0, 1 } } }, 2, { 2, 2 }, 230.0 },
    { 3, { { 'I', 0, 0, 0, 0, 1, { 2, 0 }, { -2, -2 } }, { 'I', 0, 0, 0, 0, 2, { 2, 1 }, { -2, -3 } }, { 's', 0, -2, N, N } }, 3, { 2, 2, 2 }, 830.0 },
    { 2, { { 'i', 1 }, { 'B', 0, 0, 0, 0, 1, { 4, 0 }, { 1, 1, 1, 1 } } }, 2, { 4, 5 }, 6270.0 },
    { 2, { { 'I', 0, 0, 0, 0, 2, { 2, 2 }, { 0, -2, 0, -1 } }, { 'n' } }, 5, { 2, 2, 1, 4, 5 }, 100080.0 },
    { 1, { { 'I', 0, 0, 0, 0, 1, { 1, 0 }, { -1 } } }, 3, { 1, 4, 5 }, 10070.0 },
    { 1, { { 'I', 0, 0, 0, 0, 1, { 1, 0 }, { 0 } } }, 3, { 1, 4, 5 }, 2470.0 },
    { 2, { { 's', 0, -2, N, -1 }, { 'I', 0, 0, 0, 0, 2, { 1, 1 }, { -2 } } }, 4, { 2, 1, 1, 5 }, 760.0 },
    { 2, { { 's', 0, -2, N, -1 }, { 'I', 0, 0, 0, 0, 2, { 1, 2 }, { 1, 1 } } }, 4, { 2, 1, 2, 5 }, 2270.0 },
    { 3, { { 'I', 0, 0, 0, 0, 2, { 1, 1 }, { -3 } }, { 's', 0, 1, N, 2 }, { 'B', 0, 0, 0, 0, 1, { 5, 0 }, { 1, 1, 1, 1, 1 } } }, 3, { 1, 5, 2 }, 605.0 },
    { 3, { { 'I', 0, 0, 0, 0, 1, { 2, 0 }, { 0, 1 } }, { 'I', 0, 0, 0, 0, 2, { 2, 2 }, { 3, 2, -1, 0 } }, { 'n' } }, 4, { 2, 2, 1, 5 }, 4220.0 },
    { 2, { { 'I', 0, 0, 0, 0, 2, { 2, 2 }, { -2, -2, 0, 2 } }, { 'I', 0, 0, 0, 0, 1, { 2, 0 }, { -2, 2 } } }, 3, { 2, 2, 5 }, 6620.0 },
    { 3, { { 'I', 0, 0, 0, 0, 1, { 1, 0 }, { 2 } }, { 's', 0, N, N, N }, { 'I', 0, 0, 0, 0, 1, { 2, 0 }, { 1, -4 } } }, 2, { 2, 4 }, 1408.0 },
    { 2, { { 'I', 0, 0, 0, 0, 1, { 1, 0 }, { -3 } }, { 's', 0, -2, N, N } }, 3, { 1, 2, 5 }, 735.0 },
    { 3, { { 'B', 0, 0, 0, 0, 1, { 3, 0 }, { 1, 1, 1 } }, { 'I', 0, 0, 0, 0, 1, { 1, 0 }, { -2 } }, { 'I', 0, 0, 0, 0, 1, { 1, 0 }, { -4 } } }, 1, { 3 }, 133.0 },
    { 3, { { 's', 0, -2, N, N }, { 'I', 0, 0, 0, 0, 2, { 1, 2 }, { -4, -3 } }, { 'I', 0, 0, 0, 0, 2, { 1, 1 }, { 1 } } }, 3, { 2, 1, 2 }, 246.0 },
    { 2, { { 's', 0, -2, N, -1 }, { 'B', 0, 0, 0, 0, 2, { 4, 5 }, { 0, 0, 1, 0, 0, 1, 0, 1, 0, 1, 1, 0, 0, 1, 0, 0, 0, 1, 0, 1 } } }, 2, { 2, 8 }, 1988.0 },
    { 2, { { 'i', 2 }, { 'I', 0, 0, 0, 0, 1, { 3, 0 }, { -1, 0, -3 } } }, 2, { 3, 5 }, 4890.0 },
    { 3, { { 's', 0, 1, N, 2 }, { 'B', 0, 0, 0, 0, 1, { 4, 0 }, { 0, 0, 1, 0 } }, { 'B', 0, 0, 0, 0, 1, { 5, 0 }, { 0, 0, 1, 0, 1 } } }, 2, { 1, 2 }, 34.0 },
    { 2, { { 'I', 0, 0, 0, 0, 1, { 1, 0 }, { 2 } }, { 'i', 1 } }, 2, { 1, 5 }, 480.0 },
    { 1, { { 'I', 0, 0, 0, 0, 1, { 1, 0 }, { -3 } } }, 3, { 1, 4, 5 }, 2470.0 },
    { 3, { { 'i', 2 }, { 's', 0, N, N, -1 }, { 'I', 0, 0, 0, 0, 1, { 3, 0 }, { -4, -4, 2 } } }, 2, { 3, 4 }, 3164.0 },
    { 2, { { 'I', 0, 0, 0, 0, 1, { 1, 0 }, { 2 } }, { 'B', 0, 0, 0, 0, 1, { 4, 0 }, { 1, 1, 0, 1 } } }, 2, { 3, 5 }, 5515.0 },
    { 2, { { 'I', 0, 0, 0, 0, 1, { 1, 0 }, { 0 } }, { 'n' } }, 4, { 1, 1, 4, 5 }, 2470.0 },
    { 3, { { 'B', 0, 0, 0, 0, 2, { 3, 4 }, { 0, 0, 0, 0, 1, 0, 1, 0, 0, 1, 1, 1 } }, { 'n' }, { 'i', -3 } }, 2, { 5, 1 }, 510.0 },
    { 1, { { 'I', 0, 0, 0, 0, 1, { 2, 0 }, { -2, -1 } } }, 3, { 2, 4, 5 }, 36140.0 },
    { 3, { { 's', 0, 1, N, N }, { 's', 0, 1, N, -1 }, { 'B', 0, 0, 0, 0, 1, { 5, 0 }, { 1, 1, 0, 1, 1 } } }, 3, { 2, 2, 4 }, 4728.0 },
    { 3, { { 'i', 0 }, { 'n' }, { 'B', 0, 0, 0, 0, 2, { 4, 5 }, { 0, 0, 0, 0, 0, 1, 0, 0, 1, 1, 0, 1, 0, 1, 1, 1, 0, 0, 0, 0 } } }, 2, { 7, 1 }, 271.0 },
    { 1, { { 'I', 0, 0, 0, 0, 2, { 2, 3 }, { -1, 2, -1, -2, 0, -1 } } }, 4, { 2, 3, 4, 5 }, 258020.0 },
    { 1, { { 'I', 0, 0, 0, 0, 1, { 3, 0 }, { -1, -3, 0 } } }, 3, { 3, 4, 5 }, 26410.0 },
    { 3, { { 'n' }, { 'i', 1 }, { 'B', 0, 0, 0, 0, 1, { 4, 0 }, { 1, 0, 1, 1 } } }, 3, { 1, 3, 5 }, 3590.0 },
    { 1, { { 'I', 0, 0, 0, 0, 2, { 1, 2 }, { 0, -3 } } }, 4, { 1, 2, 4, 5 }, 8740.0 },
    { 2, { { 'I', 0, 0, 0, 0, 1, { 1, 0 }, { -2 } }, { 'I', 0, 0, 0, 0, 2, { 2, 1 }, { -1, -3 } } }, 3, { 2, 1, 5 }, 1335.0 },
    { 2, { { 'n' }, { 'I', 0, 0, 0, 0, 1, { 3, 0 }, { 2, -2, 2 } } }, 4, { 1, 3, 4, 5 }, 77810.0 },
    { 1, { { 'B', 0, 0, 0, 0, 2, { 3, 4 }, { 1, 1, 0, 1, 0, 0, 0, 0, 0, 1, 0, 1 } } }, 2, { 5, 5 }, 11600.0 },
    { 2, { { 'B', 0, 0, 0, 0, 1, { 3, 0 }, { 1, 1, 0 } }, { 'I', 0, 0, 0, 0, 1, { 2, 0 }, { 3, -3 } } }, 2, { 2, 5 }, 1135.0 },
    { 2, { { 'B', 0, 0, 0, 0, 2, { 3, 4 }, { 1, 0, 0, 0, 0, 1, 0, 1, 1, 1, 1, 1 } }, { 'i', -4 } }, 1, { 7 }, 996.0 },
    { 2, { { 's', 0, N, N, -1 }, { 'B', 0, 0, 0, 0, 1, { 4, 0 }, { 1, 0, 0, 0 } } }, 3, { 3, 1, 5 }, 1340.0 },
    { 2, { { 'B', 0, 0, 0, 0, 1, { 3, 0 }, { 0, 0, 0 } }, { 'i', 1 } }, 2, { 0, 5 }, 0.0 },
    { 2, { { 'I', 0, 0, 0, 0, 2, { 1, 2 }, { 2, -2 } }, { 'I', 0, 0, 0, 0, 1, { 1, 0 }, { -4 } } }, 3, { 1, 2, 5 }, 1210.0 },
    { 2, { { 's', 0, N, N, 2 }, { 'I', 0, 0, 0, 0, 2, { 1, 1 }, { -3 } } }, 4, { 2, 1, 1, 5 }, 1735.0 },
    { 1, { { 'B', 0, 0, 0, 0, 1, { 3, 0 }, { 0, 0, 0 } } }, 3, { 0, 4, 5 }, 0.0 },
    { 2, { { 'B', 0, 0, 0, 0, 1, { 3, 0 }, { 1, 1, 1 } }, { 'n' } }, 4, { 3, 1, 4, 5 }, 70210.0 },
    { 2, { { 'i', 2 }, { 'B', 0, 0, 0, 0, 1, { 4, 0 }, { 1, 0, 1, 1 } } }, 2, { 3, 5 }, 5690.0 },
    { 2, { { 'I', 0, 0, 0, 0, 1, { 1, 0 }, { 0 } }, { 'I', 0, 0, 0, 0, 1, { 1, 0 }, { -4 } } }, 2, { 1, 5 }, 30.0 },
    { 3, { { 'I', 0, 0, 0, 0, 1, { 2, 0 }, { -1, -2 } }, { 'B', 0, 0, 0, 0, 1, { 4, 0 }, { 0, 1, 1, 0 } }, { 'B', 0, 0, 0, 0, 1, { 5, 0 }, { 0, 1, 1, 0, 0 } } }, 1, { 2 }, 32.0 },
    { 1, { { 'I', 0, 0, 0, 0, 1, { 2, 0 }, { -2, -2 } } }, 3, { 2, 4, 5 }, 24340.0 },
    { 1, { { 'I', 0, 0, 0, 0, 1, { 1, 0 }, { -1 } } }, 3, { 1, 4, 5 }, 10070.0 },
    { 2, { { 'I', 0, 0, 0, 0, 2, { 1, 1 }, { 0 } }, { 'I', 0, 0, 0, 0, 1, { 3, 0 }, { -2, 2, -4 } } }, 3, { 1, 3, 5 }, 690.0 },
    { 2, { { 'I', 0, 0, 0, 0, 2, { 2, 3 }, { 0, 1, 0, 1, 2, 2 } }, { 's', 0, -2, N, 2 } }, 4, { 2, 3, 1, 5 }, 17480.0 },
    { 3, { { 'I', 0, 0, 0, 0, 2, { 1, 2 }, { -1, 1 } }, { 'i', -1 }, { 's', 0, N, N, N } }, 3, { 1, 2, 5 }, 1885.0 },
    { 1, { { 'I', 0, 0, 0, 0, 2, { 2, 2 }, { -3, -1, 2, -2 } } }, 4, { 2, 2, 4, 5 }, 123680.0 },
    { 2, { { 'B', 0, 0, 0, 0, 2, { 3, 4 }, { 0, 1, 1, 1, 1, 0, 0, 0, 0, 0, 1, 0 } }, { 's', 0, -2, N, 2 } }, 2, { 5, 1 }, 330.0 },
    { 3, { { 'I', 0, 0, 0, 0, 1, { 3, 0 }, { -3, -3, -2 } }, { 's', 0, -2, N, -1 }, { 's', 0, N, N, 2 } }, 3, { 3, 3, 3 }, 6183.0 },
    { 2, { { 's', 0, -2, N, 2 }, { 'B', 0, 0, 0, 0, 1, { 4, 0 }, { 1, 1, 1, 1 } } }, 3, { 1, 4, 5 }, 6270.0 },
    { 3, { { 's', 0, 1, N, N }, { 'B', 0, 0, 0, 0, 1, { 4, 0 }, { 1, 0, 1, 0 } }, { 'I', 0, 0, 0, 0, 1, { 1, 0 }, { -4 } } }, 2, { 2, 2 }, 266.0 },
    { 1, { { 'B', 0, 0, 0, 0, 2, { 3, 4 }, { 0, 0, 1, 1, 0, 0, 1, 1, 0, 1, 0, 1 } } }, 2, { 6, 5 }, 18705.0 },
    { 2, { { 's', 0, 1, N, 2 }, { 'I', 0, 0, 0, 0, 1, { 2, 0 }, { 2, 0 } } }, 3, { 1, 2, 5 }, 1110.0 },
    { 1, { { 'I', 0, 0, 0, 0, 1, { 1, 0 }, { 0 } } }, 3, { 1, 4, 5 }, 2470.0 },
    { 3, { { 's', 0, N, N, 2 }, { 'I', 0, 0, 0, 0, 1, { 1, 0 }, { -4 } }, { 'i', -3 } }, 2, { 2, 1 }, 42.0 },
    { 2, { { 'i', 2 }, { 'B', 0, 0, 0, 0, 1, { 4, 0 }, { 1, 1, 0, 0 } } }, 2, { 2, 5 }, 2085.0 },
    { 3, { { 'n' }, { 'i', 1 }, { 'B', 0, 0, 0, 0, 2, { 4, 5 }, { 0, 1, 1, 0, 0, 1, 1, 1, 0, 1, 1, 0, 1, 0, 1, 0, 0, 1, 1, 1 } } }, 2, { 1, 12 }, 2221.0 },
    { 2, { { 'B', 0, 0, 0, 0, 2, { 3, 4 }, { 1, 1, 0, 0, 1, 1, 0, 0, 1, 1, 1, 1 } }, { 'I', 0, 0, 0, 0, 2, { 2, 1 }, { -4, 2 } } }, 2, { 2, 8 }, 4512.0 },
    { 2, { { 'I', 0, 0, 0, 0, 1, { 2, 0 }, { 0, -2 } }, { 's', 0, 1, N, 2 } }, 3, { 2, 2, 5 }, 5470.0 },
    { 3, { { 'I', 0, 0, 0, 0, 1, { 3, 0 }, { -3, -1, 0 } }, { 's', 0, N, N, 2 }, { 'n' } }, 4, { 3, 2, 1, 5 }, 9280.0 },
    { 1, { { 'B', 0, 0, 0, 0, 2, { 3, 4 }, { 1, 1, 0, 0, 1, 1, 0, 1, 0, 0, 1, 1 } } }, 2, { 7, 5 }, 24160.0 },
    { 2, { { 'I', 0, 0, 0, 0, 1, { 3, 0 }, { -3, -3, -2 } }, { 'i', 3 } }, 2, { 3, 5 }, 3015.0 },
    { 1, { { 'B', 0, 0, 0, 0, 1, { 3, 0 }, { 0, 1, 1 } } }, 3, { 2, 4, 5 }, 36140.0 },
    { 3, { { 'B', 0, 0, 0, 0, 1, { 3, 0 }, { 0, 0, 0 } }, { 'I', 0, 0, 0, 0, 2, { 1, 1 }, { -4 } }, { 'n' } }, 4, { 1, 0, 1, 5 }, 0.0 },
    { 3, { { 'n' }, { 'B', 0, 0, 0, 0, 1, { 3, 0 }, { 0, 1, 0 } }, { 'B', 0, 0, 0, 0, 2, { 4, 5 }, { 0, 0, 0, 1, 1, 0, 0, 1, 1, 1, 0, 0, 0, 1, 1, 0, 0, 0, 0, 1 } } }, 2, { 1, 8 }, 920.0 },
    { 1, { { 'B', 0, 0, 0, 0, 2, { 3, 4 }, { 1, 1, 0, 0, 0, 1, 1, 0, 0, 1, 1, 0 } } }, 2, { 6, 5 }, 16855.0 },
    { 1, { { 'B', 0, 0, 0, 0, 2, { 3, 4 }, { 1, 1, 1, 1, 1, 0, 0, 0, 1, 0, 0, 0 } } }, 2, { 6, 5 }, 10580.0 },
    { 1, { { 'I', 0, 0, 0, 0, 2, { 2, 2 }, { 1, 0, -2, 0 } } }, 4, { 2, 2, 4, 5 }, 56280.0 },
    { 2, { { 'i', -2 }, { 'B', 0, 0, 0, 0, 2, { 4, 5 }, { 1, 1, 0, 0, 1, 1, 0, 1, 0, 1, 1, 0, 0, 0, 1, 1, 0, 1, 0, 1 } } }, 1, { 11 }, 1818.0 },
    { 1, { { 'I', 0, 0, 0, 0, 1, { 2, 0 }, { -2, -2 } } }, 3, { 2, 4, 5 }, 24340.0 },
  };

  g_autoptr(PlArray) flat = pl_array_arange (&(PlScalar) { .kind = PL_DTYPE_KIND_FLOAT, .f = 60 },
                                             NULL, NULL, PL_DTYPE_NONE, NULL);
  const gint64 s345[] = { 3, 4, 5 };
  g_autoptr(PlArray) x = pl_array_reshape (flat, 3, s345, NULL);
  gint64 live0 = pl_alloc_get_live_bytes ();

  for (gsize c = 0; c < G_N_ELEMENTS (advanced_cases); c++)
    {
      const AdvCase *ac = &advanced_cases[c];
      PlIndex index[3];
      PlArray *owned[3] = { NULL, NULL, NULL };
      g_autoptr(GError) error = NULL;
      PlArray *r;
      double checksum = 0;

      for (gint k = 0; k < ac->n; k++)
        {
          const AdvEntry *e = &ac->entries[k];
          switch (e->kind)
            {
            case 'i': index[k] = I (e->i); break;
            case 's': index[k] = S (e->start, e->stop, e->step); break;
            case 'n': index[k] = NEW (); break;
            case 'I':
              owned[k] = ints (e->ndim, e->shape, e->vals);
              index[k] = ARR (owned[k]);
              break;
            case 'B':
              {
                char bits[21] = { 0 };
                gint64 size = e->ndim == 1 ? e->shape[0] : e->shape[0] * e->shape[1];
                for (gint64 j = 0; j < size; j++)
                  bits[j] = e->vals[j] ? '1' : '0';
                owned[k] = bools (e->ndim, e->shape, bits);
                index[k] = ARR (owned[k]);
              }
              break;
            default:
              g_assert_not_reached ();
            }
        }

      r = pl_array_get_item (x, index, (guint) ac->n, &error);
      g_assert_no_error (error);
      g_assert_cmpint (r->ndim, ==, ac->ndim);
      for (gint i = 0; i < r->ndim; i++)
        g_assert_cmpint (r->shape[i], ==, ac->shape[i]);
      for (gint64 i = 0; i < pl_array_get_size (r); i++)
        checksum += pl_array_get_flat (r, i).f * (double) i;
      g_assert_cmpfloat (checksum, ==, ac->checksum);
      pl_array_unref (r);

      /* Writing through the same index reaches exactly those elements: set
       * them to -1 in a copy and count. */
      {
        g_autoptr(PlArray) y = pl_array_copy (x, NULL);
        g_autoptr(PlArray) m1 = pl_array_new_scalar (&(PlScalar) { .kind = PL_DTYPE_KIND_INT, .i = -1 },
                                                     PL_DTYPE_NONE);
        g_autoptr(PlArray) got = NULL;
        g_assert_true (pl_array_set_item (y, index, (guint) ac->n, m1, &error));
        g_assert_no_error (error);
        got = pl_array_get_item (y, index, (guint) ac->n, &error);
        for (gint64 i = 0; i < pl_array_get_size (got); i++)
          g_assert_cmpfloat (pl_array_get_flat (got, i).f, ==, -1.0);
      }

      for (gint k = 0; k < 3; k++)
        g_clear_pointer (&owned[k], pl_array_unref);
    }
  g_assert_cmpint (pl_alloc_get_live_bytes (), ==, live0);
}

/* Regression (conformance sweep c102): integer index arrays that are not
 * intp cost NumPy a cast buffer of min (size, 8192) intp while indexing,
 * for get and set; intp indices, strided too, cost nothing. NumPy 1.24
 * (peak above the result): x[i16] with 30000 indices 67632, x[i16] = 1.0
 * 68016, x[u32[:10]] 2272, x[i64] 96. The ~2 KB are NumPy's iterator. */
static void
test_index_cast_buffers (void)
{
  const gint64 n = 100000;
  g_autoptr(PlArray) x = pl_array_zeros (1, &n, PL_DTYPE_FLOAT64, NULL);
  g_autoptr(PlArray) base = pl_array_arange (&(PlScalar) { .kind = PL_DTYPE_KIND_INT, .i = 30000 }, NULL, NULL,
                                             PL_DTYPE_NONE, NULL);
  g_autoptr(PlArray) i16 = pl_array_astype (base, PL_DTYPE_INT16, TRUE, NULL);
  g_autoptr(PlArray) u32 = pl_array_astype (base, PL_DTYPE_UINT32, TRUE, NULL);
  g_autoptr(PlArray) one = pl_array_new_scalar (&(PlScalar) { .kind = PL_DTYPE_KIND_FLOAT, .f = 1.0 },
                                                PL_DTYPE_FLOAT64);
  PlIndex idx = { .kind = PL_INDEX_ARRAY };
  const PlIndex first10 = { .kind = PL_INDEX_SLICE, .has_stop = TRUE, .stop = 10 };
  g_autoptr(PlArray) u10 = pl_array_get_item (u32, &first10, 1, NULL);
  gint64 live0 = pl_alloc_get_live_bytes ();
  PlArray *r;

  idx.array = i16;
  pl_alloc_reset_peak ();
  r = pl_array_get_item (x, &idx, 1, NULL);
  g_assert_cmpint (pl_alloc_get_live_bytes () - live0, ==, 240000);
  g_assert_cmpint (pl_alloc_get_peak_bytes () - live0, ==, 240000 + 65536);
  pl_array_unref (r);

  pl_alloc_reset_peak ();
  g_assert_true (pl_array_set_item (x, &idx, 1, one, NULL));
  g_assert_cmpint (pl_alloc_get_peak_bytes () - live0, ==, 65536);
  g_assert_cmpint (pl_alloc_get_live_bytes (), ==, live0);

  idx.array = u10;
  pl_alloc_reset_peak ();
  r = pl_array_get_item (x, &idx, 1, NULL);
  g_assert_cmpint (pl_alloc_get_peak_bytes () - live0, ==, 80 + 80);
  pl_array_unref (r);

  /* intp: no buffer. */
  idx.array = base;
  pl_alloc_reset_peak ();
  r = pl_array_get_item (x, &idx, 1, NULL);
  g_assert_cmpint (pl_alloc_get_peak_bytes () - live0, ==, 240000);
  pl_array_unref (r);
  g_assert_cmpint (pl_alloc_get_live_bytes (), ==, live0);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/engine/index/basic-views", test_basic_views);
  g_test_add_func ("/engine/index/random-basic", test_random_basic);
  g_test_add_func ("/engine/index/basic-errors", test_basic_errors);
  g_test_add_func ("/engine/index/advanced-get", test_advanced_get);
  g_test_add_func ("/engine/index/advanced-errors", test_advanced_errors);
  g_test_add_func ("/engine/index/strided-and-2d", test_strided_and_2d);
  g_test_add_func ("/engine/index/overlapping-set", test_overlapping_set);
  g_test_add_func ("/engine/index/several-arrays", test_several_arrays);
  g_test_add_func ("/engine/index/random-advanced", test_random_advanced);
  g_test_add_func ("/engine/index/zero-d-index", test_zero_d_index);
  g_test_add_func ("/engine/index/set-item", test_set_item);
  g_test_add_func ("/engine/index/mask-figures", test_mask_figures);
  g_test_add_func ("/engine/index/set-figures", test_set_figures);
  g_test_add_func ("/engine/index/nonzero-figures", test_nonzero_figures);
  g_test_add_func ("/engine/index/mask-events", test_mask_events);
  g_test_add_func ("/engine/index/cast-buffers", test_index_cast_buffers);

  return g_test_run ();
}
