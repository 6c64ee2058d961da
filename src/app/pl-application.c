/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "pl-application.h"
#include "pl-examples.h"
#include "pl-window.h"

struct _PlApplication
{
  AdwApplication parent_instance;

  /* Owned; NULL when the schema is not installed (see pl_application_startup). */
  GSettings *settings;
};

G_DEFINE_FINAL_TYPE (PlApplication, pl_application, ADW_TYPE_APPLICATION)

static PlWindow *
pl_application_get_empty_window (PlApplication *self)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l; l = l->next)
    {
      if (PL_IS_WINDOW (l->data) && pl_window_is_empty (l->data))
        return l->data;
    }

  return NULL;
}

/* The most recently focused Peakline window: the active window can be a
 * dialog (the about window), which has neither our actions nor a file. */
static PlWindow *
pl_application_get_main_window (PlApplication *self)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l; l = l->next)
    {
      if (PL_IS_WINDOW (l->data))
        return l->data;
    }

  return NULL;
}

static void
pl_application_activate (GApplication *app)
{
  PlApplication *self = PL_APPLICATION (app);
  PlWindow *window;

  window = pl_application_get_main_window (self);
  if (window == NULL)
    {
      window = pl_window_new (self);

      /* The very first start opens the tutorial's section 4 comparison,
       * x = x * 2 against x *= 2: a ready experiment to run. */
      if (self->settings != NULL && g_settings_get_boolean (self->settings, "first-start"))
        {
          pl_window_load_example (window, PL_EXAMPLE_FIRST_START);
          g_settings_set_boolean (self->settings, "first-start", FALSE);
        }
    }

  gtk_window_present (GTK_WINDOW (window));
}

static void
pl_application_open (GApplication  *app,
                     GFile        **files,
                     int            n_files,
                     const char    *hint)
{
  PlApplication *self = PL_APPLICATION (app);

  /* One window per script, as in GNOME's document applications; a window
   * that shows nothing of the user's (no file, no unsaved changes) is
   * reused for the first one. */
  for (int i = 0; i < n_files; i++)
    {
      PlWindow *window = pl_application_get_empty_window (self);

      if (window == NULL)
        window = pl_window_new (self);

      pl_window_open (window, files[i]);
      gtk_window_present (GTK_WINDOW (window));
    }
}

static void
pl_application_quit_action (GSimpleAction *action,
                            GVariant      *parameter,
                            gpointer       user_data)
{
  PlApplication *self = user_data;

  /* Closing the windows (rather than g_application_quit) lets each one save
   * its size, as it does when the user closes it. */
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l; )
    {
      GtkWindow *window = l->data;

      l = l->next;
      gtk_window_close (window);
    }

  g_application_quit (G_APPLICATION (self));
}

static void
pl_application_about_action (GSimpleAction *action,
                             GVariant      *parameter,
                             gpointer       user_data)
{
  PlApplication *self = user_data;
  static const char *developers[] = {
    "The Peakline developers https://github.com/peakline/peakline",
    NULL
  };
  GtkWindow *parent;

  parent = GTK_WINDOW (pl_application_get_main_window (self));

#if ADW_CHECK_VERSION (1, 5, 0)
  {
    AdwDialog *dialog;

    dialog = g_object_new (ADW_TYPE_ABOUT_DIALOG,
                           "application-name", _("Peakline"),
                           "application-icon", PL_APPLICATION_ICON_NAME,
                           "version", PACKAGE_VERSION,
                           "developer-name", _("The Peakline developers"),
                           "developers", developers,
                           "copyright", _("© 2026 The Peakline developers"),
                           "website", PACKAGE_URL,
                           "issue-url", PACKAGE_URL "/issues",
                           "license-type", GTK_LICENSE_GPL_3_0,
                           /* Translators: your names, one per line. */
                           "translator-credits", _("translator-credits"),
                           NULL);
    adw_dialog_present (dialog, parent ? GTK_WIDGET (parent) : NULL);
  }
#else
  {
    GtkWindow *about;

    about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                          "application", self,
                          "transient-for", parent,
                          "modal", parent != NULL,
                          "application-name", _("Peakline"),
                          "application-icon", PL_APPLICATION_ICON_NAME,
                          "version", PACKAGE_VERSION,
                          "developer-name", _("The Peakline developers"),
                          "developers", developers,
                          "copyright", _("© 2026 The Peakline developers"),
                          "website", PACKAGE_URL,
                          "issue-url", PACKAGE_URL "/issues",
                          "license-type", GTK_LICENSE_GPL_3_0,
                          "translator-credits", _("translator-credits"),
                          NULL);
    gtk_window_present (about);
  }
