/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "pl-iter.h"

#include <string.h>

/* NumPy spells shapes in its broadcasting errors without spaces. */
static void
append_shape (GString      *s,
              gint          ndim,
              const gint64 *shape)
{
  g_string_append_c (s, '(');
  for (gint d = 0; d < ndim; d++)
    {
      if (d > 0)
        g_string_append_c (s, ',');
      g_string_append_printf (s, "%" G_GINT64_FORMAT, shape[d]);
    }
  if (ndim == 1)
    g_string_append_c (s, ',');
  g_string_append_c (s, ')');
}

/**
 * pl_broadcast_shapes:
 *
 * Broadcasts the shapes of @arrays as NumPy does: shapes are aligned at the
 * right, and each dimension must be equal or 1 in every array.
 */
gboolean
pl_broadcast_shapes (guint           n,
                     PlArray *const *arrays,
                     gint           *out_ndim,
                     gint64         *out_shape,
                     GError        **error)
{
  gint ndim = 0;

  g_return_val_if_fail (arrays != NULL, FALSE);
  g_return_val_if_fail (out_ndim != NULL && out_shape != NULL, FALSE);

  for (guint k = 0; k < n; k++)
    ndim = MAX (ndim, arrays[k]->ndim);
  for (gint d = 0; d < ndim; d++)
    out_shape[d] = 1;

  for (guint k = 0; k < n; k++)
    {
      const PlArray *a = arrays[k];
      gint off = ndim - a->ndim;

      for (gint d = 0; d < a->ndim; d++)
        {
          gint64 have = out_shape[off + d];
          gint64 dim = a->shape[d];

          if (dim == have || dim == 1)
            continue;
          if (have == 1)
            {
              out_shape[off + d] = dim;
              continue;
            }

          {
            g_autoptr(GString) msg = g_string_new ("operands could not be broadcast together with shapes ");

            for (guint j = 0; j < n; j++)
              {
                append_shape (msg, arrays[j]->ndim, arrays[j]->shape);
                g_string_append_c (msg, ' ');
              }
            g_set_error_literal (error, PL_ERROR, PL_ERROR_VALUE, msg->str);
            return FALSE;
          }
        }
    }

  *out_ndim = ndim;
  return TRUE;
}

gboolean
pl_broadcast_strides (const PlArray *array,
                      gint           ndim,
                      const gint64  *shape,
                      gint64        *out_strides)
{
  gint off = ndim - array->ndim;

  if (off < 0)
    return FALSE;
  for (gint d = 0; d < off; d++)
    out_strides[d] = 0;
  for (gint d = 0; d < array->ndim; d++)
    {
      if (array->shape[d] == shape[off + d])
        out_strides[off + d] = array->shape[d] == 1 ? 0 : array->strides[d];
      else if (array->shape[d] == 1)
        out_strides[off + d] = 0;
      else
        return FALSE;
    }
  return TRUE;
}

static gboolean
iter_init (PlIter         *iter,
           guint           nop,
           PlArray *const *ops,
           gint            ndim,
           const gint64   *shape,
           gboolean        memory_order,
           GError        **error)
{
  gint64 strides[PL_ITER_MAX_OPS][PL_MAX_DIMS];
  const gint64 *sp[PL_ITER_MAX_OPS];
  guint8 *data[PL_ITER_MAX_OPS];

  g_return_val_if_fail (iter != NULL, FALSE);
  g_return_val_if_fail (nop >= 1 && nop <= PL_ITER_MAX_OPS, FALSE);
  g_return_val_if_fail (ndim >= 0 && ndim <= PL_MAX_DIMS, FALSE);

  for (guint k = 0; k < nop; k++)
    {
      if (!pl_broadcast_strides (ops[k], ndim, shape, strides[k]))
        {
          g_autoptr(GString) msg = g_string_new ("non-broadcastable operand with shape ");

          append_shape (msg, ops[k]->ndim, ops[k]->shape);
          g_string_append (msg, " doesn't match the broadcast shape ");
          append_shape (msg, ndim, shape);
          g_set_error_literal (error, PL_ERROR, PL_ERROR_VALUE, msg->str);
          return FALSE;
        }
      sp[k] = strides[k];
      data[k] = ops[k]->data;
    }

  if (memory_order && ndim > 1)
    {
      gint perm[PL_MAX_DIMS];
      gint64 pshape[PL_MAX_DIMS];
      gint64 pstrides[PL_ITER_MAX_OPS][PL_MAX_DIMS];

      /* Largest |stride| of operand 0 first, stably (C order on ties), as
       * NumPy's order='K' iteration does. */
      for (gint d = 0; d < ndim; d++)
        {
          gint j = d;

          while (j > 0 && ABS (strides[0][perm[j - 1]]) < ABS (strides[0][d]))
            {
              perm[j] = perm[j - 1];
              j--;
            }
          perm[j] = d;
        }
      for (gint d = 0; d < ndim; d++)
        {
          pshape[d] = shape[perm[d]];
          for (guint k = 0; k < nop; k++)
            pstrides[k][d] = strides[k][perm[d]];
        }
      for (guint k = 0; k < nop; k++)
        sp[k] = pstrides[k];
      pl_iter_init_raw (iter, nop, data, sp, ndim, pshape);
      return TRUE;
    }

  pl_iter_init_raw (iter, nop, data, sp, ndim, shape);
  return TRUE;
}

