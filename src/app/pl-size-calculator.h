/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "engine/pl-dtype.h"

G_BEGIN_DECLS

#define PL_TYPE_SIZE_CALCULATOR (pl_size_calculator_get_type ())

G_DECLARE_FINAL_TYPE (PlSizeCalculator, pl_size_calculator, PL, SIZE_CALCULATOR, AdwWindow)

/* Section 1 of the tutorial: how large is an array of a shape and dtype,
 * in bytes, KiB, MiB and GiB, and how does it compare with this machine's
 * memory. */
PlSizeCalculator *pl_size_calculator_new        (GtkWindow        *parent);
void              pl_size_calculator_set_shape  (PlSizeCalculator *self,
                                                 const char       *shape);
void              pl_size_calculator_set_dtype  (PlSizeCalculator *self,
                                                 PlDType           dtype);
/* The size shown, or -1 while the shape is not valid. */
gint64            pl_size_calculator_get_bytes  (PlSizeCalculator *self);

/* Parses a shape such as "1000, 256, 256", "(1_000_000,)" or
 * "14 * 10 * 30 * 60 * 24, 512, 512" and returns its number of elements. */
gboolean          pl_size_parse_shape           (const char       *text,
                                                 guint64          *n_elements,
                                                 GError          **error);
/* The physical memory of this machine in bytes. */
guint64           pl_size_get_machine_memory    (void);

G_END_DECLS
