/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "engine/pl-array.h"
#include "pl-ast.h"
#include "pl-script.h"
#include "pl-value.h"

G_BEGIN_DECLS

/* Python's default recursion limit; the C stack is guarded separately. */
#define PL_RECURSION_LIMIT 1000
/* The C stack the evaluator may use below its entry point. */
#define PL_STACK_BUDGET (3 * 1024 * 1024)
/* The longest list, tuple or string a script may build. */
#define PL_MAX_SEQUENCE (50 * 1000 * 1000)

struct _PlScript
{
  gint      ref_count;
  char     *filename;
  char     *source;
  gsize     length;
  PlArena  *arena;
  PlNode   *module;
  GArray   *experiment_lines;   /* gint */
  GArray   *line_offsets;       /* gsize: start of each line */
  GArray   *functions;          /* PlScriptFunction */
  GArray   *experiments;        /* PlScriptExperiment */
  GArray   *outline;            /* PlScriptOutlineItem: the module's */
  GArray   *comments;           /* PlScriptStatement */
  gboolean  for_editor;         /* may hold PL_NODE_ERROR: never run */
};

typedef struct _PlFrame PlFrame;
struct _PlFrame
{
  PlNode  *def;
  PlVal   *locals;
  guint    n_locals;
  PlFrame *parent;
};

typedef struct
{
  gboolean     set;
  PlErrorCode  code;
  const char  *kind;
  char        *message;
  gint         line;   /* 0 until an expression claims it */
  gint         col;
  gboolean     preformatted;   /* message is already "FILE:LINE:COL: error: ..." */
} PlRaised;

struct _PlInterp
{
  PlScript      *script;
  PlInterpHooks  hooks;
  gpointer       user_data;
  GHashTable    *globals;    /* char * -> PlVal * */
  GHashTable    *builtins;   /* char * -> PlVal * */
  GHashTable    *modules;    /* "numpy" -> PlVal * (module) */
  PlFrame       *frame;
  gint           call_depth;
  guintptr       stack_base;
  PlRaised       err;
  GString       *out_line;
  gint           current_line;
  gint           call_line;    /* line of the call expression being made */
  /* numexpr 2.8.4 keeps the last evaluate()'s keyword arguments, out= among
   * them, in its module-level _numexpr_last until the next evaluate(). */
  PlVal          ne_last_out;
};

/* Raising: every function that fails returns FALSE after one of these. */
gboolean  pl_raise            (PlInterp    *interp,
                               PlErrorCode  code,
                               const char  *format,
                               ...) G_GNUC_PRINTF (3, 4);
gboolean  pl_raise_kind       (PlInterp    *interp,
                               PlErrorCode  code,
                               const char  *kind,
                               const char  *format,
                               ...) G_GNUC_PRINTF (4, 5);
/* Takes @error (an engine error) and raises the matching exception. */
gboolean  pl_raise_gerror     (PlInterp    *interp,
                               GError      *error);
gboolean  pl_interp_check_stack (PlInterp  *interp);

gboolean  pl_interp_call_val  (PlInterp    *interp,
                               const PlVal *callee,
                               PlCall      *call,
                               PlVal       *result);
void      pl_interp_emit_text (PlInterp    *interp,
                               const char  *text,
                               gsize        len);
/* Looks a name up as code running now would (locals, globals, builtins);
 * a new reference, or FALSE if unbound. */
gboolean  pl_interp_lookup_name (PlInterp  *interp,
                                 const char *name,
                                 PlVal      *out);

/* Truth value, equality, numbers (pl-builtins.c). */
gboolean  pl_val_truth        (PlInterp    *interp,
                               const PlVal *v,
                               gboolean    *out);
gboolean  pl_val_equal        (PlInterp    *interp,
                               const PlVal *a,
                               const PlVal *b,
                               gboolean    *out);
gboolean  pl_val_to_index     (PlInterp    *interp,
                               const PlVal *v,
                               gint64      *out);
