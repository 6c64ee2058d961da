/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "pl-pipeline.h"

G_BEGIN_DECLS

#define PL_TYPE_PIPELINE_EDITOR (pl_pipeline_editor_get_type ())

G_DECLARE_FINAL_TYPE (PlPipelineEditor, pl_pipeline_editor, PL, PIPELINE_EDITOR, AdwBin)

/* The builder of one pipeline: its name, its arguments (the inputs made
 * before measuring) and its steps, one row each. */
PlPipelineEditor *pl_pipeline_editor_new          (void);
PlPipeline       *pl_pipeline_editor_get_pipeline (PlPipelineEditor *self);
void              pl_pipeline_editor_set_pipeline (PlPipelineEditor *self,
                                                   PlPipeline       *pipeline);
const char       *pl_pipeline_editor_get_title    (PlPipelineEditor *self);
void              pl_pipeline_editor_set_title    (PlPipelineEditor *self,
                                                   const char       *title);
/* Focuses the code of step @position for editing (see pl_step_row_focus_code). */
void              pl_pipeline_editor_focus_step   (PlPipelineEditor *self,
                                                   guint             position,
                                                   gboolean          select_number);
/* Scrolls to and highlights the step written at @line (0: none). */
void              pl_pipeline_editor_select_line  (PlPipelineEditor *self,
                                                   guint             line);

G_END_DECLS
