/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "engine/pl-dtype.h"

#include "pl-snapshot.h"

struct _PlSnapshot
{
  GStringChunk *names;  /* the arrays' variables */
  gint64  time_ns;
  GArray *arrays;     /* PlSnapshotArray */
  GArray *buffers;    /* PlSnapshotBuffer: those no array holds */
  gint64  allocated_bytes;
  gint64  argument_bytes;
  guint   n_views;
};

/* Which events count: those of spans up to @span when it is known (exact,
 * whatever the times), else those up to @time_ns. */
typedef struct
{
  guint64 span;
  gint64  time_ns;
} Cut;

static gboolean
cut_includes (const Cut *cut,
              gint64     time_ns,
              guint64    span)
{
  if (cut->span != 0 && span != 0)
    return span <= cut->span;
  return time_ns <= cut->time_ns;
}

static gint
compare_arrays (gconstpointer a,
                gconstpointer b)
{
  const PlSnapshotArray *x = a;
  const PlSnapshotArray *y = b;

  if (x->argument != y->argument)
    return x->argument ? -1 : 1;
  if (x->time_ns != y->time_ns)
    return x->time_ns < y->time_ns ? -1 : 1;
  return x->array_id < y->array_id ? -1 : x->array_id > y->array_id;
}

static gint
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static gint
compare_buffers (gconstpointer a,
                 gconstpointer b)
{
  const PlSnapshotBuffer *x = a;
  const PlSnapshotBuffer *y = b;

  if (x->time_ns != y->time_ns)
    return x->time_ns < y->time_ns ? -1 : 1;
  return x->buffer_id < y->buffer_id ? -1 : x->buffer_id > y->buffer_id;
}

static void
replay_buffers (PlPipelineRun *pipeline,
                const Cut     *cut,
                GHashTable    *alive)
{
  const PlAllocEvent *events;
  gsize n_events;

  events = pl_pipeline_run_get_events (pipeline, &n_events);
  for (gsize i = 0; i < n_events; i++)
    {
      const PlAllocEvent *e = &events[i];

      if (!cut_includes (cut, e->time_ns, e->span))
        continue;
      if (e->bytes > 0)
        {
          PlSnapshotBuffer *b = g_new0 (PlSnapshotBuffer, 1);

          b->buffer_id = e->buffer_id;
          b->bytes = e->bytes;
          b->time_ns = e->time_ns;
          b->line = e->line;
          b->reason = e->reason;
          g_hash_table_replace (alive, &b->buffer_id, b);
        }
      else if (e->bytes < 0)
        {
          g_hash_table_remove (alive, &e->buffer_id);
        }
      else
        {
          /* An elision: the temporary now holds a result. */
          PlSnapshotBuffer *b = g_hash_table_lookup (alive, &e->buffer_id);

          if (b != NULL)
            b->reason = PL_ALLOC_REASON_ELIDED;
        }
    }
}

static void
replay_arrays (PlPipelineRun *pipeline,
               const Cut     *cut,
               GHashTable    *alive,
               GHashTable    *variables)
{
  const PlArrayEvent *events;
  gsize n_events;

  events = pl_pipeline_run_get_array_events (pipeline, &n_events);
  for (gsize i = 0; i < n_events; i++)
    {
      const PlArrayEvent *e = &events[i];
      PlSnapshotArray *a;

      /* The arguments were there before anything the cut can exclude. */
      if (e->kind != PL_ARRAY_EVENT_EXISTING && !cut_includes (cut, e->time_ns, e->span))
        continue;
      if (e->kind == PL_ARRAY_EVENT_FREE)
        {
          g_hash_table_remove (alive, &e->array_id);
          continue;
        }
      if (e->kind == PL_ARRAY_EVENT_NAME)
        {
          if (e->name == NULL)
            g_hash_table_remove_all (variables);
          else if (e->array_id == 0)
            g_hash_table_remove (variables, e->name);
          else
            g_hash_table_insert (variables, (gpointer) e->name, g_memdup2 (&e->array_id, sizeof e->array_id));
          continue;
        }

      a = g_new0 (PlSnapshotArray, 1);
      a->array_id = e->array_id;
      a->base_id = e->base_id;
      a->buffer_id = e->buffer_id;
      a->nbytes = e->nbytes;
      a->dtype = e->dtype;
      a->ndim = e->ndim;
      memcpy (a->shape, e->shape, sizeof a->shape);
      a->time_ns = e->time_ns;
      a->argument = e->kind == PL_ARRAY_EVENT_EXISTING;
      a->line = a->argument ? 0 : e->line;
      a->name = a->argument ? pl_pipeline_run_get_argument_name (pipeline, e->array_id) : NULL;
      a->reason = -1;
      g_hash_table_replace (alive, &a->array_id, a);
    }
}

