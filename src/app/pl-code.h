/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Small, parser-independent helpers over lines of the tutorial's Python
 * subset. They let the builders check a step as the user types and split
 * argument lists; the interpreter remains the judge of a whole script. */

gboolean   pl_code_is_identifier       (const char  *text,
                                        gssize       length);
/* Splits at @separator where it is not inside brackets or a string. The
 * pieces are trimmed; empty pieces are kept. NULL when the brackets or
 * strings do not close. */
GStrv      pl_code_split_top_level     (const char  *text,
                                        char         separator);
/* Checks one statement: brackets and strings close, it does not end in an
 * operator, and a trailing colon belongs to for/while/if/elif/else/with.
 * The statement may continue over several lines inside brackets or after a
 * backslash; a comment ends with its line. On failure @error
 * (PL_ERROR_SYNTAX) says what is wrong. */
gboolean   pl_code_check_statement     (const char  *code,
                                        GError     **error);
/* Where a new line of a statement starts when its line breaks after
 * @before (the code before the break): under the first item after the
 * innermost open bracket, four spaces in when nothing follows that bracket
 * yet, else at the indentation of the line that breaks. In characters. */
guint      pl_code_continuation_indent (const char  *before);
/* TRUE when the statement opens a block (`for _ in range(3):`). */
gboolean   pl_code_opens_block         (const char  *code);
/* The name a statement assigns (`x = ...`, `x *= 2`, `for x in ...`,
 * `del x` gives NULL), or NULL. */
char      *pl_code_dup_assigned_name   (const char  *code);
/* The statement starting at @line of @lines (from 1), its continuation
 * lines joined with single spaces; NULL past the end. */
char      *pl_code_dup_statement_at    (const char * const *lines,
                                        int                 line);
/* Every identifier the statement mentions, outside strings. */
GStrv      pl_code_dup_identifiers     (const char  *code);

G_END_DECLS
