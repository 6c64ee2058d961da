/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <sys/resource.h>

#include <glib/gi18n.h>

#include "engine/pl-alloc.h"
#include "engine/pl-array.h"
#include "engine/pl-error.h"
#include "engine/pl-numexpr.h"
#include "pl-runner.h"
#include "pl-sampler.h"

/* One run at a time in the whole process: RSS is per process. A run
 * waits for the slot; a cancelled run stops waiting within 10 ms. */
static GMutex   slot_mutex;
static GCond    slot_cond;
static gboolean slot_busy;

static gboolean
acquire_run_slot (GCancellable *cancellable)
{
  g_mutex_lock (&slot_mutex);
  while (slot_busy)
    {
      if (g_cancellable_is_cancelled (cancellable))
        {
          g_mutex_unlock (&slot_mutex);
          return FALSE;
        }
      g_cond_wait_until (&slot_cond, &slot_mutex, g_get_monotonic_time () + 10 * G_TIME_SPAN_MILLISECOND);
    }
  slot_busy = TRUE;
  g_mutex_unlock (&slot_mutex);

  return TRUE;
}

static void
release_run_slot (void)
{
  g_mutex_lock (&slot_mutex);
  slot_busy = FALSE;
  g_cond_signal (&slot_cond);
  g_mutex_unlock (&slot_mutex);
}

typedef struct
{
  /* What to measure. */
  PlScript        *script;        /* borrowed */
  PlRunSettings    settings;
  gint             target_line;   /* the experiment's line; 0: every call */
  gboolean         target_done;
  PlRunOutputFunc  output_func;
  gpointer         output_data;

  /* What was measured and printed. */
  GPtrArray       *runs;          /* PlRun */
  GPtrArray       *output;        /* char *, NULL-terminated */

  /* The pipeline being measured. */
  PlSampler       *sampler;
  PlPipelineRun   *pipeline;      /* borrowed from its run; NULL between pipelines */
  gconstpointer    code;          /* its code; NULL for a NumPy function */
  gint             current_line;  /* atomic: read by the sampler thread */
  gint64           t0;            /* the baseline's time */
  gboolean         span_open;
  PlLineSpan       span;
  guint64          span_faults;   /* minor faults when the span opened */
} RunState;

static guint64
minor_faults (void)
{
  struct rusage usage;

  /* The whole process: the fused evaluator's pool threads fault too. */
  if (getrusage (RUSAGE_SELF, &usage) != 0)
    return 0;
  return usage.ru_minflt;
}

static void
close_span (RunState *st,
            gint64    now)
{
  if (!st->span_open)
    return;

  st->span.end_ns = MAX (now - st->t0, st->span.start_ns);
  st->span.minor_faults = minor_faults () - st->span_faults;
  pl_pipeline_run_append_span (st->pipeline, &st->span);
  st->span_open = FALSE;
}

static void
hook_line_started (gpointer      user_data,
                   gconstpointer code,
                   gint          line)
{
  RunState *st = user_data;
  gint64 now;

  /* Only the pipeline's own lines: a function it calls runs as part of
   * the calling line, as CPython's tracer of the tutorial sees it. */
  if (st->pipeline == NULL || st->code == NULL || code != st->code)
    return;

  now = pl_alloc_now_ns ();
  close_span (st, now);

  pl_alloc_set_line (line);
  g_atomic_int_set (&st->current_line, line);
  st->span = (PlLineSpan) { .line = line, .start_ns = now - st->t0, .span = pl_alloc_get_span () };
  st->span_faults = minor_faults ();
  st->span_open = TRUE;
}

static void
hook_frame_returning (gpointer      user_data,
                      gconstpointer code)
{
  RunState *st = user_data;

  if (st->pipeline == NULL || st->code == NULL || code != st->code)
    return;

  close_span (st, pl_alloc_now_ns ());
  pl_alloc_set_line (0);
  g_atomic_int_set (&st->current_line, 0);
  /* The frame's variables go with it. */
  pl_alloc_record_array (&(PlArrayEvent) { .kind = PL_ARRAY_EVENT_NAME });
}

