/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "pl-format.h"
#include "pl-interp-private.h"

/* --- conversions -------------------------------------------------------- */

gboolean
pl_val_truth (PlInterp    *I,
              const PlVal *v,
              gboolean    *out)
{
  switch (v->kind)
    {
    case PL_V_NONE: *out = FALSE; return TRUE;
    case PL_V_BOOL: *out = v->b; return TRUE;
    case PL_V_INT: *out = v->i != 0; return TRUE;
    case PL_V_FLOAT: *out = v->f != 0; return TRUE;
    case PL_V_ARRAY:
      {
        gint64 size = pl_array_get_size (v->arr);
        PlScalar s;
        if (size == 0)
          {
            *out = FALSE;
            return TRUE;
          }
        if (size > 1)
          return pl_raise (I, PL_ERROR_VALUE,
                           "The truth value of an array with more than one element is ambiguous. "
                           "Use a.any() or a.all()");
        s = pl_array_get_flat (v->arr, 0);
        switch (s.kind)
          {
          case PL_DTYPE_KIND_BOOL: *out = s.b; break;
          case PL_DTYPE_KIND_INT: *out = s.i != 0; break;
          case PL_DTYPE_KIND_UINT: *out = s.u != 0; break;
          default: *out = s.f != 0; break;
          }
        return TRUE;
      }
    case PL_V_OBJ:
      switch (v->obj->kind)
        {
        case PL_OBJ_STR: *out = v->obj->str.len > 0; return TRUE;
        case PL_OBJ_TUPLE: case PL_OBJ_LIST: *out = v->obj->seq.n > 0; return TRUE;
        case PL_OBJ_DICT: *out = v->obj->dict.n > 0; return TRUE;
        case PL_OBJ_RANGE: *out = pl_range_len (v->obj) > 0; return TRUE;
        default: *out = TRUE; return TRUE;
        }
    default:
      *out = FALSE;
      return TRUE;
    }
}

gboolean
pl_val_to_index (PlInterp    *I,
                 const PlVal *v,
                 gint64      *out)
{
  if (v->kind == PL_V_INT)
    {
      *out = v->i;
      return TRUE;
    }
  if (v->kind == PL_V_BOOL)
    {
      *out = v->b;
      return TRUE;
    }
  if (v->kind == PL_V_ARRAY && v->arr->ndim == 0)
    {
      PlScalar s = pl_array_get_flat (v->arr, 0);
      switch (s.kind)
        {
        case PL_DTYPE_KIND_BOOL: *out = s.b; return TRUE;
        case PL_DTYPE_KIND_INT: *out = s.i; return TRUE;
        case PL_DTYPE_KIND_UINT:
          if (s.u > G_MAXINT64)
            return pl_raise (I, PL_ERROR_OVERFLOW, "Python int too large to convert to C ssize_t");
          *out = (gint64) s.u;
          return TRUE;
        default:
          break;
        }
    }
  return pl_raise (I, PL_ERROR_TYPE, "'%s' object cannot be interpreted as an integer", pl_val_type_name (v));
}

gboolean
pl_val_to_double (PlInterp    *I,
                  const PlVal *v,
                  double      *out)
{
  switch (v->kind)
    {
    case PL_V_INT: *out = (double) v->i; return TRUE;
    case PL_V_BOOL: *out = v->b; return TRUE;
    case PL_V_FLOAT: *out = v->f; return TRUE;
    case PL_V_ARRAY:
      if (pl_array_get_size (v->arr) == 1)
        {
          PlScalar s = pl_array_get_flat (v->arr, 0);
          switch (s.kind)
            {
            case PL_DTYPE_KIND_BOOL: *out = s.b; return TRUE;
            case PL_DTYPE_KIND_INT: *out = (double) s.i; return TRUE;
            case PL_DTYPE_KIND_UINT: *out = (double) s.u; return TRUE;
            default: *out = s.f; return TRUE;
            }
        }
      if (v->arr->ndim > 0)
        return pl_raise (I, PL_ERROR_TYPE, "only size-1 arrays can be converted to Python scalars");
      break;
    default:
      break;
    }
  return pl_raise (I, PL_ERROR_TYPE, "must be real number, not %s", pl_val_type_name (v));
}

/* --- iteration ---------------------------------------------------------- */

gboolean
pl_script_iter_init (PlInterp    *I,
              const PlVal *v,
              PlScriptIter      *it)
{
  memset (it, 0, sizeof *it);
  if (v->kind == PL_V_ARRAY)
    {
      if (v->arr->ndim == 0)
        return pl_raise (I, PL_ERROR_TYPE, "iteration over a 0-d array");
      it->seq = pl_val_ref (v);
      it->length = v->arr->shape[0];
      return TRUE;
    }
  if (v->kind == PL_V_OBJ)
    {
      switch (v->obj->kind)
        {
        case PL_OBJ_STR:
          it->seq = pl_val_ref (v);
          it->length = v->obj->str.len;
          return TRUE;
        case PL_OBJ_TUPLE:
        case PL_OBJ_LIST:
          it->seq = pl_val_ref (v);
          it->length = v->obj->seq.n;
          return TRUE;
        case PL_OBJ_DICT:
          it->seq = pl_val_ref (v);
          it->length = v->obj->dict.n;
          return TRUE;
        case PL_OBJ_RANGE:
          it->seq = pl_val_ref (v);
          it->length = pl_range_len (v->obj);
          return TRUE;
        default:
          break;
        }
    }
  return pl_raise (I, PL_ERROR_TYPE, "'%s' object is not iterable", pl_val_type_name (v));
}

gboolean
pl_script_iter_next (PlInterp *I,
              PlScriptIter   *it,
              PlVal    *out)
{
  PlVal *seq = &it->seq;

  if (seq->kind == PL_V_UNBOUND)
    return FALSE;
  if (seq->kind == PL_V_ARRAY)
    {
      PlVal idx;
      if (it->index >= it->length)
        return FALSE;
      idx = pl_val_int (it->index++);
      return pl_np_get_item (I, seq, &idx, out);
    }
  switch (seq->obj->kind)
    {
    case PL_OBJ_STR:
      {
        const char *p, *next;
        if (it->index >= it->length)
          return FALSE;
        p = seq->obj->str.s + it->index;
        next = g_utf8_next_char (p);
        *out = pl_val_obj (pl_str_new (p, next - p));
        it->index = next - seq->obj->str.s;
        return TRUE;
      }
    case PL_OBJ_TUPLE:
    case PL_OBJ_LIST:
      if (it->index >= (gint64) seq->obj->seq.n)
        return FALSE;
      *out = pl_val_ref (&seq->obj->seq.items[it->index++]);
      return TRUE;
    case PL_OBJ_DICT:
      if (it->index >= (gint64) seq->obj->dict.n)
        return FALSE;
      *out = pl_val_ref (&seq->obj->dict.keys[it->index++]);
      return TRUE;
    case PL_OBJ_RANGE:
      if (it->index >= it->length)
        return FALSE;
      *out = pl_val_int ((gint64) ((guint64) seq->obj->range.start + (guint64) it->index * (guint64) seq->obj->range.step));
      it->index++;
      return TRUE;
    default:
      return FALSE;
    }
}

void
pl_script_iter_clear (PlScriptIter *it)
{
  pl_val_clear (&it->seq);
}

/* Collects an iterable into a new array of values (at most PL_MAX_SEQUENCE). */
static gboolean
collect (PlInterp    *I,
         const PlVal *v,
         GArray     **out)
{
  PlScriptIter it;
  PlVal item = { 0, };
  GArray *items;

  if (!pl_script_iter_init (I, v, &it))
    return FALSE;
  if (it.length > PL_MAX_SEQUENCE)
    {
      pl_script_iter_clear (&it);
      return pl_raise (I, PL_ERROR_MEMORY, "a list of %" G_GINT64_FORMAT " items is more than Peakline allows",
                       it.length);
    }
  items = g_array_new (FALSE, TRUE, sizeof (PlVal));
  while (pl_script_iter_next (I, &it, &item))
    g_array_append_val (items, item);
  pl_script_iter_clear (&it);
  if (I->err.set)
    {
      for (guint i = 0; i < items->len; i++)
        pl_val_clear (&g_array_index (items, PlVal, i));
      g_array_free (items, TRUE);
      return FALSE;
    }
  *out = items;
  return TRUE;
}

static gboolean
make_seq (PlInterp  *I,
          PlObjKind  kind,
          GArray    *items,
          PlVal     *result)
{
  PlValue *r = pl_seq_new (kind, (PlVal *) items->data, items->len);
  g_array_free (items, TRUE);
  if (r == NULL)
    return pl_raise (I, PL_ERROR_RECURSION, "containers nested too deeply");
  *result = pl_val_obj (r);
  return TRUE;
}

/* --- argument parsing ---------------------------------------------------- */

gboolean
pl_parse_args (PlInterp           *I,
               const char         *fname,
               PlCall             *call,
               guint               n_required,
               const char * const *names,
               guint               n_names,
               PlVal              *out)
{
  for (guint i = 0; i < n_names; i++)
    out[i].kind = PL_V_UNBOUND;
  if (call->n_args > n_names)
    return pl_raise (I, PL_ERROR_TYPE, "%s() takes %s %u argument%s (%u given)", fname,
                     n_required == n_names ? "exactly" : "at most", n_names, n_names == 1 ? "" : "s",
                     call->n_args);
  for (guint i = 0; i < call->n_args; i++)
    out[i] = call->args[i];
  for (guint k = 0; k < call->n_kw; k++)
    {
      guint i;
      for (i = 0; i < n_names; i++)
        if (strcmp (names[i], call->kw_names[k]) == 0)
          break;
      if (i == n_names)
        return pl_raise (I, PL_ERROR_TYPE, "%s() got an unexpected keyword argument '%s'", fname, call->kw_names[k]);
      if (out[i].kind != PL_V_UNBOUND)
        return pl_raise (I, PL_ERROR_TYPE, "%s() got multiple values for argument '%s'", fname, names[i]);
      out[i] = call->kw_values[k];
    }
  for (guint i = 0; i < n_required; i++)
    if (out[i].kind == PL_V_UNBOUND)
      return pl_raise (I, PL_ERROR_TYPE, "%s() missing required argument '%s' (pos %u)", fname, names[i], i + 1);
  return TRUE;
}

