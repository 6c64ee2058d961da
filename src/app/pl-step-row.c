/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "pl-code.h"
#include "pl-step-row.h"

struct _PlStepRow
{
  GtkListBoxRow parent_instance;

  /* Template widgets */
  GtkImage          *handle;
  GtkLabel          *line_label;
  GtkBox            *indent_box;
  GtkEntry          *code_entry;
  GtkScrolledWindow *code_scroller;
  GtkTextView       *code_view;
  GtkRevealer       *error_revealer;
  GtkLabel          *error_label;

  /* Owned */
  PlStep            *step;
  PlPipeline        *pipeline;
  GBinding          *code_binding;
  GtkTextTag        *error_tag;
  guint              mode_idle;
  guint              resize_idle;

  /* The text view's buffer follows the step; a user's edit goes to the
   * step when it is complete (typing over a selection deletes, then
   * inserts: the step never sees the text in between). */
  gboolean           syncing;
  gboolean           in_user_action;
  gboolean           buffer_dirty;

  /* Where the cursor goes when the code moves between the entry and the
   * text view (characters into the code), or -1. */
  int                pending_cursor;
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

static gboolean
pl_step_row_is_multi_line (PlStepRow *self)
{
  return strchr (pl_step_get_code (self->step), '\n') != NULL;
}

/* The widget that edits the code now: the entry for one line, the text
 * view for several. */
static GtkWidget *
pl_step_row_get_editor (PlStepRow *self)
{
  return pl_step_row_is_multi_line (self) ? GTK_WIDGET (self->code_view) : GTK_WIDGET (self->code_entry);
}

/* The cursor of the editor that shows now, in characters into the code. */
static int
pl_step_row_get_cursor (PlStepRow *self)
{
  if (gtk_widget_get_visible (GTK_WIDGET (self->code_scroller)))
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->code_view);
      GtkTextIter iter;

      gtk_text_buffer_get_iter_at_mark (buffer, &iter, gtk_text_buffer_get_insert (buffer));
      return gtk_text_iter_get_offset (&iter);
    }
  return gtk_editable_get_position (GTK_EDITABLE (self->code_entry));
}

static void
pl_step_row_select (PlStepRow *self,
                    int        start,
                    int        end)
{
  if (pl_step_row_is_multi_line (self))
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->code_view);
      GtkTextIter a, b;

      gtk_text_buffer_get_iter_at_offset (buffer, &a, start);
      gtk_text_buffer_get_iter_at_offset (buffer, &b, end);
      gtk_text_buffer_select_range (buffer, &b, &a);
      /* A view not shown yet has no size to scroll in. */
      if (gtk_widget_get_mapped (GTK_WIDGET (self->code_view)))
        gtk_text_view_scroll_mark_onscreen (self->code_view, gtk_text_buffer_get_insert (buffer));
    }
  else
    gtk_editable_select_region (GTK_EDITABLE (self->code_entry), start, end);
}

/* GTK 4.8 warns when a scrolled window unmaps while its view still scrolls
 * smoothly towards the cursor (gtk_adjustment_enable_animation() ends the
 * animation twice): end it first, where it is. */
static void
pl_step_row_stop_scrolling (PlStepRow *self)
{
  GtkAdjustment *adjustments[] = {
    gtk_scrolled_window_get_hadjustment (self->code_scroller),
    gtk_scrolled_window_get_vadjustment (self->code_scroller),
  };

  for (guint i = 0; i < G_N_ELEMENTS (adjustments); i++)
    gtk_adjustment_set_value (adjustments[i], gtk_adjustment_get_value (adjustments[i]));
}

/* Shows the entry or the text view as the code has one line or several;
 * the keyboard and the cursor follow the code to the other editor. */
