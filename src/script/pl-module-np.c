/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <string.h>

#include "pl-format.h"
#include "pl-interp-private.h"

/* --- conversions -------------------------------------------------------- */

PlVal
pl_np_wrap (PlArray *array)
{
  return pl_val_array (array);
}

static gboolean
engine_error (PlInterp *I,
              GError   *error)
{
  return pl_raise_gerror (I, error);
}

static gboolean
scalar_of (const PlVal *v,
           PlScalar    *out)
{
  switch (v->kind)
    {
    case PL_V_BOOL: *out = pl_scalar_from_bool (v->b); return TRUE;
    case PL_V_INT: *out = pl_scalar_from_int (v->i); return TRUE;
    case PL_V_FLOAT: *out = pl_scalar_from_double (v->f); return TRUE;
    case PL_V_ARRAY:
      if (v->arr->ndim == 0)
        {
          *out = pl_array_get_flat (v->arr, 0);
          return TRUE;
        }
      return FALSE;
    default:
      return FALSE;
    }
}

/* Walks a nested list to find its shape. */
static gboolean
nested_shape (PlInterp    *I,
              const PlVal *v,
              gint         depth,
              gint        *ndim,
              gint64      *shape)
{
  if (v->kind == PL_V_OBJ && (v->obj->kind == PL_OBJ_LIST || v->obj->kind == PL_OBJ_TUPLE))
    {
      if (depth >= PL_MAX_DIMS)
        return pl_raise (I, PL_ERROR_VALUE, "maximum supported dimension for an ndarray is 32, found 33");
      shape[depth] = v->obj->seq.n;
      *ndim = depth + 1;
      if (v->obj->seq.n > 0)
        return nested_shape (I, &v->obj->seq.items[0], depth + 1, ndim, shape);
    }
  else if (v->kind == PL_V_ARRAY && v->arr->ndim > 0)
    {
      if (depth + v->arr->ndim > PL_MAX_DIMS)
        return pl_raise (I, PL_ERROR_VALUE, "maximum supported dimension for an ndarray is 32");
      for (gint d = 0; d < v->arr->ndim; d++)
        shape[depth + d] = v->arr->shape[d];
      *ndim = depth + v->arr->ndim;
    }
  return TRUE;
}

static gboolean
flatten_nested (PlInterp    *I,
                const PlVal *v,
                gint         depth,
                gint         ndim,
                const gint64 *shape,
                GArray      *out)
{
  if (depth == ndim)
    {
      PlScalar s;
      if (!scalar_of (v, &s))
        {
          if (v->kind == PL_V_OBJ && (v->obj->kind == PL_OBJ_LIST || v->obj->kind == PL_OBJ_TUPLE))
            return pl_raise (I, PL_ERROR_VALUE,
                             "setting an array element with a sequence. The requested array has an "
                             "inhomogeneous shape after %d dimensions.", depth);
          return pl_raise (I, PL_ERROR_TYPE, "Peakline arrays hold numbers only, not %s", pl_val_type_name (v));
        }
      g_array_append_val (out, s);
      return TRUE;
    }
  if (v->kind == PL_V_ARRAY && v->arr->ndim == ndim - depth)
    {
      gint64 n = pl_array_get_size (v->arr);
      for (gint d = 0; d < v->arr->ndim; d++)
        if (v->arr->shape[d] != shape[depth + d])
          goto inhomogeneous;
      for (gint64 i = 0; i < n; i++)
        {
          PlScalar s = pl_array_get_flat (v->arr, i);
          g_array_append_val (out, s);
        }
      return TRUE;
    }
  if (!(v->kind == PL_V_OBJ && (v->obj->kind == PL_OBJ_LIST || v->obj->kind == PL_OBJ_TUPLE)) ||
      (gint64) v->obj->seq.n != shape[depth])
    goto inhomogeneous;
  if (out->len > PL_MAX_SEQUENCE)
    return pl_raise (I, PL_ERROR_MEMORY, "the list is too long to become an array in Peakline");
  for (guint i = 0; i < v->obj->seq.n; i++)
    if (!flatten_nested (I, &v->obj->seq.items[i], depth + 1, ndim, shape, out))
      return FALSE;
  return TRUE;

inhomogeneous:
  return pl_raise (I, PL_ERROR_VALUE,
                   "setting an array element with a sequence. The requested array has an "
                   "inhomogeneous shape after %d dimensions. The detected shape was (%s) + inhomogeneous part.",
                   depth, "...");
}

gboolean
pl_np_to_array (PlInterp    *I,
                const PlVal *v,
                PlDType      dtype,
                PlArray    **out)
{
  PlScalar s;
  GError *error = NULL;

  if (v->kind == PL_V_ARRAY)
    {
      if (dtype == PL_DTYPE_NONE || dtype == v->arr->dtype)
        {
          *out = pl_array_ref (v->arr);
          return TRUE;
        }
      *out = pl_array_astype (v->arr, dtype, FALSE, &error);
      return *out != NULL || engine_error (I, error);
    }
  if (scalar_of (v, &s))
    {
      *out = pl_array_new_scalar (&s, dtype);
      return TRUE;
    }
  if (v->kind == PL_V_OBJ && (v->obj->kind == PL_OBJ_LIST || v->obj->kind == PL_OBJ_TUPLE))
    {
      gint ndim = 0;
      gint64 shape[PL_MAX_DIMS] = { 0, };
      GArray *values;

      if (!nested_shape (I, v, 0, &ndim, shape))
        return FALSE;
      values = g_array_new (FALSE, FALSE, sizeof (PlScalar));
      if (!flatten_nested (I, v, 0, ndim, shape, values))
        {
          g_array_free (values, TRUE);
          return FALSE;
        }
      *out = pl_array_from_scalars (ndim, shape, (PlScalar *) values->data, dtype, &error);
      g_array_free (values, TRUE);
      return *out != NULL || engine_error (I, error);
    }
  if (v->kind == PL_V_OBJ && v->obj->kind == PL_OBJ_RANGE)
    {
      PlValue *r = v->obj;
      PlScalar a = pl_scalar_from_int (r->range.start), b = pl_scalar_from_int (r->range.stop),
               c = pl_scalar_from_int (r->range.step);
      *out = pl_array_arange (&a, &b, &c, dtype, &error);
      return *out != NULL || engine_error (I, error);
    }
  return pl_raise (I, PL_ERROR_TYPE, "cannot make an array from a '%s' object", pl_val_type_name (v));
}

gboolean
pl_np_dtype_arg (PlInterp    *I,
                 const PlVal *v,
                 PlDType     *out)
{
  if (v->kind == PL_V_UNBOUND || v->kind == PL_V_NONE)
    {
      *out = PL_DTYPE_NONE;
      return TRUE;
    }
  if (pl_val_is (v, PL_OBJ_DTYPE))
    {
      *out = v->obj->dtype;
      return TRUE;
    }
  if (pl_val_is (v, PL_OBJ_STR))
    {
      if (pl_dtype_from_name (v->obj->str.s, out))
        return TRUE;
      return pl_raise (I, PL_ERROR_TYPE, "data type '%s' not understood", v->obj->str.s);
    }
  if (pl_val_is (v, PL_OBJ_BUILTIN) && v->obj->builtin.self.kind == PL_V_UNBOUND)
    {
      const char *n = v->obj->builtin.qualname;
      if (strcmp (n, "float") == 0)
        *out = PL_DTYPE_FLOAT64;
      else if (strcmp (n, "int") == 0)
        *out = PL_DTYPE_INT64;
      else if (strcmp (n, "bool") == 0)
        *out = PL_DTYPE_BOOL;
      else
        goto bad;
      return TRUE;
    }
bad:
  {
    g_autofree char *r = pl_val_to_str (v, TRUE);
    return pl_raise (I, PL_ERROR_TYPE, "Cannot interpret '%s' as a data type", r);
  }
}

