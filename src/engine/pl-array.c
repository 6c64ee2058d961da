/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <string.h>

#include "pl-array.h"
#include "pl-assign.h"

/* --- lifetime ------------------------------------------------------------ */

static guint64 next_array_id;   /* atomic */

static PlArray *
array_alloc (PlDType      dtype,
             gint         ndim,
             const gint64 *shape)
{
  PlArray *self = g_new0 (PlArray, 1);

  self->ref_count = 1;
  self->id = __atomic_add_fetch (&next_array_id, 1, __ATOMIC_RELAXED);
  self->dtype = dtype;
  self->ndim = ndim;
  if (ndim > 0)
    memcpy (self->shape, shape, sizeof (gint64) * (gsize) ndim);
  self->flags = PL_ARRAY_FLAG_WRITEABLE;
  return self;
}

static void
set_c_strides (PlArray *self)
{
  gint64 stride = (gint64) pl_dtype_itemsize (self->dtype);

  /* As NumPy's _array_fill_strides (); an empty array may have dimensions
   * whose product overflows, where the strides do not matter: wrap. */
  for (gint i = self->ndim - 1; i >= 0; i--)
    {
      self->strides[i] = stride;
      stride = (gint64) ((guint64) stride * (guint64) (self->shape[i] > 0 ? self->shape[i] : 1));
    }
}

/* The array log (pl_alloc_record_array): arrays with data in a buffer. */
static void
array_log (PlArray          *self,
           PlArrayEventKind  kind)
{
  PlArrayEvent event = { 0 };

  if (self->buffer == NULL || !pl_alloc_is_recording ())
    return;

  event.kind = (guint8) kind;
  event.array_id = self->id;
  event.buffer_id = self->buffer->id;
  if (kind != PL_ARRAY_EVENT_FREE)
    {
      event.base_id = self->base != NULL ? self->base->id : 0;
      event.nbytes = (gint64) pl_array_get_nbytes (self);
      event.dtype = (guint8) self->dtype;
      event.ndim = (guint8) self->ndim;
      memcpy (event.shape, self->shape,
              sizeof (gint64) * (gsize) MIN (self->ndim, PL_ARRAY_EVENT_MAX_DIMS));
    }
  pl_alloc_record_array (&event);
}

void
pl_array_note_existing (PlArray *self)
{
  g_return_if_fail (self != NULL);

  if (self->base != NULL)
    array_log (self->base, PL_ARRAY_EVENT_EXISTING);
  array_log (self, PL_ARRAY_EVENT_EXISTING);
}

PlArray *
pl_array_ref (PlArray *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (self->ref_count > 0, NULL);

  g_atomic_int_inc (&self->ref_count);
  return self;
}

/**
 * pl_array_unref:
 * @self: (transfer full): an array
 *
 * Drops a reference; the last one releases the buffer (freeing it if no
 * other array shares it) and the base.
 */
void
pl_array_unref (PlArray *self)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (self->ref_count > 0);

  if (!g_atomic_int_dec_and_test (&self->ref_count))
    return;

  array_log (self, PL_ARRAY_EVENT_FREE);
  g_clear_pointer (&self->buffer, pl_buffer_unref);
  g_clear_pointer (&self->base, pl_array_unref);
  g_free (self);
}

/* --- attributes ---------------------------------------------------------- */

gint64
pl_array_get_size (const PlArray *self)
{
  gint64 size = 1;

  g_return_val_if_fail (self != NULL, 0);

  for (gint i = 0; i < self->ndim; i++)
    if (self->shape[i] == 0)
      return 0;
  for (gint i = 0; i < self->ndim; i++)
    size *= self->shape[i];
  return size;
}

gsize
pl_array_get_nbytes (const PlArray *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return (gsize) pl_array_get_size (self) * pl_dtype_itemsize (self->dtype);
}

/* NumPy's _UpdateContiguousFlags: dimensions of length 1 do not matter and
 * an empty array is both C and F contiguous. */
gboolean
pl_array_is_c_contiguous (const PlArray *self)
{
  gint64 sd;

  g_return_val_if_fail (self != NULL, FALSE);

  sd = (gint64) pl_dtype_itemsize (self->dtype);
  for (gint i = 0; i < self->ndim; i++)
    if (self->shape[i] == 0)
      return TRUE;
  for (gint i = self->ndim - 1; i >= 0; i--)
    if (self->shape[i] != 1)
      {
        if (self->strides[i] != sd)
          return FALSE;
        sd *= self->shape[i];
      }
  return TRUE;
}

