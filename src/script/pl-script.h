/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "engine/pl-array.h"
#include "engine/pl-error.h"

G_BEGIN_DECLS

/* The tutorial's Python/NumPy subset. A PlScript is a parsed program
 * (immutable, reference counted); a PlInterp is one execution of it.
 *
 * Errors: every GError from this layer is in the PL_ERROR domain and its
 * message starts with "FILE:LINE:COL: error: Kind: message", followed by the
 * source line and a caret on the next two lines, e.g.
 *
 *   demo.py:3:11: error: NameError: name 'dta' is not defined
 *       y = dta * 2
 *           ^
 *
 * pl_script_error_get_location() recovers LINE and COL for the window. */

typedef struct _PlScript PlScript;
typedef struct _PlInterp PlInterp;
typedef struct _PlValue  PlValue;   /* a reference-counted script value */

/* The keyword arguments of a utils.analyze_memory(...) call, with the
 * tutorial's defaults for those not given. */
typedef struct
{
  double      interval;   /* .00005 */
  const char *linestyle;  /* "--" */
  const char *color;      /* "gray" */
  double      alpha;      /* 0.3 */
  double      fontsize;   /* 6 */
} PlAnalyzeOptions;

typedef struct
{
  /* A line starts executing, by CPython's rules (a for header once per
   * iteration plus once at exhaustion; a statement over several lines at
   * its first line). @code identifies the function whose frame runs it
   * (pl_value_get_code() of a pipeline gives the same pointer); NULL at
   * module level. */
  void     (*line_started)    (gpointer          user_data,
                               gconstpointer     code,
                               gint              line);
  /* A frame of @code is about to return: its locals are still alive (the
   * moment of CPython's "return" trace event). */
  void     (*frame_returning) (gpointer          user_data,
                               gconstpointer     code);
  /* print() wrote one line of text (without its newline). */
  void     (*output)          (gpointer          user_data,
                               const char       *line);
  /* utils.analyze_memory(*pipelines, ...) was reached at @call_line. The
   * hook measures the pipelines by calling pl_interp_call() on each.
   * Returning FALSE (with @error set) stops the script with that error. */
  gboolean (*analyze_memory)  (gpointer                user_data,
                               PlInterp               *interp,
                               gint                    call_line,
                               PlValue * const        *pipelines,
                               guint                   n_pipelines,
                               const PlAnalyzeOptions *options,
                               GError                **error);
  /* A local variable of a frame of @code now names @array, or no array
   * (NULL: it was deleted or holds another kind of value). Called for the
   * parameters as the frame starts and for every later store or `del`
   * that binds or unbinds an array; optional. @name lives as long as the
   * script. */
  void     (*local_bound)     (gpointer          user_data,
                               gconstpointer     code,
                               const char       *name,
                               PlArray          *array);
} PlInterpHooks;

/* --- programs ----------------------------------------------------------- */
PlScript     *pl_script_parse               (const char     *filename,
                                             const char     *source,
                                             gssize          length,
                                             GError        **error);
PlScript     *pl_script_ref                 (PlScript       *self);
void          pl_script_unref               (PlScript       *self);
const char   *pl_script_get_filename        (PlScript       *self);
const char   *pl_script_get_source          (PlScript       *self);
/* The utils.analyze_memory call sites, in source order (static). */
guint         pl_script_get_n_experiments   (PlScript       *self);
gint          pl_script_get_experiment_line (PlScript       *self,
                                             guint           index);

/* --- static structure, for editors (all strings owned by the script) ---- */

/* Scripts an editor shows may have a statement that does not parse yet.
 * This parse keeps such a statement of a function body in the structure
 * (its outline item carries the error) and reads on; any other error fails
 * it as pl_script_parse() fails. The comments are kept as well. A script
 * parsed this way describes the text; it is never run (pl_interp_new()
 * refuses it). */
PlScript     *pl_script_parse_for_editor    (const char     *filename,
                                             const char     *source,
                                             gssize          length,
                                             GError        **error);

/* A statement: its extent (lines and columns from 1, the end one past the
 * last character) and its source text. */
typedef struct
{
  gint        line;
  gint        col;
  gint        end_line;
  gint        end_col;
  const char *text;
} PlScriptStatement;

typedef enum
{
  PL_SCRIPT_KIND_SIMPLE,   /* an assignment, an expression, del, pass, ... */
  PL_SCRIPT_KIND_IMPORT,   /* import ... or from ... import ... */
  PL_SCRIPT_KIND_DEF,      /* the header of a def, up to its colon */
  PL_SCRIPT_KIND_BLOCK,    /* the header of for, while, if, elif or else */
} PlScriptKind;

