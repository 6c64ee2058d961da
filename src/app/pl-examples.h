/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Every exercise of the tutorial's sections 2 to 5 as a ready experiment,
 * compiled into the resources under examples/ID.py, with its question. */

#define PL_EXAMPLE_FIRST_START "s4-reassign-vs-inplace"

guint        pl_examples_get_n          (void);
const char  *pl_examples_get_id         (guint        index);
guint        pl_examples_get_section    (guint        index);
/* Translated. */
const char  *pl_examples_get_title      (guint        index);
const char  *pl_examples_get_question   (guint        index);
/* The index of example @id, or -1. */
int          pl_examples_find           (const char  *id);
/* The script of example @id. */
char        *pl_examples_load           (const char  *id,
                                         GError     **error);
/* The Examples menu: one submenu per section, items activate
 * "win.open-example" with the example's id. */
GMenuModel  *pl_examples_create_menu    (void);

G_END_DECLS
