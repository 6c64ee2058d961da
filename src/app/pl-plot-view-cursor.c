/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "pl-plot-view-private.h"

/* The plot's keyboard cursor. Left and Right walk the line marks of a
 * panel in time order, Home and End go to its first and last mark, Up and
 * Down go to the nearest mark of the panel above or below (a comparison
 * stacks two), Enter and Space select the mark's line as a click does,
 * Escape puts the cursor away. The cursor is a line over its mark and a
 * card with what the tooltip would say there; the same text, as a
 * sentence, is the plot's accessible description.
 *
 * The keys are bindings of "plot.*" actions. An action that has nothing to
 * do is disabled, so its key goes on to the window: Escape cancels a run,
 * Up and Down move the focus when there is one panel. */

/* Between the cursor and its card, and the card and the plot's edges. */
#define CARD_SPACING 8

static gboolean
pl_plot_view_get_current_mark (PlPlotView *self,
                               PlPlotMark *mark)
{
  return self->has_cursor && self->run != NULL &&
         self->cursor_panel < pl_run_get_n_pipelines (self->run) &&
         pl_plot_get_mark (self->run, self->cursor_panel, self->cursor_mark, mark);
}

/* The first panel with marks from @panel on, going by @step (+1 or -1). */
static gboolean
find_panel_with_marks (PlRun *run,
                       int    panel,
                       int    step,
                       guint *found)
{
  for (int p = panel; p >= 0 && p < (int) pl_run_get_n_pipelines (run); p += step)
    {
      if (pl_plot_get_n_marks (run, p) > 0)
        {
          *found = p;
          return TRUE;
        }
    }

  return FALSE;
}

static void
update_actions (PlPlotView *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  guint panel;
  gboolean marks = !self->running && self->run != NULL && find_panel_with_marks (self->run, 0, 1, &panel);
  gboolean stacked = marks && pl_run_get_n_pipelines (self->run) > 1;
  gboolean cursor = !self->running && self->has_cursor;

  gtk_widget_action_set_enabled (widget, "plot.previous-mark", marks);
  gtk_widget_action_set_enabled (widget, "plot.next-mark", marks);
  gtk_widget_action_set_enabled (widget, "plot.first-mark", marks);
  gtk_widget_action_set_enabled (widget, "plot.last-mark", marks);
  gtk_widget_action_set_enabled (widget, "plot.previous-panel", stacked);
  gtk_widget_action_set_enabled (widget, "plot.next-panel", stacked);
  gtk_widget_action_set_enabled (widget, "plot.activate-mark", cursor);
  gtk_widget_action_set_enabled (widget, "plot.clear-cursor", cursor);
}

void
pl_plot_view_cursor_update (PlPlotView *self)
{
  g_autofree char *description = NULL;
  PlPlotMark mark;
  gboolean shown;

  if (pl_plot_view_get_current_mark (self, &mark))
    {
      g_autofree char *markup = pl_plot_view_dup_info (self, self->cursor_panel, mark.time_ns, mark.line, TRUE);

      gtk_label_set_markup (self->cursor_info, markup);
      description = pl_plot_view_dup_info (self, self->cursor_panel, mark.time_ns, mark.line, FALSE);
    }
  else
    {
      self->has_cursor = FALSE;
      description = g_strdup (_("Left and Right move between the marks of the lines, Enter selects a line"));
    }

  /* Only the focused plot shows its cursor: elsewhere the keys do not
   * reach it, and the card would cover the plot for nothing. */
  shown = self->has_cursor && !self->running && gtk_widget_is_focus (GTK_WIDGET (self));
  gtk_widget_set_visible (self->cursor_line, shown);
  gtk_widget_set_visible (GTK_WIDGET (self->cursor_info), shown);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);
  update_actions (self);
  gtk_widget_queue_allocate (GTK_WIDGET (self));
}

