/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "pl-array.h"
#include "pl-assign.h"
#include "pl-kernels-private.h"

/* A new array with @self's shape in @dtype, filled from @self: C-ordered,
 * or laid out like @self (order='K') when @keep_order. */
static PlArray *
convert_copy (PlArray  *self,
              PlDType   dtype,
              gboolean  keep_order,
              GError  **error)
{
  g_autoptr(PlArray) out = NULL;

  if (keep_order)
    out = pl_array_new_like (self, dtype, PL_ALLOC_INIT_NONE, PL_ALLOC_REASON_COPY, error);
  else
    out = pl_array_new (self->ndim, self->shape, dtype, PL_ALLOC_INIT_NONE,
                        PL_ALLOC_REASON_COPY, error);
  if (out == NULL)
    return NULL;
  if (!pl_array_assign_casting (out, self, PL_CASTING_UNSAFE, error))
    return NULL;
  return g_steal_pointer (&out);
}

/**
 * pl_array_copy:
 *
 * `x.copy()`: a new C-contiguous array that owns its data (COPY reason).
 */
PlArray *
pl_array_copy (PlArray  *self,
               GError  **error)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return convert_copy (self, self->dtype, FALSE, error);
}

/**
 * pl_array_ascontiguous:
 *
 * `np.ascontiguousarray (x)`: @self itself (a new reference) when it is
 * already C-contiguous with at least one dimension, else a C-ordered copy.
 * A 0-d array becomes a (1,) array, as NumPy's ndmin=1 does.
 */
PlArray *
pl_array_ascontiguous (PlArray  *self,
                       GError  **error)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (self->ndim == 0)
    {
      static const gint64 one[1] = { 1 };

      return pl_array_reshape (self, 1, one, error);
    }
  if (pl_array_is_c_contiguous (self))
    return pl_array_ref (self);
  return convert_copy (self, self->dtype, FALSE, error);
}

/**
 * pl_array_astype:
 * @copy: %FALSE for `copy=False`: then @self itself is returned when no
 *   conversion is needed
 *
 * `x.astype (dtype, copy=)`. Converting casts unsafely, as NumPy's astype
 * does by default. The result keeps @self's memory layout (order='K').
 */
PlArray *
pl_array_astype (PlArray  *self,
                 PlDType   dtype,
                 gboolean  copy,
                 GError  **error)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (dtype == PL_DTYPE_NONE)
    dtype = PL_DTYPE_FLOAT64;   /* astype(None) is float64 in NumPy */
  if (dtype < 0 || dtype >= PL_N_DTYPES)
    {
      g_set_error (error, PL_ERROR, PL_ERROR_TYPE, "data type %d not understood", (int) dtype);
      return NULL;
    }

  if (!copy && dtype == self->dtype)
    return pl_array_ref (self);
  return convert_copy (self, dtype, TRUE, error);
}
