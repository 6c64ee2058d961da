/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "engine/pl-alloc.h"
#include "engine/pl-array.h"
#include "script/pl-script.h"

/* The interpreter through its public contract: what scripts print (against
 * real Python), the hooks (line events by CPython's rules, the moment locals
 * die, analyze_memory), reference counts as NumPy's elision sees them,
 * cancellation, recursion limits and the error format. */

/* Expected output from /usr/bin/python3 (CPython 3.11, NumPy 1.24.2, numexpr 2.8.4). */
static const struct { const char *source; const char *output; } print_cases[] = {
  /* Copies' layouts (F6): x.copy() defaults to order C, np.copy and
   * np.array to K; order= is honoured ('C', 'F', 'A', 'K', any case). */
  { "import numpy as np\n"
    "m = np.ones((3, 4))\n"
    "t = m.T\n"
    "print(m.copy().strides, t.copy().strides, t.copy(order='F').strides, m.copy('f').strides, t.copy(order='A').strides, t.copy(order='K').strides, t.copy(order=None).strides)\n"
    "print(np.copy(t).strides, np.copy(t, order='C').strides, np.copy(m, 'F').strides, np.copy(m[:, ::2].T).strides)\n"
    "print(np.array(t).strides, np.array(t, order='C').strides, np.array(m, order='F').strides, np.array(t, dtype=np.float32).strides, np.array(t, dtype=np.float32, order='C').strides)\n"
    "print(np.array(t, copy=False) is t, np.array(t, copy=False, order='C') is t, np.array(t, copy=False, order='F') is t, np.asarray(t).strides)\n"
    "print(np.ascontiguousarray(t).strides, np.ascontiguousarray(t, np.float32).strides, np.ascontiguousarray(t, dtype=np.int32).dtype)\n"
    "print(np.array(t).T.reshape(-1).base is not None, np.copy(t).sum())",
    "(32, 8) (24, 8) (8, 32) (8, 24) (8, 32) (8, 32) (24, 8)\n(8, 32) (24, 8) (8, 24) (8, 16)\n(8, 32) (24, 8) (8, 24) (4, 16) (12, 4)\nTrue False True (8, 32)\n(24, 8) (12, 4) int32\nTrue 12.0\n" },
  { "print(0.1, 128000.0, 2953.125, 1e16, 1e-5, 0.0001, 1e22, -0.0, 5e-324, 1.7976931348623157e308)",
    "0.1 128000.0 2953.125 1e+16 1e-05 0.0001 1e+22 -0.0 5e-324 1.7976931348623157e+308\n" },
  { "print(float('inf'), float('-inf'), float('nan'), 1/3, 2/3, 100.0, 123456789.0, 1234567890123456.0, 12345678901234567.0)",
    "inf -inf nan 0.3333333333333333 0.6666666666666666 100.0 123456789.0 1234567890123456.0 1.2345678901234568e+16\n" },
  { "print(1, -5, 2**62, 7 // 2, -7 // 2, 7 % 3, -7 % 3, 7.5 // 2, -7.5 % 2, 2 ** -1, 10 / 4)",
    "1 -5 4611686018427387904 3 -4 1 2 3.0 0.5 0.5 2.5\n" },
  { "print(True, False, None, True + True, True & False, 3 & 5, 3 | 5, 3 ^ 5, ~5, 1 << 10, -16 >> 2)",
    "True False None 2 False 1 7 6 -6 1024 -4\n" },
  { "print('a', 'b', sep='-', end='!\\n')\nprint('x\\ty')",
    "a-b!\nx\ty\n" },
  { "print((1000, 256, 256), (1,), (), [1, 'a', 2.5, None], [[1, 2], (3,)])",
    "(1000, 256, 256) (1,) () [1, 'a', 2.5, None] [[1, 2], (3,)]\n" },
  { "print(repr('it\\'s'), repr('a\"b'), repr('x\\ny'), str(3.0), repr(2.5))",
    "\"it's\" 'a\"b' 'x\\ny' 3.0 2.5\n" },
  { "print(1 < 2 < 3, 1 < 3 < 2, 1 == 1.0, 'a' < 'b', (1, 2) < (1, 3), [1] == [1], 2 in [1, 2], 'b' in 'abc', 3 not in (1, 2))",
    "True False True True True True True True True\n" },
  { "print(len('héllo'), len([1, 2]), len(range(10**18)), abs(-3), abs(-2.5), min(3, 1, 2), max([4, 9, 2]), sum([1, 2, 3]), sum([0.1] * 3))",
    "5 2 1000000000000000000 3 2.5 1 9 6 0.30000000000000004\n" },
  { "print(round(2.5), round(3.5), round(2.675, 2), round(-0.5), round(1234, -2), int(3.9), int(-3.9), int('42'), float('1e3'), int(' 7 '))",
    "2 4 2.67 0 1200 3 -3 42 1000.0 7\n" },
  { "print(list(range(5)), list(range(10, 0, -3)), tuple('ab'), sorted([3, 1, 2]), list(reversed([1, 2, 3])), list(enumerate('ab')), list(zip([1, 2], 'ab')))",
    "[0, 1, 2, 3, 4] [10, 7, 4, 1] ('a', 'b') [1, 2, 3] [3, 2, 1] [(0, 'a'), (1, 'b')] [(1, 'a'), (2, 'b')]\n" },
  { "x = 5\nx += 2\nx *= 3\nx -= 1\nx //= 2\nx **= 2\nprint(x)",
    "100\n" },
  { "a, b = 1, 2\na, b = b, a\n(c, d), e = (3, 4), 5\nprint(a, b, c, d, e)",
    "2 1 3 4 5\n" },
  { "def f(a, b=10):\n    return a + b\nprint(f(1), f(1, 2), f(b=3, a=4))",
    "11 3 7\n" },
  { "def fact(n):\n    if n <= 1:\n        return 1\n    return n * fact(n - 1)\nprint(fact(20))",
    "2432902008176640000\n" },
  { "total = 0\nfor i in range(10):\n    if i == 7:\n        break\n    if i % 2:\n        continue\n    total += i\nelse:\n    total = -1\nprint(total)",
    "12\n" },
  { "n = 0\nwhile n < 5:\n    n += 1\nelse:\n    n = n * 10\nprint(n)",
    "50\n" },
  { "from functools import partial\ndef f(a, b, c=3):\n    return (a, b, c)\np = partial(f, 1, c=5)\nprint(p(2), p(2, c=6))\nq = partial(p, 7)\nprint(q())",
    "(1, 2, 5) (1, 2, 6)\n(1, 7, 5)\n" },
  /* A partial with no arguments of its own (regression: it passed NULL to
   * memcpy, which UBSan reports). */
  { "from functools import partial\ndef g():\n    return 42\np = partial(g)\nprint(p(), partial(partial(g))())",
    "42 42\n" },
  { "x = [1, 2, 3]\nx[0] = 10\nx.append(4)\nprint(x, x[-1], x[1:3], x[::-1], 'abcdef'[1:5:2])",
    "[10, 2, 3, 4] 4 [2, 3] [4, 3, 2, 10] bd\n" },
  { "d = {'a': 1, 'b': 2}\nprint(d['b'], len(d), 'a' in d, d.get('c', 0), list(d.keys()))",
    "2 2 True 0 ['a', 'b']\n" },
  { "print(1 if True else 2, 0 or 'x', 3 and 4, not 0, None is None, 1 is not None)",
    "1 x 4 True True True\n" },
  { "s = 'Hello'\nprint(s.upper(), s.lower(), '-'.join(['a', 'b']), s.startswith('He'), '  x  '.strip(), s * 2 + '!')",
    "HELLO hello a-b True x HelloHello!\n" },
  { "import numpy as np\nprint(np.ones(3), np.zeros((2, 3)), np.arange(5), np.arange(0, 1, 0.25))",
    "[1. 1. 1.] [[0. 0. 0.]\n [0. 0. 0.]] [0 1 2 3 4] [0.   0.25 0.5  0.75]\n" },
  { "import numpy as np\nprint(np.array([1.5, 2.25, 3.0]), np.array([1e-5, 1.0]), np.array([1e10, 1.0]), np.array([0.1, 0.2]) + 0.1)",
    "[1.5  2.25 3.  ] [1.e-05 1.e+00] [1.e+10 1.e+00] [0.2 0.3]\n" },
  { "import numpy as np\nprint(np.array([1, -20, 300]), np.array([True, False]), np.array([1, 2], dtype=np.int16).dtype, np.float32(0.1), np.float64(3.0))",
    "[  1 -20 300] [ True False] int16 0.1 3.0\n" },
  { "import numpy as np\nprint(np.arange(1500).reshape(30, 50))",
    "[[   0    1    2 ...   47   48   49]\n [  50   51   52 ...   97   98   99]\n [ 100  101  102 ...  147  148  149]\n ...\n [1350 1351 1352 ... 1397 1398 1399]\n [1400 1401 1402 ... 1447 1448 1449]\n [1450 1451 1452 ... 1497 1498 1499]]\n" },
  { "import numpy as np\nprint(np.arange(2000.0))",
    "[0.000e+00 1.000e+00 2.000e+00 ... 1.997e+03 1.998e+03 1.999e+03]\n" },
  { "import numpy as np\nprint(np.linspace(0, 1, 30))",
    "[0.         0.03448276 0.06896552 0.10344828 0.13793103 0.17241379\n 0.20689655 0.24137931 0.27586207 0.31034483 0.34482759 0.37931034\n 0.4137931  0.44827586 0.48275862 0.51724138 0.55172414 0.5862069\n 0.62068966 0.65517241 0.68965517 0.72413793 0.75862069 0.79310345\n 0.82758621 0.86206897 0.89655172 0.93103448 0.96551724 1.        ]\n" },
  { "import numpy as np\nprint(np.array([np.inf, -np.inf, np.nan, 1.5]))",
    "[ inf -inf  nan  1.5]\n" },
  { "import numpy as np\nx = np.arange(12).reshape(3, 4)\nprint(x[1], x[:, 1], x[1, 2], x[x > 5], x.T.shape, x.sum(), x.sum(axis=0), x.mean(), x.max(), x.dtype, x.nbytes, x.itemsize, x.ndim, x.size)",
    "[4 5 6 7] [1 5 9] 6 [ 6  7  8  9 10 11] (4, 3) 66 [12 15 18 21] 5.5 11 int64 96 8 2 12\n" },
  { "import numpy as np\nx = np.ones(4)\nx[1:3] = 5\nx[0] = -1\nprint(x, x * 2, 2 - x, x / 2, x ** 2, -x, x > 1, (x > 1) & (x < 6))",
    "[-1.  5.  5.  1.] [-2. 10. 10.  2.] [ 3. -3. -3.  1.] [-0.5  2.5  2.5  0.5] [ 1. 25. 25.  1.] [ 1. -5. -5. -1.] [False  True  True False] [False  True  True False]\n" },
  { "import numpy as np\nx = np.arange(6, dtype=np.int32)\nprint(x + 1, (x + 1).dtype, x * 2.5, (x * 2.5).dtype, x.astype(np.float32), x // 4, x % 4)",
    "[1 2 3 4 5 6] int32 [ 0.   2.5  5.   7.5 10.  12.5] float64 [0. 1. 2. 3. 4. 5.] [0 0 0 0 1 1] [0 1 2 3 0 1]\n" },
  { "import numpy as np\nprint(np.empty(1_000_000, dtype=np.float64).nbytes, np.ones((2, 3)).shape, np.ones([2, 2]).shape, len(np.ones(7)))",
    "8000000 (2, 3) (2, 2) 7\n" },
  { "import numpy as np\nprint(np.sqrt(np.array([4.0, 9.0])), np.add(1, 2), np.multiply(np.ones(2), 3), np.maximum(np.arange(4), 2), np.where(np.arange(4) > 1, 1.0, 0.0))",
    "[2. 3.] 3 [3. 3.] [2 2 2 3] [0. 0. 1. 1.]\n" },
  { "import numpy as np\nx = np.ones(3)\nprint(x.sum() + 1, float(x.sum()), int(x[0]), x.tolist())",
    "4.0 3.0 1 [1.0, 1.0, 1.0]\n" },
  { "import numpy as np\nprint([np.ones(2), 3], (np.arange(3),), np.array([[1.5, 2], [3, 4]]))",
    "[array([1., 1.]), 3] (array([0, 1, 2]),) [[1.5 2. ]\n [3.  4. ]]\n" },
  { "import numpy as np\nprint(repr(np.float32(0.1)), np.float16(0.1), np.array([0.1], dtype=np.float32), np.uint8(200) + np.uint8(100))",
    "0.1 0.1 [0.1] 44\n" },
  { "import numexpr as ne\nimport numpy as np\nx = np.arange(5.0)\nprint(ne.evaluate('x * 2 + 3'), ne.evaluate('a + 1', local_dict={'a': x}))\nf = ne.NumExpr('x * 2 + 3')\nprint(f(x))",
    "[ 3.  5.  7.  9. 11.] [1. 2. 3. 4. 5.]\n[ 3.  5.  7.  9. 11.]\n" },
  { "import numpy as np\nx = 2953.125\ndata = np.ones(3)\nprecision = 1\nprint(f\"GB: {x}\", f\"{x:.2f}\", f\"{x:10.1f}|\", f\"{x:<10}|\", f\"{x:^12.3e}|\", f\"{1234567:,}\", f\"{0.25:.1%}\")\nprint(f\"{'abc'!r} {'abc':>5} {data.nbytes / 1024 ** 2:.{precision}f} MB {{braces}} {data}\")\nprint(f'{data.sum()} {data.sum():.3f} {np.float32(0.1)} {True} {None} {3:05d} {-3:+d} {255:#x} {255:b}')\nprint(\"{} and {name:.2f} {}\".format(1, 3, name=2.5), \"{1}{0}\".format(\"a\", \"b\"), format(3.14159, '.2f'), format(42))\nprint(f\"\"\"multi\n{x +\n 1}\"\"\")\nprint(f\"{x=} {x = :.1f} {data.shape=}\")\n",
    "GB: 2953.125 2953.12     2953.1| 2953.125  |  2.953e+03  | 1,234,567 25.0%\n'abc'   abc 0.0 MB {braces} [1. 1. 1.]\n3.0 3.000 0.10000000149011612 True None 00003 -3 0xff 11111111\n1 and 2.50 3 ba 3.14 42\nmulti\n2954.125\nx=2953.125 x = 2953.1 data.shape=(3,)\n" },
};

