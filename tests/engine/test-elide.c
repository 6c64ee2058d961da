/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "engine/pl-array.h"

/* Memory figures of operators and temporaries, line by line, against NumPy.
 * The expected numbers come from tests/engine/ref/temporaries.py run under
 * NumPy 1.24.2 with /work/shared/tools/numpy_ref.py (tracemalloc): for each
 * line, the highest live bytes while it ran ("peak") and the live bytes when
 * it finished ("live"), relative to the function's start. Tolerance: max
 * (64 KiB, 1 %), the project's rule.
 *
 * The C code does what the interpreter does: a named variable holds one
 * reference, a partial() argument one more, an operand being evaluated one
 * more (CPython's value stack), and a temporary is referenced only by the
 * expression evaluating it (ref_count 1), which is what allows elision. */

static gint64 fn_base;
static gboolean elision_off;

static void
assert_bytes_near (const char *what,
                   gint64      actual,
                   gint64      expected)
{
  gint64 tolerance = MAX (64 * 1024, ABS (expected) / 100);

  if (ABS (actual - expected) > tolerance)
    g_error ("%s: %" G_GINT64_FORMAT " bytes is not within %" G_GINT64_FORMAT
             " of %" G_GINT64_FORMAT, what, actual, tolerance, expected);
}

static void
fn_begin (void)
{
  fn_base = pl_alloc_get_live_bytes ();
  pl_alloc_reset_peak ();
}

static void
line_begin (void)
{
  pl_alloc_reset_peak ();
}

static void
line_end (const char *what,
          gint64      peak,
          gint64      live)
{
  g_autofree char *p = g_strdup_printf ("%s (peak)", what);
  g_autofree char *l = g_strdup_printf ("%s (live)", what);

  assert_bytes_near (p, pl_alloc_get_peak_bytes () - fn_base, peak);
  assert_bytes_near (l, pl_alloc_get_live_bytes () - fn_base, live);
}

static PlArray *
ones (gint64 n)
{
  g_autoptr(GError) error = NULL;
  PlArray *a = pl_array_ones (1, &n, PL_DTYPE_FLOAT64, &error);

  g_assert_no_error (error);
  return a;
}

static PlArray *
rand1 (gint64 n)
{
  g_autoptr(GError) error = NULL;
  PlArray *a = pl_array_random_uniform (1, &n, &error);

  g_assert_no_error (error);
  return a;
}

static PlArray *
num (double v)
{
  PlScalar s = pl_scalar_from_double (v);

  return pl_array_new_scalar (&s, PL_DTYPE_NONE);
}

static PlArray *
inum (gint64 v)
{
  PlScalar s = pl_scalar_from_int (v);

  return pl_array_new_scalar (&s, PL_DTYPE_NONE);
}

/* Evaluates `a op b` as the interpreter does: the operands' stack
 * references are passed in (consumed), the result is returned. */
static PlArray *
bin (PlBinaryOp op,
     PlArray   *a,
     PlArray   *b)
{
  g_autoptr(GError) error = NULL;
  PlArray *r = pl_array_binary (op, a, b, &error);

  g_assert_no_error (error);
  g_assert_nonnull (r);
  pl_array_unref (a);
  pl_array_unref (b);
  return r;
}

static PlArray *
un (PlUnaryOp op,
    PlArray  *a)
{
  g_autoptr(GError) error = NULL;
  PlArray *r = pl_array_unary (op, a, &error);

  g_assert_no_error (error);
  pl_array_unref (a);
  return r;
}

/* A named variable read onto the stack. */
#define LOAD(x) pl_array_ref (x)
/* name = value: the old value loses the name's reference. */
#define STORE(name, value) G_STMT_START { PlArray *v_ = (value); pl_array_unref (name); name = v_; } G_STMT_END

/* --- tutorial section 4 -------------------------------------------------- */