static gboolean
no_kwargs (PlInterp   *I,
           const char *fname,
           PlCall     *call)
{
  if (call->n_kw > 0)
    return pl_raise (I, PL_ERROR_TYPE, "%s() takes no keyword arguments", fname);
  return TRUE;
}

static gboolean
arg_count (PlInterp   *I,
           const char *fname,
           PlCall     *call,
           guint       min,
           guint       max)
{
  if (!no_kwargs (I, fname, call))
    return FALSE;
  if (call->n_args < min || call->n_args > max)
    {
      if (min == max)
        return pl_raise (I, PL_ERROR_TYPE, "%s() takes exactly %u argument%s (%u given)", fname, min,
                         min == 1 ? "" : "s", call->n_args);
      if (call->n_args < min)
        return pl_raise (I, PL_ERROR_TYPE, "%s expected at least %u argument%s, got %u", fname, min,
                         min == 1 ? "" : "s", call->n_args);
      return pl_raise (I, PL_ERROR_TYPE, "%s expected at most %u argument%s, got %u", fname, max,
                       max == 1 ? "" : "s", call->n_args);
    }
  return TRUE;
}

/* --- builtins ----------------------------------------------------------- */

static gboolean
bi_print (PlInterp *I,
          PlValue  *self,
          PlCall   *call,
          PlVal    *result)
{
  GString *s = g_string_new (NULL);
  const char *sep = " ", *end = "\n";
  gsize sep_len = 1, end_len = 1;

  for (guint k = 0; k < call->n_kw; k++)
    {
      const PlVal *v = &call->kw_values[k];
      const char *name = call->kw_names[k];

      if (strcmp (name, "sep") == 0 || strcmp (name, "end") == 0)
        {
          const char *text;
          gsize len;
          if (v->kind == PL_V_NONE)
            continue;
          if (!pl_val_is (v, PL_OBJ_STR))
            {
              g_string_free (s, TRUE);
              return pl_raise (I, PL_ERROR_TYPE, "%s must be None or a string, not %s", name, pl_val_type_name (v));
            }
          text = v->obj->str.s;
          len = v->obj->str.len;
          if (name[0] == 's')
            sep = text, sep_len = len;
          else
            end = text, end_len = len;
        }
      else if (strcmp (name, "flush") == 0)
        continue;
      else if (strcmp (name, "file") == 0)
        {
          g_string_free (s, TRUE);
          return pl_raise (I, PL_ERROR_NOT_IMPLEMENTED, "print(file=...) is not supported by Peakline");
        }
      else
        {
          g_string_free (s, TRUE);
          return pl_raise (I, PL_ERROR_TYPE, "'%s' is an invalid keyword argument for print()", name);
        }
    }
  for (guint i = 0; i < call->n_args; i++)
    {
      if (i > 0)
        g_string_append_len (s, sep, sep_len);
      pl_format_val (s, &call->args[i], FALSE);
    }
  g_string_append_len (s, end, end_len);
  pl_interp_emit_text (I, s->str, s->len);
  g_string_free (s, TRUE);
  *result = PL_VAL_NONE;
  return TRUE;
}

static gboolean
bi_range (PlInterp *I,
          PlValue  *self,
          PlCall   *call,
          PlVal    *result)
{
  gint64 v[3] = { 0, 0, 1 };

  if (!no_kwargs (I, "range", call))
    return FALSE;
  if (call->n_args < 1 || call->n_args > 3)
    return pl_raise (I, PL_ERROR_TYPE, call->n_args == 0 ? "range expected at least 1 argument, got %u"
                                                         : "range expected at most 3 arguments, got %u", call->n_args);
  for (guint i = 0; i < call->n_args; i++)
    if (!pl_val_to_index (I, &call->args[i], &v[i]))
      return FALSE;
  if (call->n_args == 1)
    {
      v[1] = v[0];
      v[0] = 0;
    }
  if (v[2] == 0)
    return pl_raise (I, PL_ERROR_VALUE, "range() arg 3 must not be zero");
  *result = pl_val_obj (pl_range_new (v[0], v[1], v[2]));
  return TRUE;
}

static gboolean
bi_len (PlInterp *I,
        PlValue  *self,
        PlCall   *call,
        PlVal    *result)
{
  const PlVal *v;

  if (!arg_count (I, "len", call, 1, 1))
    return FALSE;
  v = &call->args[0];
  if (v->kind == PL_V_ARRAY)
    {
      if (v->arr->ndim == 0)
        return pl_raise (I, PL_ERROR_TYPE, "len() of unsized object");
      *result = pl_val_int (v->arr->shape[0]);
      return TRUE;
    }
  if (v->kind == PL_V_OBJ)
    switch (v->obj->kind)
      {
      case PL_OBJ_STR: *result = pl_val_int (g_utf8_strlen (v->obj->str.s, v->obj->str.len)); return TRUE;
      case PL_OBJ_TUPLE: case PL_OBJ_LIST: *result = pl_val_int (v->obj->seq.n); return TRUE;
      case PL_OBJ_DICT: *result = pl_val_int (v->obj->dict.n); return TRUE;
      case PL_OBJ_RANGE: *result = pl_val_int (pl_range_len (v->obj)); return TRUE;
      default: break;
      }
  return pl_raise (I, PL_ERROR_TYPE, "object of type '%s' has no len()", pl_val_type_name (v));
}

static gboolean
float_to_int (PlInterp *I,
              double    f,
              PlVal    *result)
{
  if (isnan (f))
    return pl_raise (I, PL_ERROR_VALUE, "cannot convert float NaN to integer");
  if (isinf (f))
    return pl_raise (I, PL_ERROR_OVERFLOW, "cannot convert float infinity to integer");
  f = trunc (f);
  if (f >= 9223372036854775808.0 || f < -9223372036854775808.0)
    return pl_raise (I, PL_ERROR_OVERFLOW, "integer result does not fit in 64 bits (Peakline's ints are 64-bit)");
  *result = pl_val_int ((gint64) f);
  return TRUE;
}

static gboolean
parse_number_text (const char *text,
                   gsize       len,
                   gboolean    want_int,
                   PlVal      *out,
                   gboolean   *overflowed)
{
  g_autofree char *clean = NULL;
  GString *s = g_string_new (NULL);
  const char *p = text, *end = text + len;
  char *stop = NULL;

  *overflowed = FALSE;
  while (p < end && g_ascii_isspace (*p))
    p++;
  while (end > p && g_ascii_isspace (end[-1]))
    end--;
  for (const char *q = p; q < end; q++)
    {
      if (*q == '_')
        {
          if (q == p || q + 1 >= end || !g_ascii_isdigit (q[-1]) || !g_ascii_isdigit (q[1]))
            {
              g_string_free (s, TRUE);
              return FALSE;
            }
          continue;
        }
      if (*q == '\0')
        {
          g_string_free (s, TRUE);
          return FALSE;
        }
      g_string_append_c (s, *q);
    }
  clean = g_string_free (s, FALSE);
  if (*clean == '\0')
    return FALSE;
  if (want_int)
    {
      gint64 v;
      const char *digits = clean;
      if (*digits == '+' || *digits == '-')
        digits++;
      if (*digits == '\0')
        return FALSE;
      for (const char *q = digits; *q; q++)
        if (!g_ascii_isdigit (*q))
          return FALSE;
      errno = 0;
      v = g_ascii_strtoll (clean, &stop, 10);
      if (errno == ERANGE)
        {
          *overflowed = TRUE;
          return FALSE;
        }
      *out = pl_val_int (v);
      return TRUE;
    }
  else
    {
      double v;
      const char *body = clean;
      gboolean neg = FALSE;

      if (*body == '+' || *body == '-')
        {
          neg = *body == '-';
          body++;
        }
      if (g_ascii_strcasecmp (body, "nan") == 0)
        v = NAN;
      else if (g_ascii_strcasecmp (body, "inf") == 0 || g_ascii_strcasecmp (body, "infinity") == 0)
        v = INFINITY;
      else
        {
          for (const char *q = body; *q; q++)
            if (!g_ascii_isdigit (*q) && *q != '.' && *q != 'e' && *q != 'E' && *q != '+' && *q != '-')
              return FALSE;
          v = g_ascii_strtod (body, &stop);
          if (stop == body || *stop != '\0')
            return FALSE;
        }
      *out = pl_val_float (neg ? -v : v);
      return TRUE;
    }
}

static gboolean
bi_int (PlInterp *I,
        PlValue  *self,
        PlCall   *call,
        PlVal    *result)
{
  const PlVal *v;

  if (!arg_count (I, "int", call, 0, 1))
    return FALSE;
  if (call->n_args == 0)
    {
      *result = pl_val_int (0);
      return TRUE;
    }
  v = &call->args[0];
  switch (v->kind)
    {
    case PL_V_INT: *result = *v; return TRUE;
    case PL_V_BOOL: *result = pl_val_int (v->b); return TRUE;
    case PL_V_FLOAT: return float_to_int (I, v->f, result);
    case PL_V_ARRAY:
      {
        PlScalar s;
        if (pl_array_get_size (v->arr) != 1)
          return pl_raise (I, PL_ERROR_TYPE, "only size-1 arrays can be converted to Python scalars");
        s = pl_array_get_flat (v->arr, 0);
        switch (s.kind)
          {
          case PL_DTYPE_KIND_BOOL: *result = pl_val_int (s.b); return TRUE;
          case PL_DTYPE_KIND_INT: *result = pl_val_int (s.i); return TRUE;
          case PL_DTYPE_KIND_UINT:
            if (s.u > G_MAXINT64)
              return pl_raise (I, PL_ERROR_OVERFLOW, "integer result does not fit in 64 bits");
            *result = pl_val_int ((gint64) s.u);
            return TRUE;
          default:
            return float_to_int (I, s.f, result);
          }
      }
    case PL_V_OBJ:
      if (v->obj->kind == PL_OBJ_STR)
        {
          gboolean over;
          if (parse_number_text (v->obj->str.s, v->obj->str.len, TRUE, result, &over))
            return TRUE;
          if (over)
            return pl_raise (I, PL_ERROR_OVERFLOW, "integer result does not fit in 64 bits (Peakline's ints are 64-bit)");
          {
            g_autofree char *r = pl_val_to_str (v, TRUE);
            return pl_raise (I, PL_ERROR_VALUE, "invalid literal for int() with base 10: %s", r);
          }
        }
      break;
    default:
      break;
    }
  return pl_raise (I, PL_ERROR_TYPE, "int() argument must be a string, a bytes-like object or a real number, not '%s'",
                   pl_val_type_name (v));
}

