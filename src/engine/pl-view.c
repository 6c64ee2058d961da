/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "pl-array.h"
#include "pl-assign.h"

/* NumPy's convert_shape_to_string () for reshape errors: leading unknown
 * (negative) dimensions are left out, later ones print as "newaxis", no
 * spaces: "(5,newaxis)", "(2,2)", "(5,)", "(5)" for (-1, 5). */
static char *
format_requested_shape (gint          ndim,
                        const gint64 *shape)
{
  GString *s;
  gint i;

  for (i = 0; i < ndim && shape[i] < 0; i++)
    ;
  if (i == ndim)
    return g_strdup ("()");

  s = g_string_new ("(");
  g_string_append_printf (s, "%" G_GINT64_FORMAT, shape[i++]);
  for (; i < ndim; i++)
    {
      if (shape[i] < 0)
        g_string_append (s, ",newaxis");
      else
        g_string_append_printf (s, ",%" G_GINT64_FORMAT, shape[i]);
    }
  if (ndim == 1)
    g_string_append_c (s, ',');
  g_string_append_c (s, ')');
  return g_string_free (s, FALSE);
}

static void
set_reshape_error (PlArray       *self,
                   gint           ndim,
                   const gint64  *requested,
                   GError       **error)
{
  g_autofree char *shape = format_requested_shape (ndim, requested);

  g_set_error (error, PL_ERROR, PL_ERROR_VALUE,
               "cannot reshape array of size %" G_GINT64_FORMAT " into shape %s",
               pl_array_get_size (self), shape);
}

/* NumPy's _fix_unknown_dimension (): any negative entry is the unknown one. */
static gboolean
fix_unknown_dimension (PlArray       *self,
                       gint           ndim,
                       const gint64  *requested,
                       gint64        *dims,
                       GError       **error)
{
  gint64 s_original = pl_array_get_size (self);
  gint64 s_known = 1;
  gint i_unknown = -1;

  for (gint i = 0; i < ndim; i++)
    {
      dims[i] = requested[i];
      if (requested[i] < 0)
        {
          if (i_unknown != -1)
            {
              g_set_error_literal (error, PL_ERROR, PL_ERROR_VALUE,
                                   "can only specify one unknown dimension");
              return FALSE;
            }
          i_unknown = i;
        }
      else if (__builtin_mul_overflow (s_known, requested[i], &s_known))
        {
          set_reshape_error (self, ndim, requested, error);
          return FALSE;
        }
    }

  if (i_unknown >= 0)
    {
      if (s_known == 0 || s_original % s_known != 0)
        {
          set_reshape_error (self, ndim, requested, error);
          return FALSE;
        }
      dims[i_unknown] = s_original / s_known;
    }
  else if (s_original != s_known)
    {
      set_reshape_error (self, ndim, requested, error);
      return FALSE;
    }
  return TRUE;
}

/* NumPy's _attempt_nocopy_reshape () for C order: the strides that view the
 * same memory with the new shape, if there are such strides. */
static gboolean
attempt_nocopy_reshape (const PlArray *self,
                        gint           newnd,
                        const gint64  *newdims,
                        gint64        *newstrides)
{
  gint64 olddims[PL_MAX_DIMS];
  gint64 oldstrides[PL_MAX_DIMS];
  gint64 last_stride;
  gint oldnd = 0;
  gint oi, oj, ni, nj;

  for (oi = 0; oi < self->ndim; oi++)
    if (self->shape[oi] != 1)
      {
        olddims[oldnd] = self->shape[oi];
        oldstrides[oldnd] = self->strides[oi];
        oldnd++;
      }

  oi = 0;
  oj = 1;
  ni = 0;
  nj = 1;
  while (ni < newnd && oi < oldnd)
    {
      gint64 np = newdims[ni];
      gint64 op = olddims[oi];

      while (np != op)
        {
          if (np < op)
            np *= newdims[nj++];
          else
            op *= olddims[oj++];
        }

      for (gint ok = oi; ok < oj - 1; ok++)
        if (oldstrides[ok] != olddims[ok + 1] * oldstrides[ok + 1])
          return FALSE;

      newstrides[nj - 1] = oldstrides[oj - 1];
      for (gint nk = nj - 1; nk > ni; nk--)
        newstrides[nk - 1] = newstrides[nk] * newdims[nk];

      ni = nj++;
      oi = oj++;
    }

  last_stride = ni >= 1 ? newstrides[ni - 1] : (gint64) pl_dtype_itemsize (self->dtype);
  for (gint nk = ni; nk < newnd; nk++)
    newstrides[nk] = last_stride;
  return TRUE;
}

static void
fill_c_strides (PlDType       dtype,
                gint          ndim,
                const gint64 *dims,
                gint64       *strides)
{
  gint64 stride = (gint64) pl_dtype_itemsize (dtype);

  for (gint i = ndim - 1; i >= 0; i--)
    {
      strides[i] = stride;
      stride = (gint64) ((guint64) stride * (guint64) (dims[i] ? dims[i] : 1));
    }
}

/**
 * pl_array_reshape:
 * @self: an array
 * @ndim: the new number of dimensions
 * @shape: (array length=ndim): the new shape; one entry may be negative
 *   (-1: "whatever is left")
 * @error: a #GError
 *
 * ndarray.reshape as NumPy 1.24's PyArray_Newshape () does it: a view when
 * the memory layout allows (always for C-contiguous arrays), else a C-order
 * copy (COPY reason) of which the result is a view.
 *
 * Returns: (transfer full) (nullable): the reshaped array
 */
