/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "pl-step-row.h"

struct _PlStepRow
{
  GtkListBoxRow parent_instance;

  /* Template widgets */
  GtkImage    *handle;
  GtkLabel    *line_label;
  GtkBox      *indent_box;
  GtkEntry    *code_entry;
  GtkRevealer *error_revealer;
  GtkLabel    *error_label;

  /* Owned */
  PlStep      *step;
  PlPipeline  *pipeline;
  GBinding    *code_binding;
};

G_DEFINE_FINAL_TYPE (PlStepRow, pl_step_row, GTK_TYPE_LIST_BOX_ROW)

static guint
pl_step_row_get_position (PlStepRow *self)
{
  guint position = G_MAXUINT;

  if (!g_list_store_find (G_LIST_STORE (pl_pipeline_get_steps (self->pipeline)),
                          self->step, &position))
    return G_MAXUINT;

  return position;
}

static void
pl_step_row_update_line (PlStepRow *self)
{
  g_autofree char *text = g_strdup_printf ("%u", pl_step_get_line (self->step));

  gtk_label_set_label (self->line_label, text);
}

static void
pl_step_row_update_indent (PlStepRow *self)
{
  /* One level of a block is as wide as four characters of code. */
  gtk_widget_set_size_request (GTK_WIDGET (self->indent_box),
                               24 * pl_step_get_indent (self->step), -1);
}

static void
pl_step_row_update_error (PlStepRow *self)
{
  const char *error = pl_step_get_error (self->step);

  gtk_label_set_label (self->error_label, error ? error : "");
  gtk_revealer_set_reveal_child (self->error_revealer, error != NULL);

  if (error != NULL)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->code_entry), "error");
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->code_entry),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, error,
                                      -1);
      gtk_accessible_update_state (GTK_ACCESSIBLE (self->code_entry),
                                   GTK_ACCESSIBLE_STATE_INVALID, GTK_ACCESSIBLE_INVALID_TRUE,
                                   -1);
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->code_entry), "error");
      gtk_accessible_reset_property (GTK_ACCESSIBLE (self->code_entry),
                                     GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
      gtk_accessible_reset_state (GTK_ACCESSIBLE (self->code_entry),
                                  GTK_ACCESSIBLE_STATE_INVALID);
    }
}

static void
pl_step_row_update_actions (PlStepRow *self)
{
  guint position = pl_step_row_get_position (self);
  guint n = pl_pipeline_get_n_steps (self->pipeline);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "step.move-up", position != G_MAXUINT && position > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "step.move-down", position != G_MAXUINT && position + 1 < n);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "step.dedent", pl_step_get_indent (self->step) > 0);
}

/* Keeps the focus on a step after the list rebuilt its rows. */
static void
focus_step_in_list (GtkWidget *list,
                    PlStep    *step)
{
  for (GtkWidget *child = gtk_widget_get_first_child (list);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (PL_IS_STEP_ROW (child) && PL_STEP_ROW (child)->step == step)
        {
          pl_step_row_focus_code (PL_STEP_ROW (child), FALSE);
          return;
        }
    }
}

static void
pl_step_row_move (PlStepRow *self,
                  int        delta)
{
  g_autoptr(PlStep) step = g_object_ref (self->step);
  g_autoptr(PlPipeline) pipeline = g_object_ref (self->pipeline);
  GtkWidget *list = gtk_widget_get_parent (GTK_WIDGET (self));
  guint position = pl_step_row_get_position (self);

  if (position == G_MAXUINT)
    return;
  if (delta < 0 && position == 0)
    return;
  if (delta > 0 && position + 1 >= pl_pipeline_get_n_steps (pipeline))
    return;

  /* The list replaces this row during the move: keep both alive until the
   * focus has moved to the new row. */
  g_object_ref (self);
  g_object_ref (list);
  pl_pipeline_move_step (pipeline, position, position + delta);
  focus_step_in_list (list, step);
  g_object_unref (list);
  g_object_unref (self);
}

