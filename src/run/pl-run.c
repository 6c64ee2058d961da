/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "pl-run.h"

/* A measured pipeline. Samples, spans and events arrive while it is built;
 * pl_pipeline_run_finish() derives the line statistics and the summary. */
struct _PlPipelineRun
{
  char         *name;
  gint64        total_time_ns;
  gint64        peak_rss_bytes;
  gint64        noted_peak_rss_bytes;
  gint64        peak_alloc_bytes;
  gint64        final_alloc_bytes;

  GArray       *samples;     /* PlSample */
  GArray       *spans;       /* PlLineSpan */
  PlAllocEvent *events;
  gsize         n_events;
  PlArrayEvent *array_events;
  gsize         n_array_events;
  GHashTable   *argument_names;  /* array id (guint64 *) -> parameter name */
  GArray       *line_stats;  /* PlLineStats, in line order */
};

struct _PlRun
{
  GObject      parent_instance;

  char        *file;
  gint         experiment_line;
  double       sample_interval;
  GPtrArray   *pipelines;    /* PlPipelineRun */
  GPtrArray   *output;       /* char *, NULL-terminated */
  PlMarkStyle  mark_style;
};

G_DEFINE_FINAL_TYPE (PlRun, pl_run, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_FILE,
  PROP_EXPERIMENT_LINE,
  PROP_SAMPLE_INTERVAL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The tutorial's _analyze_memory() defaults. */
#define DEFAULT_INTERVAL  0.00005
#define DEFAULT_LINESTYLE "--"
#define DEFAULT_COLOR     "gray"
#define DEFAULT_ALPHA     0.3
#define DEFAULT_FONTSIZE  6.0

static PlPipelineRun *
pl_pipeline_run_new (const char *name)
{
  PlPipelineRun *self = g_new0 (PlPipelineRun, 1);

  self->name = g_strdup (name != NULL ? name : "pipeline");
  self->samples = g_array_new (FALSE, FALSE, sizeof (PlSample));
  self->spans = g_array_new (FALSE, FALSE, sizeof (PlLineSpan));
  self->line_stats = g_array_new (FALSE, FALSE, sizeof (PlLineStats));
  self->argument_names = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);

  return self;
}

static void
pl_pipeline_run_free (PlPipelineRun *self)
{
  g_free (self->name);
  g_array_unref (self->samples);
  g_array_unref (self->spans);
  g_array_unref (self->line_stats);
  g_free (self->events);
  g_free (self->array_events);
  g_hash_table_unref (self->argument_names);
  g_free (self);
}

static void
pl_run_finalize (GObject *object)
{
  PlRun *self = (PlRun *)object;

  g_clear_pointer (&self->file, g_free);
  g_clear_pointer (&self->pipelines, g_ptr_array_unref);
  g_clear_pointer (&self->output, g_ptr_array_unref);
  g_clear_pointer (&self->mark_style.linestyle, g_free);
  g_clear_pointer (&self->mark_style.color, g_free);

  G_OBJECT_CLASS (pl_run_parent_class)->finalize (object);
}

