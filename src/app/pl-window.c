/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "pl-window-private.h"


G_DEFINE_FINAL_TYPE (PlWindow, pl_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_FILE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Unsaved changes show as a dot before the title, as in GNOME Text Editor. */
static void
pl_window_mark_modified (PlWindow *self)
{
  const char *title = adw_window_title_get_title (self->window_title);
  g_autofree char *marked = NULL;

  if (self->workbench == NULL ||
      !pl_document_get_modified (pl_workbench_get_document (self->workbench)))
    return;

  marked = g_strconcat ("• ", title, NULL);
  adw_window_title_set_title (self->window_title, marked);
}

void
pl_window_update_title (PlWindow *self)
{
  g_autofree char *name = NULL;
  g_autofree char *title = NULL;
  g_autofree char *folder = NULL;

  if (self->file == NULL)
    {
      /* An example keeps its title until it is saved somewhere. */
      adw_window_title_set_title (self->window_title, _("Peakline"));
      adw_window_title_set_subtitle (self->window_title, self->example_title);
      gtk_window_set_title (GTK_WINDOW (self), _("Peakline"));
      pl_window_mark_modified (self);
      return;
    }

  name = pl_window_dup_display_name (self->file);

  {
    g_autoptr(GFile) parent = g_file_get_parent (self->file);
    g_autoptr(GFile) home = g_file_new_for_path (g_get_home_dir ());

    /* The folder as GNOME shows it: "~/Projects" for the home folder. */
    if (parent != NULL && g_file_equal (parent, home))
      folder = g_strdup ("~");
    else if (parent != NULL && g_file_has_prefix (parent, home))
      {
        g_autofree char *relative = g_file_get_relative_path (home, parent);
        g_autofree char *display = g_filename_display_name (relative);

        folder = g_build_filename ("~", display, NULL);
      }
    else if (parent != NULL)
      folder = g_file_get_parse_name (parent);
  }

  /* Translators: the window title of an open script, e.g. "demo.py – Peakline". */
  title = g_strdup_printf (_("%s – Peakline"), name);

  adw_window_title_set_title (self->window_title, name);
  adw_window_title_set_subtitle (self->window_title, folder);
  gtk_window_set_title (GTK_WINDOW (self), title);
  pl_window_mark_modified (self);
}

static void
pl_window_load_size (PlWindow *self)
{
  int width;
  int height;

  if (self->settings == NULL)
    return;

  width = g_settings_get_int (self->settings, "window-width");
  height = g_settings_get_int (self->settings, "window-height");
  gtk_window_set_default_size (GTK_WINDOW (self), width, height);

  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
}

static void
pl_window_save_size (PlWindow *self)
{
  gboolean maximized;
  int width;
  int height;

  if (self->settings == NULL)
    return;

  /* The default size tracks the unmaximized size, so a window closed while
   * maximized comes back at the size it had before. */
  maximized = gtk_window_is_maximized (GTK_WINDOW (self));
  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);

  g_settings_delay (self->settings);
  if (!maximized && width > 0 && height > 0)
    {
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
    }
  g_settings_set_boolean (self->settings, "window-maximized", maximized);
  g_settings_apply (self->settings);
}

static gboolean
pl_window_close_request (GtkWindow *window)
{
  PlWindow *self = PL_WINDOW (window);

  /* Unsaved changes: ask first; the dialog closes the window again. */
  if (!pl_window_confirm_close (self))
    return TRUE;

  pl_window_save_size (self);

  return GTK_WINDOW_CLASS (pl_window_parent_class)->close_request (window);
}

static void
pl_window_notify_application_cb (PlWindow   *self,
                                 GParamSpec *pspec,
                                 gpointer    user_data)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  /* "application" is not a construct property: it arrives after
   * constructed(), so the settings are picked up here. */
  if (self->settings != NULL || !PL_IS_APPLICATION (app))
    return;

  g_set_object (&self->settings, pl_application_get_settings (PL_APPLICATION (app)));
  pl_workbench_set_settings (self->workbench, self->settings);
  pl_window_load_size (self);
}