gboolean
pl_array_is_f_contiguous (const PlArray *self)
{
  gint64 sd;

  g_return_val_if_fail (self != NULL, FALSE);

  sd = (gint64) pl_dtype_itemsize (self->dtype);
  for (gint i = 0; i < self->ndim; i++)
    if (self->shape[i] == 0)
      return TRUE;
  for (gint i = 0; i < self->ndim; i++)
    if (self->shape[i] != 1)
      {
        if (self->strides[i] != sd)
          return FALSE;
        sd *= self->shape[i];
      }
  return TRUE;
}

/**
 * pl_array_owns_data:
 *
 * Returns: NumPy's flags.owndata: %TRUE unless @self is a view (0-d arrays
 *   made from Python scalars own their inline data).
 */
gboolean
pl_array_owns_data (const PlArray *self)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return self->base == NULL;
}

static char *
format_shape (gint          ndim,
              const gint64 *shape)
{
  GString *s = g_string_new ("(");

  for (gint i = 0; i < ndim; i++)
    {
      if (i > 0)
        g_string_append (s, ", ");
      g_string_append_printf (s, "%" G_GINT64_FORMAT, shape[i]);
    }
  if (ndim == 1)
    g_string_append_c (s, ',');
  g_string_append_c (s, ')');
  return g_string_free (s, FALSE);
}

/**
 * pl_array_format_shape:
 *
 * Returns: (transfer full): the shape as Python prints the tuple:
 *   "()", "(5,)", "(1000, 256, 256)"
 */
char *
pl_array_format_shape (const PlArray *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return format_shape (self->ndim, self->shape);
}

guint8 *
pl_array_get_flat_pointer (const PlArray *self,
                           gint64         flat_index)
{
  guint8 *p;

  g_return_val_if_fail (self != NULL, NULL);

  p = self->data;
  for (gint i = self->ndim - 1; i >= 0; i--)
    {
      gint64 n = self->shape[i];
      if (n <= 0)
        break;
      p += (flat_index % n) * self->strides[i];
      flat_index /= n;
    }
  return p;
}

/**
 * pl_array_get_flat:
 * @self: an array
 * @flat_index: an index in C order of the logical elements, in range
 *
 * Returns: the element as a scalar (see pl_dtype_load ()).
 */
PlScalar
pl_array_get_flat (const PlArray *self,
                   gint64         flat_index)
{
  PlScalar zero = { .kind = PL_DTYPE_KIND_INT };

  g_return_val_if_fail (self != NULL, zero);
  g_return_val_if_fail (flat_index >= 0 && flat_index < pl_array_get_size (self), zero);

  return pl_dtype_load (self->dtype, pl_array_get_flat_pointer (self, flat_index));
}

/* --- construction -------------------------------------------------------- */

gboolean
pl_array_check_shape (gint           ndim,
                      const gint64  *shape,
                      PlDType        dtype,
                      gsize         *out_nbytes,
                      GError       **error)
{
  guint64 nbytes;
  gboolean overflow = FALSE;

  g_return_val_if_fail (pl_dtype_is_valid (dtype), FALSE);
  g_return_val_if_fail (ndim == 0 || shape != NULL, FALSE);

  if (ndim < 0 || ndim > PL_MAX_DIMS)
    {
      g_set_error (error, PL_ERROR, PL_ERROR_VALUE,
                   "maximum supported dimension for an ndarray is %d, found %d",
                   PL_MAX_DIMS, ndim);
      return FALSE;
    }

  nbytes = pl_dtype_itemsize (dtype);
  for (gint i = 0; i < ndim; i++)
    {
      if (shape[i] < 0)
        {
          g_set_error_literal (error, PL_ERROR, PL_ERROR_VALUE,
                               "negative dimensions are not allowed");
          return FALSE;
        }
      if (!overflow && __builtin_mul_overflow (nbytes, (guint64) shape[i], &nbytes))
        overflow = TRUE;
    }
  /* NumPy multiplies until the first zero, so (2**62, 2**62, 0) is fine. */
  for (gint i = 0; i < ndim; i++)
    if (shape[i] == 0)
      {
        overflow = FALSE;
        nbytes = 0;
      }
  if (overflow || nbytes > (guint64) G_MAXINT64)
    {
      g_set_error_literal (error, PL_ERROR, PL_ERROR_VALUE,
                           "array is too big; `arr.size * arr.dtype.itemsize` is "
                           "larger than the maximum possible size.");
      return FALSE;
    }

  if (out_nbytes != NULL)
    *out_nbytes = (gsize) nbytes;
  return TRUE;
}