static void
run_s4_fun1_fun2 (void)
{
  PlArray *arg = ones (8000000);
  PlArray *x;
  g_autoptr(GError) error = NULL;

  /* def fun1(x): x = x * 2 */
  fn_begin ();
  x = pl_array_ref (arg);
  line_begin ();
  STORE (x, bin (PL_BINOP_MULTIPLY, LOAD (x), inum (2)));
  /* Nothing to elide (x is named), with elision on or off. */
  line_end ("x = x * 2", 64002118, 64002014);
  pl_array_unref (x);
  assert_bytes_near ("fun1 final", pl_alloc_get_live_bytes () - fn_base, 1670);

  /* def fun2(x): x *= 2 */
  fn_begin ();
  x = pl_array_ref (arg);
  line_begin ();
  {
    PlArray *two = inum (2);

    g_assert_true (pl_array_inplace (PL_BINOP_MULTIPLY, x, two, &error));
    g_assert_no_error (error);
    pl_array_unref (two);
  }
  line_end ("x *= 2", 1376, 1168);
  pl_array_unref (x);
  g_assert_cmpfloat (pl_array_get_flat (arg, 7).f, ==, 2.0);
  pl_array_unref (arg);
}

static void
run_s4_chain (void)
{
  PlArray *arg = ones (8000000);
  PlArray *x;

  /* def fun1(x): x = x * 2 * 3 * 4 + 1
   * NumPy: x * 2 makes one 64 MB temporary and the rest of the chain is
   * computed in it (elided). Without elision each step allocates a new
   * 64 MB array while the previous temporary is still alive: 128 MB. */
  fn_begin ();
  x = pl_array_ref (arg);
  line_begin ();
  {
    PlArray *t = bin (PL_BINOP_MULTIPLY, LOAD (x), inum (2));
    t = bin (PL_BINOP_MULTIPLY, t, inum (3));
    t = bin (PL_BINOP_MULTIPLY, t, inum (4));
    t = bin (PL_BINOP_ADD, t, inum (1));
    STORE (x, t);
  }
  if (!elision_off)
    line_end ("x = x * 2 * 3 * 4 + 1", 64001490, 64001282);
  else
    line_end ("x = x * 2 * 3 * 4 + 1 (no elision)", 128000000, 64000000);
  g_assert_cmpfloat (pl_array_get_flat (x, 5).f, ==, 25.0);
  pl_array_unref (x);

  /* def fun2(x): x = x * (2 * 3 * 4 + 1) */
  fn_begin ();
  x = pl_array_ref (arg);
  line_begin ();
  STORE (x, bin (PL_BINOP_MULTIPLY, LOAD (x), inum (25)));
  line_end ("x = x * (2 * 3 * 4 + 1)", 64001448, 64001344);
  g_assert_cmpfloat (pl_array_get_flat (x, 5).f, ==, 25.0);
  pl_array_unref (x);
  pl_array_unref (arg);
}

static void
run_s4_np_multiply (void)
{
  PlArray *arg = ones (8000000);
  PlArray *x;
  g_autoptr(GError) error = NULL;

  /* def fun1(x): x = np.multiply(x, 2)  (explicit ufuncs never elide) */
  fn_begin ();
  x = pl_array_ref (arg);
  line_begin ();
  {
    PlArray *two = inum (2);
    PlArray *r = pl_ufunc_binary (PL_BINOP_MULTIPLY, x, two, NULL, PL_DTYPE_NONE, &error);

    g_assert_no_error (error);
    pl_array_unref (two);
    STORE (x, r);
  }
  line_end ("x = np.multiply(x, 2)", 64001416, 64001312);
  pl_array_unref (x);

  /* def fun2(x): x = np.multiply(x, 2, out=x) */
  fn_begin ();
  x = pl_array_ref (arg);
  line_begin ();
  {
    PlArray *two = inum (2);
    PlArray *r = pl_ufunc_binary (PL_BINOP_MULTIPLY, x, two, x, PL_DTYPE_NONE, &error);

    g_assert_no_error (error);
    g_assert_true (r == x);
    pl_array_unref (two);
    STORE (x, r);
  }
  line_end ("x = np.multiply(x, 2, out=x)", 1580, 1372);
  pl_array_unref (x);
  pl_array_unref (arg);
}

