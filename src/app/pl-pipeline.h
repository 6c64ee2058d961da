/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "pl-step.h"

G_BEGIN_DECLS

#define PL_TYPE_PIPELINE (pl_pipeline_get_type ())

G_DECLARE_FINAL_TYPE (PlPipeline, pl_pipeline, PL, PIPELINE, GObject)

/* One pipeline of an experiment. Either a function of the script
 * (`def name(params): steps`, measured through `partial(name, values...)`)
 * or a NumPy function measured as one call (`partial(np.ones, 1_000_000)`),
 * which has no steps.
 *
 * The arguments are one line of text: for a function, `param=value`
 * pairs separated by commas (`x=np.ones(8_000_000), threshold=0.5`): the
 * inputs made before measuring; for a NumPy function, the call's arguments
 * as written (`1_000_000, dtype=np.float64`).
 *
 * "changed" is emitted whenever anything that is written to the script
 * changes: the name, the arguments, a step's code or indentation, or the
 * list of steps. Its argument is the step whose code changed, or NULL for
 * any other change (undo merges consecutive edits of one step). */
PlPipeline *pl_pipeline_new               (const char  *name,
                                           gboolean     is_function);
PlPipeline *pl_pipeline_copy              (PlPipeline  *self,
                                           const char  *name);
const char *pl_pipeline_get_name          (PlPipeline  *self);
void        pl_pipeline_set_name          (PlPipeline  *self,
                                           const char  *name);
const char *pl_pipeline_get_arguments     (PlPipeline  *self);
void        pl_pipeline_set_arguments     (PlPipeline  *self,
                                           const char  *arguments);
gboolean    pl_pipeline_get_is_function   (PlPipeline  *self);
/* A GListModel of PlStep. */
GListModel *pl_pipeline_get_steps         (PlPipeline  *self);
guint       pl_pipeline_get_n_steps       (PlPipeline  *self);
PlStep     *pl_pipeline_get_step          (PlPipeline  *self,
                                           guint        position);
void        pl_pipeline_insert_step       (PlPipeline  *self,
                                           guint        position,
                                           PlStep      *step);
void        pl_pipeline_append_step       (PlPipeline  *self,
                                           PlStep      *step);
void        pl_pipeline_remove_step       (PlPipeline  *self,
                                           guint        position);
void        pl_pipeline_move_step         (PlPipeline  *self,
                                           guint        from,
                                           guint        to);
/* The parameter names of the arguments (`x`, `threshold`). */
GStrv       pl_pipeline_dup_parameters    (PlPipeline  *self);
/* The values of the arguments, as written after `partial(name, `. */
char       *pl_pipeline_dup_call_arguments (PlPipeline *self);
/* The array variable a new step should work on: the last one a step
 * assigned, else the first parameter, else NULL. */
char       *pl_pipeline_dup_current_variable (PlPipeline *self);
/* A variable name no step or parameter uses yet ("x", "y", "z", "x2", ...). */
char       *pl_pipeline_dup_fresh_variable (PlPipeline  *self);
/* How the function was written in the script it was read from: the text
 * above its `def` line (blank lines, comments), that line as it was, and
 * the indentation of its body and of each block inside it. The document
 * writes the line back while the name and parameters are unchanged, and
 * indents new and moved steps as the function was indented. */
void        pl_pipeline_set_source        (PlPipeline  *self,
                                           const char  *leading,
                                           const char  *header,
                                           guint        body_indent,
                                           guint        block_indent);
const char *pl_pipeline_get_leading       (PlPipeline  *self);
/* The `def` line as read, or NULL once the name or parameters changed. */
const char *pl_pipeline_get_header        (PlPipeline  *self);
/* The spaces before a step at indentation @level (four per level unless
 * the script read used others). */
guint       pl_pipeline_get_indent_width  (PlPipeline  *self,
                                           guint        level);
/* Checks the arguments; sets @error to a sentence when they are not valid. */
gboolean    pl_pipeline_check_arguments   (PlPipeline  *self,
                                           GError     **error);

G_END_DECLS