/* The pipeline's variables, for the inspector: which array each names. */
static void
hook_local_bound (gpointer      user_data,
                  gconstpointer code,
                  const char   *name,
                  PlArray      *array)
{
  RunState *st = user_data;
  PlArrayEvent event = { .kind = PL_ARRAY_EVENT_NAME };

  if (st->pipeline == NULL || st->code == NULL || code != st->code)
    return;

  event.name = g_intern_string (name);
  event.array_id = array != NULL ? array->id : 0;
  pl_alloc_record_array (&event);
}

static void
hook_output (gpointer    user_data,
             const char *line)
{
  RunState *st = user_data;

  g_ptr_array_add (st->output, g_strdup (line));
  if (st->output_func != NULL)
    st->output_func (line, st->output_data);
}

static void
note_argument (const char *name,
               PlArray    *array,
               gpointer    user_data)
{
  RunState *st = user_data;

  pl_array_note_existing (array);
  if (name != NULL)
    pl_pipeline_run_set_argument_name (st->pipeline, array->id, name);
}

static gboolean
measure_pipeline (RunState  *st,
                  PlInterp  *interp,
                  PlRun     *run,
                  PlValue   *callable,
                  gint64     interval_ns,
                  GError   **error)
{
  g_autoptr(GError) local_error = NULL;
  PlAllocEvent *events;
  PlArrayEvent *array_events;
  gsize n_events, n_array_events;
  gint64 t_end;
  gboolean ok;

  st->pipeline = pl_run_add_pipeline (run, pl_value_get_callable_name (callable));
  st->code = pl_value_get_code (callable);
  st->span_open = FALSE;
  g_atomic_int_set (&st->current_line, 0);
  pl_alloc_set_line (0);

  pl_alloc_start_recording ();
  /* The arguments exist already (partial made them): the array log starts
   * with them, so the inspector can list them. */
  pl_value_foreach_bound_array (callable, note_argument, st);
  pl_alloc_reset_peak ();
  if (!pl_sampler_start (st->sampler, interval_ns, pl_alloc_get_live_bytes,
                         &st->current_line, &st->t0, error))
    {
      g_free (pl_alloc_stop_recording (&n_events));
      st->pipeline = NULL;
      return FALSE;
    }

  ok = pl_interp_call (interp, callable, &local_error);

  t_end = pl_alloc_now_ns ();
  close_span (st, t_end);   /* open only if the pipeline failed */
  pl_sampler_stop (st->sampler);
  events = pl_alloc_stop_recording_full (&n_events, &array_events, &n_array_events);
  pl_alloc_set_line (0);

  for (gsize i = 0; i < n_events; i++)
    events[i].time_ns -= st->t0;
  for (gsize i = 0; i < n_array_events; i++)
    array_events[i].time_ns -= st->t0;
  pl_pipeline_run_take_events (st->pipeline, events, n_events);
  pl_pipeline_run_take_array_events (st->pipeline, array_events, n_array_events);
  pl_sampler_copy_to (st->sampler, st->pipeline);
  pl_pipeline_run_set_total_time_ns (st->pipeline, t_end - st->t0);
  pl_pipeline_run_finish (st->pipeline);

  st->pipeline = NULL;
  st->code = NULL;

  if (!ok)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  return TRUE;
}