typedef struct
{
  guint64  buffer_id;
  gint64   bytes;
  gboolean owner_seen;
} ArgumentBuffer;

/* Gives each array alive the variables that name it ("a, b"). */
static void
name_arrays (PlSnapshot *self,
             GHashTable *arrays,
             GHashTable *variables)
{
  g_autofree const char **names = NULL;
  guint n_names;

  names = (const char **) g_hash_table_get_keys_as_array (variables, &n_names);
  qsort (names, n_names, sizeof (char *), (GCompareFunc) compare_names);
  for (guint i = 0; i < n_names; i++)
    {
      guint64 *array_id = g_hash_table_lookup (variables, names[i]);
      PlSnapshotArray *a = g_hash_table_lookup (arrays, array_id);

      if (a == NULL)
        continue;
      if (a->variables == NULL)
        a->variables = g_string_chunk_insert (self->names, names[i]);
      else
        {
          g_autofree char *joined = g_strdup_printf ("%s, %s", a->variables, names[i]);

          a->variables = g_string_chunk_insert (self->names, joined);
        }
    }
}

static PlSnapshot *
snapshot_new (PlPipelineRun *pipeline,
              const Cut     *cut)
{
  g_autoptr(GHashTable) buffers = NULL;
  g_autoptr(GHashTable) arrays = NULL;
  g_autoptr(GHashTable) held = NULL;
  g_autoptr(GHashTable) argument_buffers = NULL;
  g_autoptr(GHashTable) variables = NULL;
  PlSnapshot *self;
  GHashTableIter iter;
  gpointer value;

  buffers = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, g_free);
  arrays = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, g_free);
  held = g_hash_table_new (g_int64_hash, g_int64_equal);
  argument_buffers = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, g_free);

  variables = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  replay_buffers (pipeline, cut, buffers);
  replay_arrays (pipeline, cut, arrays, variables);
  self = g_new0 (PlSnapshot, 1);
  self->names = g_string_chunk_new (256);
  name_arrays (self, arrays, variables);

  self->time_ns = cut->time_ns;
  self->arrays = g_array_new (FALSE, FALSE, sizeof (PlSnapshotArray));
  self->buffers = g_array_new (FALSE, FALSE, sizeof (PlSnapshotBuffer));

  g_hash_table_iter_init (&iter, arrays);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      PlSnapshotArray *a = value;
      PlSnapshotBuffer *b = g_hash_table_lookup (buffers, &a->buffer_id);

      if (b != NULL)
        {
          a->reason = b->reason;
          g_hash_table_add (held, &b->buffer_id);
        }
      if (a->base_id != 0)
        self->n_views++;
      if (a->argument && b == NULL)
        {
          /* An argument's buffer is not among the pipeline's events: its
           * size is that of the array owning it (or of the largest view of
           * it when its owner was not noted). */
          ArgumentBuffer *ab = g_hash_table_lookup (argument_buffers, &a->buffer_id);

          if (ab == NULL)
            {
              ab = g_new0 (ArgumentBuffer, 1);
              ab->buffer_id = a->buffer_id;
              g_hash_table_insert (argument_buffers, &ab->buffer_id, ab);
            }
          if (a->base_id == 0)
            {
              ab->bytes = a->nbytes;
              ab->owner_seen = TRUE;
            }
          else if (!ab->owner_seen)
            ab->bytes = MAX (ab->bytes, a->nbytes);
        }
      g_array_append_vals (self->arrays, a, 1);
    }
  g_array_sort (self->arrays, compare_arrays);

  g_hash_table_iter_init (&iter, buffers);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      PlSnapshotBuffer *b = value;

      self->allocated_bytes += b->bytes;
      if (!g_hash_table_contains (held, &b->buffer_id))
        g_array_append_vals (self->buffers, b, 1);
    }
  g_array_sort (self->buffers, compare_buffers);

  g_hash_table_iter_init (&iter, argument_buffers);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    self->argument_bytes += ((ArgumentBuffer *) value)->bytes;

  return self;
}

