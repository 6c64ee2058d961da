/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "pl-array.h"

G_BEGIN_DECLS

/* The numexpr-compatible fused evaluator (numexpr 2.8.4, as Debian ships it).
 *
 * An expression string ("x * 2 + 3") is parsed into a tree, typed with
 * numexpr's rules, folded, and compiled to a small register program that a
 * virtual machine runs over blocks of 512 elements on a persistent pool of
 * threads. Only the output is a full-size allocation (PL_ALLOC_REASON_RESULT);
 * per-thread scratch registers are tiny (PL_ALLOC_REASON_SCRATCH).
 *
 * Two ways in, as in numexpr:
 *
 *  - pl_numexpr_evaluate() is `ne.evaluate(ex, ...)`: the input names are the
 *    expression's variables in alphabetical order, each is looked up through a
 *    callback (the interpreter's locals, then globals, or the dictionaries the
 *    script passed), and the program is typed by the operands' dtypes. Typed
 *    programs are cached process-wide by expression and operand types, as
 *    numexpr's _numexpr_cache does.
 *
 *  - pl_numexpr_new() is `ne.NumExpr(ex)`: compiled once with numexpr's
 *    default signature (every input float64; inputs of other dtypes are cast
 *    safely, block by block), called with pl_numexpr_run() and positional
 *    arrays in the order pl_numexpr_get_input_name() gives.
 *
 * Errors (PL_ERROR domain) mirror numexpr's exceptions:
 *  - PL_ERROR_SYNTAX: the expression is not valid Python; the message ends with
 *    "(column N)", N counted from 1 (pl_numexpr_error_get_column() reads it).
 *  - PL_ERROR_TYPE: calling an unknown function ("'VariableNode' object is not
 *    callable", numexpr's words), `and`/`or`/`not`, subscripts, wrong argument
 *    counts of known functions.
 *  - PL_ERROR_KEY: an unknown variable (raised by the lookup callback).
 *  - PL_ERROR_VALUE: shapes that do not broadcast, an `out` of the wrong shape,
 *    integers to negative integer powers, dtypes numexpr does not support.
 *  - PL_ERROR_NOT_IMPLEMENTED: no opcode for the types ("couldn't find matching
 *    opcode for 'sqrt_ddd'"); complex numbers and strings, which Peakline
 *    does not model.
 *  - PL_ERROR_RUNTIME: a reduction (sum, prod, min, max) that is not the
 *    outermost operation ("invalid program: reduction operations must occur
 *    last").
 *  - PL_ERROR_ZERO_DIVISION, PL_ERROR_OVERFLOW: Python's, when constants are
 *    folded (1 / 0, 2 ** 100).
 *  - PL_ERROR_RECURSION: an expression nested too deeply to compile safely.
 *  - PL_ERROR_CANCELLED: pl_engine_interrupt() stopped a long evaluation; the
 *    partial result is freed.
 *
 * Semantics worth knowing (all numexpr's): x / 2.0 is computed as x * 0.5
 * (numexpr multiplies by the reciprocal of a float constant), int32 and int64
 * arithmetic wraps, integer division by zero gives 0, `x ** 2` is x * x, and
 * sum/prod/min/max add up in order (not pairwise as np.sum does). Peakline's
 * int32 min/max start from the first value (numexpr 2.8.4's start from -1
 * and 0, a bug). `order` is always 'K' (results keep a Fortran layout when
 * every full-size operand has one).
 *
 * All functions are thread-safe; evaluations are serialised as numexpr's
 * evaluate_lock serialises them. */

typedef struct _PlNumExpr PlNumExpr;

/* NumPy's casting= rule for the output (and the inputs of a NumExpr object). */
typedef enum
{
  PL_NUMEXPR_CASTING_NO,
  PL_NUMEXPR_CASTING_EQUIV,
  PL_NUMEXPR_CASTING_SAFE,        /* numexpr's default */
  PL_NUMEXPR_CASTING_SAME_KIND,
  PL_NUMEXPR_CASTING_UNSAFE,
} PlNumExprCasting;