static gboolean
shape_arg_full (PlInterp    *I,
                const PlVal *v,
                gint        *ndim,
                gint64      *shape,
                gboolean     allow_negative)
{
  if (v->kind == PL_V_OBJ && (v->obj->kind == PL_OBJ_TUPLE || v->obj->kind == PL_OBJ_LIST))
    {
      if (v->obj->seq.n > PL_MAX_DIMS)
        return pl_raise (I, PL_ERROR_VALUE, "maximum supported dimension for an ndarray is 32, found %u",
                         v->obj->seq.n);
      *ndim = v->obj->seq.n;
      for (guint i = 0; i < v->obj->seq.n; i++)
        if (!pl_val_to_index (I, &v->obj->seq.items[i], &shape[i]))
          return FALSE;
    }
  else
    {
      *ndim = 1;
      if (!pl_val_to_index (I, v, &shape[0]))
        return FALSE;
    }
  for (gint i = 0; i < *ndim && !allow_negative; i++)
    if (shape[i] < 0)
      return pl_raise (I, PL_ERROR_VALUE, "negative dimensions are not allowed");
  return TRUE;
}

static gboolean
shape_arg (PlInterp    *I,
           const PlVal *v,
           gint        *ndim,
           gint64      *shape)
{
  return shape_arg_full (I, v, ndim, shape, FALSE);
}

static gboolean
axis_arg (PlInterp    *I,
          const PlVal *v,
          gboolean    *all,
          gint        *axis)
{
  gint64 a;

  if (v->kind == PL_V_UNBOUND || v->kind == PL_V_NONE)
    {
      *all = TRUE;
      *axis = 0;
      return TRUE;
    }
  if (v->kind == PL_V_OBJ && v->obj->kind == PL_OBJ_TUPLE)
    return pl_raise (I, PL_ERROR_NOT_IMPLEMENTED, "a tuple of axes is not supported by Peakline");
  if (!pl_val_to_index (I, v, &a))
    return FALSE;
  if (a < -PL_MAX_DIMS || a >= PL_MAX_DIMS)
    return pl_raise_kind (I, PL_ERROR_INDEX, "AxisError", "axis %" G_GINT64_FORMAT " is out of bounds", a);
  *all = FALSE;
  *axis = (gint) a;
  return TRUE;
}

/* --- indexing ----------------------------------------------------------- */

typedef struct
{
  PlIndex  idx[PL_MAX_DIMS * 2];
  PlArray *owned[PL_MAX_DIMS * 2];
  guint    n;
  guint    n_owned;
} IndexList;

static void
index_list_clear (IndexList *l)
{
  for (guint i = 0; i < l->n_owned; i++)
    pl_array_unref (l->owned[i]);
  l->n_owned = 0;
}

static gboolean
add_index (PlInterp    *I,
           IndexList   *l,
           const PlVal *v)
{
  PlIndex *x;

  if (l->n >= G_N_ELEMENTS (l->idx))
    return pl_raise (I, PL_ERROR_INDEX, "too many indices for array");
  x = &l->idx[l->n];
  memset (x, 0, sizeof *x);
  if (v->kind == PL_V_INT || (v->kind == PL_V_ARRAY && v->arr->ndim == 0 &&
                              (pl_dtype_kind (v->arr->dtype) == PL_DTYPE_KIND_INT ||
                               pl_dtype_kind (v->arr->dtype) == PL_DTYPE_KIND_UINT)))
    {
      x->kind = PL_INDEX_INT;
      if (!pl_val_to_index (I, v, &x->i))
        return FALSE;
    }
  else if (v->kind == PL_V_NONE)
    x->kind = PL_INDEX_NEWAXIS;
  else if (pl_val_is (v, PL_OBJ_ELLIPSIS))
    x->kind = PL_INDEX_ELLIPSIS;
  else if (pl_val_is (v, PL_OBJ_SLICE))
    {
      PlValue *s = v->obj;
      x->kind = PL_INDEX_SLICE;
      if (s->slice.start.kind != PL_V_NONE)
        {
          x->has_start = TRUE;
          if (!pl_val_to_index (I, &s->slice.start, &x->start))
            goto bad;
        }
      if (s->slice.stop.kind != PL_V_NONE)
        {
          x->has_stop = TRUE;
          if (!pl_val_to_index (I, &s->slice.stop, &x->stop))
            goto bad;
        }
      if (s->slice.step.kind != PL_V_NONE)
        {
          x->has_step = TRUE;
          if (!pl_val_to_index (I, &s->slice.step, &x->step))
            goto bad;
          if (x->step == 0)
            return pl_raise (I, PL_ERROR_VALUE, "slice step cannot be zero");
        }
    }
  else if (v->kind == PL_V_ARRAY || v->kind == PL_V_BOOL ||
           (v->kind == PL_V_OBJ && (v->obj->kind == PL_OBJ_LIST)))
    {
      PlArray *arr;
      if (v->kind == PL_V_ARRAY)
        arr = v->arr;
      else
        {
          if (!pl_np_to_array (I, v, PL_DTYPE_NONE, &arr))
            return FALSE;
          l->owned[l->n_owned++] = arr;
        }
      if (pl_dtype_kind (arr->dtype) == PL_DTYPE_KIND_FLOAT)
        goto bad;
      x->kind = PL_INDEX_ARRAY;
      x->array = arr;
    }
  else
    goto bad;
  l->n++;
  return TRUE;

bad:
  if (I->err.set)
    return FALSE;
  return pl_raise (I, PL_ERROR_INDEX,
                   "only integers, slices (`:`), ellipsis (`...`), numpy.newaxis (`None`) and integer or "
                   "boolean arrays are valid indices");
}

static gboolean
build_index (PlInterp    *I,
             const PlVal *index,
             IndexList   *l)
{
  memset (l, 0, sizeof *l);
  if (pl_val_is (index, PL_OBJ_TUPLE))
    {
      for (guint i = 0; i < index->obj->seq.n; i++)
        if (!add_index (I, l, &index->obj->seq.items[i]))
          {
            index_list_clear (l);
            return FALSE;
          }
      return TRUE;
    }
  if (!add_index (I, l, index))
    {
      index_list_clear (l);
      return FALSE;
    }
  return TRUE;
}

gboolean
pl_np_get_item (PlInterp    *I,
                const PlVal *self,
                const PlVal *index,
                PlVal       *result)
{
  IndexList l;
  GError *error = NULL;
  PlArray *r;

  if (self->arr->ndim == 0 && self->np_scalar)
    return pl_raise (I, PL_ERROR_INDEX, "invalid index to scalar variable.");
  if (!build_index (I, index, &l))
    return FALSE;
  r = pl_array_get_item (self->arr, l.idx, l.n, &error);
  index_list_clear (&l);
  if (r == NULL)
    return engine_error (I, error);
  *result = pl_np_wrap (r);
  return TRUE;
}

gboolean
pl_np_set_item (PlInterp    *I,
                const PlVal *self,
                const PlVal *index,
                const PlVal *value)
{
  IndexList l;
  GError *error = NULL;
  PlArray *v;
  gboolean ok;

  if (!build_index (I, index, &l))
    return FALSE;
  if (!pl_np_to_array (I, value, PL_DTYPE_NONE, &v))
    {
      index_list_clear (&l);
      return FALSE;
    }
  ok = pl_array_set_item (self->arr, l.idx, l.n, v, &error);
  pl_array_unref (v);
  index_list_clear (&l);
  return ok || engine_error (I, error);
}

