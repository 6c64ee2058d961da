/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "pl-array.h"

G_BEGIN_DECLS

/* NumPy 1.24's type resolution for the ufuncs Peakline has. */

/* np.result_type (*arrays) with the legacy value-based rules: when arrays and
 * 0-d operands mix and the 0-d operands are of no higher kind (bool < int <
 * float), a 0-d operand counts as the smallest type that holds its value. */
PlDType      pl_result_type_arrays (guint                 n,
                                    const PlArray *const *arrays);

/* The loop NumPy picks for op(a, b): the dtype both inputs are cast to
 * (@loop_dtype) and the output dtype (@out_dtype; bool for comparisons).
 * @forced is the dtype= argument (PL_DTYPE_NONE if absent); @out, if not
 * NULL, is an out= array (NumPy 1.24 checks its casting after the search,
 * as pl_ufunc_binary does). Errors are
 * NumPy's TypeErrors ("ufunc 'bitwise_and' not supported for the input
 * types, ..."). */
gboolean     pl_resolve_binary     (PlBinaryOp            op,
                                    const PlArray        *a,
                                    const PlArray        *b,
                                    const PlArray        *out,
                                    PlDType               forced,
                                    PlDType              *loop_dtype,
                                    PlDType              *out_dtype,
                                    GError              **error);
gboolean     pl_resolve_unary      (PlUnaryOp             op,
                                    const PlArray        *a,
                                    PlDType               forced,
                                    PlDType              *loop_dtype,
                                    PlDType              *out_dtype,
                                    GError              **error);

/* Value-based "can @a be cast safely to @to" (np.can_cast (a, to) for a 0-d
 * @a checks its value, as NumPy 1.24 does). */
gboolean     pl_can_cast_array_safe (const PlArray       *a,
                                     PlDType              to);

/* NumPy's ufunc names ("add", "divide", "bitwise_and", "sqrt"). */
const char  *pl_binary_op_ufunc_name (PlBinaryOp op);
const char  *pl_unary_op_ufunc_name  (PlUnaryOp  op);

G_END_DECLS
