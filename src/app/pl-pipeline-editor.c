/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "pl-pipeline-editor.h"
#include "pl-step-row.h"

struct _PlPipelineEditor
{
  AdwBin parent_instance;

  /* Template widgets */
  GtkLabel    *title_label;
  AdwEntryRow *name_row;
  AdwEntryRow *arguments_row;
  GtkLabel    *arguments_error;
  GtkListBox  *steps_list;
  GtkLabel    *placeholder;

  /* Owned */
  PlPipeline  *pipeline;
  GBinding    *name_binding;
  GBinding    *arguments_binding;
};

G_DEFINE_FINAL_TYPE (PlPipelineEditor, pl_pipeline_editor, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_PIPELINE,
  PROP_TITLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GtkWidget *
create_step_row (gpointer item,
                 gpointer user_data)
{
  PlPipelineEditor *self = user_data;

  return GTK_WIDGET (pl_step_row_new (self->pipeline, item));
}

static void
pl_pipeline_editor_check_arguments (PlPipelineEditor *self)
{
  g_autoptr(GError) error = NULL;

  if (self->pipeline == NULL || pl_pipeline_check_arguments (self->pipeline, &error))
    {
      gtk_widget_set_visible (GTK_WIDGET (self->arguments_error), FALSE);
      gtk_widget_remove_css_class (GTK_WIDGET (self->arguments_row), "error");
      return;
    }

  gtk_label_set_label (self->arguments_error, error->message);
  gtk_widget_set_visible (GTK_WIDGET (self->arguments_error), TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->arguments_row), "error");
}