static void
pl_step_row_update_mode (PlStepRow *self)
{
  gboolean multi = pl_step_row_is_multi_line (self);
  gboolean was_multi = gtk_widget_get_visible (GTK_WIDGET (self->code_scroller));
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root ? gtk_root_get_focus (root) : NULL;
  GtkWidget *old = was_multi ? GTK_WIDGET (self->code_view) : GTK_WIDGET (self->code_entry);
  gboolean had_focus = focus != NULL && (focus == old || gtk_widget_is_ancestor (focus, old));
  int cursor;

  if (multi == was_multi && self->pending_cursor < 0)
    return;

  cursor = self->pending_cursor >= 0 ? self->pending_cursor : pl_step_row_get_cursor (self);
  self->pending_cursor = -1;

  if (!multi && was_multi)
    pl_step_row_stop_scrolling (self);

  gtk_widget_set_visible (GTK_WIDGET (self->code_entry), !multi);
  gtk_widget_set_visible (GTK_WIDGET (self->code_scroller), multi);

  /* The number is the statement's first line: beside it, not centred on
   * the whole statement. */
  gtk_widget_set_valign (GTK_WIDGET (self->line_label), multi ? GTK_ALIGN_START : GTK_ALIGN_CENTER);
  gtk_widget_set_margin_top (GTK_WIDGET (self->line_label), multi ? 8 : 0);

  if (had_focus || multi != was_multi)
    {
      if (had_focus)
        gtk_widget_grab_focus (pl_step_row_get_editor (self));
      pl_step_row_select (self, cursor, cursor);
    }
}

static gboolean
update_mode_idle (gpointer data)
{
  PlStepRow *self = data;

  self->mode_idle = 0;
  pl_step_row_update_mode (self);
  return G_SOURCE_REMOVE;
}

/* Switching editors inside the text view's own signal handlers would pull
 * it from under its feet: switch just after, before the next frame. */
static void
pl_step_row_queue_update_mode (PlStepRow *self)
{
  if (self->mode_idle == 0)
    self->mode_idle = g_idle_add_full (G_PRIORITY_HIGH_IDLE, update_mode_idle, self, NULL);
}

static void
pl_step_row_push_buffer (PlStepRow *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->code_view);
  GtkTextIter start, end;
  g_autofree char *text = NULL;

  self->buffer_dirty = FALSE;
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  pl_step_set_code (self->step, text);
}

static void
on_buffer_changed (GtkTextBuffer *buffer,
                   PlStepRow     *self)
{
  if (self->syncing)
    return;
  if (self->in_user_action)
    self->buffer_dirty = TRUE;
  else
    pl_step_row_push_buffer (self);
}

static void
on_buffer_begin_user_action (GtkTextBuffer *buffer,
                             PlStepRow     *self)
{
  self->in_user_action = TRUE;
}

static void
on_buffer_end_user_action (GtkTextBuffer *buffer,
                           PlStepRow     *self)
{
  self->in_user_action = FALSE;
  if (self->buffer_dirty)
    pl_step_row_push_buffer (self);
}

static void
on_step_code_notify (PlStepRow *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->code_view);
  GtkTextIter start, end;
  g_autofree char *text = NULL;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  if (g_strcmp0 (text, pl_step_get_code (self->step)) != 0)
    {
      self->syncing = TRUE;
      gtk_text_buffer_set_text (buffer, pl_step_get_code (self->step), -1);
      self->syncing = FALSE;
    }
  pl_step_row_queue_update_mode (self);
}

/* Shift+Enter breaks the line at the cursor, the new line lined up as
 * Python lines up what continues inside brackets. */
static void
pl_step_row_break_line (PlStepRow *self)
{
  const char *code = pl_step_get_code (self->step);
  int start = pl_step_row_get_cursor (self), end = start;
  g_autofree char *before = NULL;
  g_autofree char *new_code = NULL;
  const char *start_p, *end_p;
  guint indent;

  if (pl_step_row_is_multi_line (self))
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->code_view);
      GtkTextIter a, b;

      if (gtk_text_buffer_get_selection_bounds (buffer, &a, &b))
        {
          start = gtk_text_iter_get_offset (&a);
          end = gtk_text_iter_get_offset (&b);
        }
    }
  else
    gtk_editable_get_selection_bounds (GTK_EDITABLE (self->code_entry), &start, &end);

  start_p = g_utf8_offset_to_pointer (code, MIN (start, (int) g_utf8_strlen (code, -1)));
  end_p = g_utf8_offset_to_pointer (code, MIN (end, (int) g_utf8_strlen (code, -1)));
  /* No blanks left at the end of the broken line or the start of the
   * new one. */
  before = g_strndup (code, start_p - code);
  g_strchomp (before);
  while (*end_p == ' ')
    end_p++;
  indent = pl_code_continuation_indent (before);
  new_code = g_strdup_printf ("%s\n%*s%s", before, (int) indent, "", end_p);

  self->pending_cursor = g_utf8_strlen (before, -1) + 1 + indent;
  pl_step_set_code (self->step, new_code);
  /* At once: what the user types next goes after the break. */
  g_clear_handle_id (&self->mode_idle, g_source_remove);
  pl_step_row_update_mode (self);
}