typedef struct
{
  GString      *output;
  GString      *events;      /* line events of frames of @target */
  gconstpointer target;
  gint          module_lines;
  gint64        live_at_return;
  gint64        base;
  gint64        peak;
  gint64        final;
  guint         interrupt_after;
  guint         n_lines;
  GPtrArray    *names;
  GPtrArray    *codes;
  GString      *bound;       /* "name:nbytes " of each pipeline's bound arrays, "|" after each */
  GString      *locals;      /* "name:nbytes " or "name:- " of each local_bound call */
  PlAnalyzeOptions options;
  gint          call_line;
  gboolean      fail_analyze;
} Rec;

static void
on_line (gpointer      user_data,
         gconstpointer code,
         gint          line)
{
  Rec *r = user_data;

  r->n_lines++;
  if (r->interrupt_after > 0 && r->n_lines == r->interrupt_after)
    pl_engine_interrupt ();
  if (code == NULL)
    r->module_lines++;
  if (r->target != NULL && code == r->target)
    g_string_append_printf (r->events, "%d ", line);
}

static void
on_return (gpointer      user_data,
           gconstpointer code)
{
  Rec *r = user_data;

  if (r->target != NULL && code == r->target)
    {
      g_string_append (r->events, "R");
      r->live_at_return = pl_alloc_get_live_bytes () - r->base;
    }
}

