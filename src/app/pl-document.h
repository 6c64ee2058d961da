/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "pl-pipeline.h"

G_BEGIN_DECLS

#define PL_TYPE_DOCUMENT (pl_document_get_type ())

G_DECLARE_FINAL_TYPE (PlDocument, pl_document, PL, DOCUMENT, GObject)

/* The script is the document. The pipeline builders are a structured editor
 * over it: pipelines A and B are `def name(params): steps` plus one
 * `utils.analyze_memory(partial(A, ...), partial(B, ...))` call. Editing a
 * pipeline rewrites the text; setting the text (the Source view, a file)
 * reads the pipelines back when the builders can show the script, and
 * otherwise leaves "structured" FALSE with a reason the window shows.
 *
 * Every change of the text is recorded for undo and redo. */
PlDocument *pl_document_new                 (void);
const char *pl_document_get_text            (PlDocument  *self);
/* Returns whether the builders can show @text. */
gboolean    pl_document_set_text            (PlDocument  *self,
                                             const char  *text);
/* Loads a file's text: like set_text, but forgets the undo history and
 * marks the document unmodified. */
gboolean    pl_document_load_text           (PlDocument  *self,
                                             const char  *text);
gboolean    pl_document_get_structured      (PlDocument  *self);
/* Why the builders cannot show the text (NULL when they can). */
const char *pl_document_get_unstructured_reason (PlDocument *self);
/* A GListModel of PlPipeline: A, then B when comparing. */
GListModel *pl_document_get_pipelines       (PlDocument  *self);
guint       pl_document_get_n_pipelines     (PlDocument  *self);
PlPipeline *pl_document_get_pipeline        (PlDocument  *self,
                                             guint        index);
gboolean    pl_document_get_compare         (PlDocument  *self);
/* Turning compare on starts B as a copy of A ("Duplicate A as B"). */
void        pl_document_set_compare         (PlDocument  *self,
                                             gboolean     compare);
/* TRUE when every step and argument passes the builders' check. */
gboolean    pl_document_get_valid           (PlDocument  *self);
gboolean    pl_document_get_modified        (PlDocument  *self);
void        pl_document_set_modified        (PlDocument  *self,
                                             gboolean     modified);
gboolean    pl_document_get_can_undo        (PlDocument  *self);
gboolean    pl_document_get_can_redo        (PlDocument  *self);
void        pl_document_undo                (PlDocument  *self);
void        pl_document_redo                (PlDocument  *self);
/* The script the pipelines write, as it would become after an edit: what
 * was read from the text comes back as it was written. */
char       *pl_document_write               (PlDocument  *self);
/* The step written at @line of the text (its first line or a continuation
 * line), or NULL; @pipeline_index (may be NULL) receives its pipeline's
 * index. */
PlStep     *pl_document_find_step           (PlDocument  *self,
                                             guint        line,
                                             guint       *pipeline_index);

G_END_DECLS
