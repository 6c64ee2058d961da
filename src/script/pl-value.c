/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "pl-value.h"

PlVal
pl_val_ref (const PlVal *v)
{
  if (v->kind == PL_V_ARRAY)
    pl_array_ref (v->arr);
  else if (v->kind == PL_V_OBJ)
    pl_value_ref (v->obj);
  return *v;
}

void
pl_val_unref (PlVal *v)
{
  PlVal tmp = *v;

  /* Reset first: freeing may run code that looks at the slot. */
  v->kind = PL_V_UNBOUND;
  v->np_scalar = FALSE;
  if (tmp.kind == PL_V_ARRAY)
    pl_array_unref (tmp.arr);
  else if (tmp.kind == PL_V_OBJ)
    pl_value_unref (tmp.obj);
}

void
pl_val_clear (PlVal *v)
{
  pl_val_unref (v);
}

PlValue *
pl_value_alloc (PlObjKind kind)
{
  PlValue *value = g_new0 (PlValue, 1);
  value->ref_count = 1;
  value->kind = kind;
  value->depth = 1;
  return value;
}

/**
 * pl_value_ref:
 * @value: a #PlValue
 *
 * Returns: (transfer full): @value
 */
PlValue *
pl_value_ref (PlValue *value)
{
  g_return_val_if_fail (value != NULL, NULL);
  g_return_val_if_fail (value->ref_count > 0, NULL);
  value->ref_count++;
  return value;
}

static void
clear_vals (PlVal *vals,
            guint  n)
{
  for (guint i = 0; i < n; i++)
    pl_val_clear (&vals[i]);
  g_free (vals);
}

/**
 * pl_value_unref:
 * @value: a #PlValue
 *
 * Drops a reference; the last one frees the value and what it holds.
 */
void
pl_value_unref (PlValue *value)
{
  g_return_if_fail (value != NULL);
  g_return_if_fail (value->ref_count > 0);
  if (--value->ref_count > 0)
    return;
  switch (value->kind)
    {
    case PL_OBJ_STR:
      g_free (value->str.s);
      break;
    case PL_OBJ_TUPLE:
    case PL_OBJ_LIST:
      clear_vals (value->seq.items, value->seq.n);
      break;
    case PL_OBJ_DICT:
      clear_vals (value->dict.keys, value->dict.n);
      clear_vals (value->dict.values, value->dict.n);
      break;
    case PL_OBJ_SLICE:
      pl_val_clear (&value->slice.start);
      pl_val_clear (&value->slice.stop);
      pl_val_clear (&value->slice.step);
      break;
    case PL_OBJ_FUNCTION:
      clear_vals (value->func.defaults, value->func.n_params);
      pl_script_unref (value->func.script);
      break;
    case PL_OBJ_BUILTIN:
      pl_val_clear (&value->builtin.self);
      break;
    case PL_OBJ_PARTIAL:
      pl_val_clear (&value->partial.func);
      clear_vals (value->partial.args, value->partial.n_args);
      clear_vals (value->partial.kw_values, value->partial.n_kw);
      g_strfreev (value->partial.kw_names);
      break;
    case PL_OBJ_MODULE:
      g_free (value->module.name);
      g_hash_table_destroy (value->module.attrs);
      break;
    case PL_OBJ_NUMEXPR:
      if (value->numexpr.free_ne != NULL)
        value->numexpr.free_ne (value->numexpr.ne);
      break;
    case PL_OBJ_BOXED:
      pl_val_clear (&value->boxed);
      break;
    case PL_OBJ_OPAQUE:
      g_free (value->opaque.name);
      break;
    case PL_OBJ_EXCEPTION:
      g_free (value->exception.message);
      break;
    case PL_OBJ_RANGE:
    case PL_OBJ_ELLIPSIS:
    case PL_OBJ_DTYPE:
    default:
      break;
    }
  g_free (value);
}

PlValue *
pl_str_new (const char *s,
            gssize      len)
{
  PlValue *value = pl_value_alloc (PL_OBJ_STR);

  if (len < 0)
    len = strlen (s);
  value->str.s = g_strndup (s, len);
  value->str.len = len;
  return value;
}

PlValue *
pl_str_take (char  *s,
             gsize  len)
{
  PlValue *value = pl_value_alloc (PL_OBJ_STR);
  value->str.s = s;
  value->str.len = len;
  return value;
}

gint
pl_val_depth (const PlVal *v)
{
  return v->kind == PL_V_OBJ ? v->obj->depth : 0;
}

PlValue *
pl_seq_new (PlObjKind  kind,
            PlVal     *items,
            guint      n)
{
  PlValue *value;
  gint depth = 0;

  for (guint i = 0; i < n; i++)
    depth = MAX (depth, pl_val_depth (&items[i]));
  if (depth + 1 > PL_MAX_NESTING)
    {
      for (guint i = 0; i < n; i++)
        pl_val_clear (&items[i]);
      return NULL;
    }
  value = pl_value_alloc (kind);
  value->depth = depth + 1;
  value->seq.items = g_new (PlVal, MAX (n, 1));
  if (n > 0)
    memcpy (value->seq.items, items, sizeof (PlVal) * n);
  value->seq.n = n;
  return value;
}