/* --- array attributes and methods ---------------------------------------- */

static PlArray *
self_array (PlValue *self)
{
  return self->builtin.self.arr;
}

/* NumPy's order= argument: 'C', 'F', 'A' or 'K' in either case; None (or
 * not given) keeps the function's default. */
static gboolean
order_arg (PlInterp    *I,
           const PlVal *v,
           PlOrder      dflt,
           PlOrder     *out)
{
  const char *s;

  *out = dflt;
  if (v->kind == PL_V_UNBOUND || v->kind == PL_V_NONE)
    return TRUE;
  if (!pl_val_is (v, PL_OBJ_STR))
    return pl_raise (I, PL_ERROR_TYPE, "order must be str, not %s", pl_val_type_name (v));
  s = v->obj->str.s;
  if (s[0] != '\0' && s[1] == '\0')
    switch (g_ascii_toupper (s[0]))
      {
      case 'C': *out = PL_ORDER_C; return TRUE;
      case 'F': *out = PL_ORDER_F; return TRUE;
      case 'A': *out = PL_ORDER_A; return TRUE;
      case 'K': *out = PL_ORDER_K; return TRUE;
      default: break;
      }
  return pl_raise (I, PL_ERROR_VALUE, "order must be one of 'C', 'F', 'A', or 'K' (got '%s')", s);
}

/* Whether @arr already has the layout @order asks for (A and K: any). */
static gboolean
order_holds (PlArray *arr,
             PlOrder  order)
{
  if (order == PL_ORDER_C)
    return pl_array_is_c_contiguous (arr);
  if (order == PL_ORDER_F)
    return pl_array_is_f_contiguous (arr);
  return TRUE;
}

/* x.copy(order='C') */
static gboolean
m_copy (PlInterp *I,
        PlValue  *self,
        PlCall   *call,
        PlVal    *result)
{
  static const char * const names[] = { "order" };
  PlVal a[1];
  PlOrder order;
  GError *error = NULL;
  PlArray *r;

  if (!pl_parse_args (I, "copy", call, 0, names, 1, a))
    return FALSE;
  if (!order_arg (I, &a[0], PL_ORDER_C, &order))
    return FALSE;
  r = pl_array_copy_order (self_array (self), order, &error);
  if (r == NULL)
    return engine_error (I, error);
  *result = pl_np_wrap (r);
  result->np_scalar = FALSE;
  return TRUE;
}

static gboolean
m_astype (PlInterp *I,
          PlValue  *self,
          PlCall   *call,
          PlVal    *result)
{
  static const char * const names[] = { "dtype", "order", "casting", "subok", "copy" };
  PlVal a[5];
  PlDType dtype;
  gboolean copy = TRUE;
  GError *error = NULL;
  PlArray *r;

  if (!pl_parse_args (I, "astype", call, 1, names, 5, a))
    return FALSE;
  if (!pl_np_dtype_arg (I, &a[0], &dtype))
    return FALSE;
  if (dtype == PL_DTYPE_NONE)
    dtype = PL_DTYPE_FLOAT64;
  if (a[4].kind != PL_V_UNBOUND && !pl_val_truth (I, &a[4], &copy))
    return FALSE;
  r = pl_array_astype (self_array (self), dtype, copy, &error);
  if (r == NULL)
    return engine_error (I, error);
  *result = pl_np_wrap (r);
  return TRUE;
}

/* Shape from a method's positional arguments: x.reshape(2, 3) or
 * x.reshape((2, 3)). */
static gboolean
shape_from_args (PlInterp *I,
                 PlCall   *call,
                 gint     *ndim,
                 gint64   *shape)
{
  if (call->n_args == 1)
    {
      if (call->args[0].kind == PL_V_OBJ)
        return shape_arg_full (I, &call->args[0], ndim, shape, TRUE);
      *ndim = 1;
      return pl_val_to_index (I, &call->args[0], &shape[0]);
    }
  if (call->n_args > PL_MAX_DIMS)
    return pl_raise (I, PL_ERROR_VALUE, "maximum supported dimension for an ndarray is 32");
  *ndim = call->n_args;
  for (guint i = 0; i < call->n_args; i++)
    if (!pl_val_to_index (I, &call->args[i], &shape[i]))
      return FALSE;
  return TRUE;
}

static gboolean
m_reshape (PlInterp *I,
           PlValue  *self,
           PlCall   *call,
           PlVal    *result)
{
  gint ndim = 0;
  gint64 shape[PL_MAX_DIMS];
  GError *error = NULL;
  PlArray *r;

  if (call->n_kw > 0)
    return pl_raise (I, PL_ERROR_NOT_IMPLEMENTED, "reshape() keyword arguments are not supported by Peakline");
  if (call->n_args == 0)
    return pl_raise (I, PL_ERROR_TYPE, "reshape() takes exactly 1 argument (0 given)");
  if (!shape_from_args (I, call, &ndim, shape))
    return FALSE;
  r = pl_array_reshape (self_array (self), ndim, shape, &error);
  if (r == NULL)
    return engine_error (I, error);
  *result = pl_np_wrap (r);
  result->np_scalar = FALSE;
  return TRUE;
}

static gboolean
m_ravel (PlInterp *I,
         PlValue  *self,
         PlCall   *call,
         PlVal    *result)
{
  GError *error = NULL;
  PlArray *r;

  if (call->n_args > 0 || call->n_kw > 0)
    return pl_raise (I, PL_ERROR_NOT_IMPLEMENTED, "%s() arguments are not supported by Peakline", self->builtin.name);
  r = self->builtin.tag ? pl_array_flatten (self_array (self), &error) : pl_array_ravel (self_array (self), &error);
  if (r == NULL)
    return engine_error (I, error);
  *result = pl_np_wrap (r);
  result->np_scalar = FALSE;
  return TRUE;
}

static gboolean
do_transpose (PlInterp *I,
              PlArray  *a,
              PlCall   *call,
              guint     first,
              PlVal    *result)
{
  gint axes[PL_MAX_DIMS];
  gint n = 0;
  GError *error = NULL;
  PlArray *r;

  if (call->n_kw > 0)
    return pl_raise (I, PL_ERROR_NOT_IMPLEMENTED, "transpose() keyword arguments are not supported by Peakline");
  if (call->n_args > first)
    {
      gint64 shape[PL_MAX_DIMS];
      gint ndim = 0;
      PlCall sub = *call;
      sub.args += first;
      sub.n_args -= first;
      if (sub.n_args == 1 && sub.args[0].kind == PL_V_NONE)
        n = 0;
      else
        {
          if (!shape_from_args (I, &sub, &ndim, shape))
            return FALSE;
          n = ndim;
          for (gint i = 0; i < n; i++)
            axes[i] = (gint) CLAMP (shape[i], -1000, 1000);
        }
    }
  r = pl_array_transpose (a, n, axes, &error);
  if (r == NULL)
    return engine_error (I, error);
  *result = pl_np_wrap (r);
  result->np_scalar = FALSE;
  return TRUE;
}

static gboolean
m_transpose (PlInterp *I,
             PlValue  *self,
             PlCall   *call,
             PlVal    *result)
{
  return do_transpose (I, self_array (self), call, 0, result);
}

static const char *reduce_names[] = { "sum", "prod", "mean", "min", "max", "std", "any", "all" };