static gboolean
hook_analyze_memory (gpointer                user_data,
                     PlInterp               *interp,
                     gint                    call_line,
                     PlValue * const        *pipelines,
                     guint                   n_pipelines,
                     const PlAnalyzeOptions *options,
                     GError                **error)
{
  RunState *st = user_data;
  g_autoptr(PlRun) run = NULL;
  PlMarkStyle style;
  double interval;

  /* Measuring one experiment: other calls are passed over (their
   * arguments exist already, nothing more happens), and so is this call
   * when reached again (in a loop). */
  if (st->target_line > 0 && (call_line != st->target_line || st->target_done))
    return TRUE;
  st->target_done = TRUE;

  interval = pl_run_settings_get_effective_interval (&st->settings, options->interval);

  run = pl_run_new (pl_script_get_filename (st->script), MAX (call_line, 0));
  pl_run_set_sample_interval (run, interval);
  style = (PlMarkStyle) {
    .linestyle = (char *)options->linestyle,
    .color = (char *)options->color,
    .alpha = options->alpha,
    .fontsize = options->fontsize,
  };
  pl_run_set_mark_style (run, &style);

  /* The run is kept even if a pipeline fails, so that what was measured
   * before the error can still be shown. */
  g_ptr_array_add (st->runs, g_object_ref (run));

  for (guint i = 0; i < n_pipelines; i++)
    if (!measure_pipeline (st, interp, run, pipelines[i], (gint64)(interval * 1e9 + 0.5), error))
      return FALSE;

  return TRUE;
}

static const PlInterpHooks run_hooks = {
  .line_started = hook_line_started,
  .frame_returning = hook_frame_returning,
  .output = hook_output,
  .analyze_memory = hook_analyze_memory,
  .local_bound = hook_local_bound,
};

static void
cancelled_cb (GCancellable *cancellable,
              gpointer      user_data)
{
  pl_engine_interrupt ();
}

/* Runs the script under the process-wide lock. */
static gboolean
run_script (RunState      *st,
            GCancellable  *cancellable,
            GError       **error)
{
  g_autoptr(PlInterp) interp = NULL;
  g_autoptr(GError) local_error = NULL;
  gboolean old_elision;
  guint old_threads;
  gulong handler = 0;
  gboolean ok;

  if (!acquire_run_slot (cancellable))
    {
      g_set_error_literal (error, PL_ERROR, PL_ERROR_CANCELLED, _("The run was stopped."));
      return FALSE;
    }
  if (g_cancellable_is_cancelled (cancellable))
    {
      release_run_slot ();
      g_set_error_literal (error, PL_ERROR, PL_ERROR_CANCELLED, _("The run was stopped."));
      return FALSE;
    }

  st->sampler = pl_sampler_new (error);
  if (st->sampler == NULL)
    {
      release_run_slot ();
      return FALSE;
    }

  /* Process-wide engine settings, restored after the run (a script's
   * ne.set_num_threads() included). */
  old_elision = pl_engine_get_elision ();
  pl_engine_set_elision (st->settings.elision);
  old_threads = pl_numexpr_get_num_threads ();
  if (st->settings.numexpr_threads > 0)
    pl_numexpr_set_num_threads (st->settings.numexpr_threads);

  pl_engine_clear_interrupt ();
  if (cancellable != NULL)
    handler = g_cancellable_connect (cancellable, G_CALLBACK (cancelled_cb), NULL, NULL);

  interp = pl_interp_new (st->script, &run_hooks, st);
  ok = pl_interp_run (interp, &local_error);
  /* The script's values die with the interpreter, before the lock is
   * released: the next run starts from nothing. */
  g_clear_pointer (&interp, pl_interp_free);

  /* Waits for a handler running in another thread. */
  g_cancellable_disconnect (cancellable, handler);
  pl_engine_clear_interrupt ();
  pl_engine_set_elision (old_elision);
  pl_numexpr_set_num_threads (old_threads);
  g_clear_pointer (&st->sampler, pl_sampler_free);

  release_run_slot ();

  if (!ok)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  return TRUE;
}

static void
run_state_init (RunState            *st,
                PlScript            *script,
                const PlRunSettings *settings)
{
  g_autoptr(PlRunSettings) defaults = pl_run_settings_new ();

  *st = (RunState) { 0 };
  st->script = script;
  st->settings = settings != NULL ? *settings : *defaults;
  st->runs = g_ptr_array_new_with_free_func (g_object_unref);
  st->output = g_ptr_array_new_null_terminated (8, g_free, TRUE);
}

static void
run_state_clear (RunState *st)
{
  g_clear_pointer (&st->runs, g_ptr_array_unref);
  g_clear_pointer (&st->output, g_ptr_array_unref);
}