static void
run_s4_astype (void)
{
  PlArray *arg = ones (8000000);
  PlArray *x;
  g_autoptr(GError) error = NULL;

  /* x = x.astype(np.float32): a 32 MB copy. */
  fn_begin ();
  x = pl_array_ref (arg);
  line_begin ();
  STORE (x, pl_array_astype (x, PL_DTYPE_FLOAT32, TRUE, &error));
  g_assert_no_error (error);
  line_end ("x = x.astype(np.float32)", 32001396, 32001324);
  g_assert_cmpint (x->dtype, ==, PL_DTYPE_FLOAT32);
  pl_array_unref (x);

  /* copy=False still has to convert float64 to float32: same 32 MB. */
  fn_begin ();
  x = pl_array_ref (arg);
  line_begin ();
  STORE (x, pl_array_astype (x, PL_DTYPE_FLOAT32, FALSE, &error));
  g_assert_no_error (error);
  line_end ("x = x.astype(np.float32, copy=False)", 32001552, 32001480);
  pl_array_unref (x);

  /* And when no conversion is needed, copy=False is the same array. */
  x = pl_array_astype (arg, PL_DTYPE_FLOAT64, FALSE, &error);
  g_assert_true (x == arg);
  pl_array_unref (x);
  pl_array_unref (arg);
}

static PlArray *
every_other_column (PlArray *big)
{
  g_autoptr(GError) error = NULL;
  PlIndex idx[2] = {
    { .kind = PL_INDEX_SLICE },
    { .kind = PL_INDEX_SLICE, .has_step = TRUE, .step = 2 },
  };
  PlArray *v = pl_array_get_item (big, idx, 2, &error);

  g_assert_no_error (error);
  return v;
}

static void
run_s4_slices (void)
{
  gint64 shape[2] = { 1000000, 10 };
  g_autoptr(GError) error = NULL;
  PlArray *arg = pl_array_ones (2, shape, PL_DTYPE_FLOAT64, &error);
  PlArray *big, *x;

  /* def fun1(big_array): x = big_array[:, ::2]; x = x * 2 */
  fn_begin ();
  big = pl_array_ref (arg);
  line_begin ();
  x = every_other_column (big);
  line_end ("x = big_array[:, ::2]", 1414, 1414);
  line_begin ();
  STORE (x, bin (PL_BINOP_MULTIPLY, LOAD (x), inum (2)));
  line_end ("x = x * 2 (strided)", 40068230, 40001638);
  g_assert_true (pl_array_is_c_contiguous (x));
  pl_array_unref (x);
  pl_array_unref (big);

  /* def fun2(big_array): x = big_array[:, ::2].copy(); x = x * 2 */
  fn_begin ();
  big = pl_array_ref (arg);
  line_begin ();
  {
    PlArray *v = every_other_column (big);

    x = pl_array_copy (v, &error);
    g_assert_no_error (error);
    pl_array_unref (v);
  }
  line_end ("x = big_array[:, ::2].copy()", 40001666, 40001498);
  line_begin ();
  STORE (x, bin (PL_BINOP_MULTIPLY, LOAD (x), inum (2)));
  line_end ("x = x * 2 (copy)", 80001890, 40001690);
  g_assert_cmpfloat (pl_array_get_flat (x, 3).f, ==, 2.0);
  pl_array_unref (x);
  pl_array_unref (big);
  pl_array_unref (arg);
}

/* --- tutorial section 5, NumPy side ------------------------------------- */

