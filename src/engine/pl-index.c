/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "pl-array.h"
#include "pl-assign.h"
#include "pl-iter.h"

/* x[...] as NumPy does it. Basic indices (ints, slices, None, ...) give a
 * view. One index array (a boolean mask or an integer array), alone or with
 * basic indices, gives a copy: a mask is counted first so the result is
 * allocated once at its final size (MASK reason), exactly as NumPy's
 * array_boolean_subscript () does. Setting through a mask or an integer
 * array allocates nothing. */

/* What the index does once the array index is set aside: a view of self
 * (basic indices applied, the array index replaced by full slices over the
 * axes it covers) and where those axes are. */
typedef struct
{
  PlArray *view;        /* owned */
  PlArray *index;       /* borrowed; NULL for basic indexing */
  gboolean is_mask;
  gint     axis;        /* first axis of @view the index array covers */
  gint     naxes;       /* how many (mask.ndim, or 1) */
  gint     self_axis;   /* the same axis of self, for error messages */
  gboolean to_front;    /* NumPy puts the selection first: an int and the
                           array index are separated by a slice/None/... */
  /* All the integer index arrays (index is the first), each over one axis
   * of @view, and the shape they broadcast to: the selection's shape. */
  gint     n_arrays;
  PlArray *arrays[PL_MAX_DIMS];
  gint     array_axis[PL_MAX_DIMS];
  gint     array_self_axis[PL_MAX_DIMS];
  gint     sel_ndim;
  gint64   sel_shape[PL_MAX_DIMS];
  gint64   sel_strides[PL_MAX_DIMS][PL_MAX_DIMS];   /* per array, broadcast */
  /* Integer arrays made from boolean indices (NumPy's nonzero ()), owned. */
  gint     n_owned;
  PlArray *owned[PL_MAX_DIMS];
  /* NumPy's cast buffers for the integer index arrays that are not intp. */
  gint      n_buffers;
  PlBuffer *buffers[PL_MAX_DIMS];
} IndexPlan;

static void
index_plan_clear (IndexPlan *plan)
{
  g_clear_pointer (&plan->view, pl_array_unref);
  for (gint k = 0; k < plan->n_owned; k++)
    g_clear_pointer (&plan->owned[k], pl_array_unref);
  plan->n_owned = 0;
  for (gint k = 0; k < plan->n_buffers; k++)
    g_clear_pointer (&plan->buffers[k], pl_buffer_unref);
  plan->n_buffers = 0;
}

/* NumPy iterates the integer index arrays with a buffered iterator that
 * casts them to intp: each one of another dtype (int8 to int32, any
 * unsigned) costs a buffer of min (size, 8192) intp while the indexing
 * runs, for getting and setting alike (NumPy 1.24: x[i16] with 30000
 * indices peaks 65536 + ~2 KB above its result; x[i64], also strided, at
 * ~100 bytes). Recorded as SCRATCH, as tracemalloc sees NumPy's. */
static gboolean
allocate_cast_buffers (IndexPlan  *plan,
                       GError    **error)
{
  for (gint k = 0; k < plan->n_arrays; k++)
    {
      PlArray *a = plan->arrays[k];
      gint64 n = MIN (pl_array_get_size (a), 8192);

      if (a->dtype == PL_DTYPE_INT64 || n == 0)
        continue;
      plan->buffers[plan->n_buffers] = pl_buffer_new ((gsize) n * sizeof (gint64), PL_ALLOC_INIT_NONE,
                                                      PL_ALLOC_REASON_SCRATCH, error);
      if (plan->buffers[plan->n_buffers] == NULL)
        return FALSE;
      plan->n_buffers++;
    }
  return TRUE;
}

static gint64
count_true (const PlArray *mask)
{
  gint64 size = pl_array_get_size (mask);
  gint64 count = 0;

  if (pl_array_is_c_contiguous (mask))
    {
      const guint8 *m = mask->data;
      for (gint64 i = 0; i < size; i++)
        count += m[i] != 0;
      return count;
    }
  for (gint64 i = 0; i < size; i++)
    count += *pl_array_get_flat_pointer (mask, i) != 0;
  return count;
}

/* NumPy's _nonzero_indices (): one intp array of the true positions' coordinates per
 * dimension of @mask, each allocated on its own (they live while the
 * indexing runs: NumPy's peak includes them). */