static void
pl_window_dispose (GObject *object)
{
  PlWindow *self = PL_WINDOW (object);

  g_clear_weak_pointer (&self->toast);
  gtk_widget_dispose_template (GTK_WIDGET (self), PL_TYPE_WINDOW);

  G_OBJECT_CLASS (pl_window_parent_class)->dispose (object);
}

static void
pl_window_finalize (GObject *object)
{
  PlWindow *self = PL_WINDOW (object);

  g_clear_object (&self->file);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->example_title, g_free);

  G_OBJECT_CLASS (pl_window_parent_class)->finalize (object);
}

static void
pl_window_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  PlWindow *self = PL_WINDOW (object);

  switch (prop_id)
    {
    case PROP_FILE:
      g_value_set_object (value, pl_window_get_file (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pl_window_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  PlWindow *self = PL_WINDOW (object);

  switch (prop_id)
    {
    case PROP_FILE:
      pl_window_set_file (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pl_window_class_init (PlWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = pl_window_dispose;
  object_class->finalize = pl_window_finalize;
  object_class->get_property = pl_window_get_property;
  object_class->set_property = pl_window_set_property;

  window_class->close_request = pl_window_close_request;

  /**
   * PlWindow:file: (nullable)
   *
   * The script this window shows, or %NULL for a new pipeline.
   */
  properties[PROP_FILE] =
    g_param_spec_object ("file", NULL, NULL,
                         G_TYPE_FILE,
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/peakline/Peakline/ui/pl-window.ui");
  gtk_widget_class_bind_template_child (widget_class, PlWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, PlWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, PlWindow, workbench);
  gtk_widget_class_bind_template_child (widget_class, PlWindow, run_stack);
  gtk_widget_class_bind_template_child (widget_class, PlWindow, open_button);
  gtk_widget_class_bind_template_child (widget_class, PlWindow, examples_button);

  g_type_ensure (PL_TYPE_WORKBENCH);
  pl_window_actions_class_init (widget_class);
}

static void
pl_window_init (PlWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

#ifdef DEVELOPMENT_BUILD
  gtk_widget_add_css_class (GTK_WIDGET (self), "devel");
#endif

  pl_window_actions_init (self);
  pl_window_update_title (self);

  g_signal_connect (self, "notify::application",
                    G_CALLBACK (pl_window_notify_application_cb), NULL);
}

/**
 * pl_window_new:
 * @application: the #PlApplication
 *
 * Creates a window of @application showing a new, empty pipeline. Its size
 * is restored from the settings and saved there when it closes.
 *
 * Returns: (transfer none): a new #PlWindow, owned by @application
 */
PlWindow *
pl_window_new (PlApplication *application)
{
  g_return_val_if_fail (PL_IS_APPLICATION (application), NULL);

  return g_object_new (PL_TYPE_WINDOW,
                       "application", application,
                       NULL);
}

/**
 * pl_window_get_file:
 * @self: a #PlWindow
 *
 * Returns: (transfer none) (nullable): the script this window shows
 */
GFile *
pl_window_get_file (PlWindow *self)
{
  g_return_val_if_fail (PL_IS_WINDOW (self), NULL);

  return self->file;
}

/**
 * pl_window_set_file:
 * @self: a #PlWindow
 * @file: (nullable): a script
 *
 * Sets the script this window shows; its name and folder become the title
 * and subtitle of the window.
 */
void
pl_window_set_file (PlWindow *self,
                    GFile    *file)
{
  g_return_if_fail (PL_IS_WINDOW (self));
  g_return_if_fail (file == NULL || G_IS_FILE (file));

  if (self->file == file ||
      (self->file != NULL && file != NULL && g_file_equal (self->file, file)))
    return;

  g_set_object (&self->file, file);
  pl_window_update_title (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILE]);
}
