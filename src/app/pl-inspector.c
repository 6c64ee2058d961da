/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "engine/pl-dtype.h"
#include "plot/pl-format.h"

#include "pl-code.h"
#include "pl-inspector.h"

struct _PlInspector
{
  AdwBin parent_instance;

  /* Template widgets */
  GtkLabel   *summary_label;
  GtkLabel   *arguments_label;
  GtkListBox *list;
  GtkStack   *stack;

  /* Owned */
  PlRun      *run;
  char      **source_lines;
  PlSnapshot *snapshot;
};

G_DEFINE_FINAL_TYPE (PlInspector, pl_inspector, ADW_TYPE_BIN)

static const char *
reason_name (gint reason)
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

/* "Line 5: a = np.ones(1000)", or "Line 5" when the source is not known. */
static char *
describe_line (PlInspector *self,
               gint32       line)
{
  if (line <= 0)
    return g_strdup (_("Made outside the pipeline’s lines"));
  if (self->source_lines != NULL)
    {
      g_autofree char *code = pl_code_dup_statement_at ((const char * const *) self->source_lines, line);

      if (code != NULL)
        /* Translators: where an array was made, e.g. "Line 5: a = np.ones(1000)". */
        return g_strdup_printf (_("Line %d: %s"), line, code);
    }
  return g_strdup_printf (_("Line %d"), line);
}

/* How the user knows the array @array_id: by its parameter or its line. */
static char *
describe_base (PlInspector *self,
               guint64      array_id)
{
  const PlSnapshotArray *base = pl_snapshot_lookup_array (self->snapshot, array_id);

  if (base == NULL)
    return g_strdup (_("view of an array made before the pipeline"));
  if (base->variables != NULL)
    /* Translators: "view of data", data being the variables naming the array. */
    return g_strdup_printf (_("view of %s"), base->variables);
  if (base->argument && base->name != NULL)
    /* Translators: "view of x", x being the pipeline's parameter. */
    return g_strdup_printf (_("view of %s"), base->name);
  if (base->argument)
    return g_strdup (_("view of an argument"));
  return g_strdup_printf (_("view of the array from line %d"), base->line);
}

static void
add_row (PlInspector *self,
         const char  *title,
         const char  *subtitle,
         gint64       bytes,
         gboolean     is_view)
{
  g_autofree char *size = g_format_size_full (bytes, G_FORMAT_SIZE_IEC_UNITS);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *size_label = gtk_label_new (size);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_add_css_class (size_label, "numeric");
  if (is_view)
    {
      /* A view's elements are another array's memory: its size is dimmed
       * and not added to the total. */
      gtk_widget_add_css_class (size_label, "dim-label");
      gtk_widget_set_tooltip_text (size_label, _("A view: these bytes belong to the array it views"));
    }
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), size_label);
  gtk_list_box_append (self->list, row);
}

static void
clear_rows (PlInspector *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);
}

static void
pl_inspector_show (PlInspector *self,
                   const char  *pipeline_name)
{
  PlSnapshot *snap = self->snapshot;
  guint n_arrays = pl_snapshot_get_n_arrays (snap);
  gint64 argument_bytes = pl_snapshot_get_argument_bytes (snap);
  g_autofree char *time_text = NULL;
  g_autofree char *allocated_text = NULL;
  g_autofree char *arrays_text = NULL;
  g_autofree char *summary = NULL;

  clear_rows (self);

  for (guint i = 0; i < n_arrays; i++)
    {
      const PlSnapshotArray *a = pl_snapshot_get_array (snap, i);
      g_autofree char *shape = pl_snapshot_format_shape (a);
      g_autofree char *type = g_strdup_printf ("%s %s", pl_dtype_name (a->dtype), shape);
      g_autofree char *title = NULL;
      g_autofree char *origin = NULL;
      g_autofree char *data = NULL;
      g_autofree char *subtitle = NULL;

      if (a->variables != NULL)
        /* Translators: the variables naming an array and its type, e.g. "x — float64 (8000000,)". */
        title = g_strdup_printf (_("%s — %s"), a->variables, type);
      else
        title = g_strdup (type);

      if (a->argument && a->name != NULL)
        /* Translators: "Argument x, made before the measurement". */
        origin = g_strdup_printf (_("Argument %s, made before the measurement"), a->name);
      else if (a->argument)
        origin = g_strdup (_("Argument, made before the measurement"));
      else
        origin = describe_line (self, a->line);
      if (a->base_id != 0)
        data = describe_base (self, a->base_id);
      else if (a->reason >= 0)
        /* Translators: "owns its data (copy)"; the reason is why its buffer was allocated. */
        data = g_strdup_printf (_("owns its data (%s)"), reason_name (a->reason));
      else
        data = g_strdup (_("owns its data"));
      /* Translators: "Line 6: b = a[::2] · view of the array from line 5". */
      subtitle = g_strdup_printf (_("%s · %s"), origin, data);

      add_row (self, title, subtitle, a->nbytes, a->base_id != 0);
    }

  for (guint i = 0; i < pl_snapshot_get_n_buffers (snap); i++)
    {
      const PlSnapshotBuffer *b = pl_snapshot_get_buffer (snap, i);
      g_autofree char *title = NULL;
      g_autofree char *origin = describe_line (self, b->line);
      g_autofree char *subtitle = NULL;

      /* Translators: memory no array holds, e.g. "Buffer — evaluator scratch". */
      title = g_strdup_printf (_("Buffer — %s"), reason_name (b->reason));
      /* Translators: "Line 5: y = ne.evaluate(...) · not an array". */
      subtitle = g_strdup_printf (_("%s · not an array"), origin);
      add_row (self, title, subtitle, b->bytes, FALSE);
    }

  time_text = pl_format_duration (MAX (pl_snapshot_get_time_ns (snap), 0) / 1e9, 1);
  allocated_text = g_format_size_full (pl_snapshot_get_allocated_bytes (snap), G_FORMAT_SIZE_IEC_UNITS);
  /* Translators: part of "fun1 at 12.3 ms: 3 arrays (1 view), 122.1 MiB allocated". */
  arrays_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u array", "%u arrays", n_arrays), n_arrays);
  if (pl_snapshot_get_n_views (snap) > 0)
    {
      guint n_views = pl_snapshot_get_n_views (snap);
      g_autofree char *views = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u view", "%u views", n_views), n_views);
      char *with_views;

      /* Translators: "3 arrays (1 view)". */
      with_views = g_strdup_printf (_("%s (%s)"), arrays_text, views);
      g_free (arrays_text);
      arrays_text = with_views;
    }
  /* Translators: "fun1 at 12.3 ms: 3 arrays (1 view), 122.1 MiB allocated". */
  summary = g_strdup_printf (_("%s at %s: %s, %s allocated"),
                             pipeline_name, time_text, arrays_text, allocated_text);
  gtk_label_set_label (self->summary_label, summary);

  if (argument_bytes > 0)
    {
      g_autofree char *bytes = g_format_size_full (argument_bytes, G_FORMAT_SIZE_IEC_UNITS);
      g_autofree char *note = NULL;

      note = g_strdup_printf (_("The arguments’ %s were made before the measurement; the plot does not count them."), bytes);
      gtk_label_set_label (self->arguments_label, note);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->arguments_label), argument_bytes > 0);
  gtk_stack_set_visible_child_name (self->stack, "buffers");
}