static gboolean
on_code_key_pressed (GtkEventControllerKey *controller,
                     guint                  keyval,
                     guint                  keycode,
                     GdkModifierType        state,
                     PlStepRow             *self)
{
  GdkModifierType mods = state & gtk_accelerator_get_default_mod_mask ();

  if (keyval != GDK_KEY_Return && keyval != GDK_KEY_KP_Enter && keyval != GDK_KEY_ISO_Enter)
    return GDK_EVENT_PROPAGATE;

  /* Enter in one line keeps the entry's meaning; Shift+Enter, and Enter
   * in a statement that already has several lines, break the line. */
  if (mods == GDK_SHIFT_MASK || (mods == 0 && pl_step_row_is_multi_line (self)))
    {
      pl_step_row_break_line (self);
      return GDK_EVENT_STOP;
    }

  /* The text view would take Ctrl+Enter (Run) for a line break: the
   * window's shortcuts see it first. */
  if (mods != 0 && gtk_widget_get_root (GTK_WIDGET (self)) != NULL &&
      gtk_event_controller_get_current_event (GTK_EVENT_CONTROLLER (controller)) != NULL &&
      gtk_event_controller_key_forward (controller, GTK_WIDGET (gtk_widget_get_root (GTK_WIDGET (self)))))
    return GDK_EVENT_STOP;

  return GDK_EVENT_PROPAGATE;
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

/* Marks where the interpreter found the error, in a statement of several
 * lines: from that place to the end of the word there. */
static void
pl_step_row_mark_error (PlStepRow *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->code_view);
  GtkTextIter start, end;
  guint line, column;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  gtk_text_buffer_remove_tag (buffer, self->error_tag, &start, &end);

  if (!pl_step_get_error_location (self->step, &line, &column) ||
      line > (guint) gtk_text_buffer_get_line_count (buffer))
    return;

  gtk_text_buffer_get_iter_at_line (buffer, &start, line - 1);
  if (column - 1 < (guint) gtk_text_iter_get_chars_in_line (&start))
    gtk_text_iter_set_line_offset (&start, column - 1);
  else if (!gtk_text_iter_ends_line (&start))
    gtk_text_iter_forward_to_line_end (&start);
  if (gtk_text_iter_ends_line (&start) && !gtk_text_iter_starts_line (&start))
    gtk_text_iter_backward_char (&start);
  end = start;
  do
    gtk_text_iter_forward_char (&end);
  while (!gtk_text_iter_ends_line (&end) && !g_unichar_isspace (gtk_text_iter_get_char (&end)));
  gtk_text_buffer_apply_tag (buffer, self->error_tag, &start, &end);
}

static void
pl_step_row_update_error (PlStepRow *self)
{
  const char *error = pl_step_get_error (self->step);
  GtkWidget *editors[] = { GTK_WIDGET (self->code_entry), GTK_WIDGET (self->code_view) };

  gtk_label_set_label (self->error_label, error ? error : "");
  gtk_revealer_set_reveal_child (self->error_revealer, error != NULL);

  if (error != NULL)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->code_entry), "error");
      gtk_widget_add_css_class (GTK_WIDGET (self->code_scroller), "error");
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->code_entry), "error");
      gtk_widget_remove_css_class (GTK_WIDGET (self->code_scroller), "error");
    }

  for (guint i = 0; i < G_N_ELEMENTS (editors); i++)
    {
      if (error != NULL)
        {
          gtk_accessible_update_property (GTK_ACCESSIBLE (editors[i]),
                                          GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, error,
                                          -1);
          gtk_accessible_update_state (GTK_ACCESSIBLE (editors[i]),
                                       GTK_ACCESSIBLE_STATE_INVALID, GTK_ACCESSIBLE_INVALID_TRUE,
                                       -1);
        }
      else
        {
          gtk_accessible_reset_property (GTK_ACCESSIBLE (editors[i]),
                                         GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
          gtk_accessible_reset_state (GTK_ACCESSIBLE (editors[i]),
                                      GTK_ACCESSIBLE_STATE_INVALID);
        }
    }

  pl_step_row_mark_error (self);
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
  g_clear_handle_id (&self->mode_idle, g_source_remove);
  g_clear_handle_id (&self->resize_idle, g_source_remove);
  if (self->step != NULL)
    g_signal_handlers_disconnect_by_data (self->step, self);
  if (self->pipeline != NULL)
    g_signal_handlers_disconnect_by_data (self->pipeline, self);

  gtk_widget_dispose_template (GTK_WIDGET (self), PL_TYPE_STEP_ROW);

  g_clear_object (&self->step);
  g_clear_object (&self->pipeline);

  G_OBJECT_CLASS (pl_step_row_parent_class)->dispose (object);
}