/* One line-level item of a body as an editor lays it out: a simple
 * statement, or the header of a compound statement (whose block follows
 * one level deeper). Statements sharing a line with `;` are one item each.
 * A statement that did not parse (pl_script_parse_for_editor()) spans its
 * logical line and has @error ("Kind: message") at @error_line and
 * @error_col; it is a BLOCK when it ends in a colon over a block. */
typedef struct
{
  PlScriptStatement statement;
  PlScriptKind      kind;
  guint             depth;        /* 0 at the top of the body */
  const char       *error;        /* NULL when it parses */
  gint              error_line;
  gint              error_col;
} PlScriptOutlineItem;

/* A top-level `def`: its name, parameters (with the source text of each
 * default, or NULL), and the statements of its body (top level of the body
 * only; compound statements span their whole block); the same body as an
 * outline, every block's statements in it, one level deeper. */
typedef struct
{
  const char                *name;
  PlScriptStatement          def;           /* the whole definition */
  PlScriptStatement          header;        /* `def name(params):` */
  guint                      n_params;
  const char * const        *params;
  const char * const        *defaults;
  guint                      n_statements;
  const PlScriptStatement   *statements;
  guint                      n_outline;
  const PlScriptOutlineItem *outline;
} PlScriptFunction;

/* A pipeline argument read as `name` or `partial(name, args..., kw=value)`:
 * the function's (dotted) name, NULL when the argument has neither form, and
 * the source text of the arguments partial() passes on. */
typedef struct
{
  const char              *function;
  gboolean                 is_partial;
  guint                    n_args;
  const PlScriptStatement *args;
  guint                    n_keywords;
  const char * const      *keyword_names;
  const PlScriptStatement *keyword_values;
} PlScriptPartial;

/* A utils.analyze_memory(...) call: the call, the source text of each
 * positional argument (the pipelines, each also read as a partial) and of
 * each keyword argument. */
typedef struct
{
  PlScriptStatement        call;
  guint                    n_pipelines;
  const PlScriptStatement *pipelines;
  const PlScriptPartial   *partials;
  guint                    n_keywords;
  const char * const      *keyword_names;
  const PlScriptStatement *keyword_values;
} PlScriptExperiment;

guint                      pl_script_get_n_functions     (PlScript *self);
const PlScriptFunction    *pl_script_get_function        (PlScript *self,
                                                          guint     index);
/* The same calls as pl_script_get_experiment_line(), in the same order. */
const PlScriptExperiment  *pl_script_get_experiment      (PlScript *self,
                                                          guint     index);
/* The module as an outline: its statements outside function bodies (a def
 * is one DEF item, its header; the function has the body). */
guint                      pl_script_get_n_outline_items (PlScript *self);
const PlScriptOutlineItem *pl_script_get_outline_item    (PlScript *self,
                                                          guint     index);
/* Every comment (from its '#' to the end of its line), in source order. */
guint                      pl_script_get_n_comments      (PlScript *self);
const PlScriptStatement   *pl_script_get_comment         (PlScript *self,
                                                          guint     index);

gboolean      pl_script_error_get_location  (const GError   *error,
                                             gint           *line,
                                             gint           *column);

/* --- execution ---------------------------------------------------------- */
PlInterp     *pl_interp_new                 (PlScript            *script,
                                             const PlInterpHooks *hooks,
                                             gpointer             user_data);
void          pl_interp_free                (PlInterp       *self);
/* Runs the module top to bottom. Stops with PL_ERROR_CANCELLED soon after
 * pl_engine_interrupt() (checked between lines and inside sleeps). */
gboolean      pl_interp_run                 (PlInterp       *self,
                                             GError        **error);
/* Calls a pipeline with no further arguments and drops its result. */
gboolean      pl_interp_call                (PlInterp       *self,
                                             PlValue        *callable,
                                             GError        **error);

/* --- values (what the hooks see) ---------------------------------------- */
PlValue      *pl_value_ref                  (PlValue        *value);
void          pl_value_unref                (PlValue        *value);
/* "fun1" for partial(fun1, ...) or fun1; "ones" for partial(np.ones, ...). */
const char   *pl_value_get_callable_name    (PlValue        *callable);
/* The code identity of a script function (through partials); NULL for a
 * builtin such as np.ones, which has no lines of the script. */
gconstpointer pl_value_get_code             (PlValue        *callable);
/* The arrays a pipeline is handed without making them (a partial's bound
 * arguments, its function's defaults), with the parameter each binds (NULL
 * when unknown). */
typedef void (*PlBoundArrayFunc) (const char     *name,
                                  PlArray        *array,
                                  gpointer        user_data);
void          pl_value_foreach_bound_array  (PlValue          *callable,
                                             PlBoundArrayFunc  func,
                                             gpointer          user_data);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PlScript, pl_script_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PlInterp, pl_interp_free)

G_END_DECLS