static gboolean
do_reduce (PlInterp    *I,
           PlReduceOp   op,
           const PlVal *a,
           const PlVal *axis,
           PlVal       *result)
{
  gboolean all = TRUE;
  gint ax = 0;
  GError *error = NULL;
  PlArray *arr, *r;

  if (!axis_arg (I, axis, &all, &ax))
    return FALSE;
  if (!pl_np_to_array (I, a, PL_DTYPE_NONE, &arr))
    return FALSE;
  r = pl_array_reduce (op, arr, all, ax, &error);
  pl_array_unref (arr);
  if (r == NULL)
    return engine_error (I, error);
  *result = pl_np_wrap (r);
  return TRUE;
}

static gboolean
m_reduce (PlInterp *I,
          PlValue  *self,
          PlCall   *call,
          PlVal    *result)
{
  static const char * const names[] = { "axis" };
  PlVal a[1];

  if (!pl_parse_args (I, reduce_names[self->builtin.tag], call, 0, names, 1, a))
    return FALSE;
  return do_reduce (I, self->builtin.tag, &self->builtin.self, &a[0], result);
}

static gboolean
m_item (PlInterp *I,
        PlValue  *self,
        PlCall   *call,
        PlVal    *result)
{
  PlArray *a = self_array (self);
  PlScalar s;

  if (call->n_args > 0 || call->n_kw > 0)
    return pl_raise (I, PL_ERROR_NOT_IMPLEMENTED, "item() with arguments is not supported by Peakline");
  if (pl_array_get_size (a) != 1)
    return pl_raise (I, PL_ERROR_VALUE, "can only convert an array of size 1 to a Python scalar");
  s = pl_array_get_flat (a, 0);
  switch (s.kind)
    {
    case PL_DTYPE_KIND_BOOL: *result = pl_val_bool (s.b); break;
    case PL_DTYPE_KIND_INT: *result = pl_val_int (s.i); break;
    case PL_DTYPE_KIND_UINT:
      if (s.u > G_MAXINT64)
        return pl_raise (I, PL_ERROR_OVERFLOW, "integer result does not fit in 64 bits (Peakline's ints are 64-bit)");
      *result = pl_val_int ((gint64) s.u);
      break;
    default: *result = pl_val_float (s.f); break;
    }
  return TRUE;
}

static gboolean
m_fill (PlInterp *I,
        PlValue  *self,
        PlCall   *call,
        PlVal    *result)
{
  PlScalar s;

  if (call->n_args != 1 || call->n_kw > 0)
    return pl_raise (I, PL_ERROR_TYPE, "fill() takes exactly 1 argument (%u given)", call->n_args);
  if (!scalar_of (&call->args[0], &s))
    return pl_raise (I, PL_ERROR_TYPE, "fill() needs a number, not %s", pl_val_type_name (&call->args[0]));
  if (!(self_array (self)->flags & PL_ARRAY_FLAG_WRITEABLE))
    return pl_raise (I, PL_ERROR_VALUE, "assignment destination is read-only");
  pl_array_fill (self_array (self), &s);
  *result = PL_VAL_NONE;
  return TRUE;
}

static gboolean
m_tolist (PlInterp *I,
          PlValue  *self,
          PlCall   *call,
          PlVal    *result)
{
  PlArray *a = self_array (self);
  gint64 n = pl_array_get_size (a);
  PlVal *items;
  PlValue *list;

  if (a->ndim != 1)
    return pl_raise (I, PL_ERROR_NOT_IMPLEMENTED, "tolist() of a %d-d array is not supported by Peakline", a->ndim);
  if (n > PL_MAX_SEQUENCE)
    return pl_raise (I, PL_ERROR_MEMORY, "the list would be longer than Peakline allows");
  items = g_new (PlVal, MAX (n, 1));
  for (gint64 i = 0; i < n; i++)
    {
      PlScalar s = pl_array_get_flat (a, i);
      switch (s.kind)
        {
        case PL_DTYPE_KIND_BOOL: items[i] = pl_val_bool (s.b); break;
        case PL_DTYPE_KIND_INT: items[i] = pl_val_int (s.i); break;
        case PL_DTYPE_KIND_UINT: items[i] = pl_val_int ((gint64) s.u); break;
        default: items[i] = pl_val_float (s.f); break;
        }
    }
  list = pl_seq_new (PL_OBJ_LIST, items, n);
  g_free (items);
  *result = pl_val_obj (list);
  return TRUE;
}

typedef struct
{
  const char    *name;
  PlBuiltinFunc  fn;
  gint           tag;
} Method;

static const Method array_methods[] = {
  { "copy", m_copy, 0 },
  { "astype", m_astype, 0 },
  { "reshape", m_reshape, 0 },
  { "ravel", m_ravel, 0 },
  { "flatten", m_ravel, 1 },
  { "transpose", m_transpose, 0 },
  { "sum", m_reduce, PL_REDUCE_SUM },
  { "prod", m_reduce, PL_REDUCE_PROD },
  { "mean", m_reduce, PL_REDUCE_MEAN },
  { "min", m_reduce, PL_REDUCE_MIN },
  { "max", m_reduce, PL_REDUCE_MAX },
  { "std", m_reduce, PL_REDUCE_STD },
  { "any", m_reduce, PL_REDUCE_ANY },
  { "all", m_reduce, PL_REDUCE_ALL },
  { "item", m_item, 0 },
  { "fill", m_fill, 0 },
  { "tolist", m_tolist, 0 },
};

static PlVal
shape_tuple (const PlArray *a,
             gboolean       strides)
{
  PlVal items[PL_MAX_DIMS];

  for (gint i = 0; i < a->ndim; i++)
    items[i] = pl_val_int (strides ? a->strides[i] : a->shape[i]);
  return pl_val_obj (pl_seq_new (PL_OBJ_TUPLE, items, a->ndim));
}

gboolean
pl_np_array_attr (PlInterp    *I,
                  const PlVal *self,
                  const char  *name,
                  PlVal       *result)
{
  PlArray *a = self->arr;

  if (strcmp (name, "shape") == 0)
    *result = shape_tuple (a, FALSE);
  else if (strcmp (name, "strides") == 0)
    *result = shape_tuple (a, TRUE);
  else if (strcmp (name, "dtype") == 0)
    *result = pl_val_obj (pl_dtype_value_new (a->dtype));
  else if (strcmp (name, "nbytes") == 0)
    *result = pl_val_int ((gint64) pl_array_get_nbytes (a));
  else if (strcmp (name, "itemsize") == 0)
    *result = pl_val_int ((gint64) pl_dtype_itemsize (a->dtype));
  else if (strcmp (name, "ndim") == 0)
    *result = pl_val_int (a->ndim);
  else if (strcmp (name, "size") == 0)
    *result = pl_val_int (pl_array_get_size (a));
  else if (strcmp (name, "T") == 0)
    {
      PlCall none = { 0, };
      return do_transpose (I, a, &none, 0, result);
    }
  else if (strcmp (name, "base") == 0)
    {
      if (a->base != NULL && !self->np_scalar)
        {
          *result = pl_val_array (pl_array_ref (a->base));
          result->np_scalar = FALSE;
        }
      else
        *result = PL_VAL_NONE;
    }
  else
    {
      for (gsize i = 0; i < G_N_ELEMENTS (array_methods); i++)
        if (strcmp (array_methods[i].name, name) == 0)
          {
            PlValue *proto = pl_builtin_new (array_methods[i].name, array_methods[i].name,
                                             array_methods[i].fn, array_methods[i].tag);
            *result = pl_val_obj (pl_builtin_bind (proto, self));
            pl_value_unref (proto);
            return TRUE;
          }
      return pl_raise (I, PL_ERROR_ATTRIBUTE, "'%s' object has no attribute '%s'", pl_val_type_name (self), name);
    }
  return TRUE;
}