static gboolean
resize_idle (gpointer data)
{
  PlStepRow *self = data;

  self->resize_idle = 0;
  gtk_widget_queue_resize (GTK_WIDGET (self->code_scroller));
  return G_SOURCE_REMOVE;
}

/* The text view is a scrollable: when it lays out its lines it only tells
 * the vertical adjustment, in the middle of the allocation, where a new
 * size would be lost. The scrolled window never scrolls vertically: it
 * grows to its lines just after. */
static void
on_vadjustment_changed (GtkAdjustment *adjustment,
                        PlStepRow     *self)
{
  if (gtk_adjustment_get_upper (adjustment) > gtk_adjustment_get_page_size (adjustment) &&
      self->resize_idle == 0)
    self->resize_idle = g_idle_add (resize_idle, self);
}

static void
pl_step_row_unmap (GtkWidget *widget)
{
  /* The list drops rows while the user still types (undo, a move). */
  pl_step_row_stop_scrolling (PL_STEP_ROW (widget));

  GTK_WIDGET_CLASS (pl_step_row_parent_class)->unmap (widget);
}

static void
pl_step_row_class_init (PlStepRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pl_step_row_dispose;
  widget_class->unmap = pl_step_row_unmap;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/peakline/Peakline/ui/pl-step-row.ui");
  gtk_widget_class_bind_template_child (widget_class, PlStepRow, handle);
  gtk_widget_class_bind_template_child (widget_class, PlStepRow, line_label);
  gtk_widget_class_bind_template_child (widget_class, PlStepRow, indent_box);
  gtk_widget_class_bind_template_child (widget_class, PlStepRow, code_entry);
  gtk_widget_class_bind_template_child (widget_class, PlStepRow, code_scroller);
  gtk_widget_class_bind_template_child (widget_class, PlStepRow, code_view);
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
  GtkEventController *keys;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->pending_cursor = -1;

  /* Before the editors: Enter would otherwise activate the entry or
   * insert a bare newline in the text view. */
  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_code_key_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self->code_entry), keys);
  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_code_key_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self->code_view), keys);

  g_signal_connect_object (gtk_scrolled_window_get_vadjustment (self->code_scroller), "changed",
                           G_CALLBACK (on_vadjustment_changed), self, 0);

  self->error_tag = gtk_text_buffer_create_tag (gtk_text_view_get_buffer (self->code_view), NULL,
                                                "underline", PANGO_UNDERLINE_ERROR,
                                                NULL);
  g_signal_connect (gtk_text_view_get_buffer (self->code_view), "changed",
                    G_CALLBACK (on_buffer_changed), self);
  g_signal_connect (gtk_text_view_get_buffer (self->code_view), "begin-user-action",
                    G_CALLBACK (on_buffer_begin_user_action), self);
  g_signal_connect (gtk_text_view_get_buffer (self->code_view), "end-user-action",
                    G_CALLBACK (on_buffer_end_user_action), self);

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
  self->syncing = TRUE;
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->code_view), pl_step_get_code (step), -1);
  self->syncing = FALSE;
  g_signal_connect_object (step, "notify::code", G_CALLBACK (on_step_code_notify), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (step, "notify::line", G_CALLBACK (pl_step_row_update_line), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (step, "notify::indent", G_CALLBACK (pl_step_row_update_indent), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (step, "notify::indent", G_CALLBACK (pl_step_row_update_actions), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (step, "notify::error", G_CALLBACK (pl_step_row_update_error), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (pipeline, "changed", G_CALLBACK (pl_step_row_update_actions), self, G_CONNECT_SWAPPED);

  pl_step_row_update_mode (self);
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

  gtk_widget_grab_focus (pl_step_row_get_editor (self));

  text = pl_step_get_code (self->step);
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
    pl_step_row_select (self,
                        g_utf8_pointer_to_offset (text, text + start),
                        g_utf8_pointer_to_offset (text, text + end));
  else if (pl_step_row_is_multi_line (self))
    pl_step_row_select (self, g_utf8_strlen (text, -1), g_utf8_strlen (text, -1));
  else
    gtk_editable_set_position (GTK_EDITABLE (self->code_entry), -1);
}