static PlBuffer *
array_buffer_new (gint           ndim,
                  const gint64  *shape,
                  PlDType        dtype,
                  gsize          nbytes,
                  PlAllocInit    init,
                  PlAllocReason  reason,
                  GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  PlBuffer *buffer;

  /* NumPy allocates one element for empty arrays, so that the data pointer
   * is valid (ctors.c, "Allocate something even for zero-space arrays"). */
  if (nbytes == 0)
    nbytes = pl_dtype_itemsize (dtype);

  buffer = pl_buffer_new (nbytes, init, reason, &local_error);
  if (buffer == NULL)
    {
      g_autofree char *size = pl_format_bytes (nbytes);
      g_autofree char *shape_str = format_shape (ndim, shape);

      g_set_error (error, PL_ERROR, PL_ERROR_MEMORY,
                   "Unable to allocate %s for an array with shape %s and data type %s",
                   size, shape_str, pl_dtype_name (dtype));
    }
  return buffer;
}

/**
 * pl_array_new:
 * @ndim: the number of dimensions (0 to %PL_MAX_DIMS)
 * @shape: (array length=ndim): the shape
 * @dtype: the dtype
 * @init: %PL_ALLOC_INIT_ZERO to get zeroed memory from calloc
 * @reason: why the data is allocated, for the event log
 * @error: a #GError
 *
 * Returns: (transfer full) (nullable): a C-contiguous array owning its data
 */
PlArray *
pl_array_new (gint           ndim,
              const gint64  *shape,
              PlDType        dtype,
              PlAllocInit    init,
              PlAllocReason  reason,
              GError       **error)
{
  PlBuffer *buffer;
  PlArray *self;
  gsize nbytes;

  g_return_val_if_fail (pl_dtype_is_valid (dtype), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!pl_array_check_shape (ndim, shape, dtype, &nbytes, error))
    return NULL;

  buffer = array_buffer_new (ndim, shape, dtype, nbytes, init, reason, error);
  if (buffer == NULL)
    return NULL;

  self = array_alloc (dtype, ndim, shape);
  set_c_strides (self);
  self->buffer = buffer;
  self->data = buffer->data;
  array_log (self, PL_ARRAY_EVENT_NEW);
  return self;
}

/**
 * pl_array_new_like:
 * @proto: the array whose shape and layout to follow
 *
 * Like pl_array_new (), with the axes laid out in memory in the order of
 * @proto's strides (NumPy's order='K'), so the result of an operation on a
 * transposed array is itself "transposed".
 *
 * Returns: (transfer full) (nullable): the new array
 */
PlArray *
pl_array_new_like (PlArray        *proto,
                   PlDType         dtype,
                   PlAllocInit     init,
                   PlAllocReason   reason,
                   GError        **error)
{
  gint perm[PL_MAX_DIMS];
  gint64 stride;
  PlArray *self;

  g_return_val_if_fail (proto != NULL, NULL);

  if (dtype == PL_DTYPE_NONE)
    dtype = proto->dtype;

  self = pl_array_new (proto->ndim, proto->shape, dtype, init, reason, error);
  if (self == NULL || pl_array_is_c_contiguous (proto))
    return self;

  /* Sort the axes by decreasing |stride|, stably (PyArray_CreateSortedStridePerm),
   * then lay them out C-contiguously in that order. */
  for (gint i = 0; i < proto->ndim; i++)
    perm[i] = i;
  for (gint i = 1; i < proto->ndim; i++)
    {
      gint p = perm[i];
      gint j = i;
      gint64 sp = ABS (proto->strides[p]);
      while (j > 0 && ABS (proto->strides[perm[j - 1]]) < sp)
        {
          perm[j] = perm[j - 1];
          j--;
        }
      perm[j] = p;
    }
  stride = (gint64) pl_dtype_itemsize (dtype);
  for (gint i = proto->ndim - 1; i >= 0; i--)
    {
      self->strides[perm[i]] = stride;
      stride = (gint64) ((guint64) stride *
                         (guint64) (self->shape[perm[i]] > 0 ? self->shape[perm[i]] : 1));
    }
  return self;
}

PlArray *
pl_array_new_view (PlArray      *parent,
                   gint          ndim,
                   const gint64 *shape,
                   const gint64 *strides,
                   guint8       *data)
{
  PlArray *self;
  PlArray *owner;

  g_return_val_if_fail (parent != NULL, NULL);
  g_return_val_if_fail (ndim >= 0 && ndim <= PL_MAX_DIMS, NULL);

  owner = parent->base != NULL ? parent->base : parent;

  self = array_alloc (parent->dtype, ndim, shape);
  if (ndim > 0)
    memcpy (self->strides, strides, sizeof (gint64) * (gsize) ndim);
  self->data = data;
  self->buffer = parent->buffer != NULL ? pl_buffer_ref (parent->buffer) : NULL;
  self->base = pl_array_ref (owner);
  self->flags = parent->flags;
  array_log (self, PL_ARRAY_EVENT_NEW);
  return self;
}

/* --- filling ------------------------------------------------------------- */

