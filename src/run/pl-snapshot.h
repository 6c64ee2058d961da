/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "pl-run.h"

G_BEGIN_DECLS

/* What was alive at one moment of a measured pipeline: the arrays (shape,
 * dtype, bytes, which one views which, the line that made each, or the
 * parameter an argument is bound to) and the buffers no array holds
 * (NumPy's hidden iterator buffers, the fused evaluator's scratch). It is
 * replayed from the pipeline's array log and allocation events. */

typedef struct
{
  guint64     array_id;
  guint64     base_id;        /* the array whose data it views; 0: it owns its data */
  guint64     buffer_id;
  gint64      nbytes;         /* its elements' bytes */
  gint        dtype;          /* a PlDType */
  gint        ndim;           /* may exceed PL_ARRAY_EVENT_MAX_DIMS */
  gint64      shape[PL_ARRAY_EVENT_MAX_DIMS];
  gint64      time_ns;        /* when it was made (arguments: before 0) */
  gint32      line;           /* the line that made it (0: none) */
  gboolean    argument;       /* it existed before the pipeline started */
  const char *name;           /* the parameter an argument is bound to, or NULL */
  const char *variables;      /* the pipeline's variables naming it then,
                               * "a, b" (sorted), or NULL */
  gint        reason;         /* why its buffer was allocated (a PlAllocReason),
                               * or -1 when the pipeline did not allocate it */
} PlSnapshotArray;

typedef struct
{
  guint64 buffer_id;
  gint64  bytes;
  gint64  time_ns;
  gint32  line;
  gint    reason;             /* a PlAllocReason */
} PlSnapshotBuffer;

typedef struct _PlSnapshot PlSnapshot;

/* Everything that happened at or before @time_ns (the pipeline's clock). */
PlSnapshot             *pl_snapshot_new_at_time       (PlPipelineRun *pipeline,
                                                       gint64         time_ns);
/* What was alive when line @line last finished in @pipeline (the moment of
 * the line's live_alloc_bytes), or NULL if the line did not run there. */
PlSnapshot             *pl_snapshot_new_after_line    (PlPipelineRun *pipeline,
                                                       gint           line);
void                    pl_snapshot_free              (PlSnapshot    *self);
gint64                  pl_snapshot_get_time_ns       (PlSnapshot    *self);
/* Arguments first, then in the order they were made. */
guint                   pl_snapshot_get_n_arrays      (PlSnapshot    *self);
const PlSnapshotArray  *pl_snapshot_get_array         (PlSnapshot    *self,
                                                       guint          index);
const PlSnapshotArray  *pl_snapshot_lookup_array      (PlSnapshot    *self,
                                                       guint64        array_id);
/* Buffers the pipeline allocated that no array alive then holds. */
guint                   pl_snapshot_get_n_buffers     (PlSnapshot    *self);
const PlSnapshotBuffer *pl_snapshot_get_buffer        (PlSnapshot    *self,
                                                       guint          index);
/* The bytes of the buffers the pipeline allocated that are alive (the
 * allocated figure of the plot at that moment); arguments excluded. */
gint64                  pl_snapshot_get_allocated_bytes (PlSnapshot  *self);
/* The bytes of the arguments' buffers (each buffer once). */
gint64                  pl_snapshot_get_argument_bytes (PlSnapshot   *self);
/* Arrays alive that view another's data. */
guint                   pl_snapshot_get_n_views       (PlSnapshot    *self);
/* Formats a shape as NumPy prints it: "(8000000,)", "(1000, 10)", "()";
 * shapes with more dimensions than the log keeps end in ", ...)". */
char                   *pl_snapshot_format_shape      (const PlSnapshotArray *array);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PlSnapshot, pl_snapshot_free)

G_END_DECLS