static void
run_s5 (void)
{
  PlArray *arg = ones (8000000);
  PlArray *x, *y, *z;

  /* def fun1(x): x * 2 + 3  (an expression statement: the result dies) */
  fn_begin ();
  x = pl_array_ref (arg);
  line_begin ();
  pl_array_unref (bin (PL_BINOP_ADD, bin (PL_BINOP_MULTIPLY, LOAD (x), inum (2)), inum (3)));
  if (!elision_off)
    line_end ("x * 2 + 3", 64001542, 1238);
  else
    line_end ("x * 2 + 3 (no elision)", 128000000, 0);
  pl_array_unref (x);
  pl_array_unref (arg);

  /* def fun1(x, y, z): x * y + z  (3,000,000 float64 each) */
  x = ones (3000000);
  y = ones (3000000);
  z = ones (3000000);
  fn_begin ();
  line_begin ();
  pl_array_unref (bin (PL_BINOP_ADD, bin (PL_BINOP_MULTIPLY, LOAD (x), LOAD (y)), LOAD (z)));
  if (!elision_off)
    line_end ("x * y + z", 24001350, 1254);
  else
    line_end ("x * y + z (no elision)", 48000000, 0);
  pl_array_unref (x);
  pl_array_unref (y);
  pl_array_unref (z);
}

/* --- more operators: ref/temporaries.py more_ops() ----------------------- */

static void
run_more_ops (void)
{
  PlArray *x = rand1 (1000000);
  PlArray *v[15];
  g_autoptr(GError) error = NULL;
  const gint64 mb8 = 8000000;
  /* NumPy's figures; without elision, b, c, e, f, h add one more 8 MB
   * temporary to the peak of their line (the result is allocated while the
   * temporary is alive), and n's int32 temporary stays beside the result. */
  static const gint64 numpy_peak[15] = {
    8002018, 16002530, 24002874, 32003114, 40003562, 48004138, 64004570,
    64004818, 80005186, 73005538, 82006290, 82006626, 98007202, 94007806,
    106074490,
  };
  static const gint64 numpy_live[15] = {
    8002018, 16002426, 24002770, 32003114, 40003458, 48003930, 56004370,
    64004714, 72005090, 73005434, 74006090, 82006626, 90007002, 94007602,
    102007978,
  };
  static const gboolean elided[15] = {
    FALSE, TRUE, TRUE, FALSE, TRUE, TRUE, FALSE, TRUE, FALSE, FALSE, FALSE,
    FALSE, FALSE, TRUE, FALSE,
  };
  static const gint64 elided_bytes[15] = {
    0, mb8, mb8, 0, mb8, mb8, 0, mb8, 0, 0, 0, 0, 0, 4000000, 0,
  };

  fn_begin ();
  for (int i = 0; i < 15; i++)
    {
      g_autofree char *what = g_strdup_printf ("more_ops line %d", i);

      line_begin ();
      switch (i)
        {
        case 0: v[i] = un (PL_UNOP_NEGATIVE, LOAD (x)); break;                     /* -x */
        case 1: v[i] = un (PL_UNOP_NEGATIVE, bin (PL_BINOP_MULTIPLY, LOAD (x), inum (2))); break;
        case 2: v[i] = un (PL_UNOP_ABSOLUTE, bin (PL_BINOP_MULTIPLY, LOAD (x), inum (2))); break;
        case 3: v[i] = bin (PL_BINOP_POWER, LOAD (x), inum (2)); break;            /* x ** 2 */
        case 4: v[i] = bin (PL_BINOP_POWER, bin (PL_BINOP_MULTIPLY, LOAD (x), inum (2)), inum (2)); break;
        case 5: v[i] = bin (PL_BINOP_TRUE_DIVIDE, bin (PL_BINOP_ADD, LOAD (x), inum (1)), inum (2)); break;
        case 6: v[i] = bin (PL_BINOP_TRUE_DIVIDE, inum (2), bin (PL_BINOP_ADD, LOAD (x), inum (1))); break;
        case 7: v[i] = bin (PL_BINOP_SUBTRACT, bin (PL_BINOP_ADD, LOAD (x), inum (1)), LOAD (x)); break;
        case 8: v[i] = bin (PL_BINOP_SUBTRACT, LOAD (x), bin (PL_BINOP_ADD, LOAD (x), inum (1))); break;
        case 9: v[i] = bin (PL_BINOP_GREATER, LOAD (x), num (0.5)); break;
        case 10: v[i] = bin (PL_BINOP_GREATER, bin (PL_BINOP_MULTIPLY, LOAD (x), inum (2)), num (0.5)); break;
        case 11: v[i] = pl_ufunc_unary (PL_UNOP_SQRT, x, NULL, PL_DTYPE_NONE, &error); break;
        case 12:
          {
            PlArray *t = bin (PL_BINOP_MULTIPLY, LOAD (x), inum (2));
            PlArray *one = inum (1);

            v[i] = pl_ufunc_binary (PL_BINOP_ADD, t, one, NULL, PL_DTYPE_NONE, &error);
            pl_array_unref (t);
            pl_array_unref (one);
            break;
          }
        case 13:
        case 14:
          {
            PlArray *t = pl_array_astype (x, PL_DTYPE_INT32, TRUE, &error);

            g_assert_no_error (error);
            v[i] = bin (PL_BINOP_MULTIPLY, t, i == 13 ? inum (2) : num (2.5));
            break;
          }
        default:
          g_assert_not_reached ();
        }
      g_assert_no_error (error);
      g_assert_nonnull (v[i]);
      if (!elision_off)
        line_end (what, numpy_peak[i], numpy_live[i]);
      else
        line_end (what, numpy_peak[i] + (elided[i] ? elided_bytes[i] : 0), numpy_live[i]);
    }

  g_assert_cmpint (v[9]->dtype, ==, PL_DTYPE_BOOL);
  g_assert_cmpint (v[13]->dtype, ==, PL_DTYPE_INT32);
  g_assert_cmpint (v[14]->dtype, ==, PL_DTYPE_FLOAT64);
  for (int i = 0; i < 15; i++)
    pl_array_unref (v[i]);
  assert_bytes_near ("more_ops final", pl_alloc_get_live_bytes () - fn_base, 6642);
  pl_array_unref (x);
}