static void
fill_contiguous (guint8       *data,
                 gint64        n,
                 gsize         itemsize,
                 const guint8 *element)
{
  switch (itemsize)
    {
    case 1:
      memset (data, element[0], (gsize) n);
      break;
    case 2:
      {
        guint16 v, *d = (guint16 *) (void *) data;
        memcpy (&v, element, 2);
        for (gint64 i = 0; i < n; i++)
          d[i] = v;
      }
      break;
    case 4:
      {
        guint32 v, *d = (guint32 *) (void *) data;
        memcpy (&v, element, 4);
        for (gint64 i = 0; i < n; i++)
          d[i] = v;
      }
      break;
    case 8:
      {
        guint64 v, *d = (guint64 *) (void *) data;
        memcpy (&v, element, 8);
        for (gint64 i = 0; i < n; i++)
          d[i] = v;
      }
      break;
    default:
      g_assert_not_reached ();
    }
}

/**
 * pl_array_fill:
 * @self: an array
 * @value: the value, converted to @self's dtype as pl_dtype_store () does
 *
 * Writes @value into every element of @self (any strides), as
 * ndarray.fill () and x[...] = value do.
 */
void
pl_array_fill (PlArray        *self,
               const PlScalar *value)
{
  guint8 element[16];
  gsize itemsize;
  gint64 size;
  gint64 index[PL_MAX_DIMS] = { 0 };
  gint inner;
  gint64 n_inner, s_inner;

  g_return_if_fail (self != NULL);
  g_return_if_fail (value != NULL);

  size = pl_array_get_size (self);
  if (size == 0)
    return;

  itemsize = pl_dtype_itemsize (self->dtype);
  pl_dtype_store (self->dtype, element, value);

  if (pl_array_is_c_contiguous (self) || pl_array_is_f_contiguous (self))
    {
      /* In pieces of 1 MiB, so that a cancelled run stops within
       * milliseconds even while np.ones fills gigabytes (the creator
       * then reports the interruption). */
      gint64 piece = MAX (1, (1 << 20) / (gint64) itemsize);

      for (gint64 done = 0; done < size && !pl_engine_is_interrupted (); done += piece)
        fill_contiguous (self->data + done * itemsize, MIN (piece, size - done), itemsize, element);
      return;
    }

  /* Strided: an odometer over the outer axes, a loop over the last one. */
  inner = self->ndim - 1;
  n_inner = self->shape[inner];
  s_inner = self->strides[inner];
  for (;;)
    {
      guint8 *p = self->data;
      gint d;

      for (gint i = 0; i < inner; i++)
        p += index[i] * self->strides[i];
      for (gint64 i = 0; i < n_inner; i++)
        memcpy (p + i * s_inner, element, itemsize);

      for (d = inner - 1; d >= 0; d--)
        {
          if (++index[d] < self->shape[d])
            break;
          index[d] = 0;
        }
      if (d < 0)
        break;
    }
}

/* --- creation ------------------------------------------------------------ */

static PlDType
default_dtype_for (PlDTypeKind kind)
{
  switch (kind)
    {
    case PL_DTYPE_KIND_BOOL:  return PL_DTYPE_BOOL;
    case PL_DTYPE_KIND_INT:   return PL_DTYPE_INT64;
    case PL_DTYPE_KIND_UINT:  return PL_DTYPE_UINT64;
    case PL_DTYPE_KIND_FLOAT:
    default:                  return PL_DTYPE_FLOAT64;
    }
}

/**
 * pl_array_new_scalar:
 * @value: a Python scalar
 * @dtype: the dtype, or %PL_DTYPE_NONE for NumPy's default (bool, int64,
 *   float64 for Python bool, int and float)
 *
 * Returns: (transfer full): a 0-d array holding the value inline: no buffer,
 *   no allocation event.
 */
PlArray *
pl_array_new_scalar (const PlScalar *value,
                     PlDType         dtype)
{
  PlArray *self;

  g_return_val_if_fail (value != NULL, NULL);
  g_return_val_if_fail (dtype == PL_DTYPE_NONE || pl_dtype_is_valid (dtype), NULL);

  if (dtype == PL_DTYPE_NONE)
    dtype = default_dtype_for (value->kind);

  self = array_alloc (dtype, 0, NULL);
  self->data = self->inline_data.bytes;
  pl_dtype_store (dtype, self->data, value);
  return self;
}

/**
 * pl_array_empty:
 *
 * np.empty: malloc, nothing written (no page becomes resident).
 *
 * Returns: (transfer full) (nullable): the array
 */
PlArray *
pl_array_empty (gint           ndim,
                const gint64  *shape,
                PlDType        dtype,
                GError       **error)
{
  if (dtype == PL_DTYPE_NONE)
    dtype = PL_DTYPE_FLOAT64;
  return pl_array_new (ndim, shape, dtype, PL_ALLOC_INIT_NONE, PL_ALLOC_REASON_CREATE, error);
}

