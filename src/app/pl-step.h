/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define PL_TYPE_STEP (pl_step_get_type ())

G_DECLARE_FINAL_TYPE (PlStep, pl_step, PL, STEP, GObject)

/* One statement of a pipeline: a line of code inside the pipeline's
 * function, with its indentation level (the body of a for loop is one level
 * deeper than the loop). The line number is where the statement lands in
 * the script the document writes; the error is set by the document's check. */
PlStep     *pl_step_new        (const char *code,
                                guint       indent);
PlStep     *pl_step_copy       (PlStep     *self);
const char *pl_step_get_code   (PlStep     *self);
void        pl_step_set_code   (PlStep     *self,
                                const char *code);
guint       pl_step_get_indent (PlStep     *self);
void        pl_step_set_indent (PlStep     *self,
                                guint       indent);
guint       pl_step_get_line   (PlStep     *self);
void        pl_step_set_line   (PlStep     *self,
                                guint       line);
const char *pl_step_get_error  (PlStep     *self);
void        pl_step_set_error  (PlStep     *self,
                                const char *error);

G_END_DECLS