static void
run_small_temps (void)
{
  PlArray *x = rand1 (1000000);
  PlArray *s, *t, *u;
  g_autoptr(GError) error = NULL;
  PlIndex idx = { .kind = PL_INDEX_SLICE, .has_stop = TRUE, .stop = 10000 };

  /* Temporaries under 256 KiB are never elided. */
  fn_begin ();
  line_begin ();
  s = pl_array_get_item (x, &idx, 1, &error);
  g_assert_no_error (error);
  line_end ("s = x[:10000]", 1548, 1548);
  line_begin ();
  t = bin (PL_BINOP_ADD, bin (PL_BINOP_MULTIPLY, LOAD (s), inum (2)), inum (1));
  line_end ("t = s * 2 + 1", 162156, 81956);
  line_begin ();
  u = bin (PL_BINOP_MULTIPLY, bin (PL_BINOP_MULTIPLY, LOAD (s), inum (2)),
           bin (PL_BINOP_ADD, LOAD (s), inum (1)));
  line_end ("u = (s * 2) * (s + 1)", 322492, 162300);
  pl_array_unref (t);
  pl_array_unref (u);
  pl_array_unref (s);
  pl_array_unref (x);
}

static void
run_all (gconstpointer data)
{
  elision_off = GPOINTER_TO_INT (data);
  pl_engine_set_elision (!elision_off);
  g_assert_cmpint (pl_engine_get_elision (), ==, !elision_off);

  /* Without elision only these figures change (the others have no
   * temporary to elide), so only they run twice. */
  if (!elision_off)
    {
      run_s4_fun1_fun2 ();
      run_s4_np_multiply ();
      run_s4_astype ();
      run_s4_slices ();
      run_small_temps ();
    }
  run_s4_chain ();
  run_s5 ();
  run_more_ops ();

  pl_engine_set_elision (TRUE);
}