/**
 * pl_array_zeros:
 *
 * np.zeros: calloc, so large arrays get fresh zero pages that cost no
 * resident memory until written.
 *
 * Returns: (transfer full) (nullable): the array
 */
PlArray *
pl_array_zeros (gint           ndim,
                const gint64  *shape,
                PlDType        dtype,
                GError       **error)
{
  if (dtype == PL_DTYPE_NONE)
    dtype = PL_DTYPE_FLOAT64;
  return pl_array_new (ndim, shape, dtype, PL_ALLOC_INIT_ZERO, PL_ALLOC_REASON_CREATE, error);
}

/**
 * pl_array_ones:
 *
 * np.ones: malloc, then every element written.
 *
 * Returns: (transfer full) (nullable): the array
 */
PlArray *
pl_array_ones (gint           ndim,
               const gint64  *shape,
               PlDType        dtype,
               GError       **error)
{
  PlScalar one = pl_scalar_from_int (1);

  if (dtype == PL_DTYPE_NONE)
    dtype = PL_DTYPE_FLOAT64;
  return pl_array_full (ndim, shape, &one, dtype, error);
}

/* A fill stops early when the run is cancelled: the half-filled array is
 * dropped and the creation fails as the kernels do. */
static PlArray *
interrupted_fill (PlArray  *self,
                  GError  **error)
{
  if (self != NULL && pl_engine_is_interrupted ())
    {
      g_set_error_literal (error, PL_ERROR, PL_ERROR_CANCELLED,
                           "The run was stopped (KeyboardInterrupt).");
      g_clear_pointer (&self, pl_array_unref);
    }
  return self;
}

/**
 * pl_array_full:
 * @fill: the value
 * @dtype: the dtype, or %PL_DTYPE_NONE for the fill value's default dtype
 *
 * np.full: malloc, then every element written.
 *
 * Returns: (transfer full) (nullable): the array
 */
PlArray *
pl_array_full (gint            ndim,
               const gint64   *shape,
               const PlScalar *fill,
               PlDType         dtype,
               GError        **error)
{
  PlArray *self;

  g_return_val_if_fail (fill != NULL, NULL);

  if (dtype == PL_DTYPE_NONE)
    dtype = default_dtype_for (fill->kind);

  self = pl_array_new (ndim, shape, dtype, PL_ALLOC_INIT_NONE, PL_ALLOC_REASON_CREATE, error);
  if (self != NULL)
    pl_array_fill (self, fill);
  return interrupted_fill (self, error);
}

static PlArray *
like (PlArray       *proto,
      PlDType        dtype,
      const PlScalar *fill,
      GError       **error)
{
  PlArray *self;

  g_return_val_if_fail (proto != NULL, NULL);

  /* np.empty_like is malloc; np.zeros_like and np.ones_like are empty_like
   * followed by copyto, so even zeros_like writes every page. */
  self = pl_array_new_like (proto, dtype, PL_ALLOC_INIT_NONE, PL_ALLOC_REASON_CREATE, error);
  if (self != NULL && fill != NULL)
    pl_array_fill (self, fill);
  return interrupted_fill (self, error);
}

/**
 * pl_array_copy_order:
 * @self: the array to copy
 * @order: the copy's memory layout
 *
 * A copy that owns its data (COPY reason), laid out as NumPy lays out
 * `np.copy (x, order=)` / `x.copy (order=)`: np.copy and np.array default
 * to K, which keeps a transposed or Fortran-ordered source's axis order, so
 * that a later reshape of the copy's transpose is a view, as in NumPy.
 *
 * Returns: (transfer full) (nullable): the copy, or NULL with @error set
 */