static void
step_move_up (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  pl_step_row_move (PL_STEP_ROW (widget), -1);
}

static void
step_move_down (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  pl_step_row_move (PL_STEP_ROW (widget), +1);
}

static void
step_indent (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  PlStepRow *self = PL_STEP_ROW (widget);

  pl_step_set_indent (self->step, pl_step_get_indent (self->step) + 1);
}

static void
step_dedent (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  PlStepRow *self = PL_STEP_ROW (widget);
  guint indent = pl_step_get_indent (self->step);

  if (indent > 0)
    pl_step_set_indent (self->step, indent - 1);
}

static void
step_delete (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  PlStepRow *self = PL_STEP_ROW (widget);
  g_autoptr(PlPipeline) pipeline = g_object_ref (self->pipeline);
  GtkWidget *list = gtk_widget_get_parent (GTK_WIDGET (self));
  guint position = pl_step_row_get_position (self);
  guint n;

  if (position == G_MAXUINT)
    return;

  g_object_ref (self);
  g_object_ref (list);
  pl_pipeline_remove_step (pipeline, position);
  /* The keyboard stays in the list: on the step that took this one's place. */
  n = pl_pipeline_get_n_steps (pipeline);
  if (n > 0)
    focus_step_in_list (list, pl_pipeline_get_step (pipeline, MIN (position, n - 1)));
  g_object_unref (list);
  g_object_unref (self);
}

/* --- drag and drop ------------------------------------------------------ */

static GdkContentProvider *
on_drag_prepare (GtkDragSource *source,
                 double         x,
                 double         y,
                 PlStepRow     *self)
{
  return gdk_content_provider_new_typed (PL_TYPE_STEP, self->step);
}

static void
on_drag_begin (GtkDragSource *source,
               GdkDrag       *drag,
               PlStepRow     *self)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (GTK_WIDGET (self));

  gtk_drag_source_set_icon (source, paintable, 0, 0);
}

static gboolean
on_drop (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         PlStepRow     *self)
{
  PlStep *dropped = g_value_get_object (value);
  GListStore *store = G_LIST_STORE (pl_pipeline_get_steps (self->pipeline));
  guint from, to;

  if (dropped == NULL || dropped == self->step)
    return FALSE;

  /* Steps move only within their own pipeline. */
  if (!g_list_store_find (store, dropped, &from))
    return FALSE;

  to = pl_step_row_get_position (self);
  if (to == G_MAXUINT)
    return FALSE;

  pl_pipeline_move_step (self->pipeline, from, to);
  return TRUE;
}

/* --- GObject ------------------------------------------------------------ */

static void
pl_step_row_dispose (GObject *object)
{
  PlStepRow *self = PL_STEP_ROW (object);

  g_clear_pointer (&self->code_binding, g_binding_unbind);
  if (self->step != NULL)
    g_signal_handlers_disconnect_by_data (self->step, self);
  if (self->pipeline != NULL)
    g_signal_handlers_disconnect_by_data (self->pipeline, self);

  gtk_widget_dispose_template (GTK_WIDGET (self), PL_TYPE_STEP_ROW);

  g_clear_object (&self->step);
  g_clear_object (&self->pipeline);

  G_OBJECT_CLASS (pl_step_row_parent_class)->dispose (object);
}

static void
pl_step_row_class_init (PlStepRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pl_step_row_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/peakline/Peakline/ui/pl-step-row.ui");
  gtk_widget_class_bind_template_child (widget_class, PlStepRow, handle);
  gtk_widget_class_bind_template_child (widget_class, PlStepRow, line_label);
  gtk_widget_class_bind_template_child (widget_class, PlStepRow, indent_box);
  gtk_widget_class_bind_template_child (widget_class, PlStepRow, code_entry);
  gtk_widget_class_bind_template_child (widget_class, PlStepRow, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, PlStepRow, error_label);

  gtk_widget_class_install_action (widget_class, "step.move-up", NULL, step_move_up);
  gtk_widget_class_install_action (widget_class, "step.move-down", NULL, step_move_down);
  gtk_widget_class_install_action (widget_class, "step.indent", NULL, step_indent);
  gtk_widget_class_install_action (widget_class, "step.dedent", NULL, step_dedent);
  gtk_widget_class_install_action (widget_class, "step.delete", NULL, step_delete);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Up, GDK_ALT_MASK, "step.move-up", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Down, GDK_ALT_MASK, "step.move-down", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, GDK_ALT_MASK, "step.indent", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "step.dedent", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, GDK_ALT_MASK, "step.delete", NULL);
}