static void
on_output (gpointer    user_data,
           const char *line)
{
  Rec *r = user_data;
  g_string_append_printf (r->output, "%s\n", line);
}

static void
on_bound_array (const char *name,
                PlArray    *array,
                gpointer    user_data)
{
  Rec *r = user_data;

  g_string_append_printf (r->bound, "%s:%" G_GSIZE_FORMAT " ",
                          name ? name : "?", pl_array_get_nbytes (array));
}

static void
on_local_bound (gpointer      user_data,
                gconstpointer code,
                const char   *name,
                PlArray      *array)
{
  Rec *r = user_data;

  g_assert_nonnull (code);
  if (array != NULL)
    g_string_append_printf (r->locals, "%s:%" G_GSIZE_FORMAT " ", name, pl_array_get_nbytes (array));
  else
    g_string_append_printf (r->locals, "%s:- ", name);
}

static gboolean
on_analyze (gpointer                user_data,
            PlInterp               *interp,
            gint                    call_line,
            PlValue * const        *pipelines,
            guint                   n_pipelines,
            const PlAnalyzeOptions *options,
            GError                **error)
{
  Rec *r = user_data;

  r->options = *options;
  r->options.linestyle = NULL;
  r->options.color = g_intern_string (options->color);
  r->call_line = call_line;
  if (r->fail_analyze)
    {
      g_set_error (error, PL_ERROR, PL_ERROR_RUNTIME, "the sampler could not start");
      return FALSE;
    }
  for (guint i = 0; i < n_pipelines; i++)
    {
      g_ptr_array_add (r->names, g_strdup (pl_value_get_callable_name (pipelines[i])));
      pl_value_foreach_bound_array (pipelines[i], on_bound_array, r);
      g_string_append (r->bound, "|");
      g_ptr_array_add (r->codes, (gpointer) pl_value_get_code (pipelines[i]));
      r->target = pl_value_get_code (pipelines[i]);
      r->base = pl_alloc_get_live_bytes ();
      pl_alloc_reset_peak ();
      if (!pl_interp_call (interp, pipelines[i], error))
        return FALSE;
      r->peak = pl_alloc_get_peak_bytes () - r->base;
      r->final = pl_alloc_get_live_bytes () - r->base;
    }
  return TRUE;
}

