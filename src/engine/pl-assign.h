/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "pl-array.h"
#include "pl-cast.h"

G_BEGIN_DECLS

/* dst[...] = src: broadcasts @src to @dst's shape and converts with NumPy's
 * setitem rule (unsafe casting: 2.7 stored into an int array is 2). If @src
 * overlaps @dst in memory it is copied first, as NumPy does. Errors:
 * a read-only @dst, shapes that do not broadcast ("could not broadcast input
 * array from shape (4,) into shape (3,)"), an interrupt. Allocates nothing
 * unless the operands overlap. */
gboolean pl_array_assign        (PlArray   *dst,
                                 PlArray   *src,
                                 GError   **error);

/* The same with an explicit casting rule (np.copyto (dst, src, casting=)). */
gboolean pl_array_assign_casting (PlArray   *dst,
                                  PlArray   *src,
                                  PlCasting  casting,
                                  GError   **error);

/* Whether the memory that @a and @b may touch overlaps (a conservative
 * extent test, as NumPy's solve_may_share_memory with max_work=0). */
gboolean pl_arrays_may_share_memory (const PlArray *a,
                                     const PlArray *b);

G_END_DECLS
