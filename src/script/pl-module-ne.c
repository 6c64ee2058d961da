/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "engine/pl-numexpr.h"
#include "pl-interp-private.h"

/* numexpr looks variables up in the calling frame's locals, then its
 * globals, unless the script passes local_dict / global_dict. */
typedef struct
{
  PlInterp *I;
  PlValue  *local_dict;
  PlValue  *global_dict;
} Lookup;

static gboolean
dict_get (PlValue    *dict,
          const char *name,
          PlVal      *out)
{
  for (guint i = 0; i < dict->dict.n; i++)
    {
      PlVal *k = &dict->dict.keys[i];
      if (pl_val_is (k, PL_OBJ_STR) && strcmp (k->obj->str.s, name) == 0)
        {
          *out = pl_val_ref (&dict->dict.values[i]);
          return TRUE;
        }
    }
  return FALSE;
}

static gboolean
frame_local (PlInterp   *I,
             const char *name,
             PlVal      *out)
{
  if (I->frame == NULL)
    {
      PlVal *slot = g_hash_table_lookup (I->globals, name);
      if (slot == NULL)
        return FALSE;
      *out = pl_val_ref (slot);
      return TRUE;
    }
  for (guint i = 0; i < I->frame->def->n_locals; i++)
    if (strcmp (I->frame->def->locals[i], name) == 0 && I->frame->locals[i].kind != PL_V_UNBOUND)
      {
        *out = pl_val_ref (&I->frame->locals[i]);
        return TRUE;
      }
  return FALSE;
}

static PlArray *
lookup (const char  *name,
        gpointer     user_data,
        GError     **error)
{
  Lookup *l = user_data;
  PlInterp *I = l->I;
  PlVal v = { 0, };
  gboolean found;
  PlArray *arr = NULL;

  if (l->local_dict != NULL)
    found = dict_get (l->local_dict, name, &v);
  else
    found = frame_local (I, name, &v);
  if (!found)
    {
      if (l->global_dict != NULL)
        found = dict_get (l->global_dict, name, &v);
      else
        {
          PlVal *slot = g_hash_table_lookup (I->globals, name);
          if (slot != NULL)
            {
              v = pl_val_ref (slot);
              found = TRUE;
            }
        }
    }
  if (!found)
    {
      g_set_error (error, PL_ERROR, PL_ERROR_KEY, "'%s'", name);
      return NULL;
    }
  if (!pl_np_to_array (I, &v, PL_DTYPE_NONE, &arr))
    {
      g_set_error (error, PL_ERROR, I->err.code, "%s", I->err.message);
      g_clear_pointer (&I->err.message, g_free);
      memset (&I->err, 0, sizeof I->err);
      arr = NULL;
    }
  pl_val_clear (&v);
  return arr;
}

static gboolean
casting_arg (PlInterp         *I,
             const PlVal      *v,
             PlNumExprCasting *out)
{
  static const char *names[] = { "no", "equiv", "safe", "same_kind", "unsafe" };

  *out = PL_NUMEXPR_CASTING_SAFE;
  if (v->kind == PL_V_UNBOUND)
    return TRUE;
  if (pl_val_is (v, PL_OBJ_STR))
    for (guint i = 0; i < G_N_ELEMENTS (names); i++)
      if (strcmp (v->obj->str.s, names[i]) == 0)
        {
          *out = (PlNumExprCasting) i;
          return TRUE;
        }
  return pl_raise (I, PL_ERROR_VALUE, "casting must be one of 'no', 'equiv', 'safe', 'same_kind', or 'unsafe'");
}

static gboolean
out_arg (PlInterp    *I,
         const PlVal *v,
         PlArray    **out)
{
  *out = NULL;
  if (v->kind == PL_V_UNBOUND || v->kind == PL_V_NONE)
    return TRUE;
  if (v->kind != PL_V_ARRAY || v->np_scalar)
    return pl_raise (I, PL_ERROR_TYPE, "out must be an array, not %s", pl_val_type_name (v));
  *out = v->arr;
  return TRUE;
}

static gboolean
dict_arg (PlInterp    *I,
          const PlVal *v,
          const char  *what,
          PlValue    **out)
{
  *out = NULL;
  if (v->kind == PL_V_UNBOUND || v->kind == PL_V_NONE)
    return TRUE;
  if (!pl_val_is (v, PL_OBJ_DICT))
    return pl_raise (I, PL_ERROR_TYPE, "%s must be a dict, not %s", what, pl_val_type_name (v));
  *out = v->obj;
  return TRUE;
}