static gboolean
bi_float (PlInterp *I,
          PlValue  *self,
          PlCall   *call,
          PlVal    *result)
{
  const PlVal *v;
  double d;

  if (!arg_count (I, "float", call, 0, 1))
    return FALSE;
  if (call->n_args == 0)
    {
      *result = pl_val_float (0);
      return TRUE;
    }
  v = &call->args[0];
  if (pl_val_is (v, PL_OBJ_STR))
    {
      gboolean over;
      if (parse_number_text (v->obj->str.s, v->obj->str.len, FALSE, result, &over))
        return TRUE;
      {
        g_autofree char *r = pl_val_to_str (v, TRUE);
        return pl_raise (I, PL_ERROR_VALUE, "could not convert string to float: %s", r);
      }
    }
  if (v->kind == PL_V_OBJ || v->kind == PL_V_NONE)
    return pl_raise (I, PL_ERROR_TYPE, "float() argument must be a string or a real number, not '%s'",
                     pl_val_type_name (v));
  if (!pl_val_to_double (I, v, &d))
    return FALSE;
  *result = pl_val_float (d);
  return TRUE;
}

static gboolean
bi_bool (PlInterp *I,
         PlValue  *self,
         PlCall   *call,
         PlVal    *result)
{
  gboolean t = FALSE;

  if (!arg_count (I, "bool", call, 0, 1))
    return FALSE;
  if (call->n_args == 1 && !pl_val_truth (I, &call->args[0], &t))
    return FALSE;
  *result = pl_val_bool (t);
  return TRUE;
}

static gboolean
bi_str (PlInterp *I,
        PlValue  *self,
        PlCall   *call,
        PlVal    *result)
{
  char *s;

  if (!arg_count (I, self->builtin.tag ? "repr" : "str", call, self->builtin.tag ? 1 : 0, 1))
    return FALSE;
  if (call->n_args == 0)
    {
      *result = pl_val_obj (pl_str_new ("", 0));
      return TRUE;
    }
  s = pl_val_to_str (&call->args[0], self->builtin.tag != 0);
  *result = pl_val_obj (pl_str_take (s, strlen (s)));
  return TRUE;
}

static gboolean
bi_abs (PlInterp *I,
        PlValue  *self,
        PlCall   *call,
        PlVal    *result)
{
  const PlVal *v;

  if (!arg_count (I, "abs", call, 1, 1))
    return FALSE;
  v = &call->args[0];
  switch (v->kind)
    {
    case PL_V_INT:
      if (v->i == G_MININT64)
        return pl_raise (I, PL_ERROR_OVERFLOW, "integer result does not fit in 64 bits (Peakline's ints are 64-bit)");
      *result = pl_val_int (ABS (v->i));
      return TRUE;
    case PL_V_BOOL:
      *result = pl_val_int (v->b);
      return TRUE;
    case PL_V_FLOAT:
      *result = pl_val_float (fabs (v->f));
      return TRUE;
    case PL_V_ARRAY:
      {
        GError *error = NULL;
        PlArray *r = pl_array_unary (PL_UNOP_ABSOLUTE, v->arr, &error);
        if (r == NULL)
          return pl_raise_gerror (I, error);
        *result = pl_np_wrap (r);
        return TRUE;
      }
    default:
      return pl_raise (I, PL_ERROR_TYPE, "bad operand type for abs(): '%s'", pl_val_type_name (v));
    }
}

static gboolean
bi_minmax (PlInterp *I,
           PlValue  *self,
           PlCall   *call,
           PlVal    *result)
{
  gboolean is_max = self->builtin.tag;
  const char *name = is_max ? "max" : "min";
  GArray *items = NULL;
  PlVal best = { 0, };
  const PlVal *dflt = NULL;

  for (guint k = 0; k < call->n_kw; k++)
    {
      if (strcmp (call->kw_names[k], "default") == 0)
        dflt = &call->kw_values[k];
      else
        return pl_raise (I, PL_ERROR_TYPE, "'%s' is an invalid keyword argument for %s()", call->kw_names[k], name);
    }
  if (call->n_args == 0)
    return pl_raise (I, PL_ERROR_TYPE, "%s expected at least 1 argument, got 0", name);
  if (call->n_args == 1)
    {
      if (!collect (I, &call->args[0], &items))
        return FALSE;
    }
  else
    {
      items = g_array_new (FALSE, TRUE, sizeof (PlVal));
      for (guint i = 0; i < call->n_args; i++)
        {
          PlVal v = pl_val_ref (&call->args[i]);
          g_array_append_val (items, v);
        }
    }
  if (items->len == 0)
    {
      g_array_free (items, TRUE);
      if (dflt != NULL)
        {
          *result = pl_val_ref (dflt);
          return TRUE;
        }
      return pl_raise (I, PL_ERROR_VALUE, "%s() arg is an empty sequence", name);
    }
  best = pl_val_ref (&g_array_index (items, PlVal, 0));
  for (guint i = 1; i < items->len; i++)
    {
      PlVal *v = &g_array_index (items, PlVal, i), cmp = { 0, };
      gboolean better;

      if (!pl_compare_op (I, is_max ? PL_CMP_GT : PL_CMP_LT, v, &best, &cmp) ||
          !pl_val_truth (I, &cmp, &better))
        {
          pl_val_clear (&cmp);
          pl_val_clear (&best);
          best.kind = PL_V_UNBOUND;
          break;
        }
      pl_val_clear (&cmp);
      if (better)
        {
          pl_val_clear (&best);
          best = pl_val_ref (v);
        }
    }
  for (guint i = 0; i < items->len; i++)
    pl_val_clear (&g_array_index (items, PlVal, i));
  g_array_free (items, TRUE);
  if (best.kind == PL_V_UNBOUND)
    return FALSE;
  *result = best;
  return TRUE;
}

static gboolean
bi_round (PlInterp *I,
          PlValue  *self,
          PlCall   *call,
          PlVal    *result)
{
  static const char * const names[] = { "number", "ndigits" };
  PlVal a[2];
  double x;
  gint64 nd;

  if (!pl_parse_args (I, "round", call, 1, names, 2, a))
    return FALSE;
  if (a[0].kind == PL_V_INT || a[0].kind == PL_V_BOOL)
    {
      gint64 v = a[0].kind == PL_V_BOOL ? a[0].b : a[0].i;
      if (a[1].kind != PL_V_UNBOUND && a[1].kind != PL_V_NONE)
        {
          gint64 p10 = 1;
          gint64 q, r;
          if (!pl_val_to_index (I, &a[1], &nd))
            return FALSE;
          if (nd >= 0)
            {
              *result = pl_val_int (v);
              return TRUE;
            }
          for (gint64 i = 0; i < -nd; i++)
            {
              if (p10 > G_MAXINT64 / 10)
                {
                  *result = pl_val_int (0);
                  return TRUE;
                }
              p10 *= 10;
            }
          /* Half to even on the integer. */
          q = v / p10;
          r = v % p10;
          if (r < 0)
            {
              r += p10;
              q -= 1;
            }
          if (2 * (r / 2) + (r % 2) > p10 / 2 || (r * 2 == p10 && (q & 1)) || r * 2 > p10)
            q += 1;
          *result = pl_val_int (q * p10);
          return TRUE;
        }
      *result = pl_val_int (v);
      return TRUE;
    }
  if (a[0].kind == PL_V_ARRAY && !a[0].np_scalar)
    return pl_raise (I, PL_ERROR_TYPE, "type numpy.ndarray doesn't define __round__ method");
  if (a[0].kind != PL_V_FLOAT && a[0].kind != PL_V_ARRAY)
    return pl_raise (I, PL_ERROR_TYPE, "type %s doesn't define __round__ method", pl_val_type_name (&a[0]));
  if (!pl_val_to_double (I, &a[0], &x))
    return FALSE;
  if (a[1].kind == PL_V_UNBOUND || a[1].kind == PL_V_NONE)
    return float_to_int (I, nearbyint (x), result);
  if (!pl_val_to_index (I, &a[1], &nd))
    return FALSE;
  if (!isfinite (x) || nd > 308)
    {
      *result = pl_val_float (x);
      return TRUE;
    }
  if (nd < -308)
    {
      *result = pl_val_float (copysign (0.0, x));
      return TRUE;
    }
  if (nd >= 0)
    {
      char buf[512];
      g_snprintf (buf, sizeof buf, "%.*f", (int) MIN (nd, 340), x);
      *result = pl_val_float (g_ascii_strtod (buf, NULL));
    }
  else
    {
      double p = pow (10.0, (double) -nd);
      double y = nearbyint (x / p) * p;
      *result = pl_val_float (y);
    }
  return TRUE;
}

static gboolean
bi_sum (PlInterp *I,
        PlValue  *self,
        PlCall   *call,
        PlVal    *result)
{
  static const char * const names[] = { "iterable", "start" };
  PlVal a[2];
  PlVal acc;
  PlScriptIter it;
  PlVal item = { 0, };

  if (!pl_parse_args (I, "sum", call, 1, names, 2, a))
    return FALSE;
  if (pl_val_is (&a[1], PL_OBJ_STR))
    return pl_raise (I, PL_ERROR_TYPE, "sum() can't sum strings [use ''.join(seq) instead]");
  acc = a[1].kind == PL_V_UNBOUND ? pl_val_int (0) : pl_val_ref (&a[1]);
  if (!pl_script_iter_init (I, &a[0], &it))
    {
      pl_val_clear (&acc);
      return FALSE;
    }
  while (pl_script_iter_next (I, &it, &item))
    {
      PlVal next = { 0, };
      gboolean ok = pl_binary_op (I, PL_BIN_ADD, &acc, &item, FALSE, &next);
      pl_val_clear (&item);
      pl_val_clear (&acc);
      if (!ok)
        break;
      acc = next;
      if (pl_engine_is_interrupted ())
        {
          pl_raise_kind (I, PL_ERROR_CANCELLED, "KeyboardInterrupt", "the run was stopped");
          break;
        }
    }
  pl_script_iter_clear (&it);
  if (I->err.set)
    {
      pl_val_clear (&acc);
      return FALSE;
    }
  *result = acc;
  return TRUE;
}