PlValue *
pl_range_new (gint64 start,
              gint64 stop,
              gint64 step)
{
  PlValue *value = pl_value_alloc (PL_OBJ_RANGE);
  value->range.start = start;
  value->range.stop = stop;
  value->range.step = step;
  return value;
}

gint64
pl_range_len (const PlValue *range)
{
  gint64 start = range->range.start, stop = range->range.stop, step = range->range.step;

  /* Computed in unsigned arithmetic: stop - start may not fit in 63 bits. */
  if (step > 0 && start < stop)
    return (gint64) (((guint64) stop - (guint64) start - 1) / (guint64) step + 1);
  if (step < 0 && start > stop)
    return (gint64) (((guint64) start - (guint64) stop - 1) / (0 - (guint64) step) + 1);
  return 0;
}

PlValue *
pl_dtype_value_new (PlDType dtype)
{
  PlValue *value = pl_value_alloc (PL_OBJ_DTYPE);
  value->dtype = dtype;
  return value;
}

PlValue *
pl_builtin_new (const char    *name,
                const char    *qualname,
                PlBuiltinFunc  fn,
                gint           tag)
{
  PlValue *value = pl_value_alloc (PL_OBJ_BUILTIN);
  value->builtin.name = name;
  value->builtin.qualname = qualname ? qualname : name;
  value->builtin.fn = fn;
  value->builtin.tag = tag;
  value->builtin.self.kind = PL_V_UNBOUND;
  return value;
}

PlValue *
pl_builtin_bind (PlValue     *unbound,
                 const PlVal *self)
{
  PlValue *value = pl_builtin_new (unbound->builtin.name, unbound->builtin.qualname,
                                   unbound->builtin.fn, unbound->builtin.tag);
  value->builtin.self = pl_val_ref (self);
  value->depth = pl_val_depth (self) + 1;
  return value;
}

static void
free_val_ptr (gpointer p)
{
  PlVal *v = p;
  pl_val_clear (v);
  g_free (v);
}

PlValue *
pl_module_new (const char *name)
{
  PlValue *value = pl_value_alloc (PL_OBJ_MODULE);
  value->module.name = g_strdup (name);
  value->module.attrs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, free_val_ptr);
  return value;
}

void
pl_module_set (PlValue    *module,
               const char *name,
               PlVal       value)
{
  PlVal *slot = g_new (PlVal, 1);
  *slot = value;
  g_hash_table_replace (module->module.attrs, g_strdup (name), slot);
}

PlVal *
pl_module_lookup (PlValue    *module,
                  const char *name)
{
  return g_hash_table_lookup (module->module.attrs, name);
}

PlValue *
pl_box_new (const PlVal *v)
{
  PlValue *value = pl_value_alloc (PL_OBJ_BOXED);
  value->boxed = pl_val_ref (v);
  return value;
}

const char *
pl_val_type_name (const PlVal *v)
{
  switch (v->kind)
    {
    case PL_V_UNBOUND: return "unbound";
    case PL_V_NONE: return "NoneType";
    case PL_V_BOOL: return "bool";
    case PL_V_INT: return "int";
    case PL_V_FLOAT: return "float";
    case PL_V_ARRAY:
      if (v->np_scalar)
        {
          switch (v->arr->dtype)
            {
            case PL_DTYPE_BOOL: return "numpy.bool_";
            case PL_DTYPE_INT8: return "numpy.int8";
            case PL_DTYPE_INT16: return "numpy.int16";
            case PL_DTYPE_INT32: return "numpy.int32";
            case PL_DTYPE_INT64: return "numpy.int64";
            case PL_DTYPE_UINT8: return "numpy.uint8";
            case PL_DTYPE_UINT16: return "numpy.uint16";
            case PL_DTYPE_UINT32: return "numpy.uint32";
            case PL_DTYPE_UINT64: return "numpy.uint64";
            case PL_DTYPE_FLOAT16: return "numpy.float16";
            case PL_DTYPE_FLOAT32: return "numpy.float32";
            case PL_DTYPE_FLOAT64: return "numpy.float64";
            default: return "numpy.generic";
            }
        }
      return "numpy.ndarray";
    case PL_V_OBJ:
      switch (v->obj->kind)
        {
        case PL_OBJ_STR: return "str";
        case PL_OBJ_TUPLE: return "tuple";
        case PL_OBJ_LIST: return "list";
        case PL_OBJ_DICT: return "dict";
        case PL_OBJ_RANGE: return "range";
        case PL_OBJ_SLICE: return "slice";
        case PL_OBJ_ELLIPSIS: return "ellipsis";
        case PL_OBJ_FUNCTION: return "function";
        case PL_OBJ_BUILTIN:
          return v->obj->builtin.self.kind != PL_V_UNBOUND ? "builtin_function_or_method" : "builtin_function_or_method";
        case PL_OBJ_PARTIAL: return "functools.partial";
        case PL_OBJ_MODULE: return "module";
        case PL_OBJ_DTYPE: return "numpy.dtype";
        case PL_OBJ_NUMEXPR: return "numexpr.necompiler.NumExpr";
        case PL_OBJ_BOXED: return pl_val_type_name (&v->obj->boxed);
        case PL_OBJ_OPAQUE: return "object";
        case PL_OBJ_EXCEPTION: return v->obj->exception.kind;
        default: return "object";
        }
    default:
      return "object";
    }
}