static Rec *
rec_new (void)
{
  Rec *r = g_new0 (Rec, 1);
  r->output = g_string_new (NULL);
  r->events = g_string_new (NULL);
  r->bound = g_string_new (NULL);
  r->locals = g_string_new (NULL);
  r->names = g_ptr_array_new_with_free_func (g_free);
  r->codes = g_ptr_array_new ();
  return r;
}

static void
rec_free (Rec *r)
{
  g_string_free (r->output, TRUE);
  g_string_free (r->events, TRUE);
  g_string_free (r->bound, TRUE);
  g_string_free (r->locals, TRUE);
  g_ptr_array_unref (r->names);
  g_ptr_array_unref (r->codes);
  g_free (r);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Rec, rec_free)

/* Runs @source; returns FALSE with @error on a script error. */
static gboolean
run (const char  *source,
     Rec         *r,
     GError     **error)
{
  PlInterpHooks hooks = { on_line, on_return, on_output, on_analyze, on_local_bound };
  g_autoptr(PlScript) script = NULL;
  g_autoptr(PlInterp) interp = NULL;

  pl_engine_clear_interrupt ();
  script = pl_script_parse ("test.py", source, -1, error);
  if (script == NULL)
    return FALSE;
  interp = pl_interp_new (script, &hooks, r);
  return pl_interp_run (interp, error);
}