static gboolean
nonzero_arrays (IndexPlan  *plan,
                PlArray    *mask,
                PlArray   **out,
                GError    **error)
{
  gint64 size = pl_array_get_size (mask);
  gint64 count = 0;
  gint64 coord[PL_MAX_DIMS] = { 0 };
  gint64 *dst[PL_MAX_DIMS];
  gint64 j = 0;
  gboolean contiguous = pl_array_is_c_contiguous (mask);

  count = count_true (mask);

  for (gint d = 0; d < mask->ndim; d++)
    {
      out[d] = pl_array_new (1, &count, PL_DTYPE_INT64, PL_ALLOC_INIT_NONE,
                             PL_ALLOC_REASON_TEMPORARY, error);
      if (out[d] == NULL)
        return FALSE;
      plan->owned[plan->n_owned++] = out[d];
      dst[d] = (gint64 *) (void *) out[d]->data;
    }

  for (gint64 i = 0; i < size; i++)
    {
      const guint8 *m = contiguous ? mask->data + i : pl_array_get_flat_pointer (mask, i);
      if (*m != 0)
        {
          for (gint d = 0; d < mask->ndim; d++)
            dst[d][j] = coord[d];
          j++;
        }
      for (gint d = mask->ndim - 1; d >= 0; d--)
        {
          if (++coord[d] < mask->shape[d])
            break;
          coord[d] = 0;
        }
    }
  return TRUE;
}

static gboolean
is_integer_dtype (PlDType dtype)
{
  PlDTypeKind kind = pl_dtype_kind (dtype);
  return kind == PL_DTYPE_KIND_INT || kind == PL_DTYPE_KIND_UINT;
}

static void
set_bounds_error (gint64   index,
                  gint     axis,
                  gint64   size,
                  GError **error)
{
  g_set_error (error, PL_ERROR, PL_ERROR_INDEX,
               "index %" G_GINT64_FORMAT " is out of bounds for axis %d with size %"
               G_GINT64_FORMAT, index, axis, size);
}

/* Python's slice.indices (): clamps start/stop, returns the length. */
static gint64
adjust_slice (const PlIndex *idx,
              gint64         n,
              gint64        *out_start,
              gint64        *out_step)
{
  gint64 step = idx->has_step ? idx->step : 1;
  gint64 start, stop;

  if (step < 0)
    {
      start = idx->has_start ? idx->start : n - 1;
      stop = idx->has_stop ? idx->stop : -n - 1;   /* "before the first" */
      if (idx->has_start)
        {
          if (start < 0)
            start = MAX (start + n, -1);
          else if (start >= n)
            start = n - 1;
        }
      if (idx->has_stop)
        {
          if (stop < 0)
            stop = MAX (stop + n, -1);
          else if (stop >= n)
            stop = n - 1;
        }
      else
        stop = -1;
    }
  else
    {
      start = idx->has_start ? idx->start : 0;
      stop = idx->has_stop ? idx->stop : n;
      if (start < 0)
        start = MAX (start + n, 0);
      else if (start > n)
        start = n;
      if (stop < 0)
        stop = MAX (stop + n, 0);
      else if (stop > n)
        stop = n;
    }

  *out_start = start;
  *out_step = step;
  if (step < 0)
    return stop < start ? (start - stop - 1) / (-step) + 1 : 0;
  return start < stop ? (stop - start - 1) / step + 1 : 0;
}

