/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "pl-pipeline.h"

G_BEGIN_DECLS

#define PL_TYPE_PALETTE (pl_palette_get_type ())

G_DECLARE_FINAL_TYPE (PlPalette, pl_palette, PL, PALETTE, AdwBin)

/* The sidebar of operations, by category (Create, Views & copies,
 * Arithmetic, Masks, Types, numexpr, Control). Each item activates
 * "win.add-step" with its id as the parameter; its tooltip says what it
 * does to memory. */
PlPalette  *pl_palette_new            (void);

/* The items, for the window and tests. */
guint       pl_palette_get_n_items    (void);
const char *pl_palette_get_item_id    (guint        index);
/* The code of item @id written for @pipeline: `{x}` becomes the variable
 * the pipeline works on, `{new}` a name it does not use yet. Several
 * statements are separated by newlines; a body line starts with four
 * spaces. NULL for an unknown id. */
char       *pl_palette_expand         (const char  *id,
                                       PlPipeline  *pipeline);
/* Appends the steps of item @id to @pipeline. Returns the position of the
 * first new step, or -1 for an unknown id. */
int         pl_palette_add_to_pipeline (const char *id,
                                        PlPipeline *pipeline);

G_END_DECLS