/* Which array each local variable names, as the inspector shows it. */
static void
test_local_bound (void)
{
  g_autoptr(Rec) r = rec_new ();
  g_autoptr(GError) error = NULL;

  run ("import numpy as np\n"
       "g = np.ones(7)\n"                    /* module level: globals, not reported */
       "def f(p, q=np.ones(2)):\n"
       "    a = np.ones(3)\n"
       "    b = a\n"
       "    a = 5\n"
       "    del b\n"
       "    for i in range(2):\n"
       "        c = np.ones(4)\n"
       "    d = np.float64(2.0)\n"         /* a NumPy scalar is no array */
       "    e, k = np.ones(5), 1\n"
       "f(np.ones(1))\n",
       r, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (r->locals->str, ==,
                   "p:8 q:16 a:24 b:24 a:- b:- c:32 c:32 e:40 ");
}

/* The arrays a run notes as alive before a pipeline starts. */
static void
test_bound_arrays (void)
{
  g_autoptr(Rec) r = rec_new ();
  g_autoptr(GError) error = NULL;

  run ("import numpy as np\n"
       "from functools import partial\n"
       "def f(x, y, lst, z=np.zeros(5), w=3):\n"
       "    pass\n"
       "def g(a, b=np.ones(2)):\n"
       "    pass\n"
       "def h(c=np.ones(9)):\n"
       "    pass\n"
       "v = np.ones(16)\n"
       "utils.analyze_memory(partial(f, v[::2], 2, [np.ones(3), (np.ones(4),)]),\n"
       "                     partial(partial(g, np.ones(6)), b=np.ones(7)),\n"
       "                     partial(np.ones, 5), h, partial(g, {'k': np.ones(1)}))\n",
       r, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (r->bound->str, ==,
                   "x:64 lst:24 lst:32 z:40 |"   /* a view, a list and a tuple in it, a default */
                   "a:48 b:56 |"                 /* nested partials; a keyword replaces the default */
                   "|"                           /* a NumPy function */
                   "c:72 |"                      /* a function alone: its defaults */
                   "a:8 b:16 |");                /* dict values */
}

static void
test_print (void)
{
  for (gsize i = 0; i < G_N_ELEMENTS (print_cases); i++)
    {
      g_autoptr(Rec) r = rec_new ();
      g_autoptr(GError) error = NULL;

      run (print_cases[i].source, r, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (r->output->str, ==, print_cases[i].output);
    }
}

static void
test_output_lines (void)
{
  g_autoptr(Rec) r = rec_new ();
  g_autoptr(GError) error = NULL;

  run ("print('a\\nb', end='')\nprint('c')\nprint('d', end='')\n", r, &error);
  g_assert_no_error (error);
  /* Lines are delivered without their newline; a last partial line is
   * flushed when the script ends. */
  g_assert_cmpstr (r->output->str, ==, "a\nbc\nd\n");
}

/* The same functions as CPython 3.11's sys.settrace saw them (see the
 * events in the comments). */
static const char *line_source =
  "import numpy as np\n"                     /* 1 */
  "def f1(n):\n"                             /* 2 */
  "    for _ in range(n):\n"                 /* 3 */
  "        x = 1\n"                          /* 4 */
  "def f4(c):\n"                             /* 5 */
  "    i = 0\n"                              /* 6 */
  "    while i < c:\n"                       /* 7 */
  "        i += 1\n"                         /* 8 */
  "    return i\n"                           /* 9 */
  "def f6(c):\n"                             /* 10 */
  "    if c:\n"                              /* 11 */
  "        x = 1\n"                          /* 12 */
  "    elif c == 0:\n"                       /* 13 */
  "        x = 2\n"                          /* 14 */
  "    else:\n"                              /* 15 */
  "        x = 3\n"                          /* 16 */
  "def f8(n):\n"                             /* 17 */
  "    for i in range(n):\n"                 /* 18 */
  "        if i == 1:\n"                     /* 19 */
  "            continue\n"                   /* 20 */
  "        if i == 2:\n"                     /* 21 */
  "            break\n"                      /* 22 */
  "        x = 1\n"                          /* 23 */
  "def f7(a,\n"                              /* 24 */
  "       b=1):\n"                           /* 25 */
  "    x = (a +\n"                           /* 26 */
  "         b)\n"                            /* 27 */
  "    return x\n"                           /* 28 */
  "from functools import partial\n"          /* 29 */
  "utils.analyze_memory(partial(";            /* 30 */

static void
check_events (const char *fn,
              const char *arg,
              const char *expected)
{
  g_autoptr(Rec) r = rec_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *source = g_strconcat (line_source, fn, ", ", arg, "))\n", NULL);

  run (source, r, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (r->events->str, ==, expected);
  g_assert_cmpuint (r->names->len, ==, 1);
  g_assert_cmpstr (r->names->pdata[0], ==, fn);
  g_assert_nonnull (r->codes->pdata[0]);
  /* Module level: 1, the defs (2, 5, 10, 17, 24), 29 and 30, once each. */
  g_assert_cmpint (r->module_lines, ==, 8);
  g_assert_cmpint (r->call_line, ==, 30);
}

static void
test_line_events (void)
{
  /* CPython: f1 (3,) [3, 4, 3, 4, 3, 4, 3, 'R'] */
  check_events ("f1", "3", "3 4 3 4 3 4 3 R");
  check_events ("f1", "0", "3 R");
  /* f4 (2,) [13, 14, 15, 14, 15, 14, ...] shifted: while once per test. */
  check_events ("f4", "2", "6 7 8 7 8 7 9 R");
  check_events ("f6", "1", "11 12 R");
  check_events ("f6", "0", "11 13 14 R");
  check_events ("f6", "-1", "11 12 R");
  /* f8 (5,) [34, 35, 37, 39, 34, 35, 36, 34, 35, 37, 38, 'R'] shifted. */
  check_events ("f8", "5", "18 19 21 23 18 19 20 18 19 21 22 R");
  /* A statement over two lines counts at its first line only (CPython
   * also reports the continuation line: 26 27 26 28). */
  check_events ("f7", "1", "26 28 R");
}

static void
test_refcounts (void)
{
  g_autoptr(Rec) r = rec_new ();
  g_autoptr(GError) error = NULL;
  const gint64 n = 8 * 100000;   /* 800 kB arrays: above NumPy's 256 KiB elision threshold */

  /* (x * 2) * 3: the temporary of x * 2 has one reference and is reused. */
  run ("import numpy as np\nfrom functools import partial\n"
       "def f(x):\n    y = x * 2 * 3 + 1\n"
       "utils.analyze_memory(partial(f, np.ones(100000)))\n", r, &error);
  g_assert_no_error (error);
  g_assert_cmpint (r->peak, ==, n);
  /* The local y is alive at the return event and dies after it. */
  g_assert_cmpint (r->live_at_return, ==, n);
  g_assert_cmpint (pl_alloc_get_live_bytes () - r->base, <=, 0);

  /* y = y * 3: y is named, so the result needs a new buffer, and the old
   * value dies only after the new one exists. */
  g_string_truncate (r->events, 0);
  run ("import numpy as np\nfrom functools import partial\n"
       "def f(x):\n    y = x * 2\n    y = y * 3\n"
       "utils.analyze_memory(partial(f, np.ones(100000)))\n", r, &error);
  g_assert_no_error (error);
  g_assert_cmpint (r->peak, ==, 2 * n);

  /* x = x * 2 where the partial holds x: never elided (3 references). */
  run ("import numpy as np\nfrom functools import partial\n"
       "def f(x):\n    x = x * 2\n    del x\n"
       "utils.analyze_memory(partial(f, np.ones(100000)))\n", r, &error);
  g_assert_no_error (error);
  g_assert_cmpint (r->peak, ==, n);
  g_assert_cmpint (r->live_at_return, ==, 0);

  /* Explicit ufunc calls are never elided; out= writes in place. */
  run ("import numpy as np\nfrom functools import partial\n"
       "def f(x):\n    y = np.multiply(x * 2, 3)\n    np.multiply(y, 2, out=y)\n"
       "utils.analyze_memory(partial(f, np.ones(100000)))\n", r, &error);
  g_assert_no_error (error);
  g_assert_cmpint (r->peak, ==, 2 * n);

  /* A view keeps its base alive after the name of the base is deleted. */
  run ("import numpy as np\nfrom functools import partial\n"
       "def f():\n    a = np.ones(100000)\n    b = a[::2]\n    del a\n    c = 1\n"
       "utils.analyze_memory(f)\n", r, &error);
  g_assert_no_error (error);
  g_assert_cmpint (r->live_at_return, ==, n);
}

/* numexpr 2.8.4 keeps evaluate()'s out= array in _numexpr_last until the
 * next evaluate(), so it outlives the pipeline (NumPy's figures show it). */
static void
test_numexpr_last (void)
{
  g_autoptr(Rec) r = rec_new ();
  g_autoptr(GError) error = NULL;
  const gint64 n = 8 * 100000;

  run ("import numpy as np\nimport numexpr as ne\nfrom functools import partial\n"
       "def f(x):\n    out = np.empty_like(x)\n    ne.evaluate('x * 2', out=out)\n"
       "def g(x):\n    ne.evaluate('x * 2')\n"
       "utils.analyze_memory(partial(f, np.ones(100000)))\n"
       "utils.analyze_memory(partial(g, np.ones(100000)))\n", r, &error);
  g_assert_no_error (error);
  /* g's evaluate() let f's out go before it ran; its own result died at once. */
  g_assert_cmpint (r->final, ==, -n);
  g_assert_cmpint (r->live_at_return, ==, -n);
}

static void
test_callables (void)
{
  g_autoptr(Rec) r = rec_new ();
  g_autoptr(GError) error = NULL;

  run ("import numpy as np\nfrom functools import partial\ndef fun1(x=0):\n    pass\n"
       "utils.analyze_memory(partial(np.ones, 10), partial(fun1, 1), fun1, partial(np.zeros, 3),\n"
       "                     interval=.001, color='red', alpha=0.5, fontsize=8)\n", r, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (r->names->len, ==, 4);
  g_assert_cmpstr (r->names->pdata[0], ==, "ones");
  g_assert_cmpstr (r->names->pdata[1], ==, "fun1");
  g_assert_cmpstr (r->names->pdata[2], ==, "fun1");
  g_assert_cmpstr (r->names->pdata[3], ==, "zeros");
  g_assert_null (r->codes->pdata[0]);
  g_assert_nonnull (r->codes->pdata[1]);
  g_assert_true (r->codes->pdata[1] == r->codes->pdata[2]);
  g_assert_cmpfloat (r->options.interval, ==, .001);
  g_assert_cmpstr (r->options.color, ==, "red");
  g_assert_cmpfloat (r->options.alpha, ==, 0.5);
  g_assert_cmpfloat (r->options.fontsize, ==, 8);
}

static void
test_experiments (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PlScript) script = NULL;
  const char *source =
    "import numpy as np\n"
    "def f():\n"
    "    utils.analyze_memory(np.ones)\n"
    "utils.analyze_memory(\n"
    "    f)\n"
    "x = 1\n"
    "utils.analyze_memory(f)\n";

  script = pl_script_parse ("exp.py", source, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pl_script_get_filename (script), ==, "exp.py");
  g_assert_cmpstr (pl_script_get_source (script), ==, source);
  g_assert_cmpuint (pl_script_get_n_experiments (script), ==, 3);
  g_assert_cmpint (pl_script_get_experiment_line (script, 0), ==, 3);
  g_assert_cmpint (pl_script_get_experiment_line (script, 1), ==, 4);
  g_assert_cmpint (pl_script_get_experiment_line (script, 2), ==, 7);
}

static void
test_error_format (void)
{
  g_autoptr(Rec) r = rec_new ();
  g_autoptr(GError) error = NULL;
  gint line = 0, col = 0;

  run ("import numpy as np\n\ndef f():\n    y = dta * 2\nf()\n", r, &error);
  g_assert_error (error, PL_ERROR, PL_ERROR_NAME);
  g_assert_cmpstr (error->message, ==,
                   "test.py:4:9: error: NameError: name 'dta' is not defined\n"
                   "        y = dta * 2\n"
                   "            ^");
  g_assert_true (pl_script_error_get_location (error, &line, &col));
  g_assert_cmpint (line, ==, 4);
  g_assert_cmpint (col, ==, 9);
  g_clear_error (&error);

  /* A file name with colons, as on other systems. */
  error = g_error_new_literal (PL_ERROR, PL_ERROR_NAME, "C:/a:b.py:12:3: error: NameError: x\n  x\n  ^");
  g_assert_true (pl_script_error_get_location (error, &line, &col));
  g_assert_cmpint (line, ==, 12);
  g_assert_cmpint (col, ==, 3);
  g_clear_error (&error);
  error = g_error_new_literal (PL_ERROR, PL_ERROR_NAME, "no location here");
  g_assert_false (pl_script_error_get_location (error, &line, &col));
  g_clear_error (&error);

  /* Syntax errors come from pl_script_parse with the same format. */
  g_assert_false (run ("x = (1,\n", r, &error));
  g_assert_error (error, PL_ERROR, PL_ERROR_SYNTAX);
  g_assert_true (g_str_has_prefix (error->message, "test.py:1:5: error: SyntaxError: '(' was never closed\n"));
  g_clear_error (&error);

  /* The analyze_memory hook's own failure stops the script with it. */
  r->fail_analyze = TRUE;
  g_assert_false (run ("import numpy as np\nutils.analyze_memory(np.ones)\n", r, &error));
  g_assert_error (error, PL_ERROR, PL_ERROR_RUNTIME);
  g_assert_true (g_str_has_prefix (error->message, "test.py:2:1: error: RuntimeError: the sampler could not start"));
}

static void
test_cancel_loop (void)
{
  g_autoptr(Rec) r = rec_new ();
  g_autoptr(GError) error = NULL;

  r->interrupt_after = 1000;
  g_assert_false (run ("n = 0\nwhile True:\n    n += 1\n", r, &error));
  g_assert_error (error, PL_ERROR, PL_ERROR_CANCELLED);
  g_assert_nonnull (strstr (error->message, "KeyboardInterrupt"));
  pl_engine_clear_interrupt ();
}

static gpointer
interrupt_soon (gpointer data)
{
  g_usleep (50000);
  pl_engine_interrupt ();
  return NULL;
}

static void
test_cancel_sleep (void)
{
  g_autoptr(Rec) r = rec_new ();
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();
  GThread *thread;

  pl_engine_clear_interrupt ();
  thread = g_thread_new ("interrupt", interrupt_soon, NULL);
  {
    PlInterpHooks hooks = { on_line, on_return, on_output, on_analyze, on_local_bound };
    g_autoptr(PlScript) script = pl_script_parse ("s.py", "import time\ntime.sleep(1000)\n", -1, &error);
    g_autoptr(PlInterp) interp = pl_interp_new (script, &hooks, r);
    g_assert_false (pl_interp_run (interp, &error));
  }
  g_thread_join (thread);
  g_assert_error (error, PL_ERROR, PL_ERROR_CANCELLED);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 5 * G_USEC_PER_SEC);
  pl_engine_clear_interrupt ();
}

static void
test_limits (void)
{
  g_autoptr(Rec) r = rec_new ();
  g_autoptr(GError) error = NULL;

  /* A huge range is lazy. */
  run ("for i in range(10 ** 18):\n    if i == 3:\n        break\nprint(i, len(range(0, 10 ** 18, 7)))\n", r, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (r->output->str, ==, "3 142857142857142858\n");

  g_assert_false (run ("def f(n):\n    return f(n + 1) + 1\nf(0)\n", r, &error));
  g_assert_error (error, PL_ERROR, PL_ERROR_RECURSION);
  g_clear_error (&error);

  g_assert_false (run ("x = []\nfor i in range(1000):\n    x = [x]\n", r, &error));
  g_assert_error (error, PL_ERROR, PL_ERROR_RECURSION);
  g_clear_error (&error);

  g_assert_false (run ("x = 2 ** 63\n", r, &error));
  g_assert_error (error, PL_ERROR, PL_ERROR_OVERFLOW);
  g_clear_error (&error);

  /* Lists cannot hold themselves (no reference cycles, no leaks). */
  g_assert_false (run ("x = []\nx.append(x)\n", r, &error));
  g_assert_error (error, PL_ERROR, PL_ERROR_NOT_IMPLEMENTED);
}

static void
test_order_errors (void)
{
  /* order= is never ignored: NumPy's messages (F6). */
  static const struct { const char *source; gint code; const char *message; } cases[] = {
    { "import numpy as np\nnp.ones(3).copy(order='X')\n", PL_ERROR_VALUE, "order must be one of 'C', 'F', 'A', or 'K' (got 'X')" },
    { "import numpy as np\nnp.copy(np.ones(3), order='')\n", PL_ERROR_VALUE, "order must be one of 'C', 'F', 'A', or 'K' (got '')" },
    { "import numpy as np\nnp.array(np.ones(3), order='CF')\n", PL_ERROR_VALUE, "order must be one of 'C', 'F', 'A', or 'K' (got 'CF')" },
    { "import numpy as np\nnp.ones(3).copy(order=1)\n", PL_ERROR_TYPE, "order must be str, not int" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(Rec) r = rec_new ();
      g_autoptr(GError) error = NULL;

      g_assert_false (run (cases[i].source, r, &error));
      g_assert_error (error, PL_ERROR, cases[i].code);
      g_assert_nonnull (strstr (error->message, cases[i].message));
    }
}

static void
test_ignored_imports (void)
{
  g_autoptr(Rec) r = rec_new ();
  g_autoptr(GError) error = NULL;

  run ("from memory_profiler import memory_usage\nimport matplotlib.pyplot as plt\nimport pandas as pd\n"
       "import contextlib\nplt.figure()\nplt.show()\nx = pd.DataFrame([1], columns=['a'])\nprint('ok')\n",
       r, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (r->output->str, ==, "ok\n");

  g_assert_false (run ("import os\n", r, &error));
  g_assert_error (error, PL_ERROR, PL_ERROR_IMPORT);
  g_assert_nonnull (strstr (error->message, "No module named 'os'"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/script/interp/print", test_print);
  g_test_add_func ("/script/interp/output-lines", test_output_lines);
  g_test_add_func ("/script/interp/line-events", test_line_events);
  g_test_add_func ("/script/interp/refcounts", test_refcounts);
  g_test_add_func ("/script/interp/numexpr-last", test_numexpr_last);
  g_test_add_func ("/script/interp/callables", test_callables);
  g_test_add_func ("/script/interp/bound-arrays", test_bound_arrays);
  g_test_add_func ("/script/interp/local-bound", test_local_bound);
  g_test_add_func ("/script/interp/experiments", test_experiments);
  g_test_add_func ("/script/interp/error-format", test_error_format);
  g_test_add_func ("/script/interp/cancel-loop", test_cancel_loop);
  g_test_add_func ("/script/interp/cancel-sleep", test_cancel_sleep);
  g_test_add_func ("/script/interp/limits", test_limits);
  g_test_add_func ("/script/interp/ignored-imports", test_ignored_imports);
  g_test_add_func ("/script/interp/order-errors", test_order_errors);
  return g_test_run ();
}
