/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "pl-array.h"
#include "pl-cast.h"
#include "pl-iter.h"

G_BEGIN_DECLS

/* Private to the array engine's kernels (pl-kernels.c, pl-ufunc.c, pl-elide.c,
 * pl-reduce.c, pl-assign.c, pl-copy.c). */

/* The interrupt flag (pl-ufunc.c). Checked between chunks. */
extern gint pl_engine_interrupt_flag;

static inline gboolean
pl_check_interrupt (GError **error)
{
  if (G_UNLIKELY (g_atomic_int_get (&pl_engine_interrupt_flag)))
    {
      g_set_error_literal (error, PL_ERROR, PL_ERROR_CANCELLED,
                           "The run was stopped (KeyboardInterrupt).");
      return FALSE;
    }
  return TRUE;
}

/* A binary loop: args[0], args[1] are the inputs, args[2] the output, with
 * byte strides; all three have the loop's dtypes. */
typedef void (*PlBinaryLoop) (guint8 **args, const gint64 *strides, gint64 n);
/* A unary loop: args[0] input, args[1] output. */
typedef void (*PlUnaryLoop)  (guint8 **args, const gint64 *strides, gint64 n);

/* The typed loop for @op with inputs of @dtype (NULL when NumPy has none:
 * the caller has resolved the loop dtype first). Comparisons write bool. */
PlBinaryLoop pl_kernel_binary (PlBinaryOp op, PlDType dtype);
PlUnaryLoop  pl_kernel_unary  (PlUnaryOp  op, PlDType dtype);

/* Integer power with a negative exponent is an error NumPy raises before
 * running the loop: TRUE if @b (of integer @dtype) holds a negative value. */
gboolean     pl_kernel_has_negative (const PlArray *b);

/* The ufunc machinery (pl-ufunc.c) with the loop already resolved: runs
 * op(a, b) into @out (or a new RESULT array when NULL), casting inputs to
 * @loop_dtype and the @res_dtype result to @out's dtype in small buffers.
 * Used by pl-elide.c for operators and in-place operations. */
PlArray     *pl_ufunc_exec_binary (PlBinaryOp  op,
                                   PlArray    *a,
                                   PlArray    *b,
                                   PlArray    *out,
                                   PlDType     loop_dtype,
                                   PlDType     res_dtype,
                                   GError    **error);
PlArray     *pl_ufunc_exec_unary  (PlUnaryOp   op,
                                   PlArray    *a,
                                   PlArray    *out,
                                   PlDType     loop_dtype,
                                   GError    **error);

/* Elements in NumPy's iterator buffers (NPY_BUFSIZE). */
#define PL_BUFFER_SIZE 8192

/* A buffer for an iteration of @size elements of @dtype, allocated where
 * NumPy's buffered iterator allocates one (an operand that needs casting,
 * that no single stride describes, or a 0-d operand of an iteration over 2+
 * dimensions), and recorded as SCRATCH so the figures include it as
 * tracemalloc includes NumPy's. NumPy shrinks its buffers to the iteration:
 * min (@size, 8192) items (at least one). */
PlBuffer    *pl_scratch_new_sized (PlDType     dtype,
                                   gint64      size,
                                   GError    **error);

G_END_DECLS
