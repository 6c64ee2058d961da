/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <gtksourceview/gtksource.h>

#include "run/pl-runner.h"
#include "script/pl-script.h"

#include "pl-inspector.h"
#include "pl-line-table.h"
#include "pl-palette.h"
#include "pl-pipeline-editor.h"
#include "pl-plot-view.h"
#include "pl-workbench.h"

struct _PlWorkbench
{
  AdwBin parent_instance;

  /* Template widgets */
  PlPalette        *palette;
  AdwViewStack     *editor_stack;
  GtkLabel         *description_label;
  GtkRevealer      *note_revealer;
  GtkLabel         *note_label;
  PlPipelineEditor *editor_a;
  PlPipelineEditor *editor_b;
  GtkButton        *compare_button;
  AdwButtonContent *compare_button_content;
  GtkSourceView    *source_view;
  GtkStack         *plot_stack;
  PlPlotView       *plot_view;
  AdwViewStack     *results_stack;
  PlLineTable      *line_table;
  PlInspector      *inspector;
  GtkTextView      *output_view;

  /* Owned */
  PlDocument       *document;
  GSettings        *settings;
  GCancellable     *cancellable;
  PlRun            *run;
  char             *filename;
  char             *run_source;    /* the text the run measured */

  guint             focused_pipeline;
  guint             syncing : 1;
  guint             running : 1;
};

G_DEFINE_FINAL_TYPE (PlWorkbench, pl_workbench, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_RUNNING,
  PROP_CAN_RUN,
  PROP_RUN,
  N_PROPS
};

enum {
  FAILED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
pl_workbench_update_can_run (PlWorkbench *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_RUN]);
}

static void
pl_workbench_set_running (PlWorkbench *self,
                          gboolean     running)
{
  running = !!running;
  if (self->running == running)
    return;

  self->running = running;
  pl_plot_view_set_running (self->plot_view, running);
  if (running)
    gtk_stack_set_visible_child_name (self->plot_stack, "plot");
  else if (self->run == NULL)
    gtk_stack_set_visible_child_name (self->plot_stack, "empty");
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
  pl_workbench_update_can_run (self);
}

static void
pl_workbench_set_output (PlWorkbench *self,
                         const char  *text)
{
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->output_view), text ? text : "", -1);
}

/* --- documents and editors ---------------------------------------------- */

static void
pl_workbench_bind_editors (PlWorkbench *self)
{
  guint n = pl_document_get_n_pipelines (self->document);
  gboolean compare = n > 1;

  pl_pipeline_editor_set_pipeline (self->editor_a, n > 0 ? pl_document_get_pipeline (self->document, 0) : NULL);
  pl_pipeline_editor_set_pipeline (self->editor_b, compare ? pl_document_get_pipeline (self->document, 1) : NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->editor_b), compare);

  adw_button_content_set_label (self->compare_button_content,
                                compare ? _("_Remove B") : _("_Duplicate A as B"));
  adw_button_content_set_icon_name (self->compare_button_content,
                                    compare ? "user-trash-symbolic" : "edit-copy-symbolic");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->compare_button),
                               compare ? _("Stop comparing: remove pipeline B")
                                       : _("Compare: run a second pipeline, B, under A"));
  if (!compare)
    self->focused_pipeline = 0;
}

static void
pl_workbench_update_structured (PlWorkbench *self)
{
  gboolean structured = pl_document_get_structured (self->document);

  if (!structured)
    {
      g_autofree char *note = g_strdup_printf (_("The pipelines cannot show this script as steps (%s). Edit it in the Source view; it still runs."),
                                               pl_document_get_unstructured_reason (self->document));

      gtk_label_set_label (self->note_label, note);
    }
  gtk_revealer_set_reveal_child (self->note_revealer, !structured);
  gtk_widget_set_sensitive (GTK_WIDGET (self->editor_a), structured);
  gtk_widget_set_sensitive (GTK_WIDGET (self->editor_b), structured);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "workbench.compare", structured);
}

static void
on_document_text (PlWorkbench *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->source_view));

  if (self->syncing)
    return;

  self->syncing = TRUE;
  gtk_text_buffer_set_text (buffer, pl_document_get_text (self->document), -1);
  self->syncing = FALSE;
}

