/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "plot/pl-format.h"

#include "pl-inspector.h"

typedef struct
{
  guint64 buffer_id;
  gint64  bytes;
  gint64  time_ns;
  gint32  line;
  guint8  reason;
} Buffer;

struct _PlInspector
{
  AdwBin parent_instance;

  /* Template widgets */
  GtkLabel   *summary_label;
  GtkListBox *list;
  GtkStack   *stack;

  /* Owned */
  PlRun      *run;
  char      **source_lines;
  GArray     *buffers;   /* of Buffer: those listed */
};

G_DEFINE_FINAL_TYPE (PlInspector, pl_inspector, ADW_TYPE_BIN)

static const char *
reason_name (guint8 reason)
{
  switch ((PlAllocReason) reason)
    {
    case PL_ALLOC_REASON_CREATE:    return _("created");
    case PL_ALLOC_REASON_COPY:      return _("copy");
    case PL_ALLOC_REASON_TEMPORARY: return _("temporary");
    case PL_ALLOC_REASON_RESULT:    return _("result");
    case PL_ALLOC_REASON_MASK:      return _("mask or selection");
    case PL_ALLOC_REASON_ELIDED:    return _("reused temporary");
    case PL_ALLOC_REASON_SCRATCH:   return _("evaluator scratch");
    case PL_N_ALLOC_REASONS:
    default:                        return _("array");
    }
}

static void
pl_inspector_show (PlInspector *self,
                   const char  *pipeline_name,
                   gint64       time_ns)
{
  GtkWidget *child;
  gint64 total = 0;
  g_autofree char *time_text = NULL;
  g_autofree char *total_text = NULL;
  g_autofree char *summary = NULL;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);

  for (guint i = 0; i < self->buffers->len; i++)
    {
      const Buffer *b = &g_array_index (self->buffers, Buffer, i);
      g_autofree char *size = g_format_size_full (b->bytes, G_FORMAT_SIZE_IEC_UNITS);
      g_autofree char *id_text = NULL;
      g_autofree char *title = NULL;
      g_autofree char *subtitle = NULL;
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *size_label = gtk_label_new (size);

      /* Translators: a buffer of array data in the inspector, e.g. "Buffer 12 — result". */
      id_text = g_strdup_printf ("%" G_GUINT64_FORMAT, b->buffer_id);
      title = g_strdup_printf (_("Buffer %s — %s"), id_text, reason_name (b->reason));
      if (b->line > 0 && self->source_lines != NULL && (guint) b->line <= g_strv_length (self->source_lines))
        {
          g_autofree char *code = g_strstrip (g_strdup (self->source_lines[b->line - 1]));

          subtitle = g_strdup_printf (_("Allocated by line %d: %s"), b->line, code);
        }
      else if (b->line > 0)
        subtitle = g_strdup_printf (_("Allocated by line %d"), b->line);
      else
        subtitle = g_strdup (_("Allocated outside the script's lines"));

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_widget_add_css_class (size_label, "numeric");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), size_label);
      gtk_list_box_append (self->list, row);
      total += b->bytes;
    }

  time_text = pl_format_duration (time_ns / 1e9, 1);
  total_text = g_format_size_full (total, G_FORMAT_SIZE_IEC_UNITS);
  /* Translators: "fun1 at 12.3 ms: 2 buffers alive, 122.1 MiB". */
  summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "%s at %s: %u buffer alive, %s",
                                          "%s at %s: %u buffers alive, %s",
                                          self->buffers->len),
                             pipeline_name, time_text, self->buffers->len, total_text);
  gtk_label_set_label (self->summary_label, summary);
  gtk_stack_set_visible_child_name (self->stack, "buffers");
}

