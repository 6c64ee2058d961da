/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "engine/pl-array.h"
#include "pl-ast.h"
#include "pl-script.h"

G_BEGIN_DECLS

/* A script value as the evaluator passes it around: small values inline,
 * arrays as PlArray references (so that CPython's reference counts map one
 * to one onto PlArray.ref_count), everything else as a PlValue reference. */
typedef enum
{
  PL_V_UNBOUND,   /* an empty local slot */
  PL_V_NONE,
  PL_V_BOOL,
  PL_V_INT,
  PL_V_FLOAT,
  PL_V_ARRAY,     /* arr; np_scalar: a NumPy scalar (0-d) such as np.float64(3.0) */
  PL_V_OBJ,
} PlVKind;

typedef struct
{
  PlVKind  kind;
  gboolean np_scalar;
  union {
    gboolean b;
    gint64   i;
    double   f;
    PlArray *arr;
    PlValue *obj;
  };
} PlVal;

typedef enum
{
  PL_OBJ_STR,
  PL_OBJ_TUPLE,
  PL_OBJ_LIST,
  PL_OBJ_DICT,
  PL_OBJ_RANGE,
  PL_OBJ_SLICE,
  PL_OBJ_ELLIPSIS,
  PL_OBJ_FUNCTION,
  PL_OBJ_BUILTIN,
  PL_OBJ_PARTIAL,
  PL_OBJ_MODULE,
  PL_OBJ_DTYPE,
  PL_OBJ_NUMEXPR,
  PL_OBJ_BOXED,    /* a non-object value handed to the hooks */
  PL_OBJ_OPAQUE,   /* what an ignored import binds */
  PL_OBJ_EXCEPTION, /* ValueError("...") ready to be raised */
} PlObjKind;

typedef struct _PlInterp PlInterp;
typedef struct _PlCall   PlCall;

/* A builtin: fills @result (a new reference) or raises through the interp. */
typedef gboolean (*PlBuiltinFunc) (PlInterp *interp,
                                   PlValue  *self,
                                   PlCall   *call,
                                   PlVal    *result);

/* The arguments of a call. */
struct _PlCall
{
  PlVal       *args;
  guint        n_args;
  const char **kw_names;
  PlVal       *kw_values;
  guint        n_kw;
};

struct _PlValue
{
  gint      ref_count;
  PlObjKind kind;
  gint      depth;   /* nesting depth of containers, bounded */
  union {
    struct { char *s; gsize len; } str;
    struct { PlVal *items; guint n; } seq;            /* TUPLE, LIST */
    struct { PlVal *keys; PlVal *values; guint n; } dict;
    struct { gint64 start, stop, step; } range;
    struct { PlVal start, stop, step; } slice;
    struct {
      PlNode   *def;
      PlScript *script;
      PlVal    *defaults;     /* one per parameter; PL_V_UNBOUND if none */
      guint     n_params;
    } func;
    struct {
      const char    *name;
      const char    *qualname;   /* for messages: "numpy.ones" */
      PlBuiltinFunc  fn;
      PlVal          self;       /* bound receiver (method) or PL_V_UNBOUND */
      gint           tag;        /* a per-builtin constant (an op code...) */
    } builtin;
    struct {
      PlVal        func;
      PlVal       *args;
      guint        n_args;
      char       **kw_names;
      PlVal       *kw_values;
      guint        n_kw;
    } partial;
    struct { char *name; GHashTable *attrs; } module;   /* attrs: name -> PlVal* */
    PlDType dtype;
    struct { gpointer ne; GDestroyNotify free_ne; } numexpr;
    PlVal boxed;
    struct { char *name; } opaque;
    struct { const char *kind; gint code; char *message; } exception;
  };
};

#define PL_VAL_NONE ((PlVal) { .kind = PL_V_NONE })

static inline PlVal
pl_val_int (gint64 i)
{
  PlVal v = { .kind = PL_V_INT };
  v.i = i;
  return v;
}

static inline PlVal
pl_val_float (double f)
{
  PlVal v = { .kind = PL_V_FLOAT };
  v.f = f;
  return v;
}

static inline PlVal
pl_val_bool (gboolean b)
{
  PlVal v = { .kind = PL_V_BOOL };
  v.b = b ? TRUE : FALSE;
  return v;
}

/* Takes ownership of @arr. */
static inline PlVal
pl_val_array (PlArray *arr)
{
  PlVal v = { .kind = PL_V_ARRAY };
  v.arr = arr;
  v.np_scalar = arr->ndim == 0;
  return v;
}

/* Takes ownership of @obj. */
static inline PlVal
pl_val_obj (PlValue *obj)
{
  PlVal v = { .kind = PL_V_OBJ };
  v.obj = obj;
  return v;
}

static inline gboolean
pl_val_is (const PlVal *v,
           PlObjKind    kind)
{
  return v->kind == PL_V_OBJ && v->obj->kind == kind;
}

PlVal       pl_val_ref           (const PlVal *v);
void        pl_val_unref         (PlVal       *v);   /* resets *v to UNBOUND */
void        pl_val_clear         (PlVal       *v);   /* same, tolerates UNBOUND */

/* The deepest container nesting a script may build. */
#define PL_MAX_NESTING 100

PlValue    *pl_value_alloc       (PlObjKind    kind);
PlValue    *pl_str_new           (const char  *s,
                                  gssize       len);
PlValue    *pl_str_take          (char        *s,
                                  gsize        len);
/* Takes the references in @items. Returns NULL if nesting would exceed
 * PL_MAX_NESTING (the items are released then). */
PlValue    *pl_seq_new           (PlObjKind    kind,
                                  PlVal       *items,
                                  guint        n);
PlValue    *pl_range_new         (gint64       start,
                                  gint64       stop,
                                  gint64       step);
gint64      pl_range_len         (const PlValue *range);
PlValue    *pl_dtype_value_new   (PlDType      dtype);
PlValue    *pl_builtin_new       (const char   *name,
                                  const char   *qualname,
                                  PlBuiltinFunc fn,
                                  gint          tag);
PlValue    *pl_builtin_bind      (PlValue      *unbound,
                                  const PlVal  *self);
PlValue    *pl_module_new        (const char   *name);
void        pl_module_set        (PlValue      *module,
                                  const char   *name,
                                  PlVal         value);   /* takes @value */
PlVal      *pl_module_lookup     (PlValue      *module,
                                  const char   *name);
PlValue    *pl_box_new           (const PlVal  *v);

gint        pl_val_depth         (const PlVal  *v);
/* Python's type names: "int", "float", "str", "numpy.ndarray", "function"... */
const char *pl_val_type_name     (const PlVal  *v);

G_END_DECLS
