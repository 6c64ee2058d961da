/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Shared by the GUI tests: start GTK on the (virtual) display and run the
 * main context until something has happened. Tests drive the UI through the
 * same actions the user triggers. */

#include <adwaita.h>

#include "app/pl-application.h"
#include "app/pl-window.h"
#include "app/pl-workbench.h"

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

/* Lets pending idles and redraws run. */
static inline void
pl_test_drain (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static inline gboolean
pl_test_tick_cb (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

/* Runs the main loop until @check (@data) holds, failing after @seconds
 * with the caller's location. A 10 ms tick re-checks conditions that no
 * event announces. */
#define pl_test_wait_until(check, data, seconds) \
  pl_test_wait_until_at ((check), (data), (seconds), G_STRLOC)

static inline void
pl_test_wait_until_at (gboolean   (*check) (gpointer data),
                       gpointer     data,
                       guint        seconds,
                       const char  *where)
{
  gboolean timed_out = FALSE;
  guint timeout = g_timeout_add_seconds (seconds, pl_test_timeout_cb, &timed_out);
  guint tick = g_timeout_add (10, pl_test_tick_cb, NULL);

  while (!check (data) && !timed_out)
    g_main_context_iteration (NULL, TRUE);

  if (timed_out)
    g_error ("%s: still waiting after %u s", where, seconds);
  g_source_remove (timeout);
  g_source_remove (tick);
  pl_test_drain ();
}

static inline gboolean
pl_test_run_ended (gpointer workbench)
{
  return !pl_workbench_get_running (workbench);
}

/* Waits until @workbench's run ends, failing after 30 s. */
static inline void
pl_test_wait_for_run (PlWorkbench *workbench)
{
  pl_test_wait_until (pl_test_run_ended, workbench, 30);
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

static inline void
pl_test_frame_cb (GdkFrameClock *clock,
                  gboolean      *painted)
{
  *painted = TRUE;
}

/* Waits until @widget's window has laid out and drawn a frame: what was
 * queued (an allocation, a redraw) has happened. */
static inline void
pl_test_wait_for_frame (GtkWidget *widget)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);
  gboolean painted = FALSE;
  gboolean timed_out = FALSE;
  guint id;
  gulong handler;

  g_assert_nonnull (clock);
  handler = g_signal_connect (clock, "after-paint", G_CALLBACK (pl_test_frame_cb), &painted);
  id = g_timeout_add_seconds (5, pl_test_timeout_cb, &timed_out);
  gtk_widget_queue_draw (widget);
  while (!painted && !timed_out)
    g_main_context_iteration (NULL, TRUE);

  g_assert_false (timed_out);
  g_source_remove (id);
  g_signal_handler_disconnect (clock, handler);
}

/* The workbench of @window. */
static inline PlWorkbench *
pl_test_get_workbench (PlWindow *window)
{
  GtkWidget *workbench = pl_test_find_widget (GTK_WIDGET (window), PL_TYPE_WORKBENCH, 0);

  g_assert_nonnull (workbench);
  return PL_WORKBENCH (workbench);
}

/* Activates @action of @window as its menu, button or shortcut would. */
static inline void
pl_test_activate (PlWindow   *window,
                  const char *action,
                  GVariant   *parameter)
{
  g_assert_true (gtk_widget_activate_action_variant (GTK_WIDGET (window), action, parameter));
  pl_test_drain ();
}

/* The text of the newest toast of @window (the message shown last), or
 * %NULL. A toast that is being dismissed stays a child of the overlay until
 * its animation ends, so the newest is the last one. */
static inline const char *
pl_test_get_toast (GtkWidget *window)
{
  GtkWidget *overlay = pl_test_find_widget (window, ADW_TYPE_TOAST_OVERLAY, 0);
  GtkWidget *toast = NULL;

  g_assert_nonnull (overlay);
  for (GtkWidget *c = gtk_widget_get_first_child (overlay); c != NULL; c = gtk_widget_get_next_sibling (c))
    if (g_str_equal (gtk_widget_get_css_name (c), "toast"))
      toast = c;

  if (toast == NULL)
    return NULL;
  return gtk_label_get_text (GTK_LABEL (pl_test_find_widget (toast, GTK_TYPE_LABEL, 0)));
}

/* Presses @keyval with @modifiers as far as shortcuts go: the shortcut
 * controllers (key bindings, accelerators) of the focus widget of @window
 * and then of each of its ancestors, until one handles the key. GTK 4 has
 * no public way to synthesise key events, and this is how a key press
 * reaches the actions: a binding whose action is disabled does not handle
 * it, so the key goes on to the parent. Returns whether it was handled. */
static inline gboolean
pl_test_press_key (GtkWindow       *window,
                   guint            keyval,
                   GdkModifierType  modifiers)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));

  for (GtkWidget *w = focus != NULL ? focus : GTK_WIDGET (window); w != NULL; w = gtk_widget_get_parent (w))
    {
      g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (w);

      for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
        {
          g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

          if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
            continue;

          for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
            {
              g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
              GtkShortcutTrigger *trigger = gtk_shortcut_get_trigger (shortcut);

              if (!GTK_IS_KEYVAL_TRIGGER (trigger) ||
                  gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger)) != keyval ||
                  gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger)) != modifiers)
                continue;

              if (gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut),
                                                GTK_SHORTCUT_ACTION_EXCLUSIVE, w,
                                                gtk_shortcut_get_arguments (shortcut)))
                {
                  pl_test_drain ();
                  return TRUE;
                }
            }
        }
    }

  return FALSE;
}

/* Moves the focus of @window with Tab until @widget has it; FALSE if Tab
 * never reaches it (after going round every focusable widget). */
static inline gboolean
pl_test_tab_to (GtkWindow *window,
                GtkWidget *widget)
{
  for (guint i = 0; i < 1000; i++)
    {
      if (gtk_root_get_focus (GTK_ROOT (window)) == widget)
        return TRUE;
      if (!gtk_widget_child_focus (GTK_WIDGET (window), GTK_DIR_TAB_FORWARD))
        gtk_window_set_focus (window, NULL);   /* past the last: start again */
    }

  return FALSE;
}

G_END_DECLS
