/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "pl-assign.h"
#include "pl-kernels-private.h"

static void
memory_extent (const PlArray *a,
               guintptr      *lo,
               guintptr      *hi)
{
  guintptr start = (guintptr) a->data;
  guintptr end = start + pl_dtype_itemsize (a->dtype);

  for (gint d = 0; d < a->ndim; d++)
    {
      gint64 span = (a->shape[d] - 1) * a->strides[d];

      if (a->shape[d] == 0)
        {
          *lo = *hi = start;
          return;
        }
      if (span < 0)
        start += span;
      else
        end += span;
    }
  *lo = start;
  *hi = end;
}

gboolean
pl_arrays_may_share_memory (const PlArray *a,
                            const PlArray *b)
{
  guintptr alo, ahi, blo, bhi;

  g_return_val_if_fail (a != NULL && b != NULL, FALSE);

  if (a->data == NULL || b->data == NULL)
    return FALSE;
  memory_extent (a, &alo, &ahi);
  memory_extent (b, &blo, &bhi);
  return alo < bhi && blo < ahi;
}

/* NumPy spells shapes in this message without spaces: "(2,3)". */
static char *
format_shape (gint          ndim,
              const gint64 *shape)
{
  GString *s = g_string_new ("(");

  for (gint d = 0; d < ndim; d++)
    g_string_append_printf (s, d ? ",%" G_GINT64_FORMAT : "%" G_GINT64_FORMAT, shape[d]);
  if (ndim == 1)
    g_string_append_c (s, ',');
  g_string_append_c (s, ')');
  return g_string_free (s, FALSE);
}

gboolean
pl_array_assign_casting (PlArray   *dst,
                         PlArray   *src,
                         PlCasting  casting,
                         GError   **error)
{
  g_autoptr(PlArray) src_copy = NULL;
  PlArray view;
  PlArray *ops[2];
  PlCastLoop loop;
  PlIter it;
  guint8 *p[2];
  gint64 n;
  gint skip = 0;

  g_return_val_if_fail (dst != NULL, FALSE);
  g_return_val_if_fail (src != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!(dst->flags & PL_ARRAY_FLAG_WRITEABLE))
    {
      g_set_error_literal (error, PL_ERROR, PL_ERROR_VALUE,
                           "assignment destination is read-only");
      return FALSE;
    }

  if (!pl_can_cast (src->dtype, dst->dtype, casting))
    {
      g_set_error (error, PL_ERROR, PL_ERROR_TYPE,
                   "Cannot cast array data from dtype('%s') to dtype('%s') according to the rule '%s'",
                   pl_dtype_name (src->dtype), pl_dtype_name (dst->dtype),
                   pl_casting_name (casting));
      return FALSE;
    }

  /* NumPy drops leading size-1 dimensions of the value, so a (1, 3) array
   * can be stored into a (3,) slice. */
  while (src->ndim - skip > dst->ndim && src->shape[skip] == 1)
    skip++;

  {
    gboolean ok = src->ndim - skip <= dst->ndim;
    gint off = dst->ndim - (src->ndim - skip);

    for (gint d = skip; ok && d < src->ndim; d++)
      ok = src->shape[d] == 1 || src->shape[d] == dst->shape[off + d - skip];
    if (!ok)
      {
        g_autofree char *from = format_shape (src->ndim, src->shape);
        g_autofree char *to = format_shape (dst->ndim, dst->shape);

        g_set_error (error, PL_ERROR, PL_ERROR_VALUE,
                     "could not broadcast input array from shape %s into shape %s",
                     from, to);
        return FALSE;
      }
  }

  if (pl_array_get_size (dst) == 0)
    return TRUE;

  /* Identical memory is a no-op copy; any other overlap would read values
   * already overwritten, so NumPy copies the value first. */
  if (src->dtype == dst->dtype && src->data == dst->data && src->ndim == dst->ndim &&
      memcmp (src->shape, dst->shape, sizeof (gint64) * (gsize) dst->ndim) == 0 &&
      memcmp (src->strides, dst->strides, sizeof (gint64) * (gsize) dst->ndim) == 0)
    return TRUE;
  if (pl_arrays_may_share_memory (src, dst))
    {
      src_copy = pl_array_copy (src, error);
      if (src_copy == NULL)
        return FALSE;
      src = src_copy;
    }

  view = *src;
  view.ndim = src->ndim - skip;
  memmove (view.shape, src->shape + skip, sizeof (gint64) * (gsize) view.ndim);
  memmove (view.strides, src->strides + skip, sizeof (gint64) * (gsize) view.ndim);

  ops[0] = dst;
  ops[1] = &view;
  if (!pl_iter_init (&it, 2, ops, dst->ndim, dst->shape, error))
    return FALSE;

  loop = pl_cast_get_loop (src->dtype, dst->dtype);
  /* A plain copy of contiguous memory goes to memmove in pieces of 256 MiB
   * (NumPy makes one call): below some MiB glibc does not use its
   * non-temporal stores, and a copy of 64 MB in small pieces is up to twice
   * as slow. A piece takes tens of milliseconds at most. */
  if (src->dtype == dst->dtype && it.ndim == 1 &&
      it.inner_strides[0] == (gint64) pl_dtype_itemsize (dst->dtype) &&
      it.inner_strides[1] == it.inner_strides[0])
    pl_iter_set_block (&it, ((gint64) 256 << 20) / it.inner_strides[0]);
  while (pl_iter_next (&it, p, &n))
    {
      loop (p[1], it.inner_strides[1], p[0], it.inner_strides[0], n);
      if (!pl_check_interrupt (error))
        return FALSE;
    }
  return TRUE;
}

/**
 * pl_array_assign:
 * @dst: the array written to (a view, for slice assignment)
 * @src: the value, broadcast to @dst's shape
 *
 * NumPy's `dst[...] = src`.
 */
gboolean
pl_array_assign (PlArray  *dst,
                 PlArray  *src,
                 GError  **error)
{
  return pl_array_assign_casting (dst, src, PL_CASTING_UNSAFE, error);
}