/**
 * pl_iter_init:
 *
 * Iterates in C order of the broadcast shape (the order of the logical
 * elements), merging dimensions where the memory allows.
 */
gboolean
pl_iter_init (PlIter         *iter,
              guint           nop,
              PlArray *const *ops,
              gint            ndim,
              const gint64   *shape,
              GError        **error)
{
  return iter_init (iter, nop, ops, ndim, shape, FALSE, error);
}

/**
 * pl_iter_init_memory_order:
 *
 * Like pl_iter_init(), but the dimensions are visited in the memory order
 * of operand 0 (NumPy's order='K'): an elementwise operation on transposed
 * arrays then runs over contiguous memory. Only for operations where the
 * order of the elements does not matter.
 */
gboolean
pl_iter_init_memory_order (PlIter         *iter,
                           guint           nop,
                           PlArray *const *ops,
                           gint            ndim,
                           const gint64   *shape,
                           GError        **error)
{
  return iter_init (iter, nop, ops, ndim, shape, TRUE, error);
}

void
pl_iter_init_raw (PlIter              *iter,
                  guint                nop,
                  guint8 *const       *data,
                  const gint64 *const *strides,
                  gint                 ndim,
                  const gint64        *shape)
{
  gint n = 0;

  g_return_if_fail (iter != NULL);
  g_return_if_fail (nop >= 1 && nop <= PL_ITER_MAX_OPS);
  g_return_if_fail (ndim >= 0 && ndim <= PL_MAX_DIMS);

  memset (iter, 0, sizeof *iter);
  iter->nop = nop;
  iter->block = PL_ITER_BLOCK;
  iter->size = 1;
  for (gint d = 0; d < ndim; d++)
    iter->size *= shape[d];

  /* Walk the dimensions from the innermost outwards, dropping size-1
   * dimensions and merging a dimension into its inner neighbour when, for
   * every operand, stepping it once is the same as stepping the inner one
   * across its whole length. The result is stored innermost first and
   * reversed at the end. */
  gint64 rshape[PL_MAX_DIMS];
  gint64 rstrides[PL_ITER_MAX_OPS][PL_MAX_DIMS];

  for (gint d = ndim - 1; d >= 0; d--)
    {
      gboolean merge = n > 0;

      if (shape[d] == 1)
        continue;
      for (guint k = 0; merge && k < nop; k++)
        merge = strides[k][d] == rstrides[k][n - 1] * rshape[n - 1];
      if (merge)
        {
          rshape[n - 1] *= shape[d];
          continue;
        }
      rshape[n] = shape[d];
      for (guint k = 0; k < nop; k++)
        rstrides[k][n] = strides[k][d];
      n++;
    }

  if (n == 0)
    {
      rshape[0] = iter->size;  /* 1, or 0 when some dimension was 0 */
      for (guint k = 0; k < nop; k++)
        rstrides[k][0] = 0;
      n = 1;
    }

  iter->ndim = n;
  for (gint d = 0; d < n; d++)
    {
      iter->shape[d] = rshape[n - 1 - d];
      for (guint k = 0; k < nop; k++)
        iter->strides[k][d] = rstrides[k][n - 1 - d];
    }
  for (guint k = 0; k < nop; k++)
    {
      iter->inner_strides[k] = iter->strides[k][n - 1];
      iter->row[k] = data[k];
    }
}

void
pl_iter_set_block (PlIter *iter,
                   gint64  block)
{
  g_return_if_fail (iter != NULL);
  g_return_if_fail (block > 0);

  iter->block = block;
}

gboolean
pl_iter_next (PlIter  *iter,
              guint8 **ptrs,
              gint64  *count)
{
  gint last = iter->ndim - 1;
  gint64 inner = iter->shape[last];
  gint64 n;

  if (iter->done >= iter->size)
    return FALSE;

  n = MIN (iter->block, inner - iter->inner_pos);
  for (guint k = 0; k < iter->nop; k++)
    ptrs[k] = iter->row[k] + iter->inner_pos * iter->inner_strides[k];
  *count = n;
  iter->done += n;
  iter->inner_pos += n;

  if (iter->inner_pos == inner)
    {
      iter->inner_pos = 0;
      for (gint d = last - 1; d >= 0; d--)
        {
          iter->coord[d]++;
          for (guint k = 0; k < iter->nop; k++)
            iter->row[k] += iter->strides[k][d];
          if (iter->coord[d] < iter->shape[d])
            break;
          for (guint k = 0; k < iter->nop; k++)
            iter->row[k] -= iter->strides[k][d] * iter->shape[d];
          iter->coord[d] = 0;
        }
    }

  return TRUE;
}

gboolean
pl_iter_operand_is_flat (const PlIter *iter,
                         guint         k)
{
  g_return_val_if_fail (iter != NULL && k < iter->nop, FALSE);

  for (gint d = 1; d < iter->ndim; d++)
    if (iter->strides[k][d - 1] != iter->strides[k][d] * iter->shape[d])
      return FALSE;
  return TRUE;
}