PlRun *
pl_run_experiment_sync (PlScript             *script,
                        guint                 experiment_index,
                        const PlRunSettings  *settings,
                        GCancellable         *cancellable,
                        GError              **error)
{
  RunState st;
  PlRun *run;

  g_return_val_if_fail (script != NULL, NULL);
  g_return_val_if_fail (experiment_index < pl_script_get_n_experiments (script), NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  run_state_init (&st, script, settings);
  st.target_line = pl_script_get_experiment_line (script, experiment_index);

  if (!run_script (&st, cancellable, error))
    {
      run_state_clear (&st);
      return NULL;
    }

  if (st.runs->len == 0)
    {
      g_set_error (error, PL_ERROR, PL_ERROR_RUNTIME,
                   _("%s: the script finished without reaching the utils.analyze_memory call on line %d."),
                   pl_script_get_filename (script), st.target_line);
      run_state_clear (&st);
      return NULL;
    }

  run = g_object_ref (g_ptr_array_index (st.runs, 0));
  for (guint i = 0; i < st.output->len; i++)
    pl_run_append_output (run, g_ptr_array_index (st.output, i));
  run_state_clear (&st);

  return run;
}

typedef struct
{
  PlScript      *script;
  guint          experiment_index;
  PlRunSettings *settings;
} TaskData;

static void
task_data_free (TaskData *data)
{
  g_clear_pointer (&data->script, pl_script_unref);
  g_clear_pointer (&data->settings, pl_run_settings_free);
  g_free (data);
}

static void
run_experiment_thread (GTask        *task,
                       gpointer      source_object,
                       gpointer      task_data,
                       GCancellable *cancellable)
{
  TaskData *data = task_data;
  GError *error = NULL;
  PlRun *run;

  run = pl_run_experiment_sync (data->script, data->experiment_index, data->settings,
                                cancellable, &error);
  if (run == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, run, g_object_unref);
}

void
pl_run_experiment_async (PlScript             *script,
                         guint                 experiment_index,
                         const PlRunSettings  *settings,
                         GCancellable         *cancellable,
                         GAsyncReadyCallback   callback,
                         gpointer              user_data)
{
  g_autoptr(GTask) task = NULL;
  TaskData *data;

  g_return_if_fail (script != NULL);
  g_return_if_fail (experiment_index < pl_script_get_n_experiments (script));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, pl_run_experiment_async);
  g_task_set_name (task, "[peakline] run experiment");
  /* The run reports cancellation itself (PL_ERROR_CANCELLED, everything
   * freed), so the task does not short-circuit it. */
  g_task_set_return_on_cancel (task, FALSE);
  g_task_set_check_cancellable (task, FALSE);

  data = g_new0 (TaskData, 1);
  data->script = pl_script_ref (script);
  data->experiment_index = experiment_index;
  data->settings = settings != NULL ? pl_run_settings_copy (settings) : pl_run_settings_new ();
  g_task_set_task_data (task, data, (GDestroyNotify)task_data_free);

  g_task_run_in_thread (task, run_experiment_thread);
}

PlRun *
pl_run_experiment_finish (GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == pl_run_experiment_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

gboolean
pl_run_script_sync (PlScript             *script,
                    const PlRunSettings  *settings,
                    GCancellable         *cancellable,
                    PlRunOutputFunc       output_func,
                    gpointer              output_data,
                    GPtrArray           **runs_out,
                    char               ***output_out,
                    GError              **error)
{
  RunState st;
  gboolean ok;

  g_return_val_if_fail (script != NULL, FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  run_state_init (&st, script, settings);
  st.output_func = output_func;
  st.output_data = output_data;

  ok = run_script (&st, cancellable, error);

  if (runs_out != NULL)
    *runs_out = g_steal_pointer (&st.runs);
  if (output_out != NULL)
    *output_out = (char **)g_ptr_array_steal (st.output, NULL);
  run_state_clear (&st);

  return ok;
}