static gboolean
prepare (PlArray        *self,
         const PlIndex  *index,
         guint           n_index,
         IndexPlan      *plan,
         GError        **error)
{
  gint64 shape[PL_MAX_DIMS];
  gint64 strides[PL_MAX_DIMS];
  guint8 *data = self->data;
  gint consumed = 0;
  gint n_ellipsis = 0;
  gint n_arrays = 0;
  gint in_axis = 0;     /* axis of self */
  gint out_ndim = 0;    /* axes of the view so far */
  gint last_advanced = -2;
  gboolean advanced_apart = FALSE;

  memset (plan, 0, sizeof *plan);

  /* First pass: count what consumes dimensions, validate the kinds. */
  for (guint k = 0; k < n_index; k++)
    {
      switch (index[k].kind)
        {
        case PL_INDEX_INT:
        case PL_INDEX_SLICE:
          consumed++;
          break;
        case PL_INDEX_ELLIPSIS:
          if (++n_ellipsis > 1)
            {
              g_set_error_literal (error, PL_ERROR, PL_ERROR_INDEX,
                                   "an index can only have a single ellipsis ('...')");
              return FALSE;
            }
          break;
        case PL_INDEX_NEWAXIS:
          break;
        case PL_INDEX_ARRAY:
          {
            PlArray *a = index[k].array;
            g_return_val_if_fail (a != NULL, FALSE);
            if (a->dtype == PL_DTYPE_BOOL)
              consumed += a->ndim;
            else if (is_integer_dtype (a->dtype))
              consumed += 1;
            else
              {
                g_set_error_literal (error, PL_ERROR, PL_ERROR_INDEX,
                                     "arrays used as indices must be of integer (or boolean) type");
                return FALSE;
              }
            if (!(a->ndim == 0 && a->dtype != PL_DTYPE_BOOL))
              n_arrays++;
          }
          break;
        default:
          g_return_val_if_reached (FALSE);
        }
    }

  if (consumed > self->ndim)
    {
      g_set_error (error, PL_ERROR, PL_ERROR_INDEX,
                   "too many indices for array: array is %d-dimensional, but %d were indexed",
                   self->ndim, consumed);
      return FALSE;
    }
  if (n_arrays > 1)
    for (guint k = 0; k < n_index; k++)
      if (index[k].kind == PL_INDEX_ARRAY && index[k].array->dtype == PL_DTYPE_BOOL &&
          index[k].array->ndim == 0)
        {
          g_set_error_literal (error, PL_ERROR, PL_ERROR_NOT_IMPLEMENTED,
                               "a boolean scalar together with index arrays is not "
                               "supported; index one axis at a time");
          return FALSE;
        }

  /* Second pass: apply the basic indices. */
  for (guint k = 0; k < n_index; k++)
    {
      const PlIndex *idx = &index[k];
      PlIndexKind kind = idx->kind;
      gint64 ival = idx->i;

      /* A 0-d integer array is an integer (NumPy's prepare_index). */
      if (kind == PL_INDEX_ARRAY && idx->array->ndim == 0 && idx->array->dtype != PL_DTYPE_BOOL)
        {
          PlScalar s = pl_array_get_flat (idx->array, 0);
          kind = PL_INDEX_INT;
          ival = pl_scalar_to_int (&s);
        }

      if (out_ndim >= PL_MAX_DIMS && (kind == PL_INDEX_NEWAXIS || kind == PL_INDEX_SLICE))
        {
          g_set_error (error, PL_ERROR, PL_ERROR_INDEX,
                       "number of dimensions must be within [0, %d]", PL_MAX_DIMS);
          return FALSE;
        }

      switch (kind)
        {
        case PL_INDEX_INT:
          {
            gint64 n = self->shape[in_axis];
            gint64 i = ival;
            if (i < -n || i >= n)
              {
                set_bounds_error (ival, in_axis, n, error);
                return FALSE;
              }
            if (i < 0)
              i += n;
            data += i * self->strides[in_axis];
            in_axis++;
            /* With an index array, ints are advanced indices too. */
            if (last_advanced >= 0 && last_advanced != (gint) k - 1)
              advanced_apart = TRUE;
            last_advanced = (gint) k;
          }
          break;

        case PL_INDEX_SLICE:
          {
            gint64 start, step, len;
            if (idx->has_step && idx->step == 0)
              {
                g_set_error_literal (error, PL_ERROR, PL_ERROR_VALUE,
                                     "slice step cannot be zero");
                return FALSE;
              }
            len = adjust_slice (idx, self->shape[in_axis], &start, &step);
            /* NumPy views an empty slice from the axis' start with step 1. */
            if (len > 0)
              data += start * self->strides[in_axis];
            else
              step = 1;
            shape[out_ndim] = len;
            strides[out_ndim] = self->strides[in_axis] * step;
            out_ndim++;
            in_axis++;
          }
          break;

        case PL_INDEX_NEWAXIS:
          shape[out_ndim] = 1;
          strides[out_ndim] = 0;
          out_ndim++;
          break;

        case PL_INDEX_ELLIPSIS:
          {
            gint fill = self->ndim - consumed;
            if (out_ndim + fill > PL_MAX_DIMS)
              {
                g_set_error (error, PL_ERROR, PL_ERROR_INDEX,
                             "number of dimensions must be within [0, %d]", PL_MAX_DIMS);
                return FALSE;
              }
            for (gint j = 0; j < fill; j++)
              {
                shape[out_ndim] = self->shape[in_axis];
                strides[out_ndim] = self->strides[in_axis];
                out_ndim++;
                in_axis++;
              }
          }
          break;

        case PL_INDEX_ARRAY:
          {
            PlArray *a = idx->array;
            gint covers = a->dtype == PL_DTYPE_BOOL ? a->ndim : 1;

            if (a->dtype == PL_DTYPE_BOOL)
              for (gint j = 0; j < a->ndim; j++)
                if (a->shape[j] != self->shape[in_axis + j])
                  {
                    g_set_error (error, PL_ERROR, PL_ERROR_INDEX,
                                 "boolean index did not match indexed array along "
                                 "dimension %d; dimension is %" G_GINT64_FORMAT
                                 " but corresponding boolean dimension is %" G_GINT64_FORMAT,
                                 in_axis + j, self->shape[in_axis + j], a->shape[j]);
                    return FALSE;
                  }
            if (out_ndim + covers > PL_MAX_DIMS)
              {
                g_set_error (error, PL_ERROR, PL_ERROR_INDEX,
                             "number of dimensions must be within [0, %d]", PL_MAX_DIMS);
                return FALSE;
              }

            /* A boolean index is a mask (counted, then compressed) only when
             * it is the whole index and has the array's ndim, as in NumPy;
             * elsewhere NumPy turns it into integer arrays with nonzero (),
             * allocations included. */
            if (a->dtype == PL_DTYPE_BOOL && a->ndim > 0 &&
                !(n_index == 1 && a->ndim == self->ndim))
              {
                PlArray *nz[PL_MAX_DIMS];
                if (!nonzero_arrays (plan, a, nz, error))
                  return FALSE;
                for (gint j = 0; j < covers; j++)
                  {
                    if (plan->index == NULL)
                      {
                        plan->index = nz[j];
                        plan->axis = out_ndim;
                        plan->self_axis = in_axis;
                        plan->naxes = 1;
                      }
                    plan->arrays[plan->n_arrays] = nz[j];
                    plan->array_axis[plan->n_arrays] = out_ndim;
                    plan->array_self_axis[plan->n_arrays] = in_axis;
                    plan->n_arrays++;
                    shape[out_ndim] = self->shape[in_axis];
                    strides[out_ndim] = self->strides[in_axis];
                    out_ndim++;
                    in_axis++;
                  }
              }
            else
              {
                if (plan->index == NULL)
                  {
                    plan->index = a;
                    plan->is_mask = a->dtype == PL_DTYPE_BOOL;
                    plan->axis = out_ndim;
                    plan->self_axis = in_axis;
                    plan->naxes = covers;
                  }
                plan->arrays[plan->n_arrays] = a;
                plan->array_axis[plan->n_arrays] = out_ndim;
                plan->array_self_axis[plan->n_arrays] = in_axis;
                plan->n_arrays++;
                for (gint j = 0; j < covers; j++)
                  {
                    shape[out_ndim] = self->shape[in_axis];
                    strides[out_ndim] = self->strides[in_axis];
                    out_ndim++;
                    in_axis++;
                  }
              }
            if (last_advanced >= 0 && last_advanced != (gint) k - 1)
              advanced_apart = TRUE;
            last_advanced = (gint) k;
          }
          break;

        default:
          g_return_val_if_reached (FALSE);
        }
    }

  /* Remaining axes: implicit full slices. */
  for (; in_axis < self->ndim; in_axis++)
    {
      shape[out_ndim] = self->shape[in_axis];
      strides[out_ndim] = self->strides[in_axis];
      out_ndim++;
    }

  plan->to_front = plan->index != NULL && advanced_apart;

  /* Integer index arrays broadcast together (NumPy's rules). */
  if (plan->index != NULL && !plan->is_mask)
    {
      if (!pl_broadcast_shapes ((guint) plan->n_arrays, plan->arrays, &plan->sel_ndim,
                                plan->sel_shape, NULL))
        {
          GString *msg = g_string_new ("shape mismatch: indexing arrays could not be "
                                       "broadcast together with shapes ");
          for (gint k = 0; k < plan->n_arrays; k++)
            {
              PlArray *a = plan->arrays[k];
              g_string_append_c (msg, '(');
              for (gint j = 0; j < a->ndim; j++)
                g_string_append_printf (msg, j > 0 ? ",%" G_GINT64_FORMAT : "%" G_GINT64_FORMAT,
                                        a->shape[j]);
              g_string_append (msg, a->ndim == 1 ? ",) " : ") ");
            }
          g_set_error_literal (error, PL_ERROR, PL_ERROR_INDEX, msg->str);
          g_string_free (msg, TRUE);
          return FALSE;
        }
      for (gint k = 0; k < plan->n_arrays; k++)
        pl_broadcast_strides (plan->arrays[k], plan->sel_ndim, plan->sel_shape,
                              plan->sel_strides[k]);
    }

  plan->view = pl_array_new_view (self, out_ndim, shape, strides, data);
  return TRUE;
}