static gboolean
ne_evaluate (PlInterp *I,
             PlValue  *self,
             PlCall   *call,
             PlVal    *result)
{
  static const char * const names[] = { "ex", "local_dict", "global_dict", "out", "order", "casting" };
  PlVal a[6];
  Lookup l = { I, NULL, NULL };
  PlArray *out, *r;
  PlNumExprCasting casting;
  GError *error = NULL;

  if (!pl_parse_args (I, "evaluate", call, 1, names, 6, a))
    return FALSE;
  if (!pl_val_is (&a[0], PL_OBJ_STR))
    return pl_raise (I, PL_ERROR_VALUE, "must specify expression as a string");
  if (!dict_arg (I, &a[1], "local_dict", &l.local_dict) || !dict_arg (I, &a[2], "global_dict", &l.global_dict) ||
      !out_arg (I, &a[3], &out) || !casting_arg (I, &a[5], &casting))
    return FALSE;
  {
    /* As numexpr's _numexpr_last: the new keywords replace the old ones
     * before the evaluation runs. */
    PlVal old = I->ne_last_out;
    I->ne_last_out = out != NULL ? pl_val_ref (&a[3]) : (PlVal) { .kind = PL_V_UNBOUND };
    pl_val_clear (&old);
  }
  r = pl_numexpr_evaluate (a[0].obj->str.s, lookup, &l, out, casting, &error);
  if (r == NULL)
    return pl_raise_gerror (I, error);
  /* numexpr hands back an ndarray, 0-d included. */
  *result = pl_np_wrap (r);
  result->np_scalar = FALSE;
  return TRUE;
}

static void
free_numexpr (gpointer p)
{
  pl_numexpr_unref (p);
}

static gboolean
ne_numexpr (PlInterp *I,
            PlValue  *self,
            PlCall   *call,
            PlVal    *result)
{
  static const char * const names[] = { "ex", "signature", "sanitize" };
  PlVal a[3];
  PlNumExpr *ne;
  GError *error = NULL;
  PlValue *obj;

  if (!pl_parse_args (I, "NumExpr", call, 1, names, 3, a))
    return FALSE;
  if (!pl_val_is (&a[0], PL_OBJ_STR))
    return pl_raise (I, PL_ERROR_TYPE, "ex must be a string, not %s", pl_val_type_name (&a[0]));
  if (a[1].kind != PL_V_UNBOUND && !(pl_val_is (&a[1], PL_OBJ_TUPLE) && a[1].obj->seq.n == 0))
    {
      const PlVal *sig = &a[1];
      guint n;
      const char **snames;
      PlDType *dtypes;

      if (!pl_val_is (sig, PL_OBJ_LIST) && !pl_val_is (sig, PL_OBJ_TUPLE))
        return pl_raise (I, PL_ERROR_TYPE, "signature must be a list of (name, dtype) pairs");
      n = sig->obj->seq.n;
      snames = g_new0 (const char *, n + 1);
      dtypes = g_new0 (PlDType, n + 1);
      for (guint i = 0; i < n; i++)
        {
          const PlVal *pair = &sig->obj->seq.items[i];
          if (!pl_val_is (pair, PL_OBJ_TUPLE) || pair->obj->seq.n != 2 ||
              !pl_val_is (&pair->obj->seq.items[0], PL_OBJ_STR) ||
              !pl_np_dtype_arg (I, &pair->obj->seq.items[1], &dtypes[i]))
            {
              g_free (snames);
              g_free (dtypes);
              if (I->err.set)
                return FALSE;
              return pl_raise (I, PL_ERROR_TYPE, "signature must be a list of (name, dtype) pairs");
            }
          snames[i] = pair->obj->seq.items[0].obj->str.s;
          if (dtypes[i] == PL_DTYPE_NONE)
            dtypes[i] = PL_DTYPE_FLOAT64;
        }
      ne = pl_numexpr_new_with_signature (a[0].obj->str.s, n, snames, dtypes, &error);
      g_free (snames);
      g_free (dtypes);
    }
  else
    ne = pl_numexpr_new (a[0].obj->str.s, &error);
  if (ne == NULL)
    return pl_raise_gerror (I, error);
  obj = pl_value_alloc (PL_OBJ_NUMEXPR);
  obj->numexpr.ne = ne;
  obj->numexpr.free_ne = free_numexpr;
  *result = pl_val_obj (obj);
  return TRUE;
}