/* Elisions are recorded as 0-byte events with the ELIDED reason. */
static void
test_elision_events (void)
{
  PlArray *x = ones (100000);
  g_autofree PlAllocEvent *events = NULL;
  gsize n_events, n_elided = 0, n_alloc = 0;
  PlArray *t;

  g_assert_true (pl_engine_get_elision ());
  pl_alloc_start_recording ();
  t = bin (PL_BINOP_ADD, bin (PL_BINOP_MULTIPLY, LOAD (x), inum (2)), inum (1));
  t = bin (PL_BINOP_SUBTRACT, t, LOAD (x));      /* elided: left temporary */
  t = bin (PL_BINOP_MULTIPLY, LOAD (x), t);      /* elided: right, commutes */
  t = bin (PL_BINOP_FLOOR_DIVIDE, inum (3), t);  /* not elided: right of // */
  events = pl_alloc_stop_recording (&n_events);
  for (gsize i = 0; i < n_events; i++)
    {
      if (events[i].reason == PL_ALLOC_REASON_ELIDED)
        {
          g_assert_cmpint (events[i].bytes, ==, 0);
          n_elided++;
        }
      else if (events[i].bytes > 0)
        n_alloc++;
    }
  g_assert_cmpuint (n_elided, ==, 3);
  g_assert_cmpuint (n_alloc, ==, 2);
  /* ((1 * 2 + 1) - 1) * 1 = 2; 3 // 2 = 1 */
  g_assert_cmpfloat (pl_array_get_flat (t, 99999).f, ==, 1.0);
  pl_array_unref (t);
  pl_array_unref (x);
}

/* What must not be elided: named arrays, views, shapes that broadcast,
 * values that do not cast safely, int true division, np.* calls. */
