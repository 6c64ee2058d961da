/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define PL_TYPE_STEP (pl_step_get_type ())

G_DECLARE_FINAL_TYPE (PlStep, pl_step, PL, STEP, GObject)

/* One statement of a pipeline inside the pipeline's function, with its
 * indentation level (the body of a for loop is one level deeper than the
 * loop). The code may continue over several lines: its first line carries
 * no indentation, and each further line keeps its indentation relative to
 * the first. The line number is where the statement's first line lands in
 * the script the document writes; the error (and where in the code it is,
 * when known) is set by the document's check. */
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
/* The number of lines of the code, and whether @line of the script is one
 * of them. */
guint       pl_step_get_n_lines    (PlStep     *self);
gboolean    pl_step_contains_line  (PlStep     *self,
                                    guint       line);
const char *pl_step_get_error  (PlStep     *self);
void        pl_step_set_error  (PlStep     *self,
                                const char *error);
/* An error at @line (from 1, within the code) and @column (from 1, in
 * characters of that line of the code). */
void        pl_step_set_error_at   (PlStep     *self,
                                    const char *error,
                                    guint       line,
                                    guint       column);
gboolean    pl_step_get_error_location (PlStep *self,
                                    guint      *line,
                                    guint      *column);
/* How the step was written in the script it was read from: its lines
 * exactly as they were (indentation, continuation lines, comment) and the
 * blank lines above them. The document writes those lines back while the
 * code and the indentation level are still what they were then, so that
 * reading and writing a script keeps its formatting. */
void        pl_step_set_source     (PlStep     *self,
                                    const char *leading,
                                    const char *lines);
/* The blank lines above the step (each with its newline), or NULL. */
const char *pl_step_get_leading    (PlStep     *self);
/* The lines it was read from, or NULL once it has been edited. */
const char *pl_step_get_source     (PlStep     *self);

G_END_DECLS