static void
pl_run_get_property (GObject    *object,
                     guint       prop_id,
                     GValue     *value,
                     GParamSpec *pspec)
{
  PlRun *self = PL_RUN (object);

  switch (prop_id)
    {
    case PROP_FILE:
      g_value_set_string (value, pl_run_get_file (self));
      break;

    case PROP_EXPERIMENT_LINE:
      g_value_set_int (value, pl_run_get_experiment_line (self));
      break;

    case PROP_SAMPLE_INTERVAL:
      g_value_set_double (value, pl_run_get_sample_interval (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pl_run_set_property (GObject      *object,
                     guint         prop_id,
                     const GValue *value,
                     GParamSpec   *pspec)
{
  PlRun *self = PL_RUN (object);

  switch (prop_id)
    {
    case PROP_FILE:
      g_free (self->file);
      self->file = g_value_dup_string (value);
      break;

    case PROP_EXPERIMENT_LINE:
      self->experiment_line = g_value_get_int (value);
      break;

    case PROP_SAMPLE_INTERVAL:
      pl_run_set_sample_interval (self, g_value_get_double (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pl_run_class_init (PlRunClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pl_run_finalize;
  object_class->get_property = pl_run_get_property;
  object_class->set_property = pl_run_set_property;

  properties[PROP_FILE] =
    g_param_spec_string ("file", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  properties[PROP_EXPERIMENT_LINE] =
    g_param_spec_int ("experiment-line", NULL, NULL,
                      0, G_MAXINT, 0,
                      G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  properties[PROP_SAMPLE_INTERVAL] =
    g_param_spec_double ("sample-interval", NULL, NULL,
                         0.0, G_MAXDOUBLE, DEFAULT_INTERVAL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pl_run_init (PlRun *self)
{
  self->sample_interval = DEFAULT_INTERVAL;
  self->pipelines = g_ptr_array_new_with_free_func ((GDestroyNotify)pl_pipeline_run_free);
  self->output = g_ptr_array_new_null_terminated (8, g_free, TRUE);
  self->mark_style.linestyle = g_strdup (DEFAULT_LINESTYLE);
  self->mark_style.color = g_strdup (DEFAULT_COLOR);
  self->mark_style.alpha = DEFAULT_ALPHA;
  self->mark_style.fontsize = DEFAULT_FONTSIZE;
}

/**
 * pl_run_new:
 * @file: (nullable): the script's file name, as the JSON's "file" shows it
 * @experiment_line: the line of the utils.analyze_memory call (0: unknown)
 *
 * Returns: (transfer full): an empty run, to be filled by the run layer
 */
PlRun *
pl_run_new (const char *file,
            gint        experiment_line)
{
  g_return_val_if_fail (experiment_line >= 0, NULL);

  return g_object_new (PL_TYPE_RUN,
                       "file", file,
                       "experiment-line", experiment_line,
                       NULL);
}

const char *
pl_run_get_file (PlRun *self)
{
  g_return_val_if_fail (PL_IS_RUN (self), NULL);

  return self->file;
}

gint
pl_run_get_experiment_line (PlRun *self)
{
  g_return_val_if_fail (PL_IS_RUN (self), 0);

  return self->experiment_line;
}

double
pl_run_get_sample_interval (PlRun *self)
{
  g_return_val_if_fail (PL_IS_RUN (self), 0.0);

  return self->sample_interval;
}

void
pl_run_set_sample_interval (PlRun  *self,
                            double  seconds)
{
  g_return_if_fail (PL_IS_RUN (self));
  g_return_if_fail (seconds > 0.0);

  if (self->sample_interval == seconds)
    return;

  self->sample_interval = seconds;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SAMPLE_INTERVAL]);
}

guint
pl_run_get_n_pipelines (PlRun *self)
{
  g_return_val_if_fail (PL_IS_RUN (self), 0);

  return self->pipelines->len;
}

/**
 * pl_run_get_pipeline:
 *
 * Returns: (transfer none): the @index-th pipeline of the experiment
 */
PlPipelineRun *
pl_run_get_pipeline (PlRun *self,
                     guint  index)
{
  g_return_val_if_fail (PL_IS_RUN (self), NULL);
  g_return_val_if_fail (index < self->pipelines->len, NULL);

  return g_ptr_array_index (self->pipelines, index);
}

/**
 * pl_run_add_pipeline:
 * @name: the pipeline's name ("fun1", "ones")
 *
 * Returns: (transfer none): a new, empty pipeline appended to the run
 */
PlPipelineRun *
pl_run_add_pipeline (PlRun      *self,
                     const char *name)
{
  PlPipelineRun *pipeline;

  g_return_val_if_fail (PL_IS_RUN (self), NULL);

  pipeline = pl_pipeline_run_new (name);
  g_ptr_array_add (self->pipelines, pipeline);

  return pipeline;
}

const PlMarkStyle *
pl_run_get_mark_style (PlRun *self)
{
  g_return_val_if_fail (PL_IS_RUN (self), NULL);

  return &self->mark_style;
}

void
pl_run_set_mark_style (PlRun             *self,
                       const PlMarkStyle *style)
{
  g_return_if_fail (PL_IS_RUN (self));
  g_return_if_fail (style != NULL);

  g_free (self->mark_style.linestyle);
  g_free (self->mark_style.color);
  self->mark_style.linestyle = g_strdup (style->linestyle != NULL ? style->linestyle : DEFAULT_LINESTYLE);
  self->mark_style.color = g_strdup (style->color != NULL ? style->color : DEFAULT_COLOR);
  self->mark_style.alpha = style->alpha;
  self->mark_style.fontsize = style->fontsize;
}

/**
 * pl_run_get_output:
 *
 * Returns: (transfer none) (array zero-terminated=1): the lines the script
 *   printed during the run
 */
const char * const *
pl_run_get_output (PlRun *self)
{
  g_return_val_if_fail (PL_IS_RUN (self), NULL);

  return (const char * const *)self->output->pdata;
}

void
pl_run_append_output (PlRun      *self,
                      const char *line)
{
  g_return_if_fail (PL_IS_RUN (self));
  g_return_if_fail (line != NULL);

  g_ptr_array_add (self->output, g_strdup (line));
}

/* --- PlPipelineRun ------------------------------------------------------ */

const char *
pl_pipeline_run_get_name (PlPipelineRun *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->name;
}

gint64
pl_pipeline_run_get_total_time_ns (PlPipelineRun *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->total_time_ns;
}

gint64
pl_pipeline_run_get_peak_rss_bytes (PlPipelineRun *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->peak_rss_bytes;
}

gint64
pl_pipeline_run_get_peak_alloc_bytes (PlPipelineRun *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->peak_alloc_bytes;
}

gint64
pl_pipeline_run_get_final_alloc_bytes (PlPipelineRun *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->final_alloc_bytes;
}

const PlSample *
pl_pipeline_run_get_samples (PlPipelineRun *self,
                             gsize         *n_samples)
{
  g_return_val_if_fail (self != NULL, NULL);

  if (n_samples != NULL)
    *n_samples = self->samples->len;

  return (const PlSample *)(gpointer)self->samples->data;
}

gsize
pl_pipeline_run_get_n_samples (PlPipelineRun *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->samples->len;
}

double
pl_pipeline_run_get_achieved_rate (PlPipelineRun *self)
{
  const PlSample *first;
  const PlSample *last;

  g_return_val_if_fail (self != NULL, 0.0);

  if (self->samples->len < 2)
    return 0.0;

  first = &g_array_index (self->samples, PlSample, 0);
  last = &g_array_index (self->samples, PlSample, self->samples->len - 1);
  if (last->time_ns <= first->time_ns)
    return 0.0;

  /* n samples span n - 1 intervals. */
  return (self->samples->len - 1) / ((last->time_ns - first->time_ns) / 1e9);
}

const PlLineSpan *
pl_pipeline_run_get_spans (PlPipelineRun *self,
                           gsize         *n_spans)
{
  g_return_val_if_fail (self != NULL, NULL);

  if (n_spans != NULL)
    *n_spans = self->spans->len;

  return (const PlLineSpan *)(gpointer)self->spans->data;
}

const PlAllocEvent *
pl_pipeline_run_get_events (PlPipelineRun *self,
                            gsize         *n_events)
{
  g_return_val_if_fail (self != NULL, NULL);

  if (n_events != NULL)
    *n_events = self->n_events;

  return self->events;
}

const PlLineStats *
pl_pipeline_run_get_line_stats (PlPipelineRun *self,
                                gsize         *n_lines)
{
  g_return_val_if_fail (self != NULL, NULL);

  if (n_lines != NULL)
    *n_lines = self->line_stats->len;

  return (const PlLineStats *)(gpointer)self->line_stats->data;
}

const PlLineStats *
pl_pipeline_run_lookup_line (PlPipelineRun *self,
                             gint           line)
{
  g_return_val_if_fail (self != NULL, NULL);

  for (guint i = 0; i < self->line_stats->len; i++)
    {
      const PlLineStats *st = &g_array_index (self->line_stats, PlLineStats, i);

      if (st->line == line)
        return st;
    }

  return NULL;
}

void
pl_pipeline_run_set_total_time_ns (PlPipelineRun *self,
                                   gint64         ns)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (ns >= 0);

  self->total_time_ns = ns;
}

void
pl_pipeline_run_append_sample (PlPipelineRun  *self,
                               const PlSample *sample)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (sample != NULL);

  g_array_append_vals (self->samples, sample, 1);
}

void
pl_pipeline_run_append_span (PlPipelineRun    *self,
                             const PlLineSpan *span)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (span != NULL);
  g_return_if_fail (span->end_ns >= span->start_ns);

  g_array_append_vals (self->spans, span, 1);
}

/**
 * pl_pipeline_run_take_events:
 * @events: (transfer full): allocation events in the order they happened,
 *   allocated with g_malloc (as pl_alloc_stop_recording returns them)
 *
 * Replaces the events of the pipeline.
 */
void
pl_pipeline_run_take_events (PlPipelineRun *self,
                             PlAllocEvent  *events,
                             gsize          n_events)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (events != NULL || n_events == 0);

  g_free (self->events);
  self->events = events;
  self->n_events = n_events;
}

/**
 * pl_pipeline_run_take_array_events:
 * @events: (transfer full): the array log in the order it happened,
 *   allocated with g_malloc (as pl_alloc_stop_recording_full returns it)
 *
 * Replaces the array log of the pipeline.
 */
void
pl_pipeline_run_take_array_events (PlPipelineRun *self,
                                   PlArrayEvent  *events,
                                   gsize          n_events)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (events != NULL || n_events == 0);

  g_free (self->array_events);
  self->array_events = events;
  self->n_array_events = n_events;
}

const PlArrayEvent *
pl_pipeline_run_get_array_events (PlPipelineRun *self,
                                  gsize         *n_events)
{
  g_return_val_if_fail (self != NULL, NULL);

  if (n_events != NULL)
    *n_events = self->n_array_events;
  return self->array_events;
}

/**
 * pl_pipeline_run_set_argument_name:
 * @array_id: an array of the log's EXISTING events
 * @name: the parameter of the pipeline's function it is bound to
 *
 * Remembers which parameter an argument array is (the first name given
 * wins: an array bound twice keeps its first parameter).
 */
void
pl_pipeline_run_set_argument_name (PlPipelineRun *self,
                                   guint64        array_id,
                                   const char    *name)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (name != NULL);

  if (g_hash_table_contains (self->argument_names, &array_id))
    return;
  g_hash_table_insert (self->argument_names, g_memdup2 (&array_id, sizeof array_id), g_strdup (name));
}

/**
 * pl_pipeline_run_get_argument_name:
 *
 * Returns: (nullable): the parameter @array_id was bound to, or %NULL
 */
const char *
pl_pipeline_run_get_argument_name (PlPipelineRun *self,
                                   guint64        array_id)
{
  g_return_val_if_fail (self != NULL, NULL);

  return g_hash_table_lookup (self->argument_names, &array_id);
}

void
pl_pipeline_run_note_peak_rss (PlPipelineRun *self,
                               gint64         bytes)
{
  g_return_if_fail (self != NULL);

  self->noted_peak_rss_bytes = MAX (self->noted_peak_rss_bytes, bytes);
}

static gint
compare_spans (gconstpointer a,
               gconstpointer b)
{
  const PlLineSpan *sa = a;
  const PlLineSpan *sb = b;

  if (sa->start_ns != sb->start_ns)
    return sa->start_ns < sb->start_ns ? -1 : 1;
  return (sa->span > sb->span) - (sa->span < sb->span);
}

static gint
compare_line_stats (gconstpointer a,
                    gconstpointer b)
{
  const PlLineStats *la = a;
  const PlLineStats *lb = b;

  return (la->line > lb->line) - (la->line < lb->line);
}

/* The statistics being accumulated: the open span and its line. */
typedef struct
{
  PlPipelineRun *self;
  GHashTable    *index;      /* line -> position + 1 in line_stats */
  gint64         live;
  gint64         peak;
  gssize         open;       /* the open span, or -1 */
  gsize          next;       /* the next span to open */
  gint64         span_peak;
} Replay;

static PlLineStats *
stats_for_line (Replay *r,
                gint32  line)
{
  guint pos = GPOINTER_TO_UINT (g_hash_table_lookup (r->index, GINT_TO_POINTER (line)));

  if (pos == 0)
    {
      PlLineStats fresh = { .line = line, .peak_alloc_bytes = G_MININT64 };

      g_array_append_val (r->self->line_stats, fresh);
      pos = r->self->line_stats->len;
      g_hash_table_insert (r->index, GINT_TO_POINTER (line), GUINT_TO_POINTER (pos));
    }

  return &g_array_index (r->self->line_stats, PlLineStats, pos - 1);
}

static void
replay_close (Replay *r)
{
  const PlLineSpan *span;
  PlLineStats *st;

  if (r->open < 0)
    return;

  span = &g_array_index (r->self->spans, PlLineSpan, r->open);
  st = stats_for_line (r, span->line);
  st->peak_alloc_bytes = MAX (st->peak_alloc_bytes, r->span_peak);
  st->live_alloc_bytes = r->live;
  r->peak = MAX (r->peak, r->span_peak);
  r->open = -1;
}

static void
replay_open_next (Replay *r)
{
  const PlLineSpan *span;
  PlLineStats *st;

  replay_close (r);
  g_assert (r->next < r->self->spans->len);

  span = &g_array_index (r->self->spans, PlLineSpan, r->next);
  st = stats_for_line (r, span->line);
  st->hits++;
  st->time_ns += span->end_ns - span->start_ns;
  st->minor_faults += span->minor_faults;

  r->open = r->next++;
  r->span_peak = r->live;
}

/* Opens the span @event belongs to by its span stamp (exact, whatever the
 * times), or returns FALSE if it belongs to none. Spans' stamps increase
 * in their order; an event stamped between two spans' (after a return, or
 * before the first line) is outside every span, after the earlier ones. */
static gboolean
replay_enter_span_exact (Replay             *r,
                         const PlAllocEvent *event)
{
  GArray *spans = r->self->spans;

  if (r->open >= 0)
    {
      guint64 open_span = g_array_index (spans, PlLineSpan, r->open).span;

      if (event->span == open_span)
        return TRUE;
      if (event->span < open_span)
        return FALSE;   /* a span already left (cannot happen in a run) */
    }

  /* Spans in between had no events. */
  replay_close (r);
  while (r->next < spans->len &&
         g_array_index (spans, PlLineSpan, r->next).span < event->span)
    {
      replay_open_next (r);
      replay_close (r);
    }
  if (r->next < spans->len &&
      g_array_index (spans, PlLineSpan, r->next).span == event->span)
    {
      replay_open_next (r);
      return TRUE;
    }
  return FALSE;
}

/* Without span stamps (events or spans made without them):
 * opens the span @event belongs to, or returns FALSE if it belongs to
 * none. Events are attributed by their line tag, which is exact: the run
 * sets it at each span's start in the thread that makes the events, so
 * the sequence of tags in the log is the sequence of spans. A tag of 0 is
 * outside every span. Time only separates consecutive spans of the same
 * line: event times may come from a converted cycle counter and be off by
 * a few microseconds, more than a short line lasts. Untagged events
 * (before the first line, after the return) are placed among the spans
 * by time. */
static gboolean
replay_enter_span (Replay             *r,
                   const PlAllocEvent *event)
{
  GArray *spans = r->self->spans;
  gboolean open_matches;
  gssize first = -1;
  gssize chosen = -1;

  if (event->line == 0)
    {
      /* Outside every span: after the spans that started before it (and
       * so, having no events of their own, ended before it too). */
      replay_close (r);
      while (r->next < spans->len &&
             g_array_index (spans, PlLineSpan, r->next).start_ns <= event->time_ns)
        {
          replay_open_next (r);
          replay_close (r);
        }
      return FALSE;
    }

  open_matches = r->open >= 0 && g_array_index (spans, PlLineSpan, r->open).line == event->line;

  /* The candidates: the open span if it has the line, and later spans of
   * the line. The latest that started by the event's time wins; if none
   * did (a time a little early), the first. */
  for (gsize k = open_matches ? (gsize)r->open : r->next; k < spans->len; k++)
    {
      const PlLineSpan *span = &g_array_index (spans, PlLineSpan, k);

      if (span->line != event->line)
        continue;
      if (first < 0)
        first = k;
      if (span->start_ns > event->time_ns)
        break;
      chosen = k;
    }
  if (chosen < 0)
    chosen = first;

  if (chosen < 0)
    {
      /* A tag no later span carries: not attributable. */
      replay_close (r);
      return FALSE;
    }

  if (chosen == r->open)
    return TRUE;

  /* Spans in between had no events. */
  while ((gssize)r->next <= chosen)
    replay_open_next (r);
  return TRUE;
}

/**
 * pl_pipeline_run_finish:
 *
 * Computes the per-line statistics and the pipeline's summary from the
 * samples, spans and events, as docs/DESIGN.md defines them:
 * the live bytes are replayed from the event log (relative to the start),
 * a line's peak is the highest live bytes while one of its spans ran
 * (including the live bytes when it started), its live bytes are those
 * when its last span ended, and allocated/freed sum its events. Events
 * belong to spans by their span stamp when the spans and events carry
 * them (as a run's do), else by their line tag (0: none) and time.
 */
void
pl_pipeline_run_finish (PlPipelineRun *self)
{
  g_autoptr(GHashTable) index = NULL;
  gboolean exact = TRUE;
  Replay r;

  g_return_if_fail (self != NULL);

  g_array_sort (self->spans, compare_spans);
  g_array_set_size (self->line_stats, 0);
  index = g_hash_table_new (NULL, NULL);
  r = (Replay) { .self = self, .index = index, .open = -1 };

  /* Exact matching needs every span stamped and stamps in time order. */
  for (guint k = 0; k < self->spans->len; k++)
    {
      guint64 stamp = g_array_index (self->spans, PlLineSpan, k).span;

      if (stamp == 0 || (k > 0 && stamp <= g_array_index (self->spans, PlLineSpan, k - 1).span))
        {
          exact = FALSE;
          break;
        }
    }

  for (gsize ev = 0; ev < self->n_events; ev++)
    {
      const PlAllocEvent *e = &self->events[ev];
      gboolean in_span = exact && e->span != 0 ? replay_enter_span_exact (&r, e)
                                               : replay_enter_span (&r, e);

      r.live += e->bytes;
      r.peak = MAX (r.peak, r.live);
      if (in_span)
        {
          PlLineStats *st = stats_for_line (&r, g_array_index (self->spans, PlLineSpan, r.open).line);

          r.span_peak = MAX (r.span_peak, r.live);
          if (e->bytes > 0)
            st->allocated_bytes += e->bytes;
          else
            st->freed_bytes -= e->bytes;
        }
    }

  /* Spans after the last event. */
  while (r.next < self->spans->len)
    replay_open_next (&r);
  replay_close (&r);

  g_array_sort (self->line_stats, compare_line_stats);

  self->peak_alloc_bytes = r.peak;
  self->final_alloc_bytes = r.live;

  self->peak_rss_bytes = self->noted_peak_rss_bytes;
  for (guint i = 0; i < self->samples->len; i++)
    self->peak_rss_bytes = MAX (self->peak_rss_bytes,
                                g_array_index (self->samples, PlSample, i).rss_bytes);

  /* Without a total time given, the pipeline lasted as long as its record. */
  if (self->total_time_ns == 0)
    {
      gint64 end = 0;

      if (self->samples->len > 0)
        end = MAX (end, g_array_index (self->samples, PlSample, self->samples->len - 1).time_ns);
      if (self->spans->len > 0)
        end = MAX (end, g_array_index (self->spans, PlLineSpan, self->spans->len - 1).end_ns);
      if (self->n_events > 0)
        end = MAX (end, self->events[self->n_events - 1].time_ns);
      self->total_time_ns = end;
    }
}