PlArray *
pl_array_reshape (PlArray       *self,
                  gint           ndim,
                  const gint64  *shape,
                  GError       **error)
{
  gint64 dims[PL_MAX_DIMS];
  gint64 strides[PL_MAX_DIMS];
  gboolean same;
  PlArray *result;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (ndim == 0 || shape != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (ndim < 0 || ndim > PL_MAX_DIMS)
    {
      g_set_error (error, PL_ERROR, PL_ERROR_VALUE,
                   "maximum supported dimension for an ndarray is %d, found %d",
                   PL_MAX_DIMS, ndim);
      return NULL;
    }

  /* Nothing to do: a plain view. */
  same = ndim == self->ndim;
  for (gint i = 0; same && i < ndim; i++)
    same = self->shape[i] == shape[i];
  if (same)
    return pl_array_new_view (self, self->ndim, self->shape, self->strides, self->data);

  if (!fix_unknown_dimension (self, ndim, shape, dims, error))
    return NULL;

  if (pl_array_is_c_contiguous (self))
    {
      fill_c_strides (self->dtype, ndim, dims, strides);
      return pl_array_new_view (self, ndim, dims, strides, self->data);
    }

  if (attempt_nocopy_reshape (self, ndim, dims, strides))
    return pl_array_new_view (self, ndim, dims, strides, self->data);

  {
    g_autoptr(PlArray) copy = pl_array_copy (self, error);
    if (copy == NULL)
      return NULL;
    fill_c_strides (copy->dtype, ndim, dims, strides);
    result = pl_array_new_view (copy, ndim, dims, strides, copy->data);
  }
  return result;
}

/**
 * pl_array_ravel:
 *
 * ndarray.ravel (): a 1-d view of a C-contiguous array, else a fresh C-order
 * copy (PyArray_Ravel () → PyArray_Flatten ()).
 *
 * Returns: (transfer full) (nullable): the 1-d array
 */
PlArray *
pl_array_ravel (PlArray  *self,
                GError  **error)
{
  gint64 size;
  gint64 stride;

  g_return_val_if_fail (self != NULL, NULL);

  if (pl_array_is_c_contiguous (self))
    {
      size = pl_array_get_size (self);
      stride = (gint64) pl_dtype_itemsize (self->dtype);
      return pl_array_new_view (self, 1, &size, &stride, self->data);
    }
  return pl_array_flatten (self, error);
}

/**
 * pl_array_flatten:
 *
 * ndarray.flatten (): always a new 1-d C-order copy owning its data.
 *
 * Returns: (transfer full) (nullable): the copy
 */
PlArray *
pl_array_flatten (PlArray  *self,
                  GError  **error)
{
  g_autoptr(PlArray) flat = NULL;
  PlArray shaped;
  gint64 size;
  gint64 stride;

  g_return_val_if_fail (self != NULL, NULL);

  /* A C-ordered copy, made 1-d from the start (the array log sees its
   * final shape): the elements are copied through a header that gives the
   * new buffer @self's shape. */
  size = pl_array_get_size (self);
  flat = pl_array_new (1, &size, self->dtype, PL_ALLOC_INIT_NONE, PL_ALLOC_REASON_COPY, error);
  if (flat == NULL)
    return NULL;

  shaped = *flat;
  shaped.ndim = self->ndim;
  stride = (gint64) pl_dtype_itemsize (self->dtype);
  for (gint d = self->ndim - 1; d >= 0; d--)
    {
      shaped.shape[d] = self->shape[d];
      shaped.strides[d] = stride;
      stride *= self->shape[d] > 0 ? self->shape[d] : 1;
    }
  if (!pl_array_assign_casting (&shaped, self, PL_CASTING_UNSAFE, error))
    return NULL;
  return g_steal_pointer (&flat);
}

/**
 * pl_array_transpose:
 * @self: an array
 * @naxes: 0 to reverse the axes (x.T), else the number of @axes (= ndim)
 * @axes: (array length=naxes): a permutation; negative axes count from the end
 * @error: a #GError
 *
 * Returns: (transfer full) (nullable): a view with permuted axes
 */
PlArray *
pl_array_transpose (PlArray      *self,
                    gint          naxes,
                    const gint   *axes,
                    GError      **error)
{
  gint perm[PL_MAX_DIMS];
  gboolean seen[PL_MAX_DIMS] = { FALSE };
  gint64 shape[PL_MAX_DIMS];
  gint64 strides[PL_MAX_DIMS];
  gint n = self != NULL ? self->ndim : 0;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (naxes == 0 || axes != NULL, NULL);

  if (naxes == 0)
    {
      for (gint i = 0; i < n; i++)
        perm[i] = n - 1 - i;
    }
  else
    {
      if (naxes != n)
        {
          g_set_error_literal (error, PL_ERROR, PL_ERROR_VALUE, "axes don't match array");
          return NULL;
        }
      for (gint i = 0; i < n; i++)
        {
          gint axis = axes[i];
          if (axis < -n || axis >= n)
            {
              g_set_error (error, PL_ERROR, PL_ERROR_VALUE,
                           "axis %d is out of bounds for array of dimension %d", axis, n);
              return NULL;
            }
          if (axis < 0)
            axis += n;
          if (seen[axis])
            {
              g_set_error_literal (error, PL_ERROR, PL_ERROR_VALUE,
                                   "repeated axis in transpose");
              return NULL;
            }
          seen[axis] = TRUE;
          perm[i] = axis;
        }
    }

  for (gint i = 0; i < n; i++)
    {
      shape[i] = self->shape[perm[i]];
      strides[i] = self->strides[perm[i]];
    }
  return pl_array_new_view (self, n, shape, strides, self->data);
}