/* --- np functions ------------------------------------------------------- */

typedef PlArray *(*CreateFunc) (gint, const gint64 *, PlDType, GError **);

static gboolean
np_create (PlInterp *I,
           PlValue  *self,
           PlCall   *call,
           PlVal    *result)
{
  static const char * const names[] = { "shape", "dtype", "order", "like" };
  static const CreateFunc funcs[] = { pl_array_empty, pl_array_zeros, pl_array_ones };
  PlVal a[4];
  gint ndim = 0;
  gint64 shape[PL_MAX_DIMS];
  PlDType dtype;
  GError *error = NULL;
  PlArray *r;

  if (!pl_parse_args (I, self->builtin.name, call, 1, names, 3, a))
    return FALSE;
  if (!shape_arg (I, &a[0], &ndim, shape) || !pl_np_dtype_arg (I, &a[1], &dtype))
    return FALSE;
  r = funcs[self->builtin.tag] (ndim, shape, dtype, &error);
  if (r == NULL)
    return engine_error (I, error);
  *result = pl_np_wrap (r);
  result->np_scalar = FALSE;
  return TRUE;
}

static gboolean
np_full (PlInterp *I,
         PlValue  *self,
         PlCall   *call,
         PlVal    *result)
{
  static const char * const names[] = { "shape", "fill_value", "dtype", "order" };
  PlVal a[4];
  gint ndim = 0;
  gint64 shape[PL_MAX_DIMS];
  PlDType dtype;
  PlScalar fill;
  GError *error = NULL;
  PlArray *r;

  if (!pl_parse_args (I, "full", call, 2, names, 4, a))
    return FALSE;
  if (!shape_arg (I, &a[0], &ndim, shape) || !pl_np_dtype_arg (I, &a[2], &dtype))
    return FALSE;
  if (!scalar_of (&a[1], &fill))
    return pl_raise (I, PL_ERROR_TYPE, "full() needs a number as fill_value, not %s", pl_val_type_name (&a[1]));
  r = pl_array_full (ndim, shape, &fill, dtype, &error);
  if (r == NULL)
    return engine_error (I, error);
  *result = pl_np_wrap (r);
  result->np_scalar = FALSE;
  return TRUE;
}

typedef PlArray *(*LikeFunc) (PlArray *, PlDType, GError **);

static gboolean
np_like (PlInterp *I,
         PlValue  *self,
         PlCall   *call,
         PlVal    *result)
{
  static const char * const names[] = { "a", "dtype", "order" };
  static const LikeFunc funcs[] = { pl_array_empty_like, pl_array_zeros_like, pl_array_ones_like };
  PlVal a[3];
  PlDType dtype;
  PlArray *proto, *r;
  GError *error = NULL;

  if (!pl_parse_args (I, self->builtin.name, call, 1, names, 3, a))
    return FALSE;
  if (!pl_np_dtype_arg (I, &a[1], &dtype) || !pl_np_to_array (I, &a[0], PL_DTYPE_NONE, &proto))
    return FALSE;
  r = funcs[self->builtin.tag] (proto, dtype, &error);
  pl_array_unref (proto);
  if (r == NULL)
    return engine_error (I, error);
  *result = pl_np_wrap (r);
  result->np_scalar = FALSE;
  return TRUE;
}

static gboolean
np_arange (PlInterp *I,
           PlValue  *self,
           PlCall   *call,
           PlVal    *result)
{
  static const char * const names[] = { "start", "stop", "step", "dtype" };
  PlVal a[4];
  PlScalar s[3];
  PlDType dtype;
  GError *error = NULL;
  PlArray *r;

  if (!pl_parse_args (I, "arange", call, 1, names, 4, a))
    return FALSE;
  if (!pl_np_dtype_arg (I, &a[3], &dtype))
    return FALSE;
  for (int i = 0; i < 3; i++)
    if (a[i].kind != PL_V_UNBOUND && a[i].kind != PL_V_NONE && !scalar_of (&a[i], &s[i]))
      return pl_raise (I, PL_ERROR_TYPE, "arange() arguments must be numbers, not %s", pl_val_type_name (&a[i]));
  if (a[1].kind == PL_V_UNBOUND || a[1].kind == PL_V_NONE)
    r = pl_array_arange (&s[0], NULL, (a[2].kind == PL_V_UNBOUND || a[2].kind == PL_V_NONE) ? NULL : &s[2],
                         dtype, &error);
  else
    r = pl_array_arange (&s[0], &s[1], (a[2].kind == PL_V_UNBOUND || a[2].kind == PL_V_NONE) ? NULL : &s[2],
                         dtype, &error);
  if (r == NULL)
    return engine_error (I, error);
  *result = pl_np_wrap (r);
  result->np_scalar = FALSE;
  return TRUE;
}

static gboolean
np_linspace (PlInterp *I,
             PlValue  *self,
             PlCall   *call,
             PlVal    *result)
{
  static const char * const names[] = { "start", "stop", "num", "endpoint", "retstep", "dtype" };
  PlVal a[6];
  double start, stop;
  gint64 num = 50;
  gboolean endpoint = TRUE;
  PlDType dtype;
  GError *error = NULL;
  PlArray *r;

  if (!pl_parse_args (I, "linspace", call, 2, names, 6, a))
    return FALSE;
  if (!pl_val_to_double (I, &a[0], &start) || !pl_val_to_double (I, &a[1], &stop))
    return FALSE;
  if (a[2].kind != PL_V_UNBOUND && !pl_val_to_index (I, &a[2], &num))
    return FALSE;
  if (num < 0)
    return pl_raise (I, PL_ERROR_VALUE, "Number of samples, %" G_GINT64_FORMAT ", must be non-negative.", num);
  if (a[3].kind != PL_V_UNBOUND && !pl_val_truth (I, &a[3], &endpoint))
    return FALSE;
  if (a[4].kind != PL_V_UNBOUND)
    return pl_raise (I, PL_ERROR_NOT_IMPLEMENTED, "linspace(retstep=...) is not supported by Peakline");
  if (!pl_np_dtype_arg (I, &a[5], &dtype))
    return FALSE;
  r = pl_array_linspace (start, stop, num, endpoint, dtype, &error);
  if (r == NULL)
    return engine_error (I, error);
  *result = pl_np_wrap (r);
  result->np_scalar = FALSE;
  return TRUE;
}

