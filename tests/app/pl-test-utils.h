/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Shared by the GUI tests: start GTK on the (virtual) display and run the
 * main context until something has happened. Tests drive the UI through the
 * same actions the user triggers. */

#include <adwaita.h>

#include "app/pl-application.h"

G_BEGIN_DECLS

static inline void
pl_test_gtk_init (int    *argc,
                  char ***argv)
{
  /* The cairo renderer does not depend on the GL driver of the machine the
   * tests run on (and without GL, GDK does not load Mesa, whose drivers keep
   * allocations LeakSanitizer reports); the accessibility bus is not part of
   * what is tested. */
  g_setenv ("GSK_RENDERER", "cairo", FALSE);
  g_setenv ("GDK_DEBUG", "gl-disable", FALSE);
  g_setenv ("GTK_A11Y", "none", FALSE);

  g_test_init (argc, argv, NULL);

  if (!gtk_init_check ())
    g_error ("GTK could not open a display: run the GUI tests under a display, "
             "for example: xvfb-run -a dbus-run-session -- meson test -C _build");

  adw_init ();
}

static inline gboolean
pl_test_timeout_cb (gpointer data)
{
  gboolean *timed_out = data;

  *timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

/* Iterates the main context until *@pointer becomes %NULL (a weak pointer
 * to an object that should go away), failing after a few seconds. */
static inline void
pl_test_wait_for_null (gpointer *pointer)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add_seconds (5, pl_test_timeout_cb, &timed_out);

  while (*pointer != NULL && !timed_out)
    g_main_context_iteration (NULL, TRUE);

  g_assert_false (timed_out);
  g_source_remove (id);
}

/* Lets pending idles and redraws run. */
static inline void
pl_test_drain (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* The application as main.c makes it, registered (so that startup has run)
 * but not unique: test programs run in parallel on one session bus. A
 * registered GtkApplication keeps its D-Bus object until the process ends, so
 * the tests of one program share it; each test closes the windows it opened.
 *
 * Returns: (transfer none): the application */
static inline PlApplication *
pl_test_application_get (void)
{
  static PlApplication *app;

  if (app == NULL)
    {
      g_autoptr(GError) error = NULL;

      app = pl_application_new ();
      g_application_set_flags (G_APPLICATION (app),
                               g_application_get_flags (G_APPLICATION (app)) |
                               G_APPLICATION_NON_UNIQUE);
      g_application_register (G_APPLICATION (app), NULL, &error);
      g_assert_no_error (error);
    }

  g_assert_null (gtk_application_get_windows (GTK_APPLICATION (app)));

  return app;
}

/* Destroys every window of @app and waits until they are gone. */
static inline void
pl_test_application_close_all (PlApplication *app)
{
  GList *windows;

  while ((windows = gtk_application_get_windows (GTK_APPLICATION (app))) != NULL)
    {
      gpointer window = windows->data;

      g_object_add_weak_pointer (G_OBJECT (window), &window);
      gtk_window_destroy (GTK_WINDOW (window));
      pl_test_wait_for_null (&window);
    }

  /* Toplevels that are not the application's (none should be left). */
  pl_test_drain ();
}

/* Returns the first toplevel of @type, or %NULL. */
static inline GtkWindow *
pl_test_find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  guint n = g_list_model_get_n_items (toplevels);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type))
        return window;
    }

  return NULL;
}

/* The @nth widget of @type under @root (itself included), breadth first:
 * how the GUI tests reach a template's inner widgets as a user sees them. */
static inline GtkWidget *
pl_test_find_widget (GtkWidget *root,
                     GType      type,
                     guint      nth)
{
  g_autoptr(GPtrArray) queue = g_ptr_array_new ();
  guint seen = 0;

  g_ptr_array_add (queue, root);
  for (guint i = 0; i < queue->len; i++)
    {
      GtkWidget *w = g_ptr_array_index (queue, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (w, type) && seen++ == nth)
        return w;
      for (GtkWidget *c = gtk_widget_get_first_child (w); c != NULL; c = gtk_widget_get_next_sibling (c))
        g_ptr_array_add (queue, c);
    }

  return NULL;
}

G_END_DECLS
