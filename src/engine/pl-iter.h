/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "pl-array.h"

G_BEGIN_DECLS

/* The most operands one iteration walks together (np.where: cond, a, b, out). */
#define PL_ITER_MAX_OPS 4

/* Elements per inner chunk: kernels check the interrupt flag between chunks,
 * so a long kernel stops within milliseconds. */
#define PL_ITER_BLOCK 65536

/* An N-d multi-operand strided iterator, NumPy's nditer reduced to what the
 * kernels need. All operands are viewed with the same (broadcast) shape; size-1
 * dimensions are dropped and dimensions that are contiguous with their inner
 * neighbour for every operand are merged, so a C-contiguous operation becomes
 * one flat loop. pl_iter_next() hands out 1-D chunks: a pointer per operand,
 * a count, and the per-operand inner strides in @inner_strides.
 *
 *   PlIter it;
 *   guint8 *p[2];
 *   gint64 n;
 *   pl_iter_init (&it, 2, ops, ndim, shape, error);
 *   while (pl_iter_next (&it, p, &n))
 *     loop (p, it.inner_strides, n);
 *
 * The iterator holds no references and allocates nothing. */
typedef struct
{
  /*< public, read-only >*/
  guint   nop;
  gint    ndim;                                 /* after coalescing, >= 1 */
  gint64  shape[PL_MAX_DIMS];                   /* innermost last */
  gint64  strides[PL_ITER_MAX_OPS][PL_MAX_DIMS];
  gint64  inner_strides[PL_ITER_MAX_OPS];
  gint64  size;                                 /* elements in all */
  gint64  block;                                /* most elements per chunk */
  /*< private >*/
  guint8 *row[PL_ITER_MAX_OPS];
  gint64  coord[PL_MAX_DIMS];
  gint64  inner_pos;
  gint64  done;
} PlIter;

/* Broadcasts the shapes of @n arrays together (NumPy's rules). On a mismatch
 * sets NumPy's error: "operands could not be broadcast together with shapes
 * (3,) (4,) ". */
gboolean pl_broadcast_shapes (guint           n,
                              PlArray *const *arrays,
                              gint           *out_ndim,
                              gint64         *out_shape,
                              GError        **error);

/* The strides that view @array with the broadcast shape (@ndim, @shape):
 * leading and size-1 dimensions get stride 0. FALSE if it cannot broadcast. */
gboolean pl_broadcast_strides (const PlArray *array,
                               gint           ndim,
                               const gint64  *shape,
                               gint64        *out_strides);

/* Prepares iteration of @nop arrays over the broadcast shape (@ndim, @shape),
 * which every operand must broadcast to (an error otherwise). */
gboolean pl_iter_init        (PlIter         *iter,
                              guint           nop,
                              PlArray *const *ops,
                              gint            ndim,
                              const gint64   *shape,
                              GError        **error);

/* The same, visiting dimensions in operand 0's memory order (order='K'). */
gboolean pl_iter_init_memory_order (PlIter         *iter,
                                    guint           nop,
                                    PlArray *const *ops,
                                    gint            ndim,
                                    const gint64   *shape,
                                    GError        **error);

/* The same over raw operands: @data[k] is operand k's first element and
 * @strides[k] its @ndim strides (already broadcast). */
void     pl_iter_init_raw    (PlIter         *iter,
                              guint           nop,
                              guint8 *const  *data,
                              const gint64 *const *strides,
                              gint            ndim,
                              const gint64   *shape);

/* Limits chunks to @block elements (default PL_ITER_BLOCK); call before the
 * first pl_iter_next(). */
void     pl_iter_set_block   (PlIter         *iter,
                              gint64          block);

/* Returns the next chunk: @ptrs receives one pointer per operand, @count the
 * number of elements (> 0). FALSE when the iteration is over. */
gboolean pl_iter_next        (PlIter         *iter,
                              guint8        **ptrs,
                              gint64         *count);

/* Whether one stride describes operand @k over the whole iteration (NumPy's
 * test for an operand that never needs its buffer). */
gboolean pl_iter_operand_is_flat (const PlIter *iter,
                                  guint         k);

G_END_DECLS
