/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "pl-dtype.h"

G_BEGIN_DECLS

/* NumPy's casting= rules. */
typedef enum
{
  PL_CASTING_NO,
  PL_CASTING_EQUIV,
  PL_CASTING_SAFE,
  PL_CASTING_SAME_KIND,
  PL_CASTING_UNSAFE,
} PlCasting;

/* Converts @n elements from @src (dtype @from, stride @src_stride bytes) to
 * @dst (dtype @to, stride @dst_stride), as NumPy's C casts do: ints wrap,
 * floats to ints truncate (NaN and out-of-range give the type's minimum as on
 * x86), anything to bool is "!= 0", float16 rounds half to even. */
typedef void (*PlCastLoop) (const guint8 *src,
                            gint64        src_stride,
                            guint8       *dst,
                            gint64        dst_stride,
                            gint64        n);

PlCastLoop   pl_cast_get_loop  (PlDType   from,
                                PlDType   to);
gboolean     pl_can_cast       (PlDType   from,
                                PlDType   to,
                                PlCasting casting);
const char  *pl_casting_name   (PlCasting casting);   /* "same_kind" */

G_END_DECLS
