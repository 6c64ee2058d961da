/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdio.h>

#include "engine/pl-alloc.h"
#include "script/pl-script.h"

/* Interpreter speed (meson test --benchmark): parsing, pure-Python loops,
 * and the interpreter's share of a tutorial pipeline. Prints one line per
 * case: the best of five runs. Timings on a shared machine are noisy. */

static void
on_line (gpointer      user_data,
         gconstpointer code,
         gint          line)
{
  pl_alloc_set_line (line);
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
  for (guint i = 0; i < n_pipelines; i++)
    if (!pl_interp_call (interp, pipelines[i], error))
      return FALSE;
  return TRUE;
}

static double
run_once (const char *source,
          gboolean    execute)
{
  PlInterpHooks hooks = { on_line, NULL, NULL, on_analyze };
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();
  g_autoptr(PlScript) script = pl_script_parse ("bench.py", source, -1, &error);

  g_assert_no_error (error);
  if (execute)
    {
      g_autoptr(PlInterp) interp = pl_interp_new (script, &hooks, NULL);
      pl_interp_run (interp, &error);
      g_assert_no_error (error);
    }
  return (g_get_monotonic_time () - start) / 1e6;
}

static void
bench (const char *name,
       const char *source,
       gboolean    execute,
       double      units,
       const char *unit)
{
  double best = G_MAXDOUBLE;

  for (int i = 0; i < 5; i++)
    best = MIN (best, run_once (source, execute));
  printf ("%-28s %9.3f ms   %8.1f ns/%s\n", name, best * 1e3, best * 1e9 / units, unit);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GString) big = g_string_new ("import numpy as np\n");

  for (int i = 0; i < 2000; i++)
    g_string_append_printf (big, "def f%d(x, y=2):\n    z = x * y + %d\n    return z[::2]\n", i, i);

  bench ("parse 6000 lines", big->str, FALSE, 6000, "line");
  bench ("loop 1e6 int additions",
         "x = 0\nfor i in range(1000000):\n    x = x + i\n", TRUE, 1e6, "iteration");
  bench ("loop 1e5 function calls",
         "def f(a, b=1):\n    return a + b\nx = 0\nfor i in range(100000):\n    x = f(x)\n", TRUE, 1e5, "call");
  bench ("1e4 small array ops",
         "import numpy as np\nx = np.ones(10)\nfor i in range(10000):\n    x = x * 1.0 + 0.0\n", TRUE, 2e4, "op");
  bench ("tutorial s4-2 pipelines",
         "import numpy as np\nfrom functools import partial\n"
         "def fun1(x):\n    x = x * 2 * 3 * 4 + 1\n"
         "def fun2(x):\n    x = x * (2 * 3 * 4 + 1)\n"
         "utils.analyze_memory(partial(fun1, np.ones(8_000_000)), partial(fun2, np.ones(8_000_000)))\n",
         TRUE, 1, "run");
  return 0;
}
