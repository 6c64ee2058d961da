/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The dtypes Peakline models, spelled as NumPy spells them. The order is the
 * order of NumPy's type numbers within each kind. */
typedef enum
{
  PL_DTYPE_BOOL,
  PL_DTYPE_INT8,
  PL_DTYPE_INT16,
  PL_DTYPE_INT32,
  PL_DTYPE_INT64,
  PL_DTYPE_UINT8,
  PL_DTYPE_UINT16,
  PL_DTYPE_UINT32,
  PL_DTYPE_UINT64,
  PL_DTYPE_FLOAT16,
  PL_DTYPE_FLOAT32,
  PL_DTYPE_FLOAT64,
  PL_N_DTYPES,
  PL_DTYPE_NONE = -1,   /* "not given" in optional dtype= arguments */
} PlDType;

typedef enum
{
  PL_DTYPE_KIND_BOOL,   /* 'b' */
  PL_DTYPE_KIND_INT,    /* 'i' */
  PL_DTYPE_KIND_UINT,   /* 'u' */
  PL_DTYPE_KIND_FLOAT,  /* 'f' */
} PlDTypeKind;

/* A Python or NumPy scalar value: what a script passes as 2, 2.5 or True. */
typedef struct
{
  PlDTypeKind kind;     /* BOOL, INT (Python int: any gint64) or FLOAT */
  union {
    gboolean b;
    gint64   i;
    guint64  u;
    double   f;
  };
} PlScalar;

gsize        pl_dtype_itemsize        (PlDType      dtype);
const char  *pl_dtype_name            (PlDType      dtype);
gboolean     pl_dtype_from_name       (const char  *name,
                                       PlDType     *out_dtype);
PlDTypeKind  pl_dtype_kind            (PlDType      dtype);
PlDType      pl_dtype_promote         (PlDType      a,
                                       PlDType      b);
gboolean     pl_dtype_can_cast_safe   (PlDType      from,
                                       PlDType      to);
PlDType      pl_dtype_min_scalar_type (const PlScalar *value);

G_END_DECLS