static void
pl_pipeline_editor_dispose (GObject *object)
{
  PlPipelineEditor *self = PL_PIPELINE_EDITOR (object);

  pl_pipeline_editor_set_pipeline (self, NULL);
  /* AdwBin would unparent its child again after the template is gone. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), PL_TYPE_PIPELINE_EDITOR);

  G_OBJECT_CLASS (pl_pipeline_editor_parent_class)->dispose (object);
}

static void
pl_pipeline_editor_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  PlPipelineEditor *self = PL_PIPELINE_EDITOR (object);

  switch (prop_id)
    {
    case PROP_PIPELINE:
      g_value_set_object (value, pl_pipeline_editor_get_pipeline (self));
      break;
    case PROP_TITLE:
      g_value_set_string (value, pl_pipeline_editor_get_title (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pl_pipeline_editor_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  PlPipelineEditor *self = PL_PIPELINE_EDITOR (object);

  switch (prop_id)
    {
    case PROP_PIPELINE:
      pl_pipeline_editor_set_pipeline (self, g_value_get_object (value));
      break;
    case PROP_TITLE:
      pl_pipeline_editor_set_title (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pl_pipeline_editor_class_init (PlPipelineEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pl_pipeline_editor_dispose;
  object_class->get_property = pl_pipeline_editor_get_property;
  object_class->set_property = pl_pipeline_editor_set_property;

  properties[PROP_PIPELINE] =
    g_param_spec_object ("pipeline", NULL, NULL, PL_TYPE_PIPELINE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/peakline/Peakline/ui/pl-pipeline-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, PlPipelineEditor, title_label);
  gtk_widget_class_bind_template_child (widget_class, PlPipelineEditor, name_row);
  gtk_widget_class_bind_template_child (widget_class, PlPipelineEditor, arguments_row);
  gtk_widget_class_bind_template_child (widget_class, PlPipelineEditor, arguments_error);
  gtk_widget_class_bind_template_child (widget_class, PlPipelineEditor, steps_list);
  gtk_widget_class_bind_template_child (widget_class, PlPipelineEditor, placeholder);
}

static void
pl_pipeline_editor_init (PlPipelineEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

PlPipelineEditor *
pl_pipeline_editor_new (void)
{
  return g_object_new (PL_TYPE_PIPELINE_EDITOR, NULL);
}

PlPipeline *
pl_pipeline_editor_get_pipeline (PlPipelineEditor *self)
{
  g_return_val_if_fail (PL_IS_PIPELINE_EDITOR (self), NULL);

  return self->pipeline;
}

void
pl_pipeline_editor_set_pipeline (PlPipelineEditor *self,
                                 PlPipeline       *pipeline)
{
  g_return_if_fail (PL_IS_PIPELINE_EDITOR (self));
  g_return_if_fail (pipeline == NULL || PL_IS_PIPELINE (pipeline));

  if (self->pipeline == pipeline)
    return;

  g_clear_pointer (&self->name_binding, g_binding_unbind);
  g_clear_pointer (&self->arguments_binding, g_binding_unbind);
  if (self->pipeline != NULL)
    g_signal_handlers_disconnect_by_data (self->pipeline, self);
  if (self->steps_list != NULL)
    gtk_list_box_bind_model (self->steps_list, NULL, NULL, NULL, NULL);

  g_set_object (&self->pipeline, pipeline);

  if (pipeline != NULL)
    {
      gboolean is_function = pl_pipeline_get_is_function (pipeline);

      self->name_binding = g_object_bind_property (pipeline, "name", self->name_row, "text",
                                                   G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
      self->arguments_binding = g_object_bind_property (pipeline, "arguments", self->arguments_row, "text",
                                                        G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
      g_signal_connect_object (pipeline, "notify::arguments",
                               G_CALLBACK (pl_pipeline_editor_check_arguments), self,
                               G_CONNECT_SWAPPED);
      gtk_list_box_bind_model (self->steps_list, pl_pipeline_get_steps (pipeline),
                               create_step_row, self, NULL);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->name_row),
                                     is_function ? _("Function") : _("NumPy function"));
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->arguments_row),
                                     is_function ? _("Arguments (made before measuring)")
                                                 : _("Arguments of the call"));
      gtk_label_set_label (self->placeholder,
                           is_function ? _("No steps yet: pick one from the palette")
                                       : _("A NumPy function is measured as one call: it has no steps. Edit it in the Source view to make it a pipeline of steps."));
      gtk_widget_set_sensitive (GTK_WIDGET (self->name_row), is_function);
    }

  pl_pipeline_editor_check_arguments (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PIPELINE]);
}

const char *
pl_pipeline_editor_get_title (PlPipelineEditor *self)
{
  g_return_val_if_fail (PL_IS_PIPELINE_EDITOR (self), NULL);

  return gtk_label_get_label (self->title_label);
}

void
pl_pipeline_editor_set_title (PlPipelineEditor *self,
                              const char       *title)
{
  g_return_if_fail (PL_IS_PIPELINE_EDITOR (self));

  if (g_strcmp0 (title, gtk_label_get_label (self->title_label)) == 0)
    return;

  gtk_label_set_label (self->title_label, title ? title : "");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->steps_list),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title ? title : "",
                                  -1);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

static PlStepRow *
pl_pipeline_editor_get_row (PlPipelineEditor *self,
                            guint             position)
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->steps_list, position);

  return PL_IS_STEP_ROW (row) ? PL_STEP_ROW (row) : NULL;
}

void
pl_pipeline_editor_focus_step (PlPipelineEditor *self,
                               guint             position,
                               gboolean          select_number)
{
  PlStepRow *row;

  g_return_if_fail (PL_IS_PIPELINE_EDITOR (self));

  row = pl_pipeline_editor_get_row (self, position);
  if (row != NULL)
    pl_step_row_focus_code (row, select_number);
}

/* Brings @row into view without taking the focus: the user is moving
 * through the line table or the plot's marks and stays there. */
static void
scroll_to_row (GtkWidget *row)
{
  GtkWidget *scrolled = gtk_widget_get_ancestor (row, GTK_TYPE_SCROLLED_WINDOW);
  GtkWidget *content;
  GtkAdjustment *vadjustment;
  graphene_point_t top;

  if (scrolled == NULL)
    return;
  content = gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scrolled));
  if (content == NULL ||
      !gtk_widget_compute_point (row, content, &GRAPHENE_POINT_INIT (0, 0), &top))
    return;
  vadjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  gtk_adjustment_clamp_page (vadjustment, top.y, top.y + gtk_widget_get_height (row));
}

void
pl_pipeline_editor_select_line (PlPipelineEditor *self,
                                guint             line)
{
  g_return_if_fail (PL_IS_PIPELINE_EDITOR (self));

  for (guint i = 0; ; i++)
    {
      PlStepRow *row = pl_pipeline_editor_get_row (self, i);

      if (row == NULL)
        break;

      if (line != 0 && pl_step_contains_line (pl_step_row_get_step (row), line))
        {
          gtk_widget_add_css_class (GTK_WIDGET (row), "pl-selected-step");
          scroll_to_row (GTK_WIDGET (row));
        }
      else
        gtk_widget_remove_css_class (GTK_WIDGET (row), "pl-selected-step");
    }
}
