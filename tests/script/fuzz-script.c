/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "engine/pl-alloc.h"
#include "engine/pl-array.h"
#include "script/pl-script.h"

/* libFuzzer harness for the lexer, parser and interpreter: every input is
 * parsed and, if it parses, run with hooks that call each pipeline of
 * utils.analyze_memory() as the run layer does. A watchdog stops runaway
 * scripts through pl_engine_interrupt(), exactly as the Stop button does,
 * so that loops and long sleeps exercise the cancellation path instead of
 * timing out. */

#define INPUT_BUDGET_US (300 * 1000)

static gint64 deadline_us;

static gpointer
watchdog (gpointer data)
{
  for (;;)
    {
      gint64 d = __atomic_load_n (&deadline_us, __ATOMIC_RELAXED);
      if (d > 0 && g_get_monotonic_time () > d)
        pl_engine_interrupt ();
      g_usleep (5000);
    }
  return NULL;
}

static void
on_line (gpointer      user_data,
         gconstpointer code,
         gint          line)
{
  pl_alloc_set_line (line);
}

static void
on_return (gpointer      user_data,
           gconstpointer code)
{
}

static void
on_output (gpointer    user_data,
           const char *line)
{
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
    {
      (void) pl_value_get_callable_name (pipelines[i]);
      (void) pl_value_get_code (pipelines[i]);
      if (!pl_interp_call (interp, pipelines[i], error))
        return FALSE;
    }
  return TRUE;
}

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  static gboolean initialised;
  PlInterpHooks hooks = { on_line, on_return, on_output, on_analyze };
  GError *error = NULL;
  PlScript *script;

  if (!initialised)
    {
      /* Big arrays are refused early so that inputs stay fast. */
      pl_alloc_set_limit (16 * 1024 * 1024);
      g_thread_unref (g_thread_new ("watchdog", watchdog, NULL));
      initialised = TRUE;
    }
  if (size > 64 * 1024)
    return 0;

  pl_engine_clear_interrupt ();
  __atomic_store_n (&deadline_us, g_get_monotonic_time () + INPUT_BUDGET_US, __ATOMIC_RELAXED);
  script = pl_script_parse ("fuzz.py", (const char *) data, size, &error);
  if (script != NULL)
    {
      PlInterp *interp = pl_interp_new (script, &hooks, NULL);
      gint line, col;

      if (!pl_interp_run (interp, &error))
        {
          g_assert (error != NULL);
          g_assert (pl_script_error_get_location (error, &line, &col));
        }
      pl_interp_free (interp);
      pl_script_unref (script);
    }
  else
    {
      gint line, col;
      g_assert (error != NULL);
      g_assert (pl_script_error_get_location (error, &line, &col));
    }
  g_clear_error (&error);

  /* The editors' parse reads the same input without running it. */
  script = pl_script_parse_for_editor ("fuzz.py", (const char *) data, size, &error);
  g_assert ((script == NULL) == (error != NULL));
  if (script != NULL)
    pl_script_unref (script);
  g_clear_error (&error);

  __atomic_store_n (&deadline_us, 0, __ATOMIC_RELAXED);
  pl_engine_clear_interrupt ();
  return 0;
}