static void
on_source_changed (GtkTextBuffer *buffer,
                   PlWorkbench   *self)
{
  g_autofree char *text = NULL;
  GtkTextIter start, end;

  if (self->syncing)
    return;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);

  self->syncing = TRUE;
  pl_document_set_text (self->document, text);
  self->syncing = FALSE;
}

static void
on_dark_changed (PlWorkbench *self)
{
  GtkSourceStyleSchemeManager *manager = gtk_source_style_scheme_manager_get_default ();
  gboolean dark = adw_style_manager_get_dark (adw_style_manager_get_default ());
  GtkSourceStyleScheme *scheme = gtk_source_style_scheme_manager_get_scheme (manager, dark ? "Adwaita-dark" : "Adwaita");
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->source_view));

  if (scheme == NULL)
    scheme = gtk_source_style_scheme_manager_get_scheme (manager, dark ? "oblivion" : "classic");
  gtk_source_buffer_set_style_scheme (GTK_SOURCE_BUFFER (buffer), scheme);
}

static void
on_editor_focus_enter (GtkEventControllerFocus *controller,
                       PlWorkbench             *self)
{
  GtkWidget *editor = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller));

  self->focused_pipeline = editor == GTK_WIDGET (self->editor_b) ? 1 : 0;
}

/* --- running ------------------------------------------------------------ */

static void
pl_workbench_fail (PlWorkbench  *self,
                   const GError *error)
{
  gint line = 0, column = 0;

  /* The whole message, with the caret under the column, goes to the
   * output; the window shows its first line. */
  pl_workbench_set_output (self, error->message);
  if (!g_error_matches (error, PL_ERROR, PL_ERROR_CANCELLED))
    adw_view_stack_set_visible_child_name (self->results_stack, "output");

  if (pl_script_error_get_location (error, &line, &column) && line > 0)
    {
      guint index = 0;

      if (pl_document_find_step (self->document, line, &index) != NULL)
        pl_pipeline_editor_select_line (index == 0 ? self->editor_a : self->editor_b, line);
      else
        {
          GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->source_view));
          GtkTextIter iter;

          gtk_text_buffer_get_iter_at_line (buffer, &iter, line - 1);
          gtk_text_buffer_place_cursor (buffer, &iter);
          gtk_text_view_scroll_to_iter (GTK_TEXT_VIEW (self->source_view), &iter, 0.2, FALSE, 0, 0);
        }
    }

  g_signal_emit (self, signals[FAILED], 0, error->message);
}

static void
pl_workbench_show_run (PlWorkbench *self)
{
  const char * const *output = NULL;
  g_autofree char *text = NULL;

  pl_plot_view_set_run (self->plot_view, self->run);
  pl_plot_view_set_source (self->plot_view, self->run_source);
  pl_line_table_set_run (self->line_table, self->run, self->run_source);
  pl_inspector_set_run (self->inspector, self->run, self->run_source);
  gtk_stack_set_visible_child_name (self->plot_stack, self->run ? "plot" : "empty");

  if (self->run != NULL)
    output = pl_run_get_output (self->run);
  text = output ? g_strjoinv ("\n", (char **) output) : NULL;
  pl_workbench_set_output (self, text);

  if (self->run != NULL &&
      g_strcmp0 (adw_view_stack_get_visible_child_name (self->results_stack), "output") == 0)
    adw_view_stack_set_visible_child_name (self->results_stack, "lines");

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUN]);
}

static void
on_run_done (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(PlWorkbench) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(PlRun) run = pl_run_experiment_finish (result, &error);

  g_clear_object (&self->cancellable);
  pl_workbench_set_running (self, FALSE);

  /* The window went away while the run ended: nothing to show. */
  if (self->document == NULL)
    return;

  if (run == NULL)
    {
      pl_workbench_fail (self, error);
      return;
    }

  g_set_object (&self->run, run);
  pl_workbench_show_run (self);
}