static gboolean
np_array (PlInterp *I,
          PlValue  *self,
          PlCall   *call,
          PlVal    *result)
{
  static const char * const names[] = { "object", "dtype", "copy", "order" };
  PlVal a[4];
  PlDType dtype;
  gboolean copy = self->builtin.tag == 0;   /* np.array copies, np.asarray does not */
  PlOrder order = PL_ORDER_K;
  GError *error = NULL;
  PlArray *r;

  if (!pl_parse_args (I, self->builtin.name, call, 1, names, self->builtin.tag == 0 ? 4 : 2, a))
    return FALSE;
  if (!pl_np_dtype_arg (I, &a[1], &dtype))
    return FALSE;
  if (self->builtin.tag == 0 && a[2].kind != PL_V_UNBOUND && !pl_val_truth (I, &a[2], &copy))
    return FALSE;
  if (self->builtin.tag == 0 && !order_arg (I, &a[3], PL_ORDER_K, &order))
    return FALSE;
  if (a[0].kind == PL_V_ARRAY)
    {
      PlArray *src = a[0].arr;
      if (dtype == PL_DTYPE_NONE)
        dtype = src->dtype;
      if (dtype == src->dtype && !copy && order_holds (src, order))
        r = pl_array_ref (src);
      else if (dtype == src->dtype)
        r = pl_array_copy_order (src, order, &error);
      else
        {
          /* astype keeps the source's layout (order K); for C or F when
           * the source is not laid out so, lay it out first (NumPy casts
           * into the new layout in one go: one array more here). */
          PlArray *laid = order_holds (src, order) ? pl_array_ref (src)
                                                   : pl_array_copy_order (src, order, &error);
          r = laid == NULL ? NULL : pl_array_astype (laid, dtype, TRUE, &error);
          g_clear_pointer (&laid, pl_array_unref);
        }
      if (r == NULL)
        return engine_error (I, error);
    }
  else if (!pl_np_to_array (I, &a[0], dtype, &r))
    return FALSE;
  *result = pl_np_wrap (r);
  result->np_scalar = FALSE;
  return TRUE;
}

static gboolean
np_copy (PlInterp *I,
         PlValue  *self,
         PlCall   *call,
         PlVal    *result)
{
  /* np.copy(a, order='K'); np.ascontiguousarray(a, dtype=None) */
  static const char * const copy_names[] = { "a", "order" };
  static const char * const contig_names[] = { "a", "dtype" };
  PlVal a[2];
  PlDType dtype = PL_DTYPE_NONE;
  PlArray *arr, *r;
  GError *error = NULL;

  if (!pl_parse_args (I, self->builtin.name, call, 1,
                      self->builtin.tag == 0 ? copy_names : contig_names, 2, a))
    return FALSE;
  if (self->builtin.tag == 1 && !pl_np_dtype_arg (I, &a[1], &dtype))
    return FALSE;
  if (!pl_np_to_array (I, &a[0], dtype, &arr))
    return FALSE;
  if (self->builtin.tag == 0)
    {
      PlOrder order;
      if (!order_arg (I, &a[1], PL_ORDER_K, &order))
        {
          pl_array_unref (arr);
          return FALSE;
        }
      r = pl_array_copy_order (arr, order, &error);
    }
  else
    r = pl_array_ascontiguous (arr, &error);
  pl_array_unref (arr);
  if (r == NULL)
    return engine_error (I, error);
  *result = pl_np_wrap (r);
  result->np_scalar = FALSE;
  return TRUE;
}

static gboolean
np_reshape (PlInterp *I,
            PlValue  *self,
            PlCall   *call,
            PlVal    *result)
{
  static const char * const names[] = { "a", "newshape", "order" };
  PlVal a[3];
  gint ndim = 0;
  gint64 shape[PL_MAX_DIMS];
  PlArray *arr, *r;
  GError *error = NULL;

  if (!pl_parse_args (I, "reshape", call, 2, names, 2, a))
    return FALSE;
  /* One entry may be -1: the engine checks the rest. */
  if (!shape_arg_full (I, &a[1], &ndim, shape, TRUE))
    return FALSE;
  if (!pl_np_to_array (I, &a[0], PL_DTYPE_NONE, &arr))
    return FALSE;
  r = pl_array_reshape (arr, ndim, shape, &error);
  pl_array_unref (arr);
  if (r == NULL)
    return engine_error (I, error);
  *result = pl_np_wrap (r);
  result->np_scalar = FALSE;
  return TRUE;
}

static gboolean
np_ravel_transpose (PlInterp *I,
                    PlValue  *self,
                    PlCall   *call,
                    PlVal    *result)
{
  PlArray *arr;
  gboolean ok;

  if (call->n_args < 1)
    return pl_raise (I, PL_ERROR_TYPE, "%s() missing required argument 'a' (pos 1)", self->builtin.name);
  if (!pl_np_to_array (I, &call->args[0], PL_DTYPE_NONE, &arr))
    return FALSE;
  if (self->builtin.tag == 0)
    {
      GError *error = NULL;
      PlArray *r = pl_array_ravel (arr, &error);
      ok = r != NULL || engine_error (I, error);
      if (r != NULL)
        {
          *result = pl_np_wrap (r);
          result->np_scalar = FALSE;
        }
    }
  else
    ok = do_transpose (I, arr, call, 1, result);
  pl_array_unref (arr);
  return ok;
}

static gboolean
np_reduce (PlInterp *I,
           PlValue  *self,
           PlCall   *call,
           PlVal    *result)
{
  static const char * const names[] = { "a", "axis" };
  PlVal a[2];

  if (!pl_parse_args (I, self->builtin.name, call, 1, names, 2, a))
    return FALSE;
  return do_reduce (I, self->builtin.tag, &a[0], &a[1], result);
}

/* An operand for the engine (an operator's or an explicit ufunc call's):
 * arrays are passed as they are, borrowed, so their reference count stays
 * what the script holds (temporary elision depends on it); anything else is
 * converted into a new array that the caller owns (*owned). */
gboolean
pl_np_operand (PlInterp     *I,
               const PlVal  *v,
               PlArray     **arr,
               gboolean     *owned)
{
  if (v->kind == PL_V_ARRAY)
    {
      *arr = v->arr;
      *owned = FALSE;
      return TRUE;
    }
  *owned = TRUE;
  return pl_np_to_array (I, v, PL_DTYPE_NONE, arr);
}

static gboolean
ufunc_out (PlInterp    *I,
           const PlVal *v,
           PlArray    **out)
{
  *out = NULL;
  if (v->kind == PL_V_UNBOUND || v->kind == PL_V_NONE)
    return TRUE;
  if (pl_val_is (v, PL_OBJ_TUPLE) && v->obj->seq.n == 1)
    v = &v->obj->seq.items[0];
  if (v->kind != PL_V_ARRAY || v->np_scalar)
    return pl_raise (I, PL_ERROR_TYPE, "return arrays must be of ArrayType");
  *out = v->arr;
  return TRUE;
}

static gboolean
np_ufunc2 (PlInterp *I,
           PlValue  *self,
           PlCall   *call,
           PlVal    *result)
{
  static const char * const names[] = { "x1", "x2", "out", "dtype", "where", "casting", "order" };
  PlVal a[7];
  PlArray *x = NULL, *y = NULL, *out, *r;
  gboolean own_x = FALSE, own_y = FALSE;
  PlDType dtype;
  GError *error = NULL;

  if (!pl_parse_args (I, self->builtin.name, call, 2, names, 4, a))
    return FALSE;
  if (!ufunc_out (I, &a[2], &out) || !pl_np_dtype_arg (I, &a[3], &dtype))
    return FALSE;
  if (!pl_np_operand (I, &a[0], &x, &own_x))
    return FALSE;
  if (!pl_np_operand (I, &a[1], &y, &own_y))
    {
      if (own_x)
        pl_array_unref (x);
      return FALSE;
    }
  r = pl_ufunc_binary (self->builtin.tag, x, y, out, dtype, &error);
  if (own_x)
    pl_array_unref (x);
  if (own_y)
    pl_array_unref (y);
  if (r == NULL)
    return engine_error (I, error);
  *result = pl_np_wrap (r);
  return TRUE;
}