void
pl_inspector_set_time (PlInspector *self,
                       guint        panel,
                       gint64       time_ns)
{
  g_autoptr(GHashTable) alive = NULL;
  PlPipelineRun *pipeline;
  const PlAllocEvent *events;
  gsize n_events;

  g_return_if_fail (PL_IS_INSPECTOR (self));

  g_array_set_size (self->buffers, 0);
  if (self->run == NULL || panel >= pl_run_get_n_pipelines (self->run))
    return;

  pipeline = pl_run_get_pipeline (self->run, panel);
  events = pl_pipeline_run_get_events (pipeline, &n_events);

  /* Replays the events up to the moment: what was allocated and not yet
   * freed is alive. */
  alive = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, g_free);
  for (gsize i = 0; i < n_events; i++)
    {
      const PlAllocEvent *e = &events[i];

      if (e->time_ns > time_ns)
        continue;
      if (e->bytes > 0)
        {
          Buffer *b = g_new0 (Buffer, 1);

          b->buffer_id = e->buffer_id;
          b->bytes = e->bytes;
          b->time_ns = e->time_ns;
          b->line = e->line;
          b->reason = e->reason;
          g_hash_table_replace (alive, &b->buffer_id, b);
        }
      else if (e->bytes < 0)
        g_hash_table_remove (alive, &e->buffer_id);
    }

  {
    GHashTableIter iter;
    Buffer *b;

    g_hash_table_iter_init (&iter, alive);
    while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &b))
      g_array_append_val (self->buffers, *b);
  }

  /* Oldest first, as they were made. */
  for (guint i = 1; i < self->buffers->len; i++)
    for (guint j = i; j > 0; j--)
      {
        Buffer *a = &g_array_index (self->buffers, Buffer, j - 1);
        Buffer *c = &g_array_index (self->buffers, Buffer, j);

        if (a->time_ns < c->time_ns || (a->time_ns == c->time_ns && a->buffer_id <= c->buffer_id))
          break;
        {
          Buffer tmp = *a;
          *a = *c;
          *c = tmp;
        }
      }

  pl_inspector_show (self, pl_pipeline_run_get_name (pipeline), time_ns);
}

gboolean
pl_inspector_set_line (PlInspector *self,
                       int          line)
{
  g_return_val_if_fail (PL_IS_INSPECTOR (self), FALSE);

  if (self->run == NULL)
    return FALSE;

  for (guint p = 0; p < pl_run_get_n_pipelines (self->run); p++)
    {
      gsize n_spans;
      const PlLineSpan *spans = pl_pipeline_run_get_spans (pl_run_get_pipeline (self->run, p), &n_spans);
      gint64 end = G_MININT64;

      for (gsize i = 0; i < n_spans; i++)
        if (spans[i].line == line)
          end = MAX (end, spans[i].end_ns);

      if (end != G_MININT64)
        {
          pl_inspector_set_time (self, p, end);
          return TRUE;
        }
    }

  return FALSE;
}

guint
pl_inspector_get_n_buffers (PlInspector *self)
{
  g_return_val_if_fail (PL_IS_INSPECTOR (self), 0);

  return self->buffers->len;
}

gint64
pl_inspector_get_total_bytes (PlInspector *self)
{
  gint64 total = 0;

  g_return_val_if_fail (PL_IS_INSPECTOR (self), 0);

  for (guint i = 0; i < self->buffers->len; i++)
    total += g_array_index (self->buffers, Buffer, i).bytes;

  return total;
}

void
pl_inspector_set_run (PlInspector *self,
                      PlRun       *run,
                      const char  *source)
{
  GtkWidget *child;

  g_return_if_fail (PL_IS_INSPECTOR (self));

  g_set_object (&self->run, run);
  g_clear_pointer (&self->source_lines, g_strfreev);
  if (source != NULL)
    self->source_lines = g_strsplit (source, "\n", -1);
  g_array_set_size (self->buffers, 0);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);
  gtk_stack_set_visible_child_name (self->stack, "empty");
}

static void
pl_inspector_dispose (GObject *object)
{
  PlInspector *self = PL_INSPECTOR (object);

  /* AdwBin would unparent its child again after the template is gone. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), PL_TYPE_INSPECTOR);
  g_clear_object (&self->run);

  G_OBJECT_CLASS (pl_inspector_parent_class)->dispose (object);
}

static void
pl_inspector_finalize (GObject *object)
{
  PlInspector *self = PL_INSPECTOR (object);

  g_clear_pointer (&self->source_lines, g_strfreev);
  g_clear_pointer (&self->buffers, g_array_unref);

  G_OBJECT_CLASS (pl_inspector_parent_class)->finalize (object);
}

static void
pl_inspector_class_init (PlInspectorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pl_inspector_dispose;
  object_class->finalize = pl_inspector_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/peakline/Peakline/ui/pl-inspector.ui");
  gtk_widget_class_bind_template_child (widget_class, PlInspector, summary_label);
  gtk_widget_class_bind_template_child (widget_class, PlInspector, list);
  gtk_widget_class_bind_template_child (widget_class, PlInspector, stack);
}

static void
pl_inspector_init (PlInspector *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->buffers = g_array_new (FALSE, FALSE, sizeof (Buffer));
}

PlInspector *
pl_inspector_new (void)
{
  return g_object_new (PL_TYPE_INSPECTOR, NULL);
}