/**
 * pl_snapshot_new_at_time:
 * @pipeline: a finished pipeline
 * @time_ns: a moment of the pipeline, on its clock (0: its start)
 *
 * Returns: (transfer full): what was alive at @time_ns
 */
PlSnapshot *
pl_snapshot_new_at_time (PlPipelineRun *pipeline,
                         gint64         time_ns)
{
  Cut cut = { .span = 0, .time_ns = time_ns };

  g_return_val_if_fail (pipeline != NULL, NULL);

  return snapshot_new (pipeline, &cut);
}

/**
 * pl_snapshot_new_after_line:
 * @pipeline: a finished pipeline
 * @line: a line of the pipeline's function
 *
 * The events of the line's last hit are matched by their span stamp, so a
 * free that happened as the next line started is not counted here, however
 * close the times are.
 *
 * Returns: (transfer full) (nullable): what was alive when @line last
 *   finished, or %NULL if it did not run in @pipeline
 */
PlSnapshot *
pl_snapshot_new_after_line (PlPipelineRun *pipeline,
                            gint           line)
{
  const PlLineSpan *spans;
  const PlLineSpan *last = NULL;
  gsize n_spans;
  Cut cut;

  g_return_val_if_fail (pipeline != NULL, NULL);

  spans = pl_pipeline_run_get_spans (pipeline, &n_spans);
  for (gsize i = 0; i < n_spans; i++)
    if (spans[i].line == line && (last == NULL || spans[i].end_ns >= last->end_ns))
      last = &spans[i];
  if (last == NULL)
    return NULL;

  cut = (Cut) { .span = last->span, .time_ns = last->end_ns };
  return snapshot_new (pipeline, &cut);
}

void
pl_snapshot_free (PlSnapshot *self)
{
  if (self == NULL)
    return;
  g_array_unref (self->arrays);
  g_array_unref (self->buffers);
  g_string_chunk_free (self->names);
  g_free (self);
}

gint64
pl_snapshot_get_time_ns (PlSnapshot *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->time_ns;
}

guint
pl_snapshot_get_n_arrays (PlSnapshot *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->arrays->len;
}

const PlSnapshotArray *
pl_snapshot_get_array (PlSnapshot *self,
                       guint       index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->arrays->len, NULL);
  return &g_array_index (self->arrays, PlSnapshotArray, index);
}

/**
 * pl_snapshot_lookup_array:
 *
 * Returns: (nullable): the array @array_id if it was alive, else %NULL
 */
const PlSnapshotArray *
pl_snapshot_lookup_array (PlSnapshot *self,
                          guint64     array_id)
{
  g_return_val_if_fail (self != NULL, NULL);

  for (guint i = 0; i < self->arrays->len; i++)
    if (g_array_index (self->arrays, PlSnapshotArray, i).array_id == array_id)
      return &g_array_index (self->arrays, PlSnapshotArray, i);
  return NULL;
}

guint
pl_snapshot_get_n_buffers (PlSnapshot *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->buffers->len;
}

const PlSnapshotBuffer *
pl_snapshot_get_buffer (PlSnapshot *self,
                        guint       index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->buffers->len, NULL);
  return &g_array_index (self->buffers, PlSnapshotBuffer, index);
}

gint64
pl_snapshot_get_allocated_bytes (PlSnapshot *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->allocated_bytes;
}

gint64
pl_snapshot_get_argument_bytes (PlSnapshot *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->argument_bytes;
}

guint
pl_snapshot_get_n_views (PlSnapshot *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->n_views;
}

char *
pl_snapshot_format_shape (const PlSnapshotArray *array)
{
  GString *s;
  gint kept;

  g_return_val_if_fail (array != NULL, NULL);

  s = g_string_new ("(");
  kept = MIN (array->ndim, PL_ARRAY_EVENT_MAX_DIMS);
  for (gint d = 0; d < kept; d++)
    {
      if (d > 0)
        g_string_append (s, ", ");
      g_string_append_printf (s, "%" G_GINT64_FORMAT, array->shape[d]);
    }
  if (array->ndim == 1)
    g_string_append_c (s, ',');
  else if (array->ndim > kept)
    g_string_append (s, ", ...");
  g_string_append_c (s, ')');
  return g_string_free (s, FALSE);
}