static inline void
copy_element (guint8       *dst,
              const guint8 *src,
              gsize         itemsize)
{
  switch (itemsize)
    {
    case 1: *dst = *src; break;
    case 2: memcpy (dst, src, 2); break;
    case 4: memcpy (dst, src, 4); break;
    case 8: memcpy (dst, src, 8); break;
    default: memcpy (dst, src, itemsize); break;
    }
}

/* Integer indices are checked against their axis before anything is
 * allocated or written. */
static gboolean
check_one_int_index (PlArray  *idx,
                     gint64    n,
                     gint      self_axis,
                     GError  **error)
{
  gint64 size = pl_array_get_size (idx);

  if (idx->dtype == PL_DTYPE_INT64 && pl_array_is_c_contiguous (idx))
    {
      const gint64 *ix = (const gint64 *) (const void *) idx->data;
      for (gint64 i = 0; i < size; i++)
        if (ix[i] < -n || ix[i] >= n)
          {
            set_bounds_error (ix[i], self_axis, n, error);
            return FALSE;
          }
      return TRUE;
    }

  for (gint64 i = 0; i < size; i++)
    {
      PlScalar s = pl_array_get_flat (idx, i);
      gint64 v = pl_scalar_to_int (&s);
      if (s.kind == PL_DTYPE_KIND_UINT || v < -n || v >= n)
        {
          set_bounds_error (v, self_axis, n, error);
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
check_int_index (const IndexPlan *plan,
                 GError         **error)
{
  for (gint k = 0; k < plan->n_arrays; k++)
    if (!check_one_int_index (plan->arrays[k], plan->view->shape[plan->array_axis[k]],
                              plan->array_self_axis[k], error))
      return FALSE;
  return TRUE;
}

static gint64
selection_size (const IndexPlan *plan)
{
  gint64 n = 1;
  for (gint j = 0; j < plan->sel_ndim; j++)
    n *= plan->sel_shape[j];
  return n;
}


/* Offsets (in plan->view) of the selected positions, one at a time. */
typedef struct
{
  const IndexPlan *plan;
  gint64           pos;       /* next position in the index array */
  gint64           size;
} Selection;

static gboolean
selection_next (Selection *sel,
                gint64    *offset)
{
  const IndexPlan *plan = sel->plan;
  PlArray *idx = plan->index;
  PlArray *view = plan->view;

  if (plan->is_mask)
    {
      while (sel->pos < sel->size)
        {
          gint64 p = sel->pos++;
          if (*pl_array_get_flat_pointer (idx, p) != 0)
            {
              gint64 off = 0;
              for (gint j = plan->naxes - 1; j >= 0; j--)
                {
                  gint64 n = idx->shape[j];
                  off += (p % n) * view->strides[plan->axis + j];
                  p /= n;
                }
              *offset = off;
              return TRUE;
            }
        }
      return FALSE;
    }
  else
    {
      gint64 off = 0;
      if (sel->pos >= sel->size)
        return FALSE;
      for (gint k = 0; k < plan->n_arrays; k++)
        {
          PlArray *a = plan->arrays[k];
          gint64 p = sel->pos, aoff = 0, v, n;
          if (plan->sel_ndim == 1)
            aoff = p * plan->sel_strides[k][0];
          else
            for (gint j = plan->sel_ndim - 1; j >= 0; j--)
              {
                aoff += (p % plan->sel_shape[j]) * plan->sel_strides[k][j];
                p /= plan->sel_shape[j];
              }
          if (a->dtype == PL_DTYPE_INT64)
            memcpy (&v, a->data + aoff, sizeof v);
          else
            {
              PlScalar s = pl_dtype_load (a->dtype, a->data + aoff);
              v = pl_scalar_to_int (&s);
            }
          n = view->shape[plan->array_axis[k]];
          if (v < 0)
            v += n;
          off += v * view->strides[plan->array_axis[k]];
        }
      sel->pos++;
      *offset = off;
      return TRUE;
    }
}

/* The view's axes that are not the index array's: "outer" ones before it,
 * "inner" ones after it. */
typedef struct
{
  gint    ndim;
  gint64  shape[PL_MAX_DIMS];
  gint64  strides[PL_MAX_DIMS];
} Dims;

static void
split_dims (const IndexPlan *plan,
            Dims            *outer,
            Dims            *inner)
{
  PlArray *v = plan->view;

  outer->ndim = 0;
  inner->ndim = 0;
  for (gint j = 0; j < v->ndim; j++)
    {
      gboolean covered = j >= plan->axis && j < plan->axis + plan->naxes;
      for (gint k = 1; k < plan->n_arrays; k++)
        covered |= j == plan->array_axis[k];
      if (covered)
        continue;
      if (j < plan->axis)
        {
          outer->shape[outer->ndim] = v->shape[j];
          outer->strides[outer->ndim++] = v->strides[j];
        }
      else
        {
          inner->shape[inner->ndim] = v->shape[j];
          inner->strides[inner->ndim++] = v->strides[j];
        }
    }
}

static gint64
dims_size (const Dims *d)
{
  gint64 n = 1;
  for (gint i = 0; i < d->ndim; i++)
    n *= d->shape[i];
  return n;
}

static gint64
dims_offset (const Dims *d,
             gint64      flat)
{
  gint64 off = 0;
  for (gint i = d->ndim - 1; i >= 0; i--)
    {
      off += (flat % d->shape[i]) * d->strides[i];
      flat /= d->shape[i];
    }
  return off;
}

/* The fast path of the tutorial's x[x > 0.5]: contiguous 1-d data and mask. */
#define COMPRESS_LOOP(ctype)                                                \
  {                                                                         \
    const ctype *s = (const ctype *) (const void *) src;                    \
    ctype *d = (ctype *) (void *) dst;                                      \
    gint64 j = 0;                                                           \
    /* Branch-free: always store, advance by the mask; stop when full so   \
     * the store never runs past the result. */                             \
    for (gint64 i = 0; i < n && j < count; i++)                             \
      {                                                                     \
        d[j] = s[i];                                                        \
        j += m[i] != 0;                                                     \
      }                                                                     \
  }

static void
compress_contiguous (guint8       *dst,
                     const guint8 *src,
                     const guint8 *m,
                     gint64        n,
                     gint64        count,
                     gsize         itemsize)
{
  switch (itemsize)
    {
    case 1: COMPRESS_LOOP (guint8); break;
    case 2: COMPRESS_LOOP (guint16); break;
    case 4: COMPRESS_LOOP (guint32); break;
    case 8: COMPRESS_LOOP (guint64); break;
    default: g_assert_not_reached ();
    }
}

static PlArray *
advanced_get (IndexPlan  *plan,
              GError    **error)
{
  PlArray *view = plan->view;
  PlArray *idx = plan->index;
  gsize itemsize = pl_dtype_itemsize (view->dtype);
  gint64 shape[PL_MAX_DIMS];
  gint ndim = 0;
  gint64 n_sel;
  Dims outer, inner;
  gint64 n_outer, n_inner;
  PlArray *result;
  guint8 *dst;
  Selection sel;

  if (plan->is_mask)
    n_sel = count_true (idx);
  else
    {
      if (!check_int_index (plan, error) || !allocate_cast_buffers (plan, error))
        return NULL;
      n_sel = selection_size (plan);
    }

  split_dims (plan, &outer, &inner);
  n_outer = dims_size (&outer);
  n_inner = dims_size (&inner);

  /* The result's shape: the selection's dims in place of the indexed axes,
   * or first (to_front). */
  if (!plan->to_front)
    for (gint j = 0; j < outer.ndim; j++)
      shape[ndim++] = outer.shape[j];
  if (plan->is_mask)
    shape[ndim++] = n_sel;
  else
    for (gint j = 0; j < plan->sel_ndim; j++)
      shape[ndim++] = plan->sel_shape[j];
  if (plan->to_front)
    for (gint j = 0; j < outer.ndim; j++)
      shape[ndim++] = outer.shape[j];
  for (gint j = 0; j < inner.ndim; j++)
    shape[ndim++] = inner.shape[j];

  if (ndim > PL_MAX_DIMS)
    {
      g_set_error (error, PL_ERROR, PL_ERROR_INDEX,
                   "number of dimensions must be within [0, %d]", PL_MAX_DIMS);
      return NULL;
    }

  result = pl_array_new (ndim, shape, view->dtype, PL_ALLOC_INIT_NONE,
                         PL_ALLOC_REASON_MASK, error);
  if (result == NULL || pl_array_get_size (result) == 0)
    return result;
  dst = result->data;

  /* A mask over all of a C-contiguous array (x[x > 0.5], any ndim) is a
   * flat compress. */
  if (plan->is_mask && outer.ndim == 0 && inner.ndim == 0 &&
      pl_array_is_c_contiguous (idx) && pl_array_is_c_contiguous (view))
    {
      compress_contiguous (dst, view->data, idx->data, pl_array_get_size (idx), n_sel, itemsize);
      return result;
    }

  /* x[idx] with a contiguous int64 index over a 1-d array: a plain gather
   * (the indices were checked above). */
  if (!plan->is_mask && plan->n_arrays == 1 && outer.ndim == 0 && inner.ndim == 0 &&
      idx->dtype == PL_DTYPE_INT64 && pl_array_is_c_contiguous (idx))
    {
      const gint64 *ix = (const gint64 *) (const void *) idx->data;
      gint64 n = view->shape[0];
      gint64 stride = view->strides[0];
      for (gint64 i = 0; i < n_sel; i++, dst += itemsize)
        {
          gint64 v = ix[i] < 0 ? ix[i] + n : ix[i];
          copy_element (dst, view->data + v * stride, itemsize);
        }
      return result;
    }

  /* General case: for each outer position and each selected position (in
   * the result's order), copy the inner block. */
  memset (&sel, 0, sizeof sel);
  sel.plan = plan;
  sel.size = plan->is_mask ? pl_array_get_size (idx) : selection_size (plan);

  if (!plan->to_front)
    {
      for (gint64 o = 0; o < n_outer; o++)
        {
          const guint8 *base = view->data + dims_offset (&outer, o);
          gint64 off;
          sel.pos = 0;
          while (selection_next (&sel, &off))
            for (gint64 i = 0; i < n_inner; i++, dst += itemsize)
              copy_element (dst, base + off + dims_offset (&inner, i), itemsize);
        }
    }
  else
    {
      gint64 off;
      while (selection_next (&sel, &off))
        for (gint64 o = 0; o < n_outer; o++)
          {
            const guint8 *base = view->data + off + dims_offset (&outer, o);
            for (gint64 i = 0; i < n_inner; i++, dst += itemsize)
              copy_element (dst, base + dims_offset (&inner, i), itemsize);
          }
    }
  return result;
}

/**
 * pl_array_get_item:
 * @self: the array
 * @index: (array length=n_index): the indices of x[i, j:k, ...]
 * @n_index: how many
 * @error: a #GError: IndexError for out-of-range or too many indices and
 *   mismatched masks, ValueError for a zero slice step
 *
 * Returns: (transfer full) (nullable): a view for basic indices, a new array
 *   (MASK reason) when one index is an array
 */
PlArray *
pl_array_get_item (PlArray        *self,
                   const PlIndex  *index,
                   guint           n_index,
                   GError        **error)
{
  IndexPlan plan;
  PlArray *result;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (n_index == 0 || index != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!prepare (self, index, n_index, &plan, error))
    {
      index_plan_clear (&plan);
      return NULL;
    }

  if (plan.index == NULL)
    return g_steal_pointer (&plan.view);

  result = advanced_get (&plan, error);
  index_plan_clear (&plan);
  return result;
}

static gboolean
check_writeable (PlArray  *self,
                 GError  **error)
{
  if (!(self->flags & PL_ARRAY_FLAG_WRITEABLE))
    {
      g_set_error_literal (error, PL_ERROR, PL_ERROR_VALUE,
                           "assignment destination is read-only");
      return FALSE;
    }
  return TRUE;
}

#define MASK_FILL_LOOP(ctype)                                               \
  {                                                                         \
    ctype *d = (ctype *) (void *) data;                                     \
    ctype v;                                                                \
    memcpy (&v, element, sizeof v);                                         \
    /* Branch-free select with a mask of all ones or zeros: a random mask   \
     * would mispredict half the branches; this the compiler vectorises. */ \
    for (gint64 i = 0; i < n; i++)                                          \
      {                                                                     \
        ctype mk = (ctype) -(ctype) (m[i] != 0);                            \
        d[i] = (ctype) ((d[i] & (ctype) ~mk) | (v & mk));                   \
      }                                                                     \
  }

static void
mask_fill_contiguous (guint8       *data,
                      const guint8 *m,
                      gint64        n,
                      const guint8 *element,
                      gsize         itemsize)
{
  switch (itemsize)
    {
    case 1: MASK_FILL_LOOP (guint8); break;
    case 2: MASK_FILL_LOOP (guint16); break;
    case 4: MASK_FILL_LOOP (guint32); break;
    case 8: MASK_FILL_LOOP (guint64); break;
    default: g_assert_not_reached ();
    }
}

/* NumPy's shape mismatch messages print shapes without spaces: "(1,3,4)". */
static char *
format_shape_compact (gint          ndim,
                      const gint64 *shape)
{
  GString *s = g_string_new ("(");

  for (gint i = 0; i < ndim; i++)
    g_string_append_printf (s, i > 0 ? ",%" G_GINT64_FORMAT : "%" G_GINT64_FORMAT, shape[i]);
  if (ndim == 1)
    g_string_append_c (s, ',');
  g_string_append_c (s, ')');
  return g_string_free (s, FALSE);
}

static gboolean
advanced_set (IndexPlan  *plan,
              PlArray    *value,
              GError    **error)
{
  PlArray *view = plan->view;
  PlArray *idx = plan->index;
  gsize itemsize = pl_dtype_itemsize (view->dtype);
  gint64 n_sel;
  Dims outer, inner;
  gint64 n_outer, n_inner;
  Selection sel;
  gboolean scalar = pl_array_get_size (value) == 1;
  guint8 element[16];
  gint64 rshape[PL_MAX_DIMS];
  gint64 vstrides[PL_MAX_DIMS];
  gint rndim = 0;
  gint64 k = 0;

  if (plan->is_mask)
    n_sel = count_true (idx);
  else
    {
      if (!check_int_index (plan, error) || !allocate_cast_buffers (plan, error))
        return FALSE;
      n_sel = selection_size (plan);
    }

  split_dims (plan, &outer, &inner);
  n_outer = dims_size (&outer);
  n_inner = dims_size (&inner);

  if (scalar)
    {
      PlScalar s = pl_array_get_flat (value, 0);
      pl_dtype_store (view->dtype, element, &s);
    }
  else
    {
      /* The value broadcasts to the shape x[index] would have. */
      if (!plan->to_front)
        for (gint j = 0; j < outer.ndim; j++)
          rshape[rndim++] = outer.shape[j];
      if (plan->is_mask)
        rshape[rndim++] = n_sel;
      else
        for (gint j = 0; j < plan->sel_ndim; j++)
          rshape[rndim++] = plan->sel_shape[j];
      if (plan->to_front)
        for (gint j = 0; j < outer.ndim; j++)
          rshape[rndim++] = outer.shape[j];
      for (gint j = 0; j < inner.ndim; j++)
        rshape[rndim++] = inner.shape[j];

      if (rndim > PL_MAX_DIMS || !pl_broadcast_strides (value, rndim, rshape, vstrides))
        {
          if (plan->is_mask && value->ndim == 1 && outer.ndim == 0 && inner.ndim == 0)
            g_set_error (error, PL_ERROR, PL_ERROR_VALUE,
                         "NumPy boolean array indexing assignment cannot assign %"
                         G_GINT64_FORMAT " input values to the %" G_GINT64_FORMAT
                         " output values where the mask is true",
                         value->shape[0], n_sel);
          else
            {
              g_autofree char *vs = format_shape_compact (value->ndim, value->shape);
              g_autofree char *rs = format_shape_compact (MIN (rndim, PL_MAX_DIMS), rshape);
              g_set_error (error, PL_ERROR, PL_ERROR_VALUE,
                           "shape mismatch: value array of shape %s could not be "
                           "broadcast to indexing result of shape %s", vs, rs);
            }
          return FALSE;
        }
    }

  if (scalar && plan->is_mask && outer.ndim == 0 && inner.ndim == 0 &&
      pl_array_is_c_contiguous (idx) && pl_array_is_c_contiguous (view))
    {
      mask_fill_contiguous (view->data, idx->data, pl_array_get_size (idx), element, itemsize);
      return TRUE;
    }

  memset (&sel, 0, sizeof sel);
  sel.plan = plan;
  sel.size = plan->is_mask ? pl_array_get_size (idx) : selection_size (plan);

  /* Elements are visited in the order of x[index]; k counts them so that
   * the broadcast value can be read at the same logical position. */
#define STORE(dst_ptr)                                                      \
  G_STMT_START {                                                            \
    guint8 *d_ = (dst_ptr);                                                 \
    if (scalar)                                                             \
      copy_element (d_, element, itemsize);                                 \
    else                                                                    \
      {                                                                     \
        gint64 f_ = k, off_ = 0;                                            \
        for (gint a_ = rndim - 1; a_ >= 0; a_--)                            \
          {                                                                 \
            off_ += (f_ % rshape[a_]) * vstrides[a_];                       \
            f_ /= rshape[a_];                                               \
          }                                                                 \
        {                                                                   \
          PlScalar s_ = pl_dtype_load (value->dtype, value->data + off_);   \
          pl_dtype_store (view->dtype, d_, &s_);                            \
        }                                                                   \
      }                                                                     \
    k++;                                                                    \
  } G_STMT_END

  if (!plan->to_front)
    {
      for (gint64 o = 0; o < n_outer; o++)
        {
          guint8 *base = view->data + dims_offset (&outer, o);
          gint64 off;
          sel.pos = 0;
          while (selection_next (&sel, &off))
            for (gint64 i = 0; i < n_inner; i++)
              STORE (base + off + dims_offset (&inner, i));
        }
    }
  else
    {
      gint64 off;
      while (selection_next (&sel, &off))
        for (gint64 o = 0; o < n_outer; o++)
          {
            guint8 *base = view->data + off + dims_offset (&outer, o);
            for (gint64 i = 0; i < n_inner; i++)
              STORE (base + dims_offset (&inner, i));
          }
    }
#undef STORE
  return TRUE;
}

/**
 * pl_array_set_item:
 * @self: the array
 * @index: (array length=n_index): the indices of x[...] = value
 * @n_index: how many
 * @value: the value: a 0-d array (a Python scalar) or an array that
 *   broadcasts to the shape x[index] has
 * @error: a #GError
 *
 * x[index] = value. Basic indices write through the view (a scalar with a
 * fill, an array with pl_array_assign ()); a mask or an integer array writes
 * the selected elements in place. Nothing is allocated (unless the value
 * overlaps self, where pl_array_assign () copies it first, as NumPy does).
 *
 * Returns: %TRUE on success
 */
gboolean
pl_array_set_item (PlArray        *self,
                   const PlIndex  *index,
                   guint           n_index,
                   PlArray        *value,
                   GError        **error)
{
  IndexPlan plan;
  gboolean ok;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (value != NULL, FALSE);
  g_return_val_if_fail (n_index == 0 || index != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_writeable (self, error))
    return FALSE;
  if (!prepare (self, index, n_index, &plan, error))
    {
      index_plan_clear (&plan);
      return FALSE;
    }

  if (plan.index == NULL)
    {
      if (value->ndim == 0)
        {
          PlScalar s = pl_array_get_flat (value, 0);
          pl_array_fill (plan.view, &s);
          ok = TRUE;
        }
      else
        ok = pl_array_assign (plan.view, value, error);
    }
  else
    ok = advanced_set (&plan, value, error);

  index_plan_clear (&plan);
  return ok;
}