void
pl_workbench_run (PlWorkbench *self)
{
  g_autoptr(PlScript) script = NULL;
  g_autoptr(PlRunSettings) settings = NULL;
  g_autoptr(GError) error = NULL;
  const char *text;

  g_return_if_fail (PL_IS_WORKBENCH (self));

  if (!pl_workbench_get_can_run (self))
    return;

  text = pl_document_get_text (self->document);
  script = pl_script_parse (self->filename ? self->filename : _("untitled.py"), text, -1, &error);
  if (script == NULL)
    {
      pl_workbench_fail (self, error);
      return;
    }

  if (pl_script_get_n_experiments (script) == 0)
    {
      g_set_error_literal (&error, PL_ERROR, PL_ERROR_VALUE,
                           _("The script has no utils.analyze_memory call: add one to measure its pipelines"));
      pl_workbench_fail (self, error);
      return;
    }

  settings = pl_run_settings_new ();
  if (self->settings != NULL)
    {
      settings->sample_interval = g_settings_get_double (self->settings, "sample-interval");
      settings->elision = g_settings_get_boolean (self->settings, "temporary-elision");
      settings->numexpr_threads = g_settings_get_int (self->settings, "numexpr-threads");
    }

  g_free (self->run_source);
  self->run_source = g_strdup (text);
  self->cancellable = g_cancellable_new ();
  pl_workbench_set_running (self, TRUE);

  pl_run_experiment_async (script, 0, settings, self->cancellable,
                           on_run_done, g_object_ref (self));
}

void
pl_workbench_cancel (PlWorkbench *self)
{
  g_return_if_fail (PL_IS_WORKBENCH (self));

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
}

/* --- actions ------------------------------------------------------------ */

static void
show_source_activated (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  pl_workbench_set_view (PL_WORKBENCH (widget), "source");
}

static void
compare_activated (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  PlWorkbench *self = PL_WORKBENCH (widget);
  gboolean compare = !pl_document_get_compare (self->document);

  pl_document_set_compare (self->document, compare);
  if (compare)
    pl_workbench_focus_pipeline (self, 1);
}

static void
on_line_activated (PlWorkbench *self,
                   int          line)
{
  pl_workbench_select_line (self, line);
}

/* --- GObject ------------------------------------------------------------ */

static void
pl_workbench_dispose (GObject *object)
{
  PlWorkbench *self = PL_WORKBENCH (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  if (self->document != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->document, self);
      g_signal_handlers_disconnect_by_data (pl_document_get_pipelines (self->document), self);
    }

  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), PL_TYPE_WORKBENCH);

  g_clear_object (&self->document);
  g_clear_object (&self->settings);
  g_clear_object (&self->run);

  G_OBJECT_CLASS (pl_workbench_parent_class)->dispose (object);
}

static void
pl_workbench_finalize (GObject *object)
{
  PlWorkbench *self = PL_WORKBENCH (object);

  g_clear_pointer (&self->filename, g_free);
  g_clear_pointer (&self->run_source, g_free);

  G_OBJECT_CLASS (pl_workbench_parent_class)->finalize (object);
}

