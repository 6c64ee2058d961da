/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "pl-pipeline.h"

G_BEGIN_DECLS

#define PL_TYPE_STEP_ROW (pl_step_row_get_type ())

G_DECLARE_FINAL_TYPE (PlStepRow, pl_step_row, PL, STEP_ROW, GtkListBoxRow)

/* One step of a pipeline in its builder: the line number, the code checked
 * as the user types (with the error under it), a drag handle and a delete
 * button. One line of code is an entry; a statement over several lines is
 * a monospace text view that grows with its lines, with the interpreter's
 * error marked where it is. Shift+Enter breaks the line at the cursor (in
 * the text view, Enter does too), lined up as Python continues a line
 * inside brackets. Its actions ("step.delete", "step.move-up",
 * "step.move-down", "step.indent", "step.dedent") edit the pipeline;
 * Alt+Up and Alt+Down move the step. */
PlStepRow *pl_step_row_new        (PlPipeline *pipeline,
                                   PlStep     *step);
PlStep    *pl_step_row_get_step   (PlStepRow  *self);
/* Puts the keyboard focus in the code (the entry or the text view);
 * @select_number selects the first number of the code (the size, for a
 * palette item). */
void       pl_step_row_focus_code (PlStepRow  *self,
                                   gboolean    select_number);

G_END_DECLS
