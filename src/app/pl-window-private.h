/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pl-window.h"
#include "pl-workbench.h"

G_BEGIN_DECLS

struct _PlWindow
{
  AdwApplicationWindow parent_instance;

  /* Template widgets */
  AdwWindowTitle  *window_title;
  AdwToastOverlay *toast_overlay;
  PlWorkbench     *workbench;
  GtkStack        *run_stack;
  AdwSplitButton  *open_button;
  GtkMenuButton   *examples_button;

  /* Owned */
  GFile           *file;
  GSettings       *settings;
  char            *example_title;   /* the subtitle of an untitled example */

  /* Borrowed (a weak pointer): the message shown, until it is dismissed. */
  AdwToast        *toast;

  guint            close_confirmed : 1;
  guint            close_after_save : 1;
};

/* pl-window-actions.c */
void     pl_window_actions_class_init (GtkWidgetClass *widget_class);
void     pl_window_actions_init       (PlWindow       *self);
void     pl_window_update_actions     (PlWindow       *self);
void     pl_window_update_title       (PlWindow       *self);
void     pl_window_toast              (PlWindow       *self,
                                       const char     *message);
gboolean pl_window_confirm_close      (PlWindow       *self);
/* The file's name as the title shows it (its parse name when the name is
 * not valid UTF-8). */
char    *pl_window_dup_display_name   (GFile          *file);

G_END_DECLS