static gboolean
bi_list_tuple (PlInterp *I,
               PlValue  *self,
               PlCall   *call,
               PlVal    *result)
{
  PlObjKind kind = self->builtin.tag ? PL_OBJ_TUPLE : PL_OBJ_LIST;
  GArray *items;

  if (!arg_count (I, kind == PL_OBJ_LIST ? "list" : "tuple", call, 0, 1))
    return FALSE;
  if (call->n_args == 0)
    {
      *result = pl_val_obj (pl_seq_new (kind, NULL, 0));
      return TRUE;
    }
  if (!collect (I, &call->args[0], &items))
    return FALSE;
  return make_seq (I, kind, items, result);
}

static gboolean
bi_enumerate (PlInterp *I,
              PlValue  *self,
              PlCall   *call,
              PlVal    *result)
{
  static const char * const names[] = { "iterable", "start" };
  PlVal a[2];
  GArray *items;
  gint64 start = 0;

  if (!pl_parse_args (I, "enumerate", call, 1, names, 2, a))
    return FALSE;
  if (a[1].kind != PL_V_UNBOUND && !pl_val_to_index (I, &a[1], &start))
    return FALSE;
  if (!collect (I, &a[0], &items))
    return FALSE;
  for (guint i = 0; i < items->len; i++)
    {
      PlVal pair[2] = { pl_val_int (start + i), g_array_index (items, PlVal, i) };
      PlValue *t = pl_seq_new (PL_OBJ_TUPLE, pair, 2);
      if (t == NULL)
        {
          for (guint j = i + 1; j < items->len; j++)
            pl_val_clear (&g_array_index (items, PlVal, j));
          for (guint j = 0; j < i; j++)
            pl_val_clear (&g_array_index (items, PlVal, j));
          g_array_free (items, TRUE);
          return pl_raise (I, PL_ERROR_RECURSION, "containers nested too deeply");
        }
      g_array_index (items, PlVal, i) = pl_val_obj (t);
    }
  return make_seq (I, PL_OBJ_LIST, items, result);
}