static void
test_elision_conditions (void)
{
  g_autoptr(GError) error = NULL;
  gint64 n = 100000, shape2[2] = { 2, 50000 };
  PlArray *x = ones (n);
  PlArray *t, *r;
  gint64 live;

  /* A view of a temporary does not own its data. */
  t = bin (PL_BINOP_MULTIPLY, LOAD (x), inum (2));
  {
    PlArray *view = pl_array_reshape (t, 2, shape2, &error);

    g_assert_no_error (error);
    pl_array_unref (t);
    live = pl_alloc_get_live_bytes ();
    r = bin (PL_BINOP_ADD, view, inum (1));
    g_assert_cmpint (pl_alloc_get_live_bytes () - live, ==, 800000 - 800000);
    pl_array_unref (r);
  }

  /* int64 temporary * 2.5: 2.5 does not cast safely to int64. */
  t = pl_array_astype (x, PL_DTYPE_INT64, TRUE, &error);
  live = pl_alloc_get_live_bytes ();
  r = bin (PL_BINOP_MULTIPLY, t, num (2.5));
  g_assert_cmpint (r->dtype, ==, PL_DTYPE_FLOAT64);
  g_assert_cmpint (pl_alloc_get_live_bytes () - live, ==, 0);  /* +800000 -800000 */
  pl_array_unref (r);

  /* int64 temporary / 2: true division of ints is float64, never elided. */
  t = pl_array_astype (x, PL_DTYPE_INT64, TRUE, &error);
  pl_alloc_reset_peak ();
  live = pl_alloc_get_live_bytes ();
  r = bin (PL_BINOP_TRUE_DIVIDE, t, inum (2));
  /* The result, and NumPy's 8192-element buffer for the int64 -> float64
   * cast (tracemalloc shows 867016 bytes for this in NumPy 1.24). */
  g_assert_cmpint (pl_alloc_get_peak_bytes () - live, ==, 800000 + 65536);
  g_assert_cmpfloat (pl_array_get_flat (r, 0).f, ==, 0.5);
  pl_array_unref (r);

  /* Same shape required: (n,) temporary + (1, n) array broadcasts to (1, n). */
  {
    gint64 shape[2] = { 1, n };
    PlArray *row = pl_array_ones (2, shape, PL_DTYPE_FLOAT64, &error);

    t = bin (PL_BINOP_MULTIPLY, LOAD (x), inum (2));
    pl_alloc_reset_peak ();
    live = pl_alloc_get_live_bytes ();
    r = bin (PL_BINOP_ADD, t, LOAD (row));
    g_assert_cmpint (pl_alloc_get_peak_bytes () - live, ==, 800000);
    g_assert_cmpint (r->ndim, ==, 2);
    pl_array_unref (r);
    pl_array_unref (row);
  }

  /* float32 temporary + float64 array: float64 does not cast to float32. */
  {
    PlArray *f32 = pl_array_astype (x, PL_DTYPE_FLOAT32, TRUE, &error);
    PlArray *f32b = pl_array_astype (x, PL_DTYPE_FLOAT32, TRUE, &error);

    r = bin (PL_BINOP_ADD, f32, LOAD (x));
    g_assert_cmpint (r->dtype, ==, PL_DTYPE_FLOAT64);
    g_assert_true (r != f32);
    pl_array_unref (r);
    /* float32 temporary + 2.0: 2.0 casts by value, so it is elided. */
    r = bin (PL_BINOP_ADD, LOAD (f32b), num (2.0));
    pl_array_unref (f32b);
    live = pl_alloc_get_live_bytes ();
    t = bin (PL_BINOP_ADD, r, num (2.0));
    g_assert_cmpint (pl_alloc_get_live_bytes (), ==, live);
    g_assert_cmpint (t->dtype, ==, PL_DTYPE_FLOAT32);
    g_assert_cmpfloat (pl_array_get_flat (t, 0).f, ==, 5.0);
    pl_array_unref (t);
  }

  /* unary minus of a bool temporary is still NumPy's TypeError. */
  t = bin (PL_BINOP_GREATER, LOAD (x), inum (0));
  r = pl_array_unary (PL_UNOP_NEGATIVE, t, &error);
  g_assert_error (error, PL_ERROR, PL_ERROR_TYPE);
  g_assert_null (r);
  g_clear_error (&error);
  pl_array_unref (t);

  /* int temporary ** 2 squares without elision (NumPy only elides floats);
   * int ** 2.0 is float64. */
  t = pl_array_astype (x, PL_DTYPE_INT64, TRUE, &error);
  pl_alloc_reset_peak ();
  live = pl_alloc_get_live_bytes ();
  r = bin (PL_BINOP_POWER, pl_array_ref (t), inum (2));
  g_assert_cmpint (pl_alloc_get_peak_bytes () - live, ==, 800000);
  g_assert_cmpint (r->dtype, ==, PL_DTYPE_INT64);
  pl_array_unref (r);
  r = bin (PL_BINOP_POWER, t, num (2.0));
  g_assert_cmpint (r->dtype, ==, PL_DTYPE_FLOAT64);
  g_assert_cmpfloat (pl_array_get_flat (r, 0).f, ==, 1.0);
  pl_array_unref (r);

  /* float temporary ** 0.5, ** -1, ** 0, ** 1 elide (fast_scalar_power). */
  {
    static const double exps[4] = { 0.5, -1.0, 0.0, 1.0 };

    for (int i = 0; i < 4; i++)
      {
        t = bin (PL_BINOP_MULTIPLY, LOAD (x), inum (4));
        live = pl_alloc_get_live_bytes ();
        pl_alloc_reset_peak ();
        r = bin (PL_BINOP_POWER, t, num (exps[i]));
        g_assert_cmpint (pl_alloc_get_peak_bytes (), ==, live);
        g_assert_cmpfloat (pl_array_get_flat (r, 1).f, ==, i == 0 ? 2.0 : i == 1 ? 0.25 : i == 2 ? 1.0 : 4.0);
        pl_array_unref (r);
      }
  }
  pl_array_unref (x);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_data_func ("/elide/numpy-figures", GINT_TO_POINTER (FALSE), run_all);
  g_test_add_data_func ("/elide/numpy-figures-without-elision", GINT_TO_POINTER (TRUE), run_all);
  g_test_add_func ("/elide/events", test_elision_events);
  g_test_add_func ("/elide/conditions", test_elision_conditions);

  return g_test_run ();
}