static gboolean
np_ufunc1 (PlInterp *I,
           PlValue  *self,
           PlCall   *call,
           PlVal    *result)
{
  static const char * const names[] = { "x", "out", "dtype", "where", "casting", "order" };
  PlVal a[6];
  PlArray *x = NULL, *out, *r;
  gboolean own_x = FALSE;
  PlDType dtype;
  GError *error = NULL;

  if (!pl_parse_args (I, self->builtin.name, call, 1, names, 3, a))
    return FALSE;
  if (!ufunc_out (I, &a[1], &out) || !pl_np_dtype_arg (I, &a[2], &dtype))
    return FALSE;
  if (!pl_np_operand (I, &a[0], &x, &own_x))
    return FALSE;
  r = pl_ufunc_unary (self->builtin.tag, x, out, dtype, &error);
  if (own_x)
    pl_array_unref (x);
  if (r == NULL)
    return engine_error (I, error);
  *result = pl_np_wrap (r);
  return TRUE;
}

static gboolean
np_where (PlInterp *I,
          PlValue  *self,
          PlCall   *call,
          PlVal    *result)
{
  PlArray *arrs[3] = { NULL, NULL, NULL };
  gboolean owned[3] = { FALSE, FALSE, FALSE };
  GError *error = NULL;
  PlArray *r = NULL;
  gboolean ok = TRUE;

  if (call->n_kw > 0 || call->n_args != 3)
    return pl_raise (I, PL_ERROR_NOT_IMPLEMENTED, "Peakline supports np.where(condition, x, y) with three arguments");
  for (int i = 0; i < 3 && ok; i++)
    ok = pl_np_operand (I, &call->args[i], &arrs[i], &owned[i]);
  if (ok)
    {
      r = pl_array_where (arrs[0], arrs[1], arrs[2], &error);
      if (r == NULL)
        ok = engine_error (I, error);
    }
  for (int i = 0; i < 3; i++)
    if (owned[i] && arrs[i] != NULL)
      pl_array_unref (arrs[i]);
  if (ok)
    *result = pl_np_wrap (r);
  return ok;
}

static gboolean
size_args (PlInterp *I,
           PlCall   *call,
           gboolean  from_positional,
           gint     *ndim,
           gint64   *shape)
{
  if (from_positional)
    {
      if (call->n_kw > 0)
        return pl_raise (I, PL_ERROR_TYPE, "rand() takes no keyword arguments");
      if (call->n_args > PL_MAX_DIMS)
        return pl_raise (I, PL_ERROR_VALUE, "maximum supported dimension for an ndarray is 32");
      *ndim = call->n_args;
      for (guint i = 0; i < call->n_args; i++)
        {
          if (!pl_val_to_index (I, &call->args[i], &shape[i]))
            return FALSE;
          if (shape[i] < 0)
            return pl_raise (I, PL_ERROR_VALUE, "negative dimensions are not allowed");
        }
      return TRUE;
    }
  else
    {
      static const char * const names[] = { "size" };
      PlVal a[1];
      if (!pl_parse_args (I, "random", call, 0, names, 1, a))
        return FALSE;
      if (a[0].kind == PL_V_UNBOUND || a[0].kind == PL_V_NONE)
        {
          *ndim = -1;
          return TRUE;
        }
      return shape_arg (I, &a[0], ndim, shape);
    }
}

static gboolean
np_random (PlInterp *I,
           PlValue  *self,
           PlCall   *call,
           PlVal    *result)
{
  gint ndim = 0;
  gint64 shape[PL_MAX_DIMS];
  GError *error = NULL;
  PlArray *r;
  gboolean normal = self->builtin.tag == 2;

  if (!size_args (I, call, self->builtin.tag != 0, &ndim, shape))
    return FALSE;
  if (ndim <= 0)
    {
      /* No size: a Python float, as NumPy returns. */
      gint64 one = 1;
      PlScalar s;
      r = normal ? pl_array_random_normal (1, &one, &error) : pl_array_random_uniform (1, &one, &error);
      if (r == NULL)
        return engine_error (I, error);
      s = pl_array_get_flat (r, 0);
      pl_array_unref (r);
      *result = pl_val_float (s.f);
      return TRUE;
    }
  r = normal ? pl_array_random_normal (ndim, shape, &error) : pl_array_random_uniform (ndim, shape, &error);
  if (r == NULL)
    return engine_error (I, error);
  *result = pl_np_wrap (r);
  result->np_scalar = FALSE;
  return TRUE;
}

static gboolean
np_seed (PlInterp *I,
         PlValue  *self,
         PlCall   *call,
         PlVal    *result)
{
  gint64 seed = 0;

  if (call->n_args > 1 || call->n_kw > 0)
    return pl_raise (I, PL_ERROR_TYPE, "seed() takes at most 1 positional argument");
  if (call->n_args == 1 && call->args[0].kind != PL_V_NONE && !pl_val_to_index (I, &call->args[0], &seed))
    return FALSE;
  if (seed < 0 || seed > G_MAXUINT32)
    return pl_raise (I, PL_ERROR_VALUE, "Seed must be between 0 and 2**32 - 1");
  pl_random_seed ((guint64) seed);
  *result = PL_VAL_NONE;
  return TRUE;
}

static gboolean
np_dtype_fn (PlInterp *I,
             PlValue  *self,
             PlCall   *call,
             PlVal    *result)
{
  PlDType dtype;

  if (call->n_args != 1 || call->n_kw > 0)
    return pl_raise (I, PL_ERROR_TYPE, "dtype() takes exactly 1 argument");
  if (!pl_np_dtype_arg (I, &call->args[0], &dtype))
    return FALSE;
  if (dtype == PL_DTYPE_NONE)
    dtype = PL_DTYPE_FLOAT64;
  *result = pl_val_obj (pl_dtype_value_new (dtype));
  return TRUE;
}

static gboolean
np_shape_fn (PlInterp *I,
             PlValue  *self,
             PlCall   *call,
             PlVal    *result)
{
  PlArray *arr;

  if (call->n_args != 1 || call->n_kw > 0)
    return pl_raise (I, PL_ERROR_TYPE, "%s() takes exactly 1 argument", self->builtin.name);
  if (!pl_np_to_array (I, &call->args[0], PL_DTYPE_NONE, &arr))
    return FALSE;
  switch (self->builtin.tag)
    {
    case 0: *result = shape_tuple (arr, FALSE); break;
    case 1: *result = pl_val_int (pl_array_get_size (arr)); break;
    default: *result = pl_val_int (arr->ndim); break;
    }
  pl_array_unref (arr);
  return TRUE;
}

/* np.float64(3.0) and friends: NumPy scalars. */
gboolean
pl_np_call_dtype (PlInterp *I,
                  PlDType   dtype,
                  PlCall   *call,
                  PlVal    *result)
{
  PlScalar s = pl_scalar_from_int (0);
  GError *error = NULL;

  if (call->n_kw > 0 || call->n_args > 1)
    return pl_raise (I, PL_ERROR_TYPE, "%s() takes at most 1 argument", pl_dtype_name (dtype));
  if (call->n_args == 1)
    {
      const PlVal *v = &call->args[0];
      if (pl_val_is (v, PL_OBJ_STR))
        {
          const char *text = v->obj->str.s;
          char *end = NULL;
          double d = g_ascii_strtod (text, &end);
          if (end == text || *end != '\0')
            return pl_raise (I, PL_ERROR_VALUE, "could not convert string to float: '%s'", text);
          s = pl_scalar_from_double (d);
        }
      else if (v->kind == PL_V_ARRAY && v->arr->ndim > 0)
        {
          PlArray *r = pl_array_astype (v->arr, dtype, TRUE, &error);
          if (r == NULL)
            return engine_error (I, error);
          *result = pl_np_wrap (r);
          return TRUE;
        }
      else if (!scalar_of (v, &s))
        return pl_raise (I, PL_ERROR_TYPE, "%s() argument must be a number, not '%s'", pl_dtype_name (dtype),
                         pl_val_type_name (v));
    }
  *result = pl_np_wrap (pl_array_new_scalar (&s, dtype));
  result->np_scalar = TRUE;
  return TRUE;
}