/* Returns a new reference to the value of @name, or NULL with @error set
 * (PL_ERROR_KEY with the name as the message, as numexpr's KeyError). */
typedef PlArray *(*PlNumExprLookupFunc) (const char  *name,
                                         gpointer     user_data,
                                         GError     **error);

/* --- ne.evaluate -------------------------------------------------------- */

/* Looks up every variable of @expression (alphabetical order) through
 * @lookup, evaluates, and returns a new reference: a fresh array, or @out
 * when given. A 0-d result comes back as a 0-d array (the caller unwraps it
 * as numexpr's caller gets a 0-d ndarray). */
PlArray    *pl_numexpr_evaluate            (const char          *expression,
                                            PlNumExprLookupFunc  lookup,
                                            gpointer             user_data,
                                            PlArray             *out,
                                            PlNumExprCasting     casting,
                                            GError             **error);

/* The variables of @expression in the order numexpr looks them up (sorted),
 * NULL-terminated (free with g_strfreev), or NULL with @error set. */
char      **pl_numexpr_get_names           (const char          *expression,
                                            GError             **error);

/* --- ne.NumExpr --------------------------------------------------------- */

/* ne.NumExpr(ex): every input float64, inputs sorted by name. */
PlNumExpr  *pl_numexpr_new                 (const char          *expression,
                                            GError             **error);
/* ne.NumExpr(ex, signature=[(name, dtype), ...]): inputs in the given order
 * with the given dtypes (bool, int32, int64, float32 or float64); the names
 * must be exactly the expression's variables. */
PlNumExpr  *pl_numexpr_new_with_signature  (const char          *expression,
                                            guint                n_inputs,
                                            const char * const  *names,
                                            const PlDType       *dtypes,
                                            GError             **error);
PlNumExpr  *pl_numexpr_ref                 (PlNumExpr           *self);
void        pl_numexpr_unref               (PlNumExpr           *self);

const char *pl_numexpr_get_expression      (PlNumExpr           *self);
guint       pl_numexpr_get_n_inputs        (PlNumExpr           *self);
const char *pl_numexpr_get_input_name      (PlNumExpr           *self,
                                            guint                i);
PlDType     pl_numexpr_get_input_dtype     (PlNumExpr           *self,
                                            guint                i);
/* The dtype of the result (numexpr's type rules applied to the signature). */
PlDType     pl_numexpr_get_result_dtype    (PlNumExpr           *self);

/* Calls the compiled object with @n_inputs positional arrays (or 0-d arrays
 * for Python scalars). A count that differs from the program's is
 * PL_ERROR_VALUE "number of inputs doesn't match program", as numexpr says. */
PlArray    *pl_numexpr_run                 (PlNumExpr           *self,
                                            PlArray * const     *inputs,
                                            guint                n_inputs,
                                            PlArray             *out,
                                            PlNumExprCasting     casting,
                                            GError             **error);

/* A human-readable listing of the register program (for debugging and tests). */
char       *pl_numexpr_disassemble         (PlNumExpr           *self);

/* --- threads ------------------------------------------------------------ */

/* ne.set_num_threads(n): returns the previous count. The default is
 * numexpr's: the number of cores, at most 8. n must be >= 1 (at most 4096
 * are kept); an evaluation uses no more threads than it has chunks of work. */
guint       pl_numexpr_set_num_threads     (guint                n_threads);
guint       pl_numexpr_get_num_threads     (void);
/* ne.detect_number_of_cores(). */
guint       pl_numexpr_detect_number_of_cores (void);

/* --- cache and diagnostics ---------------------------------------------- */

/* How many typed programs have been compiled since the process started:
 * the same expression with the same operand types compiles once. */
guint64     pl_numexpr_get_compile_count   (void);
void        pl_numexpr_clear_cache         (void);

/* The column (from 1) a PL_ERROR_SYNTAX error of this module points at, or 0
 * if @error carries none. */
gint        pl_numexpr_error_get_column    (const GError        *error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PlNumExpr, pl_numexpr_unref)

G_END_DECLS