static void
pl_workbench_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  PlWorkbench *self = PL_WORKBENCH (object);

  switch (prop_id)
    {
    case PROP_RUNNING:
      g_value_set_boolean (value, pl_workbench_get_running (self));
      break;
    case PROP_CAN_RUN:
      g_value_set_boolean (value, pl_workbench_get_can_run (self));
      break;
    case PROP_RUN:
      g_value_set_object (value, pl_workbench_get_run (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pl_workbench_class_init (PlWorkbenchClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pl_workbench_dispose;
  object_class->finalize = pl_workbench_finalize;
  object_class->get_property = pl_workbench_get_property;

  properties[PROP_RUNNING] =
    g_param_spec_boolean ("running", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAN_RUN] =
    g_param_spec_boolean ("can-run", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_RUN] =
    g_param_spec_object ("run", NULL, NULL, PL_TYPE_RUN,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[FAILED] =
    g_signal_new ("failed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  g_type_ensure (PL_TYPE_PALETTE);
  g_type_ensure (PL_TYPE_PIPELINE_EDITOR);
  g_type_ensure (PL_TYPE_PLOT_VIEW);
  g_type_ensure (PL_TYPE_LINE_TABLE);
  g_type_ensure (PL_TYPE_INSPECTOR);
  g_type_ensure (GTK_SOURCE_TYPE_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/peakline/Peakline/ui/pl-workbench.ui");
  gtk_widget_class_bind_template_child (widget_class, PlWorkbench, palette);
  gtk_widget_class_bind_template_child (widget_class, PlWorkbench, editor_stack);
  gtk_widget_class_bind_template_child (widget_class, PlWorkbench, description_label);
  gtk_widget_class_bind_template_child (widget_class, PlWorkbench, note_revealer);
  gtk_widget_class_bind_template_child (widget_class, PlWorkbench, note_label);
  gtk_widget_class_bind_template_child (widget_class, PlWorkbench, editor_a);
  gtk_widget_class_bind_template_child (widget_class, PlWorkbench, editor_b);
  gtk_widget_class_bind_template_child (widget_class, PlWorkbench, compare_button);
  gtk_widget_class_bind_template_child (widget_class, PlWorkbench, compare_button_content);
  gtk_widget_class_bind_template_child (widget_class, PlWorkbench, source_view);
  gtk_widget_class_bind_template_child (widget_class, PlWorkbench, plot_stack);
  gtk_widget_class_bind_template_child (widget_class, PlWorkbench, plot_view);
  gtk_widget_class_bind_template_child (widget_class, PlWorkbench, results_stack);
  gtk_widget_class_bind_template_child (widget_class, PlWorkbench, line_table);
  gtk_widget_class_bind_template_child (widget_class, PlWorkbench, inspector);
  gtk_widget_class_bind_template_child (widget_class, PlWorkbench, output_view);

  gtk_widget_class_install_action (widget_class, "workbench.show-source", NULL, show_source_activated);
  gtk_widget_class_install_action (widget_class, "workbench.compare", NULL, compare_activated);
}

static void
pl_workbench_init (PlWorkbench *self)
{
  GtkSourceLanguageManager *languages = gtk_source_language_manager_get_default ();
  GtkSourceBuffer *buffer;
  GtkEventController *focus;

  gtk_source_init ();
  gtk_widget_init_template (GTK_WIDGET (self));

  buffer = GTK_SOURCE_BUFFER (gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->source_view)));
  gtk_source_buffer_set_language (buffer, gtk_source_language_manager_get_language (languages, "python3"));
  /* One history for the builders and the source: the document's. */
  gtk_text_buffer_set_enable_undo (GTK_TEXT_BUFFER (buffer), FALSE);
  g_signal_connect (buffer, "changed", G_CALLBACK (on_source_changed), self);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (on_dark_changed), self, G_CONNECT_SWAPPED);
  on_dark_changed (self);

  focus = gtk_event_controller_focus_new ();
  g_signal_connect (focus, "enter", G_CALLBACK (on_editor_focus_enter), self);
  gtk_widget_add_controller (GTK_WIDGET (self->editor_a), focus);
  focus = gtk_event_controller_focus_new ();
  g_signal_connect (focus, "enter", G_CALLBACK (on_editor_focus_enter), self);
  gtk_widget_add_controller (GTK_WIDGET (self->editor_b), focus);

  g_signal_connect_object (self->plot_view, "line-activated", G_CALLBACK (on_line_activated), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->line_table, "line-activated", G_CALLBACK (on_line_activated), self, G_CONNECT_SWAPPED);

  self->document = pl_document_new ();
  g_signal_connect_object (self->document, "notify::text", G_CALLBACK (on_document_text), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->document, "notify::structured", G_CALLBACK (pl_workbench_update_structured), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->document, "notify::valid", G_CALLBACK (pl_workbench_update_can_run), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (pl_document_get_pipelines (self->document), "items-changed",
                           G_CALLBACK (pl_workbench_bind_editors), self, G_CONNECT_SWAPPED);

  on_document_text (self);
  pl_workbench_bind_editors (self);
  pl_workbench_update_structured (self);
}

PlWorkbench *
pl_workbench_new (void)
{
  return g_object_new (PL_TYPE_WORKBENCH, NULL);
}

PlDocument *
pl_workbench_get_document (PlWorkbench *self)
{
  g_return_val_if_fail (PL_IS_WORKBENCH (self), NULL);

  return self->document;
}

void
pl_workbench_set_settings (PlWorkbench *self,
                           GSettings   *settings)
{
  g_return_if_fail (PL_IS_WORKBENCH (self));
  g_return_if_fail (settings == NULL || G_IS_SETTINGS (settings));

  if (!g_set_object (&self->settings, settings) || settings == NULL)
    return;

  g_settings_bind (settings, "show-rss", self->plot_view, "show-rss", G_SETTINGS_BIND_GET);
  g_settings_bind (settings, "show-alloc", self->plot_view, "show-alloc", G_SETTINGS_BIND_GET);
}

void
pl_workbench_set_filename (PlWorkbench *self,
                           const char  *filename)
{
  g_return_if_fail (PL_IS_WORKBENCH (self));

  g_free (self->filename);
  self->filename = g_strdup (filename);
}

void
pl_workbench_load (PlWorkbench *self,
                   const char  *text)
{
  g_return_if_fail (PL_IS_WORKBENCH (self));
  g_return_if_fail (text != NULL);

  pl_workbench_set_description (self, NULL);
  if (pl_document_load_text (self->document, text))
    pl_workbench_set_view (self, "builders");
  else
    pl_workbench_set_view (self, "source");

  /* The results of another script would mislead. */
  g_clear_object (&self->run);
  g_clear_pointer (&self->run_source, g_free);
  pl_workbench_show_run (self);
}

gboolean
pl_workbench_get_running (PlWorkbench *self)
{
  g_return_val_if_fail (PL_IS_WORKBENCH (self), FALSE);

  return self->running;
}

gboolean
pl_workbench_get_can_run (PlWorkbench *self)
{
  g_return_val_if_fail (PL_IS_WORKBENCH (self), FALSE);

  return !self->running && pl_document_get_valid (self->document);
}

PlRun *
pl_workbench_get_run (PlWorkbench *self)
{
  g_return_val_if_fail (PL_IS_WORKBENCH (self), NULL);

  return self->run;
}

gboolean
pl_workbench_add_step (PlWorkbench *self,
                       const char  *id)
{
  PlPipelineEditor *editor;
  PlPipeline *pipeline;
  int position;

  g_return_val_if_fail (PL_IS_WORKBENCH (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  if (!pl_document_get_structured (self->document))
    return FALSE;

  editor = self->focused_pipeline == 1 && pl_document_get_compare (self->document)
           ? self->editor_b : self->editor_a;
  pipeline = pl_pipeline_editor_get_pipeline (editor);
  if (pipeline == NULL || !pl_pipeline_get_is_function (pipeline))
    return FALSE;

  position = pl_palette_add_to_pipeline (id, pipeline);
  if (position < 0)
    return FALSE;

  pl_workbench_set_view (self, "builders");
  pl_pipeline_editor_focus_step (editor, position, TRUE);
  return TRUE;
}

void
pl_workbench_select_line (PlWorkbench *self,
                          int          line)
{
  guint index = 0;

  g_return_if_fail (PL_IS_WORKBENCH (self));

  pl_plot_view_set_highlight_line (self->plot_view, line);
  pl_line_table_select_line (self->line_table, line);
  pl_inspector_set_line (self->inspector, line);

  if (pl_document_find_step (self->document, line, &index) != NULL)
    {
      pl_pipeline_editor_select_line (index == 0 ? self->editor_a : self->editor_b, line);
      pl_pipeline_editor_select_line (index == 0 ? self->editor_b : self->editor_a, 0);
    }
}

void
pl_workbench_set_view (PlWorkbench *self,
                       const char  *name)
{
  g_return_if_fail (PL_IS_WORKBENCH (self));

  adw_view_stack_set_visible_child_name (self->editor_stack, name);
}

const char *
pl_workbench_get_view (PlWorkbench *self)
{
  g_return_val_if_fail (PL_IS_WORKBENCH (self), NULL);

  return adw_view_stack_get_visible_child_name (self->editor_stack);
}

void
pl_workbench_set_description (PlWorkbench *self,
                              const char  *description)
{
  g_return_if_fail (PL_IS_WORKBENCH (self));

  gtk_label_set_label (self->description_label, description ? description : "");
  gtk_widget_set_visible (GTK_WIDGET (self->description_label), description != NULL && *description != '\0');
}

const char *
pl_workbench_get_description (PlWorkbench *self)
{
  g_return_val_if_fail (PL_IS_WORKBENCH (self), NULL);

  return gtk_label_get_label (self->description_label);
}

void
pl_workbench_focus_pipeline (PlWorkbench *self,
                             guint        index)
{
  g_return_if_fail (PL_IS_WORKBENCH (self));

  self->focused_pipeline = index;
}
