/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "pl-ast.h"

G_BEGIN_DECLS

/* The deepest expression tree the parser builds: deeper input is a
 * SyntaxError rather than a risk to the C stack. */
#define PL_PARSER_MAX_DEPTH 500

/* Parses a module. On error returns NULL and fills @err_line, @err_col,
 * @err_kind ("SyntaxError" or "IndentationError") and @error (PL_ERROR_SYNTAX,
 * the bare message). All nodes are allocated in @arena. */
PlNode *pl_parse_module (PlArena     *arena,
                         const char  *source,
                         gsize        length,
                         gint        *err_line,
                         gint        *err_col,
                         const char **err_kind,
                         GError     **error);

/* The same, for editors. With @recover, a statement of a function body that
 * has a syntax error becomes a PL_NODE_ERROR and parsing goes on (the
 * module must then never run). @comments (nullable) receives the comments,
 * as pl_lex_full() gives them. */
PlNode *pl_parse_module_full (PlArena     *arena,
                              const char  *source,
                              gsize        length,
                              gboolean     recover,
                              GArray      *comments,
                              gint        *err_line,
                              gint        *err_col,
                              const char **err_kind,
                              GError     **error);

G_END_DECLS