/* --- the module --------------------------------------------------------- */

static void
add (PlValue       *m,
     const char    *name,
     PlBuiltinFunc  fn,
     gint           tag)
{
  pl_module_set (m, name, pl_val_obj (pl_builtin_new (name, name, fn, tag)));
}

PlValue *
pl_module_np_new (PlInterp *I)
{
  PlValue *np = pl_module_new ("numpy");
  PlValue *random = pl_module_new ("numpy.random");
  static const struct { const char *name; PlBinaryOp op; } binary[] = {
    { "add", PL_BINOP_ADD }, { "subtract", PL_BINOP_SUBTRACT }, { "multiply", PL_BINOP_MULTIPLY },
    { "divide", PL_BINOP_TRUE_DIVIDE }, { "true_divide", PL_BINOP_TRUE_DIVIDE },
    { "floor_divide", PL_BINOP_FLOOR_DIVIDE }, { "remainder", PL_BINOP_REMAINDER }, { "mod", PL_BINOP_REMAINDER },
    { "power", PL_BINOP_POWER }, { "bitwise_and", PL_BINOP_AND }, { "bitwise_or", PL_BINOP_OR },
    { "bitwise_xor", PL_BINOP_XOR }, { "logical_and", PL_BINOP_AND }, { "logical_or", PL_BINOP_OR },
    { "left_shift", PL_BINOP_LSHIFT }, { "right_shift", PL_BINOP_RSHIFT },
    { "equal", PL_BINOP_EQUAL }, { "not_equal", PL_BINOP_NOT_EQUAL }, { "less", PL_BINOP_LESS },
    { "less_equal", PL_BINOP_LESS_EQUAL }, { "greater", PL_BINOP_GREATER },
    { "greater_equal", PL_BINOP_GREATER_EQUAL }, { "maximum", PL_BINOP_MAXIMUM },
    { "minimum", PL_BINOP_MINIMUM }, { "arctan2", PL_BINOP_ARCTAN2 },
  };
  static const struct { const char *name; PlUnaryOp op; } unary[] = {
    { "negative", PL_UNOP_NEGATIVE }, { "positive", PL_UNOP_POSITIVE }, { "absolute", PL_UNOP_ABSOLUTE },
    { "abs", PL_UNOP_ABSOLUTE }, { "fabs", PL_UNOP_ABSOLUTE }, { "invert", PL_UNOP_INVERT },
    { "sqrt", PL_UNOP_SQRT }, { "exp", PL_UNOP_EXP }, { "log", PL_UNOP_LOG }, { "sin", PL_UNOP_SIN },
    { "cos", PL_UNOP_COS }, { "tan", PL_UNOP_TAN }, { "arcsin", PL_UNOP_ARCSIN }, { "arccos", PL_UNOP_ARCCOS },
    { "arctan", PL_UNOP_ARCTAN }, { "sinh", PL_UNOP_SINH }, { "cosh", PL_UNOP_COSH }, { "tanh", PL_UNOP_TANH },
    { "expm1", PL_UNOP_EXPM1 }, { "log10", PL_UNOP_LOG10 }, { "log1p", PL_UNOP_LOG1P },
    { "square", PL_UNOP_SQUARE },
  };
  static const struct { const char *name; PlDType dtype; } dtypes[] = {
    { "bool_", PL_DTYPE_BOOL }, { "int8", PL_DTYPE_INT8 }, { "int16", PL_DTYPE_INT16 },
    { "int32", PL_DTYPE_INT32 }, { "int64", PL_DTYPE_INT64 }, { "uint8", PL_DTYPE_UINT8 },
    { "uint16", PL_DTYPE_UINT16 }, { "uint32", PL_DTYPE_UINT32 }, { "uint64", PL_DTYPE_UINT64 },
    { "float16", PL_DTYPE_FLOAT16 }, { "float32", PL_DTYPE_FLOAT32 }, { "float64", PL_DTYPE_FLOAT64 },
    { "half", PL_DTYPE_FLOAT16 }, { "single", PL_DTYPE_FLOAT32 }, { "double", PL_DTYPE_FLOAT64 },
    { "float_", PL_DTYPE_FLOAT64 }, { "int_", PL_DTYPE_INT64 }, { "intc", PL_DTYPE_INT32 },
    { "byte", PL_DTYPE_INT8 }, { "ubyte", PL_DTYPE_UINT8 }, { "short", PL_DTYPE_INT16 },
    { "ushort", PL_DTYPE_UINT16 }, { "uint", PL_DTYPE_UINT64 }, { "longlong", PL_DTYPE_INT64 },
  };
  static const char *reductions[] = { "sum", "prod", "mean", "min", "max", "std", "any", "all" };

  (void) I;
  add (np, "empty", np_create, 0);
  add (np, "zeros", np_create, 1);
  add (np, "ones", np_create, 2);
  add (np, "full", np_full, 0);
  add (np, "empty_like", np_like, 0);
  add (np, "zeros_like", np_like, 1);
  add (np, "ones_like", np_like, 2);
  add (np, "arange", np_arange, 0);
  add (np, "linspace", np_linspace, 0);
  add (np, "array", np_array, 0);
  add (np, "asarray", np_array, 1);
  add (np, "copy", np_copy, 0);
  add (np, "ascontiguousarray", np_copy, 1);
  add (np, "reshape", np_reshape, 0);
  add (np, "ravel", np_ravel_transpose, 0);
  add (np, "transpose", np_ravel_transpose, 1);
  add (np, "where", np_where, 0);
  add (np, "dtype", np_dtype_fn, 0);
  add (np, "shape", np_shape_fn, 0);
  add (np, "size", np_shape_fn, 1);
  add (np, "ndim", np_shape_fn, 2);
  for (gsize i = 0; i < G_N_ELEMENTS (reductions); i++)
    add (np, reductions[i], np_reduce, (gint) i);
  add (np, "amin", np_reduce, PL_REDUCE_MIN);
  add (np, "amax", np_reduce, PL_REDUCE_MAX);
  for (gsize i = 0; i < G_N_ELEMENTS (binary); i++)
    add (np, binary[i].name, np_ufunc2, binary[i].op);
  for (gsize i = 0; i < G_N_ELEMENTS (unary); i++)
    add (np, unary[i].name, np_ufunc1, unary[i].op);
  for (gsize i = 0; i < G_N_ELEMENTS (dtypes); i++)
    pl_module_set (np, dtypes[i].name, pl_val_obj (pl_dtype_value_new (dtypes[i].dtype)));
  pl_module_set (np, "pi", pl_val_float (G_PI));
  pl_module_set (np, "e", pl_val_float (G_E));
  pl_module_set (np, "nan", pl_val_float (NAN));
  pl_module_set (np, "inf", pl_val_float (INFINITY));
  pl_module_set (np, "newaxis", PL_VAL_NONE);

  add (random, "random", np_random, 0);
  add (random, "rand", np_random, 1);
  add (random, "randn", np_random, 2);
  add (random, "seed", np_seed, 0);
  pl_module_set (np, "random", pl_val_obj (random));
  return np;
}