static gboolean
bi_zip (PlInterp *I,
        PlValue  *self,
        PlCall   *call,
        PlVal    *result)
{
  GArray **cols;
  guint n = call->n_args, len = G_MAXUINT;
  GArray *out;
  gboolean ok = TRUE;

  if (!no_kwargs (I, "zip", call))
    return FALSE;
  cols = g_new0 (GArray *, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    {
      if (!collect (I, &call->args[i], &cols[i]))
        {
          ok = FALSE;
          break;
        }
      len = MIN (len, cols[i]->len);
    }
  if (n == 0)
    len = 0;
  out = g_array_new (FALSE, TRUE, sizeof (PlVal));
  for (guint r = 0; ok && r < len; r++)
    {
      PlVal *row = g_new (PlVal, MAX (n, 1));
      PlValue *t;
      for (guint i = 0; i < n; i++)
        row[i] = pl_val_ref (&g_array_index (cols[i], PlVal, r));
      t = pl_seq_new (PL_OBJ_TUPLE, row, n);
      g_free (row);
      if (t == NULL)
        {
          pl_raise (I, PL_ERROR_RECURSION, "containers nested too deeply");
          ok = FALSE;
          break;
        }
      {
        PlVal v = pl_val_obj (t);
        g_array_append_val (out, v);
      }
    }
  for (guint i = 0; i < n; i++)
    if (cols[i] != NULL)
      {
        for (guint j = 0; j < cols[i]->len; j++)
          pl_val_clear (&g_array_index (cols[i], PlVal, j));
        g_array_free (cols[i], TRUE);
      }
  g_free (cols);
  if (!ok)
    {
      for (guint j = 0; j < out->len; j++)
        pl_val_clear (&g_array_index (out, PlVal, j));
      g_array_free (out, TRUE);
      return FALSE;
    }
  return make_seq (I, PL_OBJ_LIST, out, result);
}

typedef struct
{
  PlInterp *I;
  gboolean  failed;
} SortCtx;

static gint
sort_cmp (gconstpointer a,
          gconstpointer b,
          gpointer      user_data)
{
  SortCtx *ctx = user_data;
  PlVal r = { 0, };
  gboolean lt = FALSE, gt = FALSE;

  if (ctx->failed)
    return 0;
  if (!pl_compare_op (ctx->I, PL_CMP_LT, a, b, &r) || !pl_val_truth (ctx->I, &r, &lt))
    {
      ctx->failed = TRUE;
      pl_val_clear (&r);
      return 0;
    }
  pl_val_clear (&r);
  if (lt)
    return -1;
  if (!pl_compare_op (ctx->I, PL_CMP_LT, b, a, &r) || !pl_val_truth (ctx->I, &r, &gt))
    {
      ctx->failed = TRUE;
      pl_val_clear (&r);
      return 0;
    }
  pl_val_clear (&r);
  return gt ? 1 : 0;
}

static gboolean
bi_sorted (PlInterp *I,
           PlValue  *self,
           PlCall   *call,
           PlVal    *result)
{
  static const char * const names[] = { "iterable", "reverse" };
  PlVal a[2];
  GArray *items;
  SortCtx ctx = { I, FALSE };
  gboolean reverse = FALSE;

  if (!pl_parse_args (I, self->builtin.tag ? "reversed" : "sorted", call, 1, names, self->builtin.tag ? 1 : 2, a))
    return FALSE;
  if (a[1].kind != PL_V_UNBOUND && !self->builtin.tag && !pl_val_truth (I, &a[1], &reverse))
    return FALSE;
  if (!collect (I, &a[0], &items))
    return FALSE;
  if (!self->builtin.tag)
    g_array_sort_with_data (items, sort_cmp, &ctx);
  if (self->builtin.tag || reverse)
    for (guint i = 0; i < items->len / 2; i++)
      {
        PlVal t = g_array_index (items, PlVal, i);
        g_array_index (items, PlVal, i) = g_array_index (items, PlVal, items->len - 1 - i);
        g_array_index (items, PlVal, items->len - 1 - i) = t;
      }
  if (ctx.failed)
    {
      for (guint j = 0; j < items->len; j++)
        pl_val_clear (&g_array_index (items, PlVal, j));
      g_array_free (items, TRUE);
      return FALSE;
    }
  return make_seq (I, PL_OBJ_LIST, items, result);
}

static gboolean
bi_pow (PlInterp *I,
        PlValue  *self,
        PlCall   *call,
        PlVal    *result)
{
  if (!arg_count (I, "pow", call, 2, 2))
    return FALSE;
  return pl_binary_op (I, PL_BIN_POW, &call->args[0], &call->args[1], FALSE, result);
}

static gboolean
bi_divmod (PlInterp *I,
           PlValue  *self,
           PlCall   *call,
           PlVal    *result)
{
  PlVal parts[2] = { { 0, }, { 0, } };

  if (!arg_count (I, "divmod", call, 2, 2))
    return FALSE;
  if (!pl_binary_op (I, PL_BIN_FLOORDIV, &call->args[0], &call->args[1], FALSE, &parts[0]))
    return FALSE;
  if (!pl_binary_op (I, PL_BIN_MOD, &call->args[0], &call->args[1], FALSE, &parts[1]))
    {
      pl_val_clear (&parts[0]);
      return FALSE;
    }
  *result = pl_val_obj (pl_seq_new (PL_OBJ_TUPLE, parts, 2));
  return TRUE;
}

static gboolean
bi_isinstance_unsupported (PlInterp *I,
                           PlValue  *self,
                           PlCall   *call,
                           PlVal    *result)
{
  return pl_raise (I, PL_ERROR_NOT_IMPLEMENTED, "%s() is not supported by Peakline", self->builtin.name);
}

static gboolean
bi_dict (PlInterp *I,
         PlValue  *self,
         PlCall   *call,
         PlVal    *result)
{
  PlValue *d;
  gint depth = 0;

  if (call->n_args > 0)
    return pl_raise (I, PL_ERROR_NOT_IMPLEMENTED, "dict() takes only keyword arguments in Peakline");
  d = pl_value_alloc (PL_OBJ_DICT);
  d->dict.keys = g_new0 (PlVal, MAX (call->n_kw, 1));
  d->dict.values = g_new0 (PlVal, MAX (call->n_kw, 1));
  for (guint i = 0; i < call->n_kw; i++)
    {
      d->dict.keys[i] = pl_val_obj (pl_str_new (call->kw_names[i], -1));
      d->dict.values[i] = pl_val_ref (&call->kw_values[i]);
      depth = MAX (depth, pl_val_depth (&call->kw_values[i]));
    }
  d->dict.n = call->n_kw;
  d->depth = depth + 1;
  if (d->depth > PL_MAX_NESTING)
    {
      pl_value_unref (d);
      return pl_raise (I, PL_ERROR_RECURSION, "containers nested too deeply");
    }
  *result = pl_val_obj (d);
  return TRUE;
}

/* functools.partial(func, *args, **keywords): the arguments are evaluated
 * now and kept alive by the partial. */
static gboolean
bi_partial (PlInterp *I,
            PlValue  *self,
            PlCall   *call,
            PlVal    *result)
{
  PlValue *p;
  const PlVal *func;
  gint depth = 0;

  if (call->n_args == 0)
    return pl_raise (I, PL_ERROR_TYPE, "type 'partial' takes at least one argument");
  func = &call->args[0];
  if (!(func->kind == PL_V_OBJ && (func->obj->kind == PL_OBJ_FUNCTION || func->obj->kind == PL_OBJ_BUILTIN ||
                                   func->obj->kind == PL_OBJ_PARTIAL || func->obj->kind == PL_OBJ_DTYPE ||
                                   func->obj->kind == PL_OBJ_NUMEXPR || func->obj->kind == PL_OBJ_OPAQUE)))
    return pl_raise (I, PL_ERROR_TYPE, "the first argument must be callable");

  p = pl_value_alloc (PL_OBJ_PARTIAL);
  if (func->obj->kind == PL_OBJ_PARTIAL)
    {
      /* partial(partial(f, a), b) flattens to partial(f, a, b), as CPython does. */
      PlValue *inner = func->obj;
      guint n = inner->partial.n_args + call->n_args - 1;
      guint nk = 0;

      p->partial.func = pl_val_ref (&inner->partial.func);
      p->partial.args = g_new (PlVal, MAX (n, 1));
      for (guint i = 0; i < inner->partial.n_args; i++)
        p->partial.args[i] = pl_val_ref (&inner->partial.args[i]);
      for (guint i = 1; i < call->n_args; i++)
        p->partial.args[inner->partial.n_args + i - 1] = pl_val_ref (&call->args[i]);
      p->partial.n_args = n;
      p->partial.kw_names = g_new0 (char *, inner->partial.n_kw + call->n_kw + 1);
      p->partial.kw_values = g_new0 (PlVal, inner->partial.n_kw + call->n_kw + 1);
      for (guint i = 0; i < inner->partial.n_kw; i++)
        {
          gboolean overridden = FALSE;
          for (guint j = 0; j < call->n_kw; j++)
            if (strcmp (call->kw_names[j], inner->partial.kw_names[i]) == 0)
              overridden = TRUE;
          if (overridden)
            continue;
          p->partial.kw_names[nk] = g_strdup (inner->partial.kw_names[i]);
          p->partial.kw_values[nk++] = pl_val_ref (&inner->partial.kw_values[i]);
        }
      for (guint j = 0; j < call->n_kw; j++)
        {
          p->partial.kw_names[nk] = g_strdup (call->kw_names[j]);
          p->partial.kw_values[nk++] = pl_val_ref (&call->kw_values[j]);
        }
      p->partial.n_kw = nk;
    }
  else
    {
      p->partial.func = pl_val_ref (func);
      p->partial.n_args = call->n_args - 1;
      p->partial.args = g_new (PlVal, MAX (p->partial.n_args, 1));
      for (guint i = 1; i < call->n_args; i++)
        p->partial.args[i - 1] = pl_val_ref (&call->args[i]);
      p->partial.kw_names = g_new0 (char *, call->n_kw + 1);
      p->partial.kw_values = g_new0 (PlVal, call->n_kw + 1);
      for (guint j = 0; j < call->n_kw; j++)
        {
          p->partial.kw_names[j] = g_strdup (call->kw_names[j]);
          p->partial.kw_values[j] = pl_val_ref (&call->kw_values[j]);
        }
      p->partial.n_kw = call->n_kw;
    }
  depth = pl_val_depth (&p->partial.func);
  for (guint i = 0; i < p->partial.n_args; i++)
    depth = MAX (depth, pl_val_depth (&p->partial.args[i]));
  for (guint i = 0; i < p->partial.n_kw; i++)
    depth = MAX (depth, pl_val_depth (&p->partial.kw_values[i]));
  p->depth = depth + 1;
  if (p->depth > PL_MAX_NESTING)
    {
      pl_value_unref (p);
      return pl_raise (I, PL_ERROR_RECURSION, "partials nested too deeply");
    }
  *result = pl_val_obj (p);
  return TRUE;
}

/* --- time, sys, utils --------------------------------------------------- */

static gboolean
bi_sleep (PlInterp *I,
          PlValue  *self,
          PlCall   *call,
          PlVal    *result)
{
  double secs;
  gint64 deadline;

  if (!arg_count (I, "sleep", call, 1, 1))
    return FALSE;
  if (call->args[0].kind != PL_V_INT && call->args[0].kind != PL_V_FLOAT && call->args[0].kind != PL_V_BOOL &&
      call->args[0].kind != PL_V_ARRAY)
    return pl_raise (I, PL_ERROR_TYPE, "'%s' object cannot be interpreted as an integer",
                     pl_val_type_name (&call->args[0]));
  if (!pl_val_to_double (I, &call->args[0], &secs))
    return FALSE;
  if (isnan (secs))
    return pl_raise (I, PL_ERROR_VALUE, "Invalid value NaN (not a number)");
  if (secs < 0)
    return pl_raise (I, PL_ERROR_VALUE, "sleep length must be non-negative");
  if (secs > 9e9)
    secs = 9e9;
  deadline = g_get_monotonic_time () + (gint64) (secs * 1e6);
  /* Small slices so that a stop request is seen promptly. */
  for (;;)
    {
      gint64 now = g_get_monotonic_time ();
      gint64 left = deadline - now;
      if (pl_engine_is_interrupted ())
        return pl_raise_kind (I, PL_ERROR_CANCELLED, "KeyboardInterrupt", "the run was stopped");
      if (left <= 0)
        break;
      g_usleep (MIN (left, 10000));
    }
  *result = PL_VAL_NONE;
  return TRUE;
}

static gboolean
bi_perf_counter (PlInterp *I,
                 PlValue  *self,
                 PlCall   *call,
                 PlVal    *result)
{
  if (!arg_count (I, self->builtin.name, call, 0, 0))
    return FALSE;
  if (self->builtin.tag)
    *result = pl_val_float (g_get_real_time () / 1e6);
  else
    *result = pl_val_float (pl_alloc_now_ns () / 1e9);
  return TRUE;
}

static gboolean
bi_recursion_limit (PlInterp *I,
                    PlValue  *self,
                    PlCall   *call,
                    PlVal    *result)
{
  if (!arg_count (I, "getrecursionlimit", call, 0, 0))
    return FALSE;
  *result = pl_val_int (PL_RECURSION_LIMIT);
  return TRUE;
}

static gboolean
is_callable (const PlVal *v)
{
  return v->kind == PL_V_OBJ &&
         (v->obj->kind == PL_OBJ_FUNCTION || v->obj->kind == PL_OBJ_BUILTIN || v->obj->kind == PL_OBJ_PARTIAL ||
          v->obj->kind == PL_OBJ_DTYPE || v->obj->kind == PL_OBJ_NUMEXPR || v->obj->kind == PL_OBJ_OPAQUE);
}

static gboolean
bi_analyze_memory (PlInterp *I,
                   PlValue  *self,
                   PlCall   *call,
                   PlVal    *result)
{
  PlAnalyzeOptions opts = { .00005, "--", "gray", 0.3, 6 };
  PlValue **pipelines;
  gboolean ok = TRUE;

  for (guint k = 0; k < call->n_kw; k++)
    {
      const char *name = call->kw_names[k];
      const PlVal *v = &call->kw_values[k];

      if (strcmp (name, "interval") == 0 || strcmp (name, "alpha") == 0 || strcmp (name, "fontsize") == 0)
        {
          double d;
          if (!(v->kind == PL_V_INT || v->kind == PL_V_FLOAT || (v->kind == PL_V_ARRAY && v->np_scalar)))
            return pl_raise (I, PL_ERROR_TYPE, "utils.analyze_memory(): %s must be a number, not %s", name,
                             pl_val_type_name (v));
          if (!pl_val_to_double (I, v, &d))
            return FALSE;
          if (name[0] == 'i')
            {
              if (!(d > 0) || d > 10)
                return pl_raise (I, PL_ERROR_VALUE,
                                 "utils.analyze_memory(): interval must be between 0 and 10 seconds, not %g", d);
              opts.interval = d;
            }
          else if (name[0] == 'a')
            opts.alpha = d;
          else
            opts.fontsize = d;
        }
      else if (strcmp (name, "linestyle") == 0 || strcmp (name, "color") == 0)
        {
          if (!pl_val_is (v, PL_OBJ_STR))
            return pl_raise (I, PL_ERROR_TYPE, "utils.analyze_memory(): %s must be a string, not %s", name,
                             pl_val_type_name (v));
          if (name[0] == 'l')
            opts.linestyle = v->obj->str.s;
          else
            opts.color = v->obj->str.s;
        }
      else
        return pl_raise (I, PL_ERROR_TYPE, "_analyze_memory() got an unexpected keyword argument '%s'", name);
    }
  if (call->n_args == 0)
    return pl_raise (I, PL_ERROR_VALUE, "utils.analyze_memory() needs at least one pipeline to measure");
  for (guint i = 0; i < call->n_args; i++)
    if (!is_callable (&call->args[i]))
      return pl_raise (I, PL_ERROR_TYPE, "'%s' object is not callable (utils.analyze_memory() argument %u)",
                       pl_val_type_name (&call->args[i]), i + 1);

  pipelines = g_new (PlValue *, call->n_args);
  for (guint i = 0; i < call->n_args; i++)
    pipelines[i] = pl_value_ref (call->args[i].obj);

  if (I->hooks.analyze_memory != NULL)
    {
      GError *error = NULL;
      if (!I->hooks.analyze_memory (I->user_data, I, I->call_line, pipelines, call->n_args, &opts, &error))
        {
          gint line, col;
          if (error == NULL)
            pl_raise (I, PL_ERROR_RUNTIME, "the measurement failed");
          else if (error->domain == PL_ERROR && pl_script_error_get_location (error, &line, &col))
            {
              /* Already located inside the pipeline: keep it as it is. */
              pl_raise (I, error->code, "%s", error->message);
              I->err.preformatted = TRUE;
              I->err.line = line;
              I->err.col = col;
              g_error_free (error);
            }
          else
            pl_raise_gerror (I, error);
          ok = FALSE;
        }
    }
  else
    {
      /* Without a listener the pipelines still run, so the script's effects
       * (prints, errors) are what Python would show. */
      for (guint i = 0; ok && i < call->n_args; i++)
        {
          PlVal r = { 0, };
          PlCall none = { 0, };
          ok = pl_interp_call_val (I, &call->args[i], &none, &r);
          pl_val_clear (&r);
        }
    }
  for (guint i = 0; i < call->n_args; i++)
    pl_value_unref (pipelines[i]);
  g_free (pipelines);
  if (ok)
    *result = PL_VAL_NONE;
  return ok;
}

/* --- methods of str and list --------------------------------------------- */

static gboolean
m_str_case (PlInterp *I,
            PlValue  *self,
            PlCall   *call,
            PlVal    *result)
{
  PlValue *s = self->builtin.self.obj;
  char *r;

  if (!arg_count (I, self->builtin.name, call, 0, 0))
    return FALSE;
  switch (self->builtin.tag)
    {
    case 0: r = g_utf8_strup (s->str.s, s->str.len); break;
    case 1: r = g_utf8_strdown (s->str.s, s->str.len); break;
    default:
      {
        const char *p = s->str.s, *e = s->str.s + s->str.len;
        while (p < e && g_ascii_isspace (*p))
          p++;
        while (e > p && g_ascii_isspace (e[-1]))
          e--;
        r = g_strndup (p, e - p);
      }
      break;
    }
  *result = pl_val_obj (pl_str_take (r, strlen (r)));
  return TRUE;
}

static gboolean
m_str_prefix (PlInterp *I,
              PlValue  *self,
              PlCall   *call,
              PlVal    *result)
{
  PlValue *s = self->builtin.self.obj;
  PlValue *x;

  if (!arg_count (I, self->builtin.name, call, 1, 1))
    return FALSE;
  if (!pl_val_is (&call->args[0], PL_OBJ_STR))
    return pl_raise (I, PL_ERROR_TYPE, "%s first arg must be str, not %s", self->builtin.name,
                     pl_val_type_name (&call->args[0]));
  x = call->args[0].obj;
  if (x->str.len > s->str.len)
    *result = pl_val_bool (FALSE);
  else if (self->builtin.tag == 0)
    *result = pl_val_bool (memcmp (s->str.s, x->str.s, x->str.len) == 0);
  else
    *result = pl_val_bool (memcmp (s->str.s + s->str.len - x->str.len, x->str.s, x->str.len) == 0);
  return TRUE;
}

static gboolean
m_str_join (PlInterp *I,
            PlValue  *self,
            PlCall   *call,
            PlVal    *result)
{
  PlValue *sep = self->builtin.self.obj;
  GArray *items;
  GString *s;
  gboolean ok = TRUE;

  if (!arg_count (I, "join", call, 1, 1))
    return FALSE;
  if (!collect (I, &call->args[0], &items))
    return FALSE;
  s = g_string_new (NULL);
  for (guint i = 0; i < items->len; i++)
    {
      PlVal *v = &g_array_index (items, PlVal, i);
      if (!pl_val_is (v, PL_OBJ_STR))
        {
          ok = pl_raise (I, PL_ERROR_TYPE, "sequence item %u: expected str instance, %s found", i, pl_val_type_name (v));
          break;
        }
      if (i > 0)
        g_string_append_len (s, sep->str.s, sep->str.len);
      g_string_append_len (s, v->obj->str.s, v->obj->str.len);
      if (s->len > PL_MAX_SEQUENCE)
        {
          ok = pl_raise (I, PL_ERROR_MEMORY, "the string would be too long");
          break;
        }
    }
  for (guint i = 0; i < items->len; i++)
    pl_val_clear (&g_array_index (items, PlVal, i));
  g_array_free (items, TRUE);
  if (!ok)
    {
      g_string_free (s, TRUE);
      return FALSE;
    }
  {
    gsize len = s->len;
    *result = pl_val_obj (pl_str_take (g_string_free (s, FALSE), len));
  }
  return TRUE;
}

static gboolean
m_list_append (PlInterp *I,
               PlValue  *self,
               PlCall   *call,
               PlVal    *result)
{
  PlValue *list = self->builtin.self.obj;
  const PlVal *v;

  if (!arg_count (I, "append", call, 1, 1))
    return FALSE;
  v = &call->args[0];
  if (pl_val_depth (v) > 0 && v->obj->kind != PL_OBJ_STR && v->obj->kind != PL_OBJ_DTYPE)
    return pl_raise (I, PL_ERROR_NOT_IMPLEMENTED,
                     "Peakline lists can only be given numbers, strings and arrays after they are made");
  if (list->seq.n >= PL_MAX_SEQUENCE)
    return pl_raise (I, PL_ERROR_MEMORY, "the list is longer than Peakline allows");
  list->seq.items = g_renew (PlVal, list->seq.items, list->seq.n + 1);
  list->seq.items[list->seq.n++] = pl_val_ref (v);
  *result = PL_VAL_NONE;
  return TRUE;
}

static gboolean
m_seq_count_index (PlInterp *I,
                   PlValue  *self,
                   PlCall   *call,
                   PlVal    *result)
{
  PlValue *seq = self->builtin.self.obj;
  gint64 count = 0;

  if (!arg_count (I, self->builtin.name, call, 1, 1))
    return FALSE;
  for (guint i = 0; i < seq->seq.n; i++)
    {
      gboolean eq;
      if (!pl_val_equal (I, &seq->seq.items[i], &call->args[0], &eq))
        return FALSE;
      if (eq)
        {
          if (self->builtin.tag == 1)
            {
              *result = pl_val_int (i);
              return TRUE;
            }
          count++;
        }
    }
  if (self->builtin.tag == 1 && pl_val_is (&self->builtin.self, PL_OBJ_LIST))
    {
      g_autofree char *r = pl_val_to_str (&call->args[0], TRUE);
      return pl_raise (I, PL_ERROR_VALUE, "%s is not in list", r);
    }
  if (self->builtin.tag == 1)
    return pl_raise (I, PL_ERROR_VALUE, "tuple.index(x): x not in tuple");
  *result = pl_val_int (count);
  return TRUE;
}

static gboolean
m_float_is_integer (PlInterp *I,
                    PlValue  *self,
                    PlCall   *call,
                    PlVal    *result)
{
  double f = self->builtin.self.f;

  if (!arg_count (I, "is_integer", call, 0, 0))
    return FALSE;
  *result = pl_val_bool (isfinite (f) && f == floor (f));
  return TRUE;
}

static gboolean
m_dict_keys (PlInterp *I,
             PlValue  *self,
             PlCall   *call,
             PlVal    *result)
{
  PlValue *d = self->builtin.self.obj;
  PlVal *items;
  PlValue *r;

  if (!arg_count (I, self->builtin.name, call, 0, 0))
    return FALSE;
  items = g_new (PlVal, MAX (d->dict.n, 1));
  for (guint i = 0; i < d->dict.n; i++)
    {
      if (self->builtin.tag == 0)
        items[i] = pl_val_ref (&d->dict.keys[i]);
      else if (self->builtin.tag == 1)
        items[i] = pl_val_ref (&d->dict.values[i]);
      else
        {
          PlVal pair[2] = { pl_val_ref (&d->dict.keys[i]), pl_val_ref (&d->dict.values[i]) };
          items[i] = pl_val_obj (pl_seq_new (PL_OBJ_TUPLE, pair, 2));
        }
    }
  r = pl_seq_new (PL_OBJ_LIST, items, d->dict.n);
  g_free (items);
  if (r == NULL)
    return pl_raise (I, PL_ERROR_RECURSION, "containers nested too deeply");
  *result = pl_val_obj (r);
  return TRUE;
}

static gboolean
m_dict_get (PlInterp *I,
            PlValue  *self,
            PlCall   *call,
            PlVal    *result)
{
  PlValue *d = self->builtin.self.obj;

  if (!arg_count (I, "get", call, 1, 2))
    return FALSE;
  for (guint i = 0; i < d->dict.n; i++)
    {
      gboolean eq;
      if (!pl_val_equal (I, &d->dict.keys[i], &call->args[0], &eq))
        return FALSE;
      if (eq)
        {
          *result = pl_val_ref (&d->dict.values[i]);
          return TRUE;
        }
    }
  *result = call->n_args > 1 ? pl_val_ref (&call->args[1]) : PL_VAL_NONE;
  return TRUE;
}

/* --- format() ------------------------------------------------------------ */

typedef struct
{
  char     fill;
  char     align;     /* '<', '>', '^', '=' or 0 */
  char     sign;      /* '+', '-', ' ' or 0 */
  gboolean alternate;
  gboolean zero;
  gint     width;
  char     grouping;  /* ',' '_' or 0 */
  gint     precision; /* -1: none */
  char     type;      /* 0: none */
} Spec;

static gboolean
parse_spec (PlInterp   *I,
            const char *s,
            Spec       *spec)
{
  const char *p = s;

  memset (spec, 0, sizeof *spec);
  spec->fill = ' ';
  spec->precision = -1;
  if (*p && p[1] && strchr ("<>^=", p[1]))
    {
      spec->fill = *p;
      spec->align = p[1];
      p += 2;
    }
  else if (*p && strchr ("<>^=", *p))
    spec->align = *p++;
  if (*p && strchr ("+- ", *p))
    spec->sign = *p++;
  if (*p == '#')
    {
      spec->alternate = TRUE;
      p++;
    }
  if (*p == '0')
    {
      spec->zero = TRUE;
      p++;
    }
  while (g_ascii_isdigit (*p))
    {
      spec->width = spec->width * 10 + (*p++ - '0');
      if (spec->width > 100000)
        return pl_raise (I, PL_ERROR_VALUE, "Too many decimal digits in format string");
    }
  if (*p == ',' || *p == '_')
    spec->grouping = *p++;
  if (*p == '.')
    {
      p++;
      if (!g_ascii_isdigit (*p))
        return pl_raise (I, PL_ERROR_VALUE, "Format specifier missing precision");
      spec->precision = 0;
      while (g_ascii_isdigit (*p))
        {
          spec->precision = spec->precision * 10 + (*p++ - '0');
          if (spec->precision > 1000)
            return pl_raise (I, PL_ERROR_VALUE, "precision too big");
        }
    }
  if (*p && strchr ("bcdeEfFgGnosxX%", *p))
    spec->type = *p++;
  if (*p != '\0')
    return pl_raise (I, PL_ERROR_VALUE, "Invalid format specifier '%s'", s);
  return TRUE;
}

static void
group_digits (GString *digits,
              char     sep,
              gsize    int_len)
{
  GString *out = g_string_new (NULL);

  for (gsize i = 0; i < int_len; i++)
    {
      g_string_append_c (out, digits->str[i]);
      if (sep && (int_len - 1 - i) % 3 == 0 && i + 1 < int_len)
        g_string_append_c (out, sep);
    }
  g_string_append (out, digits->str + int_len);
  g_string_assign (digits, out->str);
  g_string_free (out, TRUE);
}

static void
pad (GString    *out,
     const Spec *spec,
     const char *sign,
     const char *body,
     char        default_align)
{
  char align = spec->align ? spec->align : (spec->zero && default_align == '>' ? '=' : default_align);
  char fill = (spec->zero && !spec->align) ? '0' : spec->fill;
  glong len = g_utf8_strlen (sign, -1) + g_utf8_strlen (body, -1);
  glong n = spec->width > len ? spec->width - len : 0;
  glong left = align == '<' ? 0 : align == '^' ? n / 2 : n;

  if (align == '=')
    {
      g_string_append (out, sign);
      for (glong i = 0; i < n; i++)
        g_string_append_c (out, fill);
      g_string_append (out, body);
      return;
    }
  for (glong i = 0; i < left; i++)
    g_string_append_c (out, fill);
  g_string_append (out, sign);
  g_string_append (out, body);
  for (glong i = left; i < n; i++)
    g_string_append_c (out, fill);
}

gboolean
pl_format_with_spec (PlInterp    *I,
                     const PlVal *value,
                     const char  *spec_text,
                     GString     *out)
{
  Spec spec;
  PlVal v = *value;
  gboolean is_int, is_float;

  /* NumPy scalars format as the Python number they hold (NumPy 1.24:
   * f"{np.float32(0.1)}" is "0.10000000149011612"). */
  if (v.kind == PL_V_ARRAY && v.arr->ndim == 0 && value->np_scalar)
    {
      PlScalar sc = pl_array_get_flat (v.arr, 0);
      switch (sc.kind)
        {
        case PL_DTYPE_KIND_BOOL: v = pl_val_bool (sc.b); break;
        case PL_DTYPE_KIND_INT: v = pl_val_int (sc.i); break;
        case PL_DTYPE_KIND_UINT: v = pl_val_int ((gint64) sc.u); break;
        default: v = pl_val_float (sc.f); break;
        }
    }
  if (spec_text[0] == '\0')
    {
      pl_format_val (out, &v, FALSE);
      return TRUE;
    }
  if (!parse_spec (I, spec_text, &spec))
    return FALSE;
  is_int = v.kind == PL_V_INT || v.kind == PL_V_BOOL;
  is_float = v.kind == PL_V_FLOAT;

  if (pl_val_is (&v, PL_OBJ_STR))
    {
      g_autofree char *text = NULL;
      if (spec.type && spec.type != 's')
        return pl_raise (I, PL_ERROR_VALUE, "Unknown format code '%c' for object of type 'str'", spec.type);
      if (spec.sign)
        return pl_raise (I, PL_ERROR_VALUE, "Sign not allowed in string format specifier");
      text = spec.precision >= 0 ? g_utf8_substring (v.obj->str.s, 0, MIN (spec.precision, g_utf8_strlen (v.obj->str.s, -1)))
                                 : g_strdup (v.obj->str.s);
      pad (out, &spec, "", text, '<');
      return TRUE;
    }
  if (!is_int && !is_float)
    return pl_raise (I, PL_ERROR_TYPE, "unsupported format string passed to %s.__format__", pl_val_type_name (value));

  if (v.kind == PL_V_BOOL && spec.type == 0 && spec.precision < 0)
    {
      pad (out, &spec, "", v.b ? "True" : "False", '<');
      return TRUE;
    }

  {
    char type = spec.type;
    g_autoptr(GString) body = g_string_new (NULL);
    const char *sign = "";
    gboolean negative;

    if (is_int && (type == 0 || type == 'd' || type == 'n' || type == 'b' || type == 'o' || type == 'x' ||
                   type == 'X' || type == 'c'))
      {
        gint64 x = v.kind == PL_V_BOOL ? v.b : v.i;
        guint64 mag = x < 0 ? 0 - (guint64) x : (guint64) x;

        if (spec.precision >= 0)
          return pl_raise (I, PL_ERROR_VALUE, "Precision not allowed in integer format specifier");
        negative = x < 0;
        if (type == 'c')
          {
            char buf[8];
            if (x < 0 || x > 0x10FFFF)
              return pl_raise (I, PL_ERROR_OVERFLOW, "%%c arg not in range(0x110000)");
            g_string_append_len (body, buf, g_unichar_to_utf8 ((gunichar) x, buf));
          }
        else if (type == 'b' || type == 'o' || type == 'x' || type == 'X')
          {
            guint base = type == 'b' ? 2 : type == 'o' ? 8 : 16;
            const char *digits = type == 'X' ? "0123456789ABCDEF" : "0123456789abcdef";
            char buf[80];
            gint n = 0;
            do
              {
                buf[n++] = digits[mag % base];
                mag /= base;
              }
            while (mag > 0);
            if (spec.alternate)
              g_string_append (body, type == 'b' ? "0b" : type == 'o' ? "0o" : type == 'x' ? "0x" : "0X");
            while (n > 0)
              g_string_append_c (body, buf[--n]);
          }
        else
          {
            g_string_printf (body, "%" G_GUINT64_FORMAT, mag);
            if (spec.grouping)
              group_digits (body, spec.grouping, body->len);
          }
      }
    else
      {
        double x = is_int ? (double) (v.kind == PL_V_BOOL ? v.b : v.i) : v.f;
        gint prec = spec.precision;
        char fmt_type = type;
        gboolean percent = type == '%';
        gboolean repr_like = FALSE;

        if (type == 'd' || type == 'b' || type == 'o' || type == 'x' || type == 'X' || type == 'c')
          return pl_raise (I, PL_ERROR_VALUE, "Unknown format code '%c' for object of type 'float'", type);
        negative = signbit (x) && !isnan (x);
        x = fabs (x);
        if (percent)
          {
            x *= 100;
            fmt_type = 'f';
          }
        if (fmt_type == 0 || fmt_type == 'n')
          {
            if (prec < 0)
              repr_like = TRUE;
            fmt_type = 'g';
            if (prec == 0)
              prec = 1;
          }
        if (prec < 0)
          prec = 6;
        if (!isfinite (x))
          g_string_assign (body, isnan (x) ? (g_ascii_isupper (fmt_type) ? "NAN" : "nan")
                                           : (g_ascii_isupper (fmt_type) ? "INF" : "inf"));
        else if (repr_like)
          {
            g_autofree char *r = pl_format_float_repr (x);
            g_string_assign (body, r);
          }
        else
          {
            switch (fmt_type)
              {
              case 'f': g_string_printf (body, spec.alternate ? "%#.*f" : "%.*f", prec, x); break;
              case 'F': g_string_printf (body, spec.alternate ? "%#.*F" : "%.*F", prec, x); break;
              case 'e': g_string_printf (body, spec.alternate ? "%#.*e" : "%.*e", prec, x); break;
              case 'E': g_string_printf (body, spec.alternate ? "%#.*E" : "%.*E", prec, x); break;
              case 'G': g_string_printf (body, spec.alternate ? "%#.*G" : "%.*G", prec, x); break;
              default: g_string_printf (body, spec.alternate ? "%#.*g" : "%.*g", prec, x); break;
              }
            if (type == 0 && strpbrk (body->str, ".e") == NULL && is_float)
              g_string_append (body, ".0");
          }
        if (spec.grouping && isfinite (x))
          {
            const char *stop = strpbrk (body->str, ".eE");
            group_digits (body, spec.grouping, stop ? (gsize) (stop - body->str) : body->len);
          }
        if (percent)
          g_string_append_c (body, '%');
      }
    if (negative)
      sign = "-";
    else if (spec.sign == '+')
      sign = "+";
    else if (spec.sign == ' ')
      sign = " ";
    pad (out, &spec, sign, body->str, '>');
  }
  return TRUE;
}

static gboolean
bi_format (PlInterp *I,
           PlValue  *self,
           PlCall   *call,
           PlVal    *result)
{
  GString *s;

  if (!arg_count (I, "format", call, 1, 2))
    return FALSE;
  if (call->n_args == 2 && !pl_val_is (&call->args[1], PL_OBJ_STR))
    return pl_raise (I, PL_ERROR_TYPE, "format() argument 2 must be str, not %s", pl_val_type_name (&call->args[1]));
  s = g_string_new (NULL);
  if (!pl_format_with_spec (I, &call->args[0], call->n_args == 2 ? call->args[1].obj->str.s : "", s))
    {
      g_string_free (s, TRUE);
      return FALSE;
    }
  {
    gsize len = s->len;
    *result = pl_val_obj (pl_str_take (g_string_free (s, FALSE), len));
  }
  return TRUE;
}

/* "{} and {name:.2f}".format(a, name=b): automatic and explicit
 * positions, keyword names, conversions and specs (no nested fields). */
static gboolean
m_str_format (PlInterp *I,
              PlValue  *self,
              PlCall   *call,
              PlVal    *result)
{
  const char *t = self->builtin.self.obj->str.s;
  GString *s = g_string_new (NULL);
  guint next = 0;
  gboolean ok = TRUE;

  while (*t && ok)
    {
      if ((*t == '{' && t[1] == '{') || (*t == '}' && t[1] == '}'))
        {
          g_string_append_c (s, *t);
          t += 2;
          continue;
        }
      if (*t == '}')
        {
          ok = pl_raise (I, PL_ERROR_VALUE, "Single '}' encountered in format string");
          break;
        }
      if (*t != '{')
        {
          g_string_append_c (s, *t++);
          continue;
        }
      {
        const char *end = strchr (t, '}');
        g_autofree char *field = NULL;
        char *conv, *colon;
        const char *spec = "";
        const PlVal *arg = NULL;
        PlVal conv_val = { 0, };

        if (end == NULL)
          {
            ok = pl_raise (I, PL_ERROR_VALUE, "expected '}' before end of string");
            break;
          }
        field = g_strndup (t + 1, end - t - 1);
        if (strchr (field, '{') != NULL)
          {
            ok = pl_raise (I, PL_ERROR_NOT_IMPLEMENTED, "nested fields in str.format() are not supported by Peakline");
            break;
          }
        colon = strchr (field, ':');
        if (colon != NULL)
          {
            *colon = '\0';
            spec = colon + 1;
          }
        conv = strchr (field, '!');
        if (conv != NULL)
          *conv++ = '\0';
        if (field[0] == '\0')
          {
            if (next >= call->n_args)
              {
                ok = pl_raise (I, PL_ERROR_INDEX, "Replacement index %u out of range for positional args tuple", next);
                break;
              }
            arg = &call->args[next++];
          }
        else if (g_ascii_isdigit (field[0]))
          {
            guint64 k = g_ascii_strtoull (field, NULL, 10);
            if (k >= call->n_args)
              {
                ok = pl_raise (I, PL_ERROR_INDEX, "Replacement index %" G_GUINT64_FORMAT " out of range for positional args tuple", k);
                break;
              }
            arg = &call->args[k];
          }
        else
          {
            for (guint k = 0; k < call->n_kw; k++)
              if (strcmp (call->kw_names[k], field) == 0)
                arg = &call->kw_values[k];
            if (arg == NULL)
              {
                ok = pl_raise (I, PL_ERROR_KEY, "'%s'", field);
                break;
              }
          }
        if (conv != NULL && (*conv == 'r' || *conv == 's' || *conv == 'a'))
          {
            char *text = pl_val_to_str (arg, *conv != 's');
            conv_val = pl_val_obj (pl_str_take (text, strlen (text)));
            arg = &conv_val;
          }
        ok = pl_format_with_spec (I, arg, spec, s);
        pl_val_clear (&conv_val);
        if (s->len > PL_MAX_SEQUENCE)
          ok = pl_raise (I, PL_ERROR_MEMORY, "the string would be too long");
        t = end + 1;
      }
    }
  if (!ok)
    {
      g_string_free (s, TRUE);
      return FALSE;
    }
  {
    gsize len = s->len;
    *result = pl_val_obj (pl_str_take (g_string_free (s, FALSE), len));
  }
  return TRUE;
}

/* --- exceptions --------------------------------------------------------- */

static const struct
{
  const char *name;
  PlErrorCode code;
} exception_classes[] = {
  { "Exception", PL_ERROR_RUNTIME }, { "ValueError", PL_ERROR_VALUE }, { "TypeError", PL_ERROR_TYPE },
  { "NameError", PL_ERROR_NAME }, { "IndexError", PL_ERROR_INDEX }, { "KeyError", PL_ERROR_KEY },
  { "AttributeError", PL_ERROR_ATTRIBUTE }, { "ZeroDivisionError", PL_ERROR_ZERO_DIVISION },
  { "MemoryError", PL_ERROR_MEMORY }, { "OverflowError", PL_ERROR_OVERFLOW }, { "ImportError", PL_ERROR_IMPORT },
  { "RecursionError", PL_ERROR_RECURSION }, { "NotImplementedError", PL_ERROR_NOT_IMPLEMENTED },
  { "RuntimeError", PL_ERROR_RUNTIME }, { "AssertionError", PL_ERROR_RUNTIME }, { "ArithmeticError", PL_ERROR_VALUE },
};

static gboolean
bi_exception (PlInterp *I,
              PlValue  *self,
              PlCall   *call,
              PlVal    *result)
{
  PlValue *e;

  if (!no_kwargs (I, self->builtin.name, call))
    return FALSE;
  e = pl_value_alloc (PL_OBJ_EXCEPTION);
  e->exception.kind = exception_classes[self->builtin.tag].name;
  e->exception.code = exception_classes[self->builtin.tag].code;
  if (call->n_args == 0)
    e->exception.message = g_strdup ("");
  else if (call->n_args == 1)
    e->exception.message = pl_val_to_str (&call->args[0], FALSE);
  else
    {
      PlVal *items = g_new (PlVal, call->n_args);
      PlValue *t;
      PlVal tv;
      for (guint i = 0; i < call->n_args; i++)
        items[i] = pl_val_ref (&call->args[i]);
      t = pl_seq_new (PL_OBJ_TUPLE, items, call->n_args);
      g_free (items);
      if (t == NULL)
        {
          pl_value_unref (e);
          return pl_raise (I, PL_ERROR_RECURSION, "containers nested too deeply");
        }
      tv = pl_val_obj (t);
      e->exception.message = pl_val_to_str (&tv, TRUE);
      pl_val_clear (&tv);
    }
  *result = pl_val_obj (e);
  return TRUE;
}

gboolean
pl_raise_value (PlInterp    *I,
                const PlVal *exception)
{
  if (pl_val_is (exception, PL_OBJ_BUILTIN) && exception->obj->builtin.fn == bi_exception)
    {
      gint tag = exception->obj->builtin.tag;
      return pl_raise_kind (I, exception_classes[tag].code, exception_classes[tag].name, "%s", "");
    }
  if (pl_val_is (exception, PL_OBJ_EXCEPTION))
    return pl_raise_kind (I, exception->obj->exception.code, exception->obj->exception.kind, "%s",
                          exception->obj->exception.message);
  return pl_raise (I, PL_ERROR_TYPE, "exceptions must derive from BaseException");
}

/* --- installation -------------------------------------------------------- */

static void
add_builtin (GHashTable    *table,
             const char    *name,
             PlBuiltinFunc  fn,
             gint           tag)
{
  PlVal *slot = g_new (PlVal, 1);
  const char *short_name = strrchr (name, '.');

  *slot = pl_val_obj (pl_builtin_new (short_name ? short_name + 1 : name, name, fn, tag));
  g_hash_table_insert (table, g_strdup (name), slot);
}

static void
module_add (PlValue       *module,
            const char    *name,
            const char    *qualname,
            PlBuiltinFunc  fn,
            gint           tag)
{
  pl_module_set (module, name, pl_val_obj (pl_builtin_new (name, qualname, fn, tag)));
}

static void
add_module (PlInterp   *I,
            const char *name,
            PlValue    *module)
{
  PlVal *slot = g_new (PlVal, 1);
  *slot = pl_val_obj (module);
  g_hash_table_insert (I->modules, g_strdup (name), slot);
}

void
pl_builtins_install (PlInterp *I)
{
  GHashTable *b = I->builtins;
  PlValue *m;

  add_builtin (b, "print", bi_print, 0);
  add_builtin (b, "range", bi_range, 0);
  add_builtin (b, "len", bi_len, 0);
  add_builtin (b, "int", bi_int, 0);
  add_builtin (b, "float", bi_float, 0);
  add_builtin (b, "bool", bi_bool, 0);
  add_builtin (b, "str", bi_str, 0);
  add_builtin (b, "repr", bi_str, 1);
  add_builtin (b, "abs", bi_abs, 0);
  add_builtin (b, "min", bi_minmax, 0);
  add_builtin (b, "max", bi_minmax, 1);
  add_builtin (b, "round", bi_round, 0);
  add_builtin (b, "sum", bi_sum, 0);
  add_builtin (b, "list", bi_list_tuple, 0);
  add_builtin (b, "tuple", bi_list_tuple, 1);
  add_builtin (b, "dict", bi_dict, 0);
  add_builtin (b, "enumerate", bi_enumerate, 0);
  add_builtin (b, "zip", bi_zip, 0);
  add_builtin (b, "sorted", bi_sorted, 0);
  add_builtin (b, "reversed", bi_sorted, 1);
  add_builtin (b, "pow", bi_pow, 0);
  add_builtin (b, "divmod", bi_divmod, 0);
  add_builtin (b, "isinstance", bi_isinstance_unsupported, 0);
  add_builtin (b, "type", bi_isinstance_unsupported, 0);

  for (gsize i = 0; i < G_N_ELEMENTS (exception_classes); i++)
    add_builtin (b, exception_classes[i].name, bi_exception, (gint) i);

  add_builtin (b, "format", bi_format, 0);
  add_builtin (b, "str.format", m_str_format, 0);
  add_builtin (b, "str.upper", m_str_case, 0);
  add_builtin (b, "str.lower", m_str_case, 1);
  add_builtin (b, "str.strip", m_str_case, 2);
  add_builtin (b, "str.startswith", m_str_prefix, 0);
  add_builtin (b, "str.endswith", m_str_prefix, 1);
  add_builtin (b, "str.join", m_str_join, 0);
  add_builtin (b, "list.append", m_list_append, 0);
  add_builtin (b, "list.count", m_seq_count_index, 0);
  add_builtin (b, "list.index", m_seq_count_index, 1);
  add_builtin (b, "tuple.count", m_seq_count_index, 0);
  add_builtin (b, "tuple.index", m_seq_count_index, 1);
  add_builtin (b, "float.is_integer", m_float_is_integer, 0);
  add_builtin (b, "dict.keys", m_dict_keys, 0);
  add_builtin (b, "dict.values", m_dict_keys, 1);
  add_builtin (b, "dict.items", m_dict_keys, 2);
  add_builtin (b, "dict.get", m_dict_get, 0);

  /* functools.partial is also what `from functools import partial` binds;
   * the tutorial always imports it, so it is not a bare builtin. */
  m = pl_module_new ("functools");
  module_add (m, "partial", "functools.partial", bi_partial, 0);
  add_module (I, "functools", m);

  m = pl_module_new ("time");
  module_add (m, "sleep", "time.sleep", bi_sleep, 0);
  module_add (m, "perf_counter", "time.perf_counter", bi_perf_counter, 0);
  module_add (m, "monotonic", "time.monotonic", bi_perf_counter, 0);
  module_add (m, "time", "time.time", bi_perf_counter, 1);
  add_module (I, "time", m);

  m = pl_module_new ("sys");
  pl_module_set (m, "maxsize", pl_val_int (G_MAXINT64));
  pl_module_set (m, "version", pl_val_obj (pl_str_new ("3.11 (Peakline's Python subset)", -1)));
  module_add (m, "getrecursionlimit", "sys.getrecursionlimit", bi_recursion_limit, 0);
  add_module (I, "sys", m);

  add_module (I, "numpy", pl_module_np_new (I));
  add_module (I, "numexpr", pl_module_ne_new (I));

  /* utils is the tutorial's helper class: a builtin name here. */
  m = pl_module_new ("utils");
  module_add (m, "analyze_memory", "utils.analyze_memory", bi_analyze_memory, 0);
  {
    PlVal *slot = g_new (PlVal, 1);
    *slot = pl_val_obj (m);
    g_hash_table_insert (b, g_strdup ("utils"), slot);
  }
}
