/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <adwaita.h>

#include "plot/pl-format.h"

#include "pl-code.h"
#include "pl-plot-view-private.h"

/* How close to a line mark a click must be, in logical pixels. */
#define MARK_HIT_DISTANCE 6.0

G_DEFINE_FINAL_TYPE (PlPlotView, pl_plot_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_RUN,
  PROP_RUNNING,
  PROP_HIGHLIGHT_LINE,
  PROP_SHOW_RSS,
  PROP_SHOW_ALLOC,
  N_PROPS
};

enum {
  LINE_ACTIVATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
pl_plot_view_invalidate (PlPlotView *self)
{
  g_clear_pointer (&self->layout, pl_plot_layout_unref);
  g_clear_pointer (&self->plot_node, gsk_render_node_unref);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
pl_plot_view_get_options (PlPlotView *self,
                          gpointer    options_out)
{
  PlPlotOptions *options = options_out;
  gboolean dark = adw_style_manager_get_dark (adw_style_manager_get_default ());

  g_return_if_fail (PL_IS_PLOT_VIEW (self));

  pl_plot_options_init (options);
  options->palette = dark ? pl_plot_palette_get_dark () : pl_plot_palette_get_light ();
  options->highlight_line = self->highlight_line;
  options->flags = PL_PLOT_NO_BACKGROUND;
  if (!self->show_rss)
    options->flags |= PL_PLOT_HIDE_RSS;
  if (!self->show_alloc)
    options->flags |= PL_PLOT_HIDE_ALLOC;
}

/* The layout for the widget's current size (NULL without a run). */
PlPlotLayout *
pl_plot_view_ensure_layout (PlPlotView *self)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));
  PlPlotOptions options;

  if (self->run == NULL || width <= 0 || height <= 0)
    return NULL;

  if (self->layout != NULL && self->layout_width == width && self->layout_height == height)
    return self->layout;

  /* A new size needs a new layout and a new drawing. */
  g_clear_pointer (&self->layout, pl_plot_layout_unref);
  g_clear_pointer (&self->plot_node, gsk_render_node_unref);
  self->layout_width = width;
  self->layout_height = height;

  pl_plot_view_get_options (self, &options);
  self->layout = pl_plot_layout_new (self->run, width, height, &options);
  return self->layout;
}