void
pl_plot_view_cursor_allocate (PlPlotView *self,
                              int         width,
                              int         height)
{
  PlPlotLayout *layout;
  PlPlotMark mark;
  PlPlotRect area;
  GtkAllocation line, card;
  int min, nat;
  double x;

  if (!gtk_widget_get_visible (self->cursor_line) || !pl_plot_view_get_current_mark (self, &mark))
    return;

  layout = pl_plot_view_ensure_layout (self);
  if (layout == NULL)
    return;

  pl_plot_layout_get_plot_area (layout, self->cursor_panel, &area);
  x = pl_plot_layout_x_for_time (layout, mark.time_ns);

  /* The line is as wide as the theme makes it, centred on the mark. */
  gtk_widget_measure (self->cursor_line, GTK_ORIENTATION_HORIZONTAL, -1, &min, &nat, NULL, NULL);
  line.width = MAX (min, 1);
  line.x = (int) floor (x) - line.width / 2;
  line.y = (int) floor (area.y);
  line.height = (int) ceil (area.height);
  gtk_widget_measure (self->cursor_line, GTK_ORIENTATION_VERTICAL, line.width, &min, &nat, NULL, NULL);
  line.height = MAX (line.height, min);
  gtk_widget_size_allocate (self->cursor_line, &line, -1);

  /* The card goes right of the mark at the top of its panel, or left of
   * it when it does not fit there. */
  gtk_widget_measure (GTK_WIDGET (self->cursor_info), GTK_ORIENTATION_HORIZONTAL, -1, &min, &nat, NULL, NULL);
  card.width = MIN (nat, MAX (width - 2 * CARD_SPACING, min));
  gtk_widget_measure (GTK_WIDGET (self->cursor_info), GTK_ORIENTATION_VERTICAL, card.width, &min, &nat, NULL, NULL);
  card.height = nat;
  card.x = line.x + line.width + CARD_SPACING;
  if (card.x + card.width > width - CARD_SPACING)
    card.x = line.x - CARD_SPACING - card.width;
  card.x = CLAMP (card.x, 0, MAX (width - card.width, 0));
  card.y = CLAMP (line.y + CARD_SPACING, 0, MAX (height - card.height, 0));
  gtk_widget_size_allocate (GTK_WIDGET (self->cursor_info), &card, -1);
}

/* --- moving ------------------------------------------------------------- */

static void
step_mark (PlPlotView *self,
           int         step)
{
  guint panel;
  gsize n;

  /* Without a cursor, Right starts at the first mark and Left at the last. */
  if (!self->has_cursor)
    {
      if (find_panel_with_marks (self->run, 0, 1, &panel))
        pl_plot_view_set_cursor (self, panel, step > 0 ? 0 : pl_plot_get_n_marks (self->run, panel) - 1);
      return;
    }

  n = pl_plot_get_n_marks (self->run, self->cursor_panel);
  if ((step < 0 && self->cursor_mark == 0) || (step > 0 && self->cursor_mark + 1 >= n))
    {
      gtk_widget_error_bell (GTK_WIDGET (self));
      return;
    }

  pl_plot_view_set_cursor (self, self->cursor_panel, self->cursor_mark + step);
}

static void
end_mark (PlPlotView *self,
          gboolean    last)
{
  guint panel = self->cursor_panel;

  if (!self->has_cursor && !find_panel_with_marks (self->run, 0, 1, &panel))
    return;

  pl_plot_view_set_cursor (self, panel, last ? pl_plot_get_n_marks (self->run, panel) - 1 : 0);
}

static void
step_panel (PlPlotView *self,
            int         step)
{
  PlPlotMark mark;
  guint panel;
  gsize index;

  /* Without a cursor, Up starts in the top panel and Down in the bottom one. */
  if (!pl_plot_view_get_current_mark (self, &mark))
    {
      int from = step < 0 ? 0 : (int) pl_run_get_n_pipelines (self->run) - 1;

      if (find_panel_with_marks (self->run, from, -step, &panel))
        pl_plot_view_set_cursor (self, panel, 0);
      return;
    }

  /* The panels share the time axis: the mark straight above or below. */
  if (!find_panel_with_marks (self->run, (int) self->cursor_panel + step, step, &panel) ||
      !pl_plot_find_mark (self->run, panel, mark.time_ns, &index))
    {
      gtk_widget_error_bell (GTK_WIDGET (self));
      return;
    }

  pl_plot_view_set_cursor (self, panel, index);
}