#endif
}

static void
pl_application_shortcuts_action (GSimpleAction *action,
                                 GVariant      *parameter,
                                 gpointer       user_data)
{
  PlApplication *self = user_data;
  PlWindow *window;

  /* GtkApplicationWindow installs win.show-help-overlay from our
   * gtk/help-overlay.ui resource; this makes it reachable app-wide. */
  window = pl_application_get_main_window (self);
  if (window != NULL)
    gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL);
}

static const GActionEntry app_actions[] = {
  { "quit", pl_application_quit_action },
  { "about", pl_application_about_action },
  { "shortcuts", pl_application_shortcuts_action },
};

static void
pl_application_startup (GApplication *app)
{
  PlApplication *self = PL_APPLICATION (app);
  GSettingsSchemaSource *source;
  g_autoptr(GSettingsSchema) schema = NULL;

  G_APPLICATION_CLASS (pl_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (self),
                                   app_actions, G_N_ELEMENTS (app_actions),
                                   self);

  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit",
                                         (const char *[]) { "<Control>q", NULL });
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.shortcuts",
                                         (const char *[]) { "<Control>question", NULL });
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "window.close",
                                         (const char *[]) { "<Control>w", NULL });

  /* g_settings_new() aborts when the schema is missing, which happens when
   * the binary is started from its build directory by hand. Peakline still
   * works then; it only forgets the window size. */
  source = g_settings_schema_source_get_default ();
  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, PL_SETTINGS_SCHEMA_ID, TRUE);
  if (schema != NULL)
    self->settings = g_settings_new_full (schema, NULL, NULL);
  else
    g_warning ("The settings schema %s is not installed, so preferences will not be "
               "saved. Install Peakline, or start it with build-aux/run (which sets "
               "GSETTINGS_SCHEMA_DIR).", PL_SETTINGS_SCHEMA_ID);

  gtk_window_set_default_icon_name (APPLICATION_ID);
}

static void
pl_application_dispose (GObject *object)
{
  PlApplication *self = PL_APPLICATION (object);

  g_clear_object (&self->settings);

  G_OBJECT_CLASS (pl_application_parent_class)->dispose (object);
}

static void
pl_application_class_init (PlApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = pl_application_dispose;

  app_class->startup = pl_application_startup;
  app_class->activate = pl_application_activate;
  app_class->open = pl_application_open;
}

static void
pl_application_init (PlApplication *self)
{
}

/**
 * pl_application_new:
 *
 * Creates the Peakline application. It opens the files given on the command
 * line (one window each) and otherwise presents an empty window.
 *
 * Returns: (transfer full): a new #PlApplication
 */
PlApplication *
pl_application_new (void)
{
  return g_object_new (PL_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", "/io/github/peakline/Peakline",
                       NULL);
}

/**
 * pl_application_get_settings:
 * @self: a #PlApplication
 *
 * Returns the application's settings. They exist once the application has
 * been registered (started up), and only when the schema is installed.
 *
 * Returns: (transfer none) (nullable): the #GSettings of the
 *   io.github.peakline.Peakline schema
 */
GSettings *
pl_application_get_settings (PlApplication *self)
{
  g_return_val_if_fail (PL_IS_APPLICATION (self), NULL);

  return self->settings;
}