PlArray *
pl_array_copy_order (PlArray  *self,
                     PlOrder   order,
                     GError  **error)
{
  g_autoptr(PlArray) copy = NULL;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (order >= PL_ORDER_C && order <= PL_ORDER_K, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (order == PL_ORDER_A)
    order = pl_array_is_f_contiguous (self) && !pl_array_is_c_contiguous (self) ? PL_ORDER_F : PL_ORDER_C;
  if (order == PL_ORDER_K && pl_array_is_c_contiguous (self))
    order = PL_ORDER_C;
  if (order == PL_ORDER_C)
    return pl_array_copy (self, error);

  if (order == PL_ORDER_K)
    copy = pl_array_new_like (self, self->dtype, PL_ALLOC_INIT_NONE, PL_ALLOC_REASON_COPY, error);
  else
    {
      gint64 stride = (gint64) pl_dtype_itemsize (self->dtype);

      copy = pl_array_new (self->ndim, self->shape, self->dtype, PL_ALLOC_INIT_NONE,
                           PL_ALLOC_REASON_COPY, error);
      for (gint d = 0; copy != NULL && d < self->ndim; d++)
        {
          copy->strides[d] = stride;
          stride *= self->shape[d] > 0 ? self->shape[d] : 1;
        }
    }
  if (copy == NULL || !pl_array_assign (copy, self, error))
    return NULL;
  return g_steal_pointer (&copy);
}

PlArray *
pl_array_empty_like (PlArray  *proto,
                     PlDType   dtype,
                     GError  **error)
{
  return like (proto, dtype, NULL, error);
}

PlArray *
pl_array_zeros_like (PlArray  *proto,
                     PlDType   dtype,
                     GError  **error)
{
  PlScalar zero = pl_scalar_from_int (0);
  return like (proto, dtype, &zero, error);
}

PlArray *
pl_array_ones_like (PlArray  *proto,
                    PlDType   dtype,
                    GError  **error)
{
  PlScalar one = pl_scalar_from_int (1);
  return like (proto, dtype, &one, error);
}

/* NumPy's arange fill functions: the first two elements are stored in the
 * dtype, then element i is start + i * (second - first), computed in the
 * dtype's own arithmetic (float16 in float). Integers wrap. */
#define ARANGE_FILL_INT(ctype, utype)                                       \
  {                                                                         \
    ctype *d = (ctype *) (void *) data;                                     \
    utype start = (utype) d[0];                                             \
    utype delta = (utype) ((utype) d[1] - start);                           \
    for (gint64 i = 2; i < n; i++)                                          \
      d[i] = (ctype) (utype) ((guint64) start + (guint64) i * (guint64) delta); \
  }

#define ARANGE_FILL_FLOAT(ctype)                                            \
  {                                                                         \
    ctype *d = (ctype *) (void *) data;                                     \
    ctype start = d[0];                                                     \
    ctype delta = d[1] - start;                                             \
    for (gint64 i = 2; i < n; i++)                                          \
      d[i] = start + (ctype) i * delta;                                     \
  }

static void
arange_fill (PlDType  dtype,
             guint8  *data,
             gint64   n)
{
  switch (dtype)
    {
    case PL_DTYPE_INT8:    ARANGE_FILL_INT (gint8, guint8); break;
    case PL_DTYPE_INT16:   ARANGE_FILL_INT (gint16, guint16); break;
    case PL_DTYPE_INT32:   ARANGE_FILL_INT (gint32, guint32); break;
    case PL_DTYPE_INT64:   ARANGE_FILL_INT (gint64, guint64); break;
    case PL_DTYPE_UINT8:   ARANGE_FILL_INT (guint8, guint8); break;
    case PL_DTYPE_UINT16:  ARANGE_FILL_INT (guint16, guint16); break;
    case PL_DTYPE_UINT32:  ARANGE_FILL_INT (guint32, guint32); break;
    case PL_DTYPE_UINT64:  ARANGE_FILL_INT (guint64, guint64); break;
    case PL_DTYPE_FLOAT32: ARANGE_FILL_FLOAT (float); break;
    case PL_DTYPE_FLOAT64: ARANGE_FILL_FLOAT (double); break;
    case PL_DTYPE_FLOAT16:
      {
        guint16 *d = (guint16 *) (void *) data;
        float start = pl_half_to_float (d[0]);
        float delta = pl_half_to_float (d[1]) - start;
        for (gint64 i = 2; i < n; i++)
          d[i] = pl_float_to_half (start + (float) i * delta);
      }
      break;
    case PL_DTYPE_BOOL:
    case PL_N_DTYPES:
    case PL_DTYPE_NONE:
    default:
      g_assert_not_reached ();
    }
}

static PlScalar
scalar_add (const PlScalar *a,
            const PlScalar *b)
{
  if (a->kind == PL_DTYPE_KIND_FLOAT || b->kind == PL_DTYPE_KIND_FLOAT)
    return pl_scalar_from_double (pl_scalar_to_double (a) + pl_scalar_to_double (b));
  return pl_scalar_from_int ((gint64) ((guint64) pl_scalar_to_int (a) +
                                       (guint64) pl_scalar_to_int (b)));
}

/**
 * pl_array_arange:
 * @start: the first value, or the stop when @stop is %NULL (arange(n))
 * @stop: (nullable): the end (excluded)
 * @step: (nullable): the step (default 1)
 * @dtype: the dtype, or %PL_DTYPE_NONE: int64 for ints, float64 if any
 *   argument is a float
 * @error: a #GError
 *
 * np.arange with NumPy's length, ceil ((stop - start) / step), and NumPy's
 * values (see arange_fill ()).
 *
 * Returns: (transfer full) (nullable): the array
 */
PlArray *
pl_array_arange (const PlScalar *start,
                 const PlScalar *stop,
                 const PlScalar *step,
                 PlDType         dtype,
                 GError        **error)
{
  PlScalar zero = pl_scalar_from_int (0);
  PlScalar one = pl_scalar_from_int (1);
  PlScalar second;
  gboolean any_float;
  PlArray *self;
  gint64 length;
  gsize itemsize;

  g_return_val_if_fail (start != NULL, NULL);
  g_return_val_if_fail (dtype == PL_DTYPE_NONE || pl_dtype_is_valid (dtype), NULL);

  if (stop == NULL)
    {
      stop = start;
      start = &zero;
    }
  if (step == NULL)
    step = &one;

  any_float = start->kind == PL_DTYPE_KIND_FLOAT || stop->kind == PL_DTYPE_KIND_FLOAT ||
              step->kind == PL_DTYPE_KIND_FLOAT;

  if (!pl_scalar_is_true (step))
    {
      g_set_error_literal (error, PL_ERROR, PL_ERROR_ZERO_DIVISION, "division by zero");
      return NULL;
    }

  if (any_float)
    {
      double len = ceil ((pl_scalar_to_double (stop) - pl_scalar_to_double (start)) /
                         pl_scalar_to_double (step));
      if (isnan (len))
        {
          g_set_error_literal (error, PL_ERROR, PL_ERROR_VALUE,
                               "arange: cannot compute length");
          return NULL;
        }
      if (len > (double) G_MAXINT64)
        {
          g_set_error_literal (error, PL_ERROR, PL_ERROR_VALUE,
                               "Maximum allowed size exceeded");
          return NULL;
        }
      length = len > 0 ? (gint64) len : 0;
    }
  else
    {
      __int128 delta = (__int128) pl_scalar_to_int (stop) - pl_scalar_to_int (start);
      __int128 s = pl_scalar_to_int (step);
      __int128 q = delta / s;
      if (q * s != delta && ((delta > 0) == (s > 0)))
        q++;
      if (q > G_MAXINT64)
        {
          g_set_error_literal (error, PL_ERROR, PL_ERROR_VALUE,
                               "Maximum allowed size exceeded");
          return NULL;
        }
      length = q > 0 ? (gint64) q : 0;
    }

  if (dtype == PL_DTYPE_NONE)
    dtype = any_float ? PL_DTYPE_FLOAT64 : PL_DTYPE_INT64;

  if (dtype == PL_DTYPE_BOOL && length > 2)
    {
      g_set_error_literal (error, PL_ERROR, PL_ERROR_TYPE,
                           "arange() is only supported for booleans when the result "
                           "has at most length 2.");
      return NULL;
    }

  self = pl_array_new (1, &length, dtype, PL_ALLOC_INIT_NONE, PL_ALLOC_REASON_CREATE, error);
  if (self == NULL || length == 0)
    return self;

  itemsize = pl_dtype_itemsize (dtype);
  pl_dtype_store (dtype, self->data, start);
  if (length == 1)
    return self;
  second = scalar_add (start, step);
  pl_dtype_store (dtype, self->data + itemsize, &second);
  if (length > 2)
    arange_fill (dtype, self->data, length);
  return self;
}

/**
 * pl_array_linspace:
 * @num: the number of samples (>= 0)
 * @endpoint: whether @stop is the last sample
 * @dtype: the dtype, or %PL_DTYPE_NONE for float64
 *
 * np.linspace as NumPy 1.24's Python code computes it: arange (num) as
 * float64, multiplied in place by the step, start added in place, the last
 * element set to @stop, floored for integer dtypes, then converted with
 * astype (copy=False), which allocates a second array when @dtype is not
 * float64.
 *
 * Returns: (transfer full) (nullable): the array
 */
PlArray *
pl_array_linspace (double     start,
                   double     stop,
                   gint64     num,
                   gboolean   endpoint,
                   PlDType    dtype,
                   GError   **error)
{
  g_autoptr(PlArray) y = NULL;
  PlArray *result;
  double *d;
  gint64 div;
  double delta, step;

  g_return_val_if_fail (dtype == PL_DTYPE_NONE || pl_dtype_is_valid (dtype), NULL);

  if (num < 0)
    {
      g_set_error (error, PL_ERROR, PL_ERROR_VALUE,
                   "Number of samples, %" G_GINT64_FORMAT ", must be non-negative.", num);
      return NULL;
    }
  if (dtype == PL_DTYPE_NONE)
    dtype = PL_DTYPE_FLOAT64;

  div = endpoint ? num - 1 : num;
  delta = stop - start;

  y = pl_array_new (1, &num, PL_DTYPE_FLOAT64, PL_ALLOC_INIT_NONE, PL_ALLOC_REASON_CREATE, error);
  if (y == NULL)
    return NULL;
  d = (double *) (void *) y->data;

  if (div > 0)
    {
      step = delta / (double) div;
      if (step == 0)
        for (gint64 i = 0; i < num; i++)
          d[i] = ((double) i / (double) div) * delta + start;
      else
        for (gint64 i = 0; i < num; i++)
          d[i] = (double) i * step + start;
    }
  else
    {
      for (gint64 i = 0; i < num; i++)
        d[i] = (double) i * delta + start;
    }

  if (endpoint && num > 1)
    d[num - 1] = stop;

  if (dtype == PL_DTYPE_FLOAT64)
    return g_steal_pointer (&y);

  if (pl_dtype_kind (dtype) == PL_DTYPE_KIND_INT || pl_dtype_kind (dtype) == PL_DTYPE_KIND_UINT)
    for (gint64 i = 0; i < num; i++)
      d[i] = floor (d[i]);

  result = pl_array_new (1, &num, dtype, PL_ALLOC_INIT_NONE, PL_ALLOC_REASON_COPY, error);
  if (result == NULL)
    return NULL;
  {
    gsize itemsize = pl_dtype_itemsize (dtype);
    for (gint64 i = 0; i < num; i++)
      {
        PlScalar v = pl_scalar_from_double (d[i]);
        pl_dtype_store (dtype, result->data + (gsize) i * itemsize, &v);
      }
  }
  return result;
}

/**
 * pl_array_from_scalars:
 * @values: (array): the elements in C order (the product of @shape of them)
 * @dtype: the dtype, or %PL_DTYPE_NONE for NumPy's choice: float64 if any
 *   value is a float, else int64 if any is an int, else bool (float64 when
 *   there are no values)
 *
 * np.array (nested list).
 *
 * Returns: (transfer full) (nullable): the array
 */
PlArray *
pl_array_from_scalars (gint            ndim,
                       const gint64   *shape,
                       const PlScalar *values,
                       PlDType         dtype,
                       GError        **error)
{
  PlArray *self;
  gint64 size = 1;
  gsize itemsize;

  g_return_val_if_fail (ndim == 0 || shape != NULL, NULL);
  g_return_val_if_fail (dtype == PL_DTYPE_NONE || pl_dtype_is_valid (dtype), NULL);

  if (!pl_array_check_shape (ndim, shape, PL_DTYPE_BOOL, NULL, error))
    return NULL;
  for (gint i = 0; i < ndim; i++)
    size = (gint64) ((guint64) size * (guint64) shape[i]);
  for (gint i = 0; i < ndim; i++)
    if (shape[i] == 0)
      size = 0;
  g_return_val_if_fail (size == 0 || values != NULL, NULL);

  if (dtype == PL_DTYPE_NONE)
    {
      PlDTypeKind kind = PL_DTYPE_KIND_BOOL;
      gboolean any_uint_big = FALSE;

      for (gint64 i = 0; i < size; i++)
        {
          if (values[i].kind == PL_DTYPE_KIND_FLOAT)
            kind = PL_DTYPE_KIND_FLOAT;
          else if (kind != PL_DTYPE_KIND_FLOAT && values[i].kind != PL_DTYPE_KIND_BOOL)
            kind = PL_DTYPE_KIND_INT;
          if (values[i].kind == PL_DTYPE_KIND_UINT)
            any_uint_big = TRUE;
        }
      if (size == 0)
        dtype = PL_DTYPE_FLOAT64;
      else if (kind == PL_DTYPE_KIND_INT && any_uint_big)
        dtype = PL_DTYPE_UINT64;
      else
        dtype = default_dtype_for (kind);
    }

  self = pl_array_new (ndim, shape, dtype, PL_ALLOC_INIT_NONE, PL_ALLOC_REASON_CREATE, error);
  if (self == NULL)
    return NULL;

  itemsize = pl_dtype_itemsize (dtype);
  for (gint64 i = 0; i < size; i++)
    pl_dtype_store (dtype, self->data + (gsize) i * itemsize, &values[i]);
  return self;
}

/**
 * pl_array_empty_with_reason:
 *
 * pl_array_empty () with the allocation recorded under @reason (copies,
 * results, temporaries, masks).
 *
 * Returns: (transfer full) (nullable): a C-contiguous array
 */
PlArray *
pl_array_empty_with_reason (gint            ndim,
                            const gint64   *shape,
                            PlDType         dtype,
                            PlAllocReason   reason,
                            GError        **error)
{
  return pl_array_new (ndim, shape, dtype, PL_ALLOC_INIT_NONE, reason, error);
}
