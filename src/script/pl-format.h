/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "pl-value.h"

G_BEGIN_DECLS

/* Python's repr() of a float: the shortest string that reads back as the
 * same double ("0.1", "128000.0", "1e+16", "inf", "nan"). */
char    *pl_format_float_repr   (double          x);
/* The same for a NumPy scalar of @dtype (shortest at that precision). */
char    *pl_format_scalar       (const PlScalar *value,
                                 PlDType         dtype);
/* print(array) (@repr FALSE) or repr(array), as NumPy 1.24 formats them:
 * line width 75, summarised with "..." beyond 1000 elements. */
void     pl_format_array        (GString        *out,
                                 const PlArray  *array,
                                 gboolean        repr);
/* str() (@repr FALSE) or repr() of any value. */
void     pl_format_val          (GString        *out,
                                 const PlVal    *value,
                                 gboolean        repr);
char    *pl_val_to_str          (const PlVal    *value,
                                 gboolean        repr);
/* Rounds to the nearest float16 value, as a double. */
double   pl_round_to_half       (double          x);

G_END_DECLS