static void
previous_mark_activated (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  step_mark (PL_PLOT_VIEW (widget), -1);
}

static void
next_mark_activated (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  step_mark (PL_PLOT_VIEW (widget), 1);
}

static void
first_mark_activated (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  end_mark (PL_PLOT_VIEW (widget), FALSE);
}

static void
last_mark_activated (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  end_mark (PL_PLOT_VIEW (widget), TRUE);
}

static void
previous_panel_activated (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  step_panel (PL_PLOT_VIEW (widget), -1);
}

static void
next_panel_activated (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  step_panel (PL_PLOT_VIEW (widget), 1);
}

static void
activate_mark_activated (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  PlPlotView *self = PL_PLOT_VIEW (widget);
  PlPlotMark mark;

  if (pl_plot_view_get_current_mark (self, &mark) && mark.line > 0)
    pl_plot_view_activate_line (self, mark.line);
}

static void
clear_cursor_activated (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  pl_plot_view_clear_cursor (PL_PLOT_VIEW (widget));
}

/* --- focus -------------------------------------------------------------- */

static void
on_focus_widget_changed (PlPlotView *self)
{
  pl_plot_view_cursor_update (self);
}

/* The root's focus widget, not focus events: those follow whether the
 * window is active, and the cursor belongs to the focus within the window. */
void
pl_plot_view_cursor_root (PlPlotView *self)
{
  self->root = gtk_widget_get_root (GTK_WIDGET (self));
  g_signal_connect_object (self->root, "notify::focus-widget",
                           G_CALLBACK (on_focus_widget_changed), self, G_CONNECT_SWAPPED);
}

void
pl_plot_view_cursor_unroot (PlPlotView *self)
{
  if (self->root != NULL)
    g_signal_handlers_disconnect_by_func (self->root, on_focus_widget_changed, self);
  self->root = NULL;
}

/* --- setup -------------------------------------------------------------- */

static void
add_binding (GtkWidgetClass *widget_class,
             guint           keyval,
             guint           keypad_keyval,
             const char     *action)
{
  gtk_widget_class_add_binding_action (widget_class, keyval, 0, action, NULL);
  if (keypad_keyval != 0)
    gtk_widget_class_add_binding_action (widget_class, keypad_keyval, 0, action, NULL);
}

void
pl_plot_view_cursor_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "plot.previous-mark", NULL, previous_mark_activated);
  gtk_widget_class_install_action (widget_class, "plot.next-mark", NULL, next_mark_activated);
  gtk_widget_class_install_action (widget_class, "plot.first-mark", NULL, first_mark_activated);
  gtk_widget_class_install_action (widget_class, "plot.last-mark", NULL, last_mark_activated);
  gtk_widget_class_install_action (widget_class, "plot.previous-panel", NULL, previous_panel_activated);
  gtk_widget_class_install_action (widget_class, "plot.next-panel", NULL, next_panel_activated);
  gtk_widget_class_install_action (widget_class, "plot.activate-mark", NULL, activate_mark_activated);
  gtk_widget_class_install_action (widget_class, "plot.clear-cursor", NULL, clear_cursor_activated);

  add_binding (widget_class, GDK_KEY_Left, GDK_KEY_KP_Left, "plot.previous-mark");
  add_binding (widget_class, GDK_KEY_Right, GDK_KEY_KP_Right, "plot.next-mark");
  add_binding (widget_class, GDK_KEY_Home, GDK_KEY_KP_Home, "plot.first-mark");
  add_binding (widget_class, GDK_KEY_End, GDK_KEY_KP_End, "plot.last-mark");
  add_binding (widget_class, GDK_KEY_Up, GDK_KEY_KP_Up, "plot.previous-panel");
  add_binding (widget_class, GDK_KEY_Down, GDK_KEY_KP_Down, "plot.next-panel");
  add_binding (widget_class, GDK_KEY_Return, GDK_KEY_KP_Enter, "plot.activate-mark");
  add_binding (widget_class, GDK_KEY_ISO_Enter, 0, "plot.activate-mark");
  add_binding (widget_class, GDK_KEY_space, GDK_KEY_KP_Space, "plot.activate-mark");
  add_binding (widget_class, GDK_KEY_Escape, 0, "plot.clear-cursor");
}