static void
pl_plot_view_snapshot (GtkWidget   *widget,
                       GtkSnapshot *snapshot)
{
  PlPlotView *self = PL_PLOT_VIEW (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  PlPlotLayout *layout = pl_plot_view_ensure_layout (self);

  if (layout != NULL)
    {
      if (self->plot_node == NULL)
        {
          g_autoptr(GtkSnapshot) inner = gtk_snapshot_new ();
          cairo_t *cr = gtk_snapshot_append_cairo (inner, &GRAPHENE_RECT_INIT (0, 0, width, height));

          pl_plot_layout_render (layout, cr);
          cairo_destroy (cr);
          self->plot_node = gtk_snapshot_free_to_node (g_steal_pointer (&inner));
        }

      if (self->plot_node != NULL)
        {
          if (self->running)
            gtk_snapshot_push_opacity (snapshot, 0.35);
          gtk_snapshot_append_node (snapshot, self->plot_node);
          if (self->running)
            gtk_snapshot_pop (snapshot);
        }

      /* The hover cursor: a thin vertical line over the panel's data. */
      if (self->hovering && !self->running)
        {
          guint panel;
          gint64 t;

          if (pl_plot_view_get_time_at (self, self->hover_x, self->hover_y, &panel, &t))
            {
              PlPlotRect area;
              GdkRGBA color;

              pl_plot_layout_get_plot_area (layout, panel, &area);
#if GTK_CHECK_VERSION (4, 10, 0)
              gtk_widget_get_color (widget, &color);
#else
              gtk_style_context_get_color (gtk_widget_get_style_context (widget), &color);
#endif
              color.alpha = 0.45f;
              gtk_snapshot_append_color (snapshot, &color,
                                         &GRAPHENE_RECT_INIT (self->hover_x, area.y, 1, area.height));
            }
        }
    }

  gtk_widget_snapshot_child (widget, self->cursor_line, snapshot);
  gtk_widget_snapshot_child (widget, self->progress, snapshot);
  gtk_widget_snapshot_child (widget, GTK_WIDGET (self->cursor_info), snapshot);
}

static void
pl_plot_view_measure (GtkWidget      *widget,
                      GtkOrientation  orientation,
                      int             for_size,
                      int            *minimum,
                      int            *natural,
                      int            *minimum_baseline,
                      int            *natural_baseline)
{
  PlPlotView *self = PL_PLOT_VIEW (widget);

  /* The plot itself fits any size; the cursor floats over it. */
  gtk_widget_measure (self->progress, orientation, for_size, minimum, natural, NULL, NULL);
}

static void
pl_plot_view_size_allocate (GtkWidget *widget,
                            int        width,
                            int        height,
                            int        baseline)
{
  PlPlotView *self = PL_PLOT_VIEW (widget);

  gtk_widget_allocate (self->progress, width, height, baseline, NULL);
  pl_plot_view_cursor_allocate (self, width, height);
}

gboolean
pl_plot_view_get_time_at (PlPlotView *self,
                          double      x,
                          double      y,
                          guint      *panel,
                          gint64     *time_ns)
{
  PlPlotLayout *layout;
  PlPlotRect area;
  guint p;

  g_return_val_if_fail (PL_IS_PLOT_VIEW (self), FALSE);

  layout = pl_plot_view_ensure_layout (self);
  if (layout == NULL)
    return FALSE;

  if (!pl_plot_layout_panel_at_y (layout, y, &p))
    return FALSE;

  pl_plot_layout_get_plot_area (layout, p, &area);
  if (x < area.x || x > area.x + area.width)
    return FALSE;

  if (!pl_plot_layout_time_at_x (layout, x, time_ns))
    return FALSE;

  if (panel != NULL)
    *panel = p;
  return TRUE;
}

static int
line_at_time (PlPipelineRun *pipeline,
              gint64         t)
{
  gsize n_spans;
  const PlLineSpan *spans = pl_pipeline_run_get_spans (pipeline, &n_spans);
  int line = 0;

  for (gsize i = 0; i < n_spans; i++)
    if (spans[i].start_ns <= t && t < spans[i].end_ns)
      line = spans[i].line;   /* the innermost (latest started) wins */

  return line;
}

char *
pl_plot_view_dup_info (PlPlotView *self,
                       guint       panel,
                       gint64      time_ns,
                       int         line,
                       gboolean    markup)
{
  PlPlotLayout *layout = pl_plot_view_ensure_layout (self);
  const char *name = pl_pipeline_run_get_name (pl_run_get_pipeline (self->run, panel));
  g_autofree char *time_text = NULL;
  g_autofree char *rss_text = NULL;
  g_autofree char *alloc_text = NULL;
  g_autofree char *code = NULL;
  GString *text;
  gint64 rss = 0, alloc = 0;

  /* Before the first sample nothing is measured yet: the figures are
   * relative to the pipeline's start, so that is 0. */
  if (layout != NULL)
    pl_plot_layout_sample_at_time (layout, panel, time_ns, &rss, &alloc);

  time_text = pl_format_duration (time_ns / 1e9, 1);
  rss_text = pl_format_mebibytes (rss, 1);
  alloc_text = pl_format_mebibytes (alloc, 1);
  if (self->source_lines != NULL)
    code = pl_code_dup_statement_at ((const char * const *) self->source_lines, line);

  if (!markup)
    {
      /* What a screen reader says of the plot's keyboard cursor. */
      if (line > 0 && code != NULL)
        /* Translators: pipeline, line, its code, time, resident and
         * allocated memory, e.g. "fun1, line 3 (x = x * 2), at 4.0 ms:
         * resident memory 7.6 MiB, allocated 15.3 MiB". */
        return g_strdup_printf (_("%s, line %d (%s), at %s: resident memory %s, allocated %s"),
                                name, line, code, time_text, rss_text, alloc_text);
      if (line > 0)
        return g_strdup_printf (_("%s, line %d, at %s: resident memory %s, allocated %s"),
                                name, line, time_text, rss_text, alloc_text);
      return g_strdup_printf (_("%s, at %s: resident memory %s, allocated %s"),
                              name, time_text, rss_text, alloc_text);
    }

  text = g_string_new (NULL);
  g_string_append_printf (text, "<b>%s</b>\n", name);
  /* Translators: the plot's tooltip; the values are formatted times and sizes. */
  g_string_append_printf (text, _("Time: %s"), time_text);
  g_string_append_c (text, '\n');
  g_string_append_printf (text, _("Resident memory: %s"), rss_text);
  g_string_append_c (text, '\n');
  g_string_append_printf (text, _("Allocated: %s"), alloc_text);
  if (line > 0)
    {
      g_string_append_c (text, '\n');
      if (code != NULL)
        {
          g_autofree char *escaped = g_markup_escape_text (code, -1);

          g_string_append_printf (text, _("Line %d: <tt>%s</tt>"), line, escaped);
        }
      else
        g_string_append_printf (text, _("Line %d"), line);
    }

  return g_string_free (text, FALSE);
}

char *
pl_plot_view_dup_tooltip_at (PlPlotView *self,
                             double      x,
                             double      y)
{
  PlPlotLayout *layout;
  gint64 t;
  guint panel;

  g_return_val_if_fail (PL_IS_PLOT_VIEW (self), NULL);

  if (self->running || !pl_plot_view_get_time_at (self, x, y, &panel, &t))
    return NULL;

  layout = pl_plot_view_ensure_layout (self);
  if (!pl_plot_layout_sample_at_time (layout, panel, t, NULL, NULL))
    return NULL;

  return pl_plot_view_dup_info (self, panel, t, line_at_time (pl_run_get_pipeline (self->run, panel), t), TRUE);
}

int
pl_plot_view_get_line_at (PlPlotView *self,
                          double      x,
                          double      y)
{
  PlPlotLayout *layout;
  PlPipelineRun *pipeline;
  const PlLineSpan *spans;
  gsize n_spans, index;
  guint panel;

  g_return_val_if_fail (PL_IS_PLOT_VIEW (self), 0);

  layout = pl_plot_view_ensure_layout (self);
  if (layout == NULL || !pl_plot_layout_panel_at_y (layout, y, &panel))
    return 0;

  if (!pl_plot_layout_mark_at_x (layout, panel, x, MARK_HIT_DISTANCE, &index))
    return 0;

  pipeline = pl_run_get_pipeline (self->run, panel);
  spans = pl_pipeline_run_get_spans (pipeline, &n_spans);
  if (index >= n_spans)
    return 0;

  return spans[index].line;
}

static gboolean
pl_plot_view_query_tooltip (GtkWidget  *widget,
                            int         x,
                            int         y,
                            gboolean    keyboard,
                            GtkTooltip *tooltip)
{
  g_autofree char *markup = pl_plot_view_dup_tooltip_at (PL_PLOT_VIEW (widget), x, y);

  if (markup == NULL)
    return FALSE;

  gtk_tooltip_set_markup (tooltip, markup);
  return TRUE;
}

static void
on_motion (GtkEventControllerMotion *motion,
           double                    x,
           double                    y,
           PlPlotView               *self)
{
  self->hover_x = x;
  self->hover_y = y;
  self->hovering = TRUE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_leave (GtkEventControllerMotion *motion,
          PlPlotView               *self)
{
  self->hovering = FALSE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
pl_plot_view_activate_line (PlPlotView *self,
                            int         line)
{
  g_assert (line > 0);

  pl_plot_view_set_highlight_line (self, line);
  g_signal_emit (self, signals[LINE_ACTIVATED], 0, line);
}

static void
on_click_released (GtkGestureClick *gesture,
                   int              n_press,
                   double           x,
                   double           y,
                   PlPlotView      *self)
{
  int line = pl_plot_view_get_line_at (self, x, y);

  if (line > 0)
    pl_plot_view_activate_line (self, line);
}

static gboolean
update_elapsed (gpointer data)
{
  PlPlotView *self = data;
  double seconds = (g_get_monotonic_time () - self->run_started_us) / (double) G_USEC_PER_SEC;
  g_autofree char *text = NULL;

  /* Translators: shown under the spinner while a run is in progress. */
  text = g_strdup_printf (_("Running… %.1f s"), seconds);
  gtk_label_set_label (self->elapsed_label, text);

  return G_SOURCE_CONTINUE;
}

static void
on_dark_changed (PlPlotView *self)
{
  pl_plot_view_invalidate (self);
}

static void
pl_plot_view_dispose (GObject *object)
{
  PlPlotView *self = PL_PLOT_VIEW (object);

  g_clear_handle_id (&self->elapsed_id, g_source_remove);
  pl_plot_view_cursor_dispose (self);
  g_clear_pointer (&self->progress, gtk_widget_unparent);
  g_clear_pointer (&self->layout, pl_plot_layout_unref);
  g_clear_pointer (&self->plot_node, gsk_render_node_unref);
  g_clear_object (&self->run);

  G_OBJECT_CLASS (pl_plot_view_parent_class)->dispose (object);
}

static void
pl_plot_view_finalize (GObject *object)
{
  PlPlotView *self = PL_PLOT_VIEW (object);

  g_clear_pointer (&self->source_lines, g_strfreev);

  G_OBJECT_CLASS (pl_plot_view_parent_class)->finalize (object);
}

static void
pl_plot_view_root (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (pl_plot_view_parent_class)->root (widget);

  pl_plot_view_cursor_root (PL_PLOT_VIEW (widget));
}

static void
pl_plot_view_unroot (GtkWidget *widget)
{
  pl_plot_view_cursor_unroot (PL_PLOT_VIEW (widget));

  GTK_WIDGET_CLASS (pl_plot_view_parent_class)->unroot (widget);
}

static void
pl_plot_view_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  PlPlotView *self = PL_PLOT_VIEW (object);

  switch (prop_id)
    {
    case PROP_RUN:
      g_value_set_object (value, pl_plot_view_get_run (self));
      break;
    case PROP_RUNNING:
      g_value_set_boolean (value, pl_plot_view_get_running (self));
      break;
    case PROP_HIGHLIGHT_LINE:
      g_value_set_int (value, pl_plot_view_get_highlight_line (self));
      break;
    case PROP_SHOW_RSS:
      g_value_set_boolean (value, pl_plot_view_get_show_rss (self));
      break;
    case PROP_SHOW_ALLOC:
      g_value_set_boolean (value, pl_plot_view_get_show_alloc (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pl_plot_view_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  PlPlotView *self = PL_PLOT_VIEW (object);

  switch (prop_id)
    {
    case PROP_RUN:
      pl_plot_view_set_run (self, g_value_get_object (value));
      break;
    case PROP_RUNNING:
      pl_plot_view_set_running (self, g_value_get_boolean (value));
      break;
    case PROP_HIGHLIGHT_LINE:
      pl_plot_view_set_highlight_line (self, g_value_get_int (value));
      break;
    case PROP_SHOW_RSS:
      pl_plot_view_set_show_rss (self, g_value_get_boolean (value));
      break;
    case PROP_SHOW_ALLOC:
      pl_plot_view_set_show_alloc (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pl_plot_view_class_init (PlPlotViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pl_plot_view_dispose;
  object_class->finalize = pl_plot_view_finalize;
  object_class->get_property = pl_plot_view_get_property;
  object_class->set_property = pl_plot_view_set_property;

  widget_class->snapshot = pl_plot_view_snapshot;
  widget_class->measure = pl_plot_view_measure;
  widget_class->size_allocate = pl_plot_view_size_allocate;
  widget_class->root = pl_plot_view_root;
  widget_class->unroot = pl_plot_view_unroot;
  widget_class->query_tooltip = pl_plot_view_query_tooltip;

  properties[PROP_RUN] =
    g_param_spec_object ("run", NULL, NULL, PL_TYPE_RUN,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_RUNNING] =
    g_param_spec_boolean ("running", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_HIGHLIGHT_LINE] =
    g_param_spec_int ("highlight-line", NULL, NULL, 0, G_MAXINT, 0,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SHOW_RSS] =
    g_param_spec_boolean ("show-rss", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SHOW_ALLOC] =
    g_param_spec_boolean ("show-alloc", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[LINE_ACTIVATED] =
    g_signal_new ("line-activated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_INT);

  gtk_widget_class_set_css_name (widget_class, "plotview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);

  pl_plot_view_cursor_class_init (widget_class);
}

static void
pl_plot_view_init (PlPlotView *self)
{
  GtkEventController *motion;
  GtkGesture *click;

  self->show_rss = TRUE;
  self->show_alloc = TRUE;

  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Memory over time"),
                                  -1);

  self->progress = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_widget_set_halign (self->progress, GTK_ALIGN_CENTER);
  gtk_widget_set_valign (self->progress, GTK_ALIGN_CENTER);
  gtk_widget_set_visible (self->progress, FALSE);
  self->spinner = GTK_SPINNER (gtk_spinner_new ());
  gtk_widget_set_size_request (GTK_WIDGET (self->spinner), 32, 32);
  self->elapsed_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (self->elapsed_label), "title-4");
  gtk_widget_add_css_class (GTK_WIDGET (self->elapsed_label), "numeric");
  gtk_box_append (GTK_BOX (self->progress), GTK_WIDGET (self->spinner));
  gtk_box_append (GTK_BOX (self->progress), GTK_WIDGET (self->elapsed_label));
  gtk_widget_set_parent (self->progress, GTK_WIDGET (self));

  motion = gtk_event_controller_motion_new ();
  g_signal_connect (motion, "motion", G_CALLBACK (on_motion), self);
  g_signal_connect (motion, "leave", G_CALLBACK (on_leave), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);

  click = gtk_gesture_click_new ();
  g_signal_connect (click, "released", G_CALLBACK (on_click_released), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));

  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (on_dark_changed), self, G_CONNECT_SWAPPED);

  pl_plot_view_cursor_init (self);
}

PlPlotView *
pl_plot_view_new (void)
{
  return g_object_new (PL_TYPE_PLOT_VIEW, NULL);
}

PlRun *
pl_plot_view_get_run (PlPlotView *self)
{
  g_return_val_if_fail (PL_IS_PLOT_VIEW (self), NULL);

  return self->run;
}

void
pl_plot_view_set_run (PlPlotView *self,
                      PlRun      *run)
{
  g_return_if_fail (PL_IS_PLOT_VIEW (self));
  g_return_if_fail (run == NULL || PL_IS_RUN (run));

  if (!g_set_object (&self->run, run))
    return;

  self->highlight_line = 0;
  self->has_cursor = FALSE;
  pl_plot_view_invalidate (self);
  pl_plot_view_cursor_update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUN]);
}

gboolean
pl_plot_view_get_running (PlPlotView *self)
{
  g_return_val_if_fail (PL_IS_PLOT_VIEW (self), FALSE);

  return self->running;
}

void
pl_plot_view_set_running (PlPlotView *self,
                          gboolean    running)
{
  g_return_if_fail (PL_IS_PLOT_VIEW (self));

  running = !!running;
  if (self->running == running)
    return;

  self->running = running;
  gtk_widget_set_visible (self->progress, running);
  gtk_spinner_set_spinning (self->spinner, running);
  g_clear_handle_id (&self->elapsed_id, g_source_remove);
  if (running)
    {
      self->run_started_us = g_get_monotonic_time ();
      update_elapsed (self);
      self->elapsed_id = g_timeout_add (100, update_elapsed, self);
    }
  gtk_accessible_update_state (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_STATE_BUSY, running, -1);
  pl_plot_view_cursor_update (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
}

int
pl_plot_view_get_highlight_line (PlPlotView *self)
{
  g_return_val_if_fail (PL_IS_PLOT_VIEW (self), 0);

  return self->highlight_line;
}

void
pl_plot_view_set_highlight_line (PlPlotView *self,
                                 int         line)
{
  g_return_if_fail (PL_IS_PLOT_VIEW (self));

  if (self->highlight_line == line)
    return;

  self->highlight_line = line;
  pl_plot_view_invalidate (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HIGHLIGHT_LINE]);
}

gboolean
pl_plot_view_get_show_rss (PlPlotView *self)
{
  g_return_val_if_fail (PL_IS_PLOT_VIEW (self), FALSE);

  return self->show_rss;
}

void
pl_plot_view_set_show_rss (PlPlotView *self,
                           gboolean    show_rss)
{
  g_return_if_fail (PL_IS_PLOT_VIEW (self));

  show_rss = !!show_rss;
  if (self->show_rss == show_rss)
    return;

  self->show_rss = show_rss;
  pl_plot_view_invalidate (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_RSS]);
}

gboolean
pl_plot_view_get_show_alloc (PlPlotView *self)
{
  g_return_val_if_fail (PL_IS_PLOT_VIEW (self), FALSE);

  return self->show_alloc;
}

void
pl_plot_view_set_show_alloc (PlPlotView *self,
                             gboolean    show_alloc)
{
  g_return_if_fail (PL_IS_PLOT_VIEW (self));

  show_alloc = !!show_alloc;
  if (self->show_alloc == show_alloc)
    return;

  self->show_alloc = show_alloc;
  pl_plot_view_invalidate (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_ALLOC]);
}

void
pl_plot_view_set_source (PlPlotView *self,
                         const char *source)
{
  g_return_if_fail (PL_IS_PLOT_VIEW (self));

  g_clear_pointer (&self->source_lines, g_strfreev);
  if (source != NULL)
    self->source_lines = g_strsplit (source, "\n", -1);
  pl_plot_view_cursor_update (self);
}