static void
pl_step_row_init (PlStepRow *self)
{
  GtkDragSource *source;
  GtkDropTarget *target;

  gtk_widget_init_template (GTK_WIDGET (self));

  source = gtk_drag_source_new ();
  gtk_drag_source_set_actions (source, GDK_ACTION_MOVE);
  g_signal_connect (source, "prepare", G_CALLBACK (on_drag_prepare), self);
  g_signal_connect (source, "drag-begin", G_CALLBACK (on_drag_begin), self);
  gtk_widget_add_controller (GTK_WIDGET (self->handle), GTK_EVENT_CONTROLLER (source));
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self->handle), "grab");

  target = gtk_drop_target_new (PL_TYPE_STEP, GDK_ACTION_MOVE);
  g_signal_connect (target, "drop", G_CALLBACK (on_drop), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (target));
}

PlStepRow *
pl_step_row_new (PlPipeline *pipeline,
                 PlStep     *step)
{
  PlStepRow *self;

  g_return_val_if_fail (PL_IS_PIPELINE (pipeline), NULL);
  g_return_val_if_fail (PL_IS_STEP (step), NULL);

  self = g_object_new (PL_TYPE_STEP_ROW, NULL);
  self->pipeline = g_object_ref (pipeline);
  self->step = g_object_ref (step);

  self->code_binding = g_object_bind_property (step, "code", self->code_entry, "text",
                                               G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  g_signal_connect_object (step, "notify::line", G_CALLBACK (pl_step_row_update_line), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (step, "notify::indent", G_CALLBACK (pl_step_row_update_indent), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (step, "notify::indent", G_CALLBACK (pl_step_row_update_actions), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (step, "notify::error", G_CALLBACK (pl_step_row_update_error), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (pipeline, "changed", G_CALLBACK (pl_step_row_update_actions), self, G_CONNECT_SWAPPED);

  pl_step_row_update_line (self);
  pl_step_row_update_indent (self);
  pl_step_row_update_error (self);
  pl_step_row_update_actions (self);

  return self;
}

PlStep *
pl_step_row_get_step (PlStepRow *self)
{
  g_return_val_if_fail (PL_IS_STEP_ROW (self), NULL);

  return self->step;
}

void
pl_step_row_focus_code (PlStepRow *self,
                        gboolean   select_number)
{
  const char *text;
  int start = -1, end = -1;

  g_return_if_fail (PL_IS_STEP_ROW (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->code_entry));

  text = gtk_editable_get_text (GTK_EDITABLE (self->code_entry));
  if (select_number)
    {
      /* The first number that is not part of a name: the size to edit. */
      for (int i = 0; text[i]; i++)
        {
          if (g_ascii_isdigit (text[i]) &&
              (i == 0 || !(g_ascii_isalnum (text[i - 1]) || text[i - 1] == '_' || text[i - 1] == '.')))
            {
              start = i;
              end = i;
              while (g_ascii_isdigit (text[end]) || text[end] == '_' || text[end] == '.')
                end++;
              break;
            }
        }
    }

  if (start >= 0)
    gtk_editable_select_region (GTK_EDITABLE (self->code_entry),
                                g_utf8_pointer_to_offset (text, text + start),
                                g_utf8_pointer_to_offset (text, text + end));
  else
    gtk_editable_set_position (GTK_EDITABLE (self->code_entry), -1);
}