static void
show_snapshot (PlInspector   *self,
               PlPipelineRun *pipeline,
               PlSnapshot    *snapshot)
{
  g_clear_pointer (&self->snapshot, pl_snapshot_free);
  self->snapshot = snapshot;
  pl_inspector_show (self, pl_pipeline_run_get_name (pipeline));
}

void
pl_inspector_set_time (PlInspector *self,
                       guint        panel,
                       gint64       time_ns)
{
  PlPipelineRun *pipeline;

  g_return_if_fail (PL_IS_INSPECTOR (self));

  if (self->run == NULL || panel >= pl_run_get_n_pipelines (self->run))
    return;

  pipeline = pl_run_get_pipeline (self->run, panel);
  show_snapshot (self, pipeline, pl_snapshot_new_at_time (pipeline, time_ns));
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
      PlPipelineRun *pipeline = pl_run_get_pipeline (self->run, p);
      PlSnapshot *snapshot = pl_snapshot_new_after_line (pipeline, line);

      if (snapshot != NULL)
        {
          show_snapshot (self, pipeline, snapshot);
          return TRUE;
        }
    }

  return FALSE;
}

PlSnapshot *
pl_inspector_get_snapshot (PlInspector *self)
{
  g_return_val_if_fail (PL_IS_INSPECTOR (self), NULL);

  return self->snapshot;
}

guint
pl_inspector_get_n_rows (PlInspector *self)
{
  guint n = 0;

  g_return_val_if_fail (PL_IS_INSPECTOR (self), 0);

  while (gtk_list_box_get_row_at_index (self->list, n) != NULL)
    n++;
  return n;
}

char *
pl_inspector_dup_row_text (PlInspector *self,
                           guint        index)
{
  GtkListBoxRow *row;

  g_return_val_if_fail (PL_IS_INSPECTOR (self), NULL);

  row = gtk_list_box_get_row_at_index (self->list, index);
  g_return_val_if_fail (ADW_IS_ACTION_ROW (row), NULL);

  return g_strdup_printf ("%s\n%s",
                          adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)),
                          adw_action_row_get_subtitle (ADW_ACTION_ROW (row)));
}

void
pl_inspector_set_run (PlInspector *self,
                      PlRun       *run,
                      const char  *source)
{
  g_return_if_fail (PL_IS_INSPECTOR (self));

  g_set_object (&self->run, run);
  g_clear_pointer (&self->source_lines, g_strfreev);
  if (source != NULL)
    self->source_lines = g_strsplit (source, "\n", -1);
  g_clear_pointer (&self->snapshot, pl_snapshot_free);
  clear_rows (self);
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
  g_clear_pointer (&self->snapshot, pl_snapshot_free);

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
  gtk_widget_class_bind_template_child (widget_class, PlInspector, arguments_label);
  gtk_widget_class_bind_template_child (widget_class, PlInspector, list);
  gtk_widget_class_bind_template_child (widget_class, PlInspector, stack);
}

static void
pl_inspector_init (PlInspector *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

PlInspector *
pl_inspector_new (void)
{
  return g_object_new (PL_TYPE_INSPECTOR, NULL);
}