void
pl_plot_view_cursor_init (PlPlotView *self)
{
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  /* A click selects a line; it does not take the focus from the editor. */
  gtk_widget_set_focus_on_click (GTK_WIDGET (self), FALSE);

  self->cursor_line = g_object_new (GTK_TYPE_BOX, "css-name", "cursor", NULL);
  gtk_widget_set_can_target (self->cursor_line, FALSE);
  gtk_widget_set_visible (self->cursor_line, FALSE);
  gtk_widget_set_parent (self->cursor_line, GTK_WIDGET (self));

  self->cursor_info = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->cursor_info, TRUE);
  gtk_label_set_max_width_chars (self->cursor_info, 48);
  gtk_label_set_xalign (self->cursor_info, 0.0f);
  gtk_widget_add_css_class (GTK_WIDGET (self->cursor_info), "pl-cursor-info");
  gtk_widget_set_can_target (GTK_WIDGET (self->cursor_info), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->cursor_info), FALSE);
  /* The plot's description says the same to a screen reader. */
  gtk_accessible_update_state (GTK_ACCESSIBLE (self->cursor_info), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);
  gtk_widget_set_parent (GTK_WIDGET (self->cursor_info), GTK_WIDGET (self));

  pl_plot_view_cursor_update (self);
}

void
pl_plot_view_cursor_dispose (PlPlotView *self)
{
  g_clear_pointer (&self->cursor_line, gtk_widget_unparent);
  if (self->cursor_info != NULL)
    {
      gtk_widget_unparent (GTK_WIDGET (self->cursor_info));
      self->cursor_info = NULL;
    }
}

/* --- public ------------------------------------------------------------- */

gboolean
pl_plot_view_get_cursor (PlPlotView *self,
                         guint      *panel,
                         gsize      *mark)
{
  g_return_val_if_fail (PL_IS_PLOT_VIEW (self), FALSE);

  if (!self->has_cursor)
    return FALSE;

  if (panel != NULL)
    *panel = self->cursor_panel;
  if (mark != NULL)
    *mark = self->cursor_mark;
  return TRUE;
}

void
pl_plot_view_set_cursor (PlPlotView *self,
                         guint       panel,
                         gsize       mark)
{
  g_return_if_fail (PL_IS_PLOT_VIEW (self));
  g_return_if_fail (self->run != NULL);
  g_return_if_fail (panel < pl_run_get_n_pipelines (self->run));
  g_return_if_fail (mark < pl_plot_get_n_marks (self->run, panel));

  self->cursor_panel = panel;
  self->cursor_mark = mark;
  self->has_cursor = TRUE;
  pl_plot_view_cursor_update (self);
}

void
pl_plot_view_clear_cursor (PlPlotView *self)
{
  g_return_if_fail (PL_IS_PLOT_VIEW (self));

  self->has_cursor = FALSE;
  pl_plot_view_cursor_update (self);
}

char *
pl_plot_view_dup_cursor_description (PlPlotView *self)
{
  PlPlotMark mark;

  g_return_val_if_fail (PL_IS_PLOT_VIEW (self), NULL);

  if (!pl_plot_view_get_current_mark (self, &mark))
    return NULL;

  return pl_plot_view_dup_info (self, self->cursor_panel, mark.time_ns, mark.line, FALSE);
}