gboolean  pl_val_to_double    (PlInterp    *interp,
                               const PlVal *v,
                               double      *out);
/* Iteration over anything iterable (eager for small collections). */
typedef struct
{
  PlVal    seq;
  gint64   index;
  gint64   length;
} PlScriptIter;
gboolean  pl_script_iter_init        (PlInterp    *interp,
                               const PlVal *v,
                               PlScriptIter      *it);
/* FALSE with no error when exhausted. */
gboolean  pl_script_iter_next        (PlInterp    *interp,
                               PlScriptIter      *it,
                               PlVal       *out);
void      pl_script_iter_clear       (PlScriptIter      *it);

/* Argument parsing for builtins: @spec is "name1,name2=,|..." — see
 * pl-builtins.c. Fills @out with borrowed values (UNBOUND when absent). */
gboolean  pl_parse_args       (PlInterp    *interp,
                               const char  *fname,
                               PlCall      *call,
                               guint        n_required,
                               const char * const *names,
                               guint        n_names,
                               PlVal       *out);

/* format(value, spec): Python's format mini-language for numbers and
 * strings, appended to @out. */
gboolean  pl_format_with_spec (PlInterp    *interp,
                               const PlVal *value,
                               const char  *spec,
                               GString     *out);

/* Raises the exception a `raise` statement names; FALSE always. */
gboolean  pl_raise_value      (PlInterp    *interp,
                               const PlVal *exception);

/* Modules and builtins. */
void      pl_builtins_install (PlInterp    *interp);
PlValue  *pl_module_np_new    (PlInterp    *interp);
PlValue  *pl_module_ne_new    (PlInterp    *interp);

/* Arithmetic (pl-interp.c): a op b, new reference in @result. */
gboolean  pl_binary_op        (PlInterp    *interp,
                               PlBinOp      op,
                               const PlVal *a,
                               const PlVal *b,
                               gboolean     inplace,
                               PlVal       *result);
gboolean  pl_compare_op       (PlInterp    *interp,
                               PlCmpOp      op,
                               const PlVal *a,
                               const PlVal *b,
                               PlVal       *result);
gboolean  pl_get_attr         (PlInterp    *interp,
                               const PlVal *obj,
                               const char  *name,
                               PlVal       *result);
gboolean  pl_get_item         (PlInterp    *interp,
                               const PlVal *obj,
                               const PlVal *index,
                               PlVal       *result);

/* numpy glue (pl-module-np.c). */
/* Converts a number, bool, numpy value or nested list/tuple of numbers to an
 * array: a new reference (a Python scalar becomes a 0-d array with
 * PL_DTYPE_NONE so that value-based promotion applies). */
gboolean  pl_np_to_array      (PlInterp    *interp,
                               const PlVal *v,
                               PlDType      dtype,
                               PlArray    **out);
gboolean  pl_np_operand       (PlInterp    *interp,
                               const PlVal *v,
                               PlArray    **arr,
                               gboolean    *owned);
gboolean  pl_np_array_attr    (PlInterp    *interp,
                               const PlVal *self,
                               const char  *name,
                               PlVal       *result);
gboolean  pl_np_get_item      (PlInterp    *interp,
                               const PlVal *self,
                               const PlVal *index,
                               PlVal       *result);
gboolean  pl_np_set_item      (PlInterp    *interp,
                               const PlVal *self,
                               const PlVal *index,
                               const PlVal *value);
/* Wraps an engine result: 0-d results become NumPy scalars. */
PlVal     pl_np_wrap          (PlArray     *array);
gboolean  pl_np_dtype_arg     (PlInterp    *interp,
                               const PlVal *v,
                               PlDType     *out);
gboolean  pl_np_call_dtype    (PlInterp    *interp,
                               PlDType      dtype,
                               PlCall      *call,
                               PlVal       *result);
gboolean  pl_ne_call_compiled (PlInterp    *interp,
                               PlValue     *compiled,
                               PlCall      *call,
                               PlVal       *result);

G_END_DECLS
