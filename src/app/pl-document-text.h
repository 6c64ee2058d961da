/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "pl-pipeline.h"

G_BEGIN_DECLS

/* The script around the pipelines, as PlDocument keeps it: what the
 * builders do not show but write back. Fields NULL for a new document take
 * the builders' own layout. */
typedef struct
{
  char *preamble;      /* imports and comments before the first function */
  char *options;       /* keyword arguments of the analyze call, "a=1, b=2" */
  char *call_leading;  /* the text between the last function and the call */
  char *call_source;   /* the call as it was read... */
  char *call_key;      /* ...while the pipelines say what they said then */
  char *tail;          /* the text after the call */
} PlDocumentLayout;

PlDocumentLayout *pl_document_layout_new   (void);
PlDocumentLayout *pl_document_layout_copy  (const PlDocumentLayout *layout);
void              pl_document_layout_free  (PlDocumentLayout       *layout);

/* Reads @text with the interpreter's parser (pl_script_parse_for_editor):
 * the pipelines of its utils.analyze_memory call (of PlPipeline, with their
 * steps, each step with its line) and the layout around them. When the
 * builders cannot show @text, returns FALSE and sets @reason to a sentence
 * ("Line N: why"). */
gboolean          pl_document_text_read    (const char        *text,
                                            PlDocumentLayout **layout,
                                            GPtrArray        **pipelines,
                                            char             **reason);
/* Writes the script of @pipelines (a GListModel of PlPipeline) in @layout:
 * what was read comes back as it was written, what changed in the
 * builders' layout. Gives each step its line. */
char             *pl_document_text_write   (const PlDocumentLayout *layout,
                                            GListModel             *pipelines);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PlDocumentLayout, pl_document_layout_free)

G_END_DECLS