/* compiled(x) or compiled(x=x): runs a NumExpr object. */
gboolean
pl_ne_call_compiled (PlInterp *I,
                     PlValue  *compiled,
                     PlCall   *call,
                     PlVal    *result)
{
  PlNumExpr *ne = compiled->numexpr.ne;
  guint n = pl_numexpr_get_n_inputs (ne);
  PlArray **inputs;
  gboolean *owned;
  PlArray *out = NULL, *r = NULL;
  PlNumExprCasting casting = PL_NUMEXPR_CASTING_SAFE;
  GError *error = NULL;
  gboolean ok = TRUE;
  guint n_given = call->n_args;

  inputs = g_new0 (PlArray *, MAX (n, 1));
  owned = g_new0 (gboolean, MAX (n, 1));
  if (call->n_args > n)
    {
      ok = pl_raise (I, PL_ERROR_VALUE, "number of inputs doesn't match program");
      goto out;
    }
  for (guint i = 0; i < call->n_args; i++)
    {
      if (call->args[i].kind == PL_V_ARRAY)
        inputs[i] = call->args[i].arr;
      else if (!pl_np_to_array (I, &call->args[i], PL_DTYPE_NONE, &inputs[i]))
        {
          ok = FALSE;
          goto out;
        }
      else
        owned[i] = TRUE;
    }
  for (guint k = 0; k < call->n_kw; k++)
    {
      const char *name = call->kw_names[k];
      const PlVal *v = &call->kw_values[k];

      if (strcmp (name, "out") == 0)
        {
          if (!out_arg (I, v, &out))
            {
              ok = FALSE;
              goto out;
            }
          continue;
        }
      if (strcmp (name, "casting") == 0)
        {
          if (!casting_arg (I, v, &casting))
            {
              ok = FALSE;
              goto out;
            }
          continue;
        }
      if (strcmp (name, "order") == 0 || strcmp (name, "ex_uses_vml") == 0)
        continue;
      /* numexpr 2.8.4 ignores other keywords: compiled(x=x) then fails
       * with "number of inputs doesn't match program", as it does here. */
      (void) v;
    }
  for (guint i = 0; i < n; i++)
    if (inputs[i] == NULL)
      {
        ok = pl_raise (I, PL_ERROR_VALUE, "number of inputs doesn't match program");
        goto out;
      }
  r = pl_numexpr_run (ne, inputs, n_given, out, casting, &error);
  if (r == NULL)
    ok = pl_raise_gerror (I, error);
  else
    {
      *result = pl_np_wrap (r);
      result->np_scalar = FALSE;
    }

out:
  for (guint i = 0; i < n; i++)
    if (owned[i] && inputs[i] != NULL)
      pl_array_unref (inputs[i]);
  g_free (inputs);
  g_free (owned);
  return ok;
}

static gboolean
ne_set_num_threads (PlInterp *I,
                    PlValue  *self,
                    PlCall   *call,
                    PlVal    *result)
{
  gint64 n;

  if (call->n_args != 1 || call->n_kw > 0)
    return pl_raise (I, PL_ERROR_TYPE, "set_num_threads() takes exactly 1 argument (%u given)", call->n_args);
  if (!pl_val_to_index (I, &call->args[0], &n))
    return FALSE;
  if (n < 1 || n > 4096)
    return pl_raise (I, PL_ERROR_VALUE, "the number of threads must be between 1 and 4096, not %" G_GINT64_FORMAT, n);
  *result = pl_val_int (pl_numexpr_set_num_threads ((guint) n));
  return TRUE;
}

static gboolean
ne_cores (PlInterp *I,
          PlValue  *self,
          PlCall   *call,
          PlVal    *result)
{
  if (call->n_args != 0 || call->n_kw > 0)
    return pl_raise (I, PL_ERROR_TYPE, "%s() takes no arguments", self->builtin.name);
  *result = pl_val_int (self->builtin.tag ? pl_numexpr_get_num_threads () : pl_numexpr_detect_number_of_cores ());
  return TRUE;
}

PlValue *
pl_module_ne_new (PlInterp *I)
{
  PlValue *ne = pl_module_new ("numexpr");

  (void) I;
  pl_module_set (ne, "evaluate", pl_val_obj (pl_builtin_new ("evaluate", "numexpr.evaluate", ne_evaluate, 0)));
  pl_module_set (ne, "NumExpr", pl_val_obj (pl_builtin_new ("NumExpr", "numexpr.NumExpr", ne_numexpr, 0)));
  pl_module_set (ne, "set_num_threads",
                 pl_val_obj (pl_builtin_new ("set_num_threads", "numexpr.set_num_threads", ne_set_num_threads, 0)));
  pl_module_set (ne, "detect_number_of_cores",
                 pl_val_obj (pl_builtin_new ("detect_number_of_cores", "numexpr.detect_number_of_cores", ne_cores, 0)));
  pl_module_set (ne, "get_num_threads",
                 pl_val_obj (pl_builtin_new ("get_num_threads", "numexpr.get_num_threads", ne_cores, 1)));
  return ne;
}
