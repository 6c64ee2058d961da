/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "pl-alloc.h"
#include "pl-dtype.h"
#include "pl-error.h"

G_BEGIN_DECLS

#define PL_MAX_DIMS 32

/* The 256 KiB of NumPy's temp_elide.c: smaller temporaries are never reused. */
#define PL_ELIDE_THRESHOLD_BYTES (256 * 1024)

typedef enum
{
  PL_ARRAY_FLAG_WRITEABLE = 1 << 0,
} PlArrayFlags;

/* An n-dimensional array: NumPy's PyArrayObject. It is reference counted like a
 * CPython object, and the interpreter holds exactly the references CPython
 * would, so ref_count == 1 means "an unnamed temporary" (temporary elision
 * depends on it). A view holds a reference to its @base; every array with data
 * holds a reference to the shared @buffer. 0-d arrays made from Python scalars
 * keep their value in @inline_data and have no buffer (no allocation event). */
typedef struct _PlArray PlArray;
struct _PlArray
{
  /*< private >*/
  gint      ref_count;
  /*< public, read-only after creation >*/
  guint64   id;                     /* unique in the process (the array log's) */
  PlDType   dtype;
  gint      ndim;
  gint64    shape[PL_MAX_DIMS];
  gint64    strides[PL_MAX_DIMS];   /* in bytes; may be negative or 0 */
  guint8   *data;                   /* first element (buffer->data + offset) */
  PlBuffer *buffer;                 /* NULL for inline 0-d scalars */
  PlArray  *base;                   /* the array whose data this views; NULL if it owns it */
  guint     flags;                  /* PlArrayFlags */
  union {
    gint64  i;
    guint64 u;
    double  f;
    guint8  bytes[16];
  } inline_data;
};

/* An index of a subscript: x[i], x[a:b:c], x[None], x[...], x[mask], x[idx]. */
typedef enum
{
  PL_INDEX_INT,
  PL_INDEX_SLICE,
  PL_INDEX_NEWAXIS,
  PL_INDEX_ELLIPSIS,
  PL_INDEX_ARRAY,      /* a boolean mask or an integer array (advanced indexing) */
} PlIndexKind;

typedef struct
{
  PlIndexKind kind;
  gint64      i;                       /* INT */
  gboolean    has_start, has_stop, has_step;
  gint64      start, stop, step;       /* SLICE; absent parts as in Python */
  PlArray    *array;                   /* ARRAY (borrowed) */
} PlIndex;

typedef enum
{
  /* arithmetic */
  PL_BINOP_ADD, PL_BINOP_SUBTRACT, PL_BINOP_MULTIPLY, PL_BINOP_TRUE_DIVIDE,
  PL_BINOP_FLOOR_DIVIDE, PL_BINOP_REMAINDER, PL_BINOP_POWER,
  /* bitwise / logical on bool and ints */
  PL_BINOP_AND, PL_BINOP_OR, PL_BINOP_XOR, PL_BINOP_LSHIFT, PL_BINOP_RSHIFT,
  /* comparisons (result bool) */
  PL_BINOP_EQUAL, PL_BINOP_NOT_EQUAL, PL_BINOP_LESS, PL_BINOP_LESS_EQUAL,
  PL_BINOP_GREATER, PL_BINOP_GREATER_EQUAL,
  /* ufunc-only */
  PL_BINOP_MAXIMUM, PL_BINOP_MINIMUM, PL_BINOP_ARCTAN2,
  PL_N_BINOPS,
} PlBinaryOp;

typedef enum
{
  PL_UNOP_NEGATIVE, PL_UNOP_POSITIVE, PL_UNOP_ABSOLUTE, PL_UNOP_INVERT,
  PL_UNOP_SQRT, PL_UNOP_EXP, PL_UNOP_LOG, PL_UNOP_SIN, PL_UNOP_COS,
  PL_UNOP_TAN, PL_UNOP_ARCSIN, PL_UNOP_ARCCOS, PL_UNOP_ARCTAN,
  PL_UNOP_SINH, PL_UNOP_COSH, PL_UNOP_TANH, PL_UNOP_EXPM1,
  PL_UNOP_LOG10, PL_UNOP_LOG1P, PL_UNOP_SQUARE,
  PL_N_UNOPS,
} PlUnaryOp;

typedef enum
{
  PL_REDUCE_SUM, PL_REDUCE_PROD, PL_REDUCE_MEAN, PL_REDUCE_MIN, PL_REDUCE_MAX,
  PL_REDUCE_STD, PL_REDUCE_ANY, PL_REDUCE_ALL,
} PlReduceOp;

/* --- lifetime ----------------------------------------------------------- */
PlArray    *pl_array_ref            (PlArray        *self);
void        pl_array_unref          (PlArray        *self);

/* Records @self, and the array it views, in the array log as alive since
 * before the recording (PL_ARRAY_EVENT_EXISTING): a run notes a pipeline's
 * arguments this way. Arrays without data of their own (0-d scalars) are
 * not logged. */
void        pl_array_note_existing  (PlArray        *self);

/* --- attributes --------------------------------------------------------- */
gint64      pl_array_get_size       (const PlArray  *self);  /* product of shape */
gsize       pl_array_get_nbytes     (const PlArray  *self);
gboolean    pl_array_is_c_contiguous (const PlArray *self);
gboolean    pl_array_is_f_contiguous (const PlArray *self);
gboolean    pl_array_owns_data      (const PlArray  *self);
char       *pl_array_format_shape   (const PlArray  *self);  /* "(1000, 256, 256)" */

/* --- construction helpers for the engine (any reason) ------------------- */
/* A new C-contiguous array owning a fresh buffer. Checks the shape as NumPy
 * does (negative dimensions, more than 32, overflowing sizes) and reports a
 * failed allocation with NumPy's MemoryError text ("Unable to allocate 7.28
 * TiB for an array with shape (1000000000000,) and data type float64"). */
PlArray    *pl_array_new            (gint            ndim,
                                     const gint64   *shape,
                                     PlDType         dtype,
                                     PlAllocInit     init,
                                     PlAllocReason   reason,
                                     GError        **error);
/* Same, with the memory layout of @proto (NumPy's order='K'). */
PlArray    *pl_array_new_like       (PlArray        *proto,
                                     PlDType         dtype,    /* NONE: proto's */
                                     PlAllocInit     init,
                                     PlAllocReason   reason,
                                     GError        **error);
/* A view of @parent's data: its base is @parent's owner (NumPy collapses
 * chains of views), it shares @parent's buffer, and it is writeable when
 * @parent is. @data must point into @parent's data. */
PlArray    *pl_array_new_view       (PlArray        *parent,
                                     gint            ndim,
                                     const gint64   *shape,
                                     const gint64   *strides,
                                     guint8         *data);
/* Checks @ndim/@shape for @dtype and computes the size in bytes. */
gboolean    pl_array_check_shape    (gint            ndim,
                                     const gint64   *shape,
                                     PlDType         dtype,
                                     gsize          *out_nbytes,
                                     GError        **error);
/* Writes @value (converted to self's dtype) into every element; strided. */
void        pl_array_fill           (PlArray        *self,
                                     const PlScalar *value);
/* Address of the element at @flat_index (C order of the logical elements). */
guint8     *pl_array_get_flat_pointer (const PlArray *self,
                                       gint64         flat_index);

/* --- creation (the allocator's CREATE reason) --------------------------- */
/* pl_array_empty with the allocation recorded under @reason (COPY for
 * copies, RESULT for operator and ufunc results, TEMPORARY, MASK). C order. */
PlArray    *pl_array_empty_with_reason (gint            ndim,
                                        const gint64   *shape,
                                        PlDType         dtype,
                                        PlAllocReason   reason,
                                        GError        **error);
PlArray    *pl_array_new_scalar     (const PlScalar *value,
                                     PlDType         dtype);   /* PL_DTYPE_NONE: NumPy's default */
PlArray    *pl_array_empty          (gint            ndim,
                                     const gint64   *shape,
                                     PlDType         dtype,
                                     GError        **error);
PlArray    *pl_array_zeros          (gint            ndim,
                                     const gint64   *shape,
                                     PlDType         dtype,
                                     GError        **error);
PlArray    *pl_array_ones           (gint            ndim,
                                     const gint64   *shape,
                                     PlDType         dtype,
                                     GError        **error);
PlArray    *pl_array_full           (gint            ndim,
                                     const gint64   *shape,
                                     const PlScalar *fill,
                                     PlDType         dtype,
                                     GError        **error);
PlArray    *pl_array_arange         (const PlScalar *start,
                                     const PlScalar *stop,
                                     const PlScalar *step,
                                     PlDType         dtype,
                                     GError        **error);
PlArray    *pl_array_linspace       (double          start,
                                     double          stop,
                                     gint64          num,
                                     gboolean        endpoint,
                                     PlDType         dtype,
                                     GError        **error);
PlArray    *pl_array_empty_like     (PlArray        *proto, PlDType dtype, GError **error);
PlArray    *pl_array_zeros_like     (PlArray        *proto, PlDType dtype, GError **error);
PlArray    *pl_array_ones_like      (PlArray        *proto, PlDType dtype, GError **error);
/* np.array(nested list): @values in C order, @ndim/@shape of the nesting. */
PlArray    *pl_array_from_scalars   (gint            ndim,
                                     const gint64   *shape,
                                     const PlScalar *values,
                                     PlDType         dtype,
                                     GError        **error);
/* np.random.random / rand (uniform [0, 1)) and randn (standard normal). */
PlArray    *pl_array_random_uniform (gint            ndim,
                                     const gint64   *shape,
                                     GError        **error);
PlArray    *pl_array_random_normal  (gint            ndim,
                                     const gint64   *shape,
                                     GError        **error);
void        pl_random_seed          (guint64         seed);

/* Element access for printing and scalar conversion (index in C order of
 * the logical elements, not of memory). */
PlScalar    pl_array_get_flat       (const PlArray  *self,
                                     gint64          flat_index);

/* --- views and copies --------------------------------------------------- */
PlArray    *pl_array_copy           (PlArray        *self, GError **error);  /* C order */
/* The memory layout of a copy, as NumPy's order= argument. */
typedef enum
{
  PL_ORDER_C,   /* C-contiguous */
  PL_ORDER_F,   /* Fortran-contiguous */
  PL_ORDER_A,   /* F if the source is F- and not C-contiguous, else C */
  PL_ORDER_K,   /* the source's axis order (np.copy, np.array, astype default) */
} PlOrder;
PlArray    *pl_array_copy_order     (PlArray        *self,
                                     PlOrder         order,
                                     GError        **error);
PlArray    *pl_array_ascontiguous   (PlArray        *self, GError **error);  /* self if already */
PlArray    *pl_array_astype         (PlArray        *self,
                                     PlDType         dtype,
                                     gboolean        copy,
                                     GError        **error);
PlArray    *pl_array_reshape        (PlArray        *self,
                                     gint            ndim,
                                     const gint64   *shape,   /* one entry may be -1 */
                                     GError        **error);
PlArray    *pl_array_ravel          (PlArray        *self, GError **error);
PlArray    *pl_array_flatten        (PlArray        *self, GError **error);
PlArray    *pl_array_transpose      (PlArray        *self,
                                     gint            naxes,   /* 0: reverse */
                                     const gint      *axes,
                                     GError        **error);

/* --- indexing ----------------------------------------------------------- */
/* Basic indices give a view; any PL_INDEX_ARRAY gives a copy (MASK reason).
 * A result with ndim 0 from integer indices is a 0-d array the caller turns
 * into a Python scalar. As in NumPy: a boolean array that is the whole index
 * and has self's ndim is a mask (counted first, the result allocated once);
 * any other boolean index becomes nonzero () coordinate arrays (TEMPORARY
 * allocations while the indexing runs); several integer arrays broadcast
 * together; 0-d integer arrays are integers. set_item writes in place and
 * allocates nothing but those coordinate arrays. */
PlArray    *pl_array_get_item       (PlArray        *self,
                                     const PlIndex  *index,
                                     guint           n_index,
                                     GError        **error);
gboolean    pl_array_set_item       (PlArray        *self,
                                     const PlIndex  *index,
                                     guint           n_index,
                                     PlArray        *value,
                                     GError        **error);

/* --- elementwise -------------------------------------------------------- */
/* Python operator semantics (a * b): may elide into an operand whose
 * ref_count is 1 (an unnamed temporary), as NumPy's temp_elide.c does.
 * Returns a new reference (possibly to that operand). */
PlArray    *pl_array_binary         (PlBinaryOp      op,
                                     PlArray        *a,
                                     PlArray        *b,
                                     GError        **error);
PlArray    *pl_array_unary          (PlUnaryOp       op,
                                     PlArray        *a,
                                     GError        **error);
/* a op= b: in place, with NumPy's same_kind casting rule. */
gboolean    pl_array_inplace        (PlBinaryOp      op,
                                     PlArray        *a,
                                     PlArray        *b,
                                     GError        **error);
/* np.add(a, b, out=, dtype=) and friends: never elide. @out may be NULL,
 * @dtype may be PL_DTYPE_NONE. Returns a new reference (to @out if given). */
PlArray    *pl_ufunc_binary         (PlBinaryOp      op,
                                     PlArray        *a,
                                     PlArray        *b,
                                     PlArray        *out,
                                     PlDType         dtype,
                                     GError        **error);
PlArray    *pl_ufunc_unary          (PlUnaryOp       op,
                                     PlArray        *a,
                                     PlArray        *out,
                                     PlDType         dtype,
                                     GError        **error);
PlArray    *pl_array_where          (PlArray        *cond,
                                     PlArray        *a,
                                     PlArray        *b,
                                     GError        **error);
/* The dtype NumPy 1.24 gives a binary op (value-based casting of 0-d operands). */
PlDType     pl_result_type          (PlBinaryOp      op,
                                     const PlArray  *a,
                                     const PlArray  *b);

/* --- reductions --------------------------------------------------------- */
/* @axis < 0 counts from the end; @all_axes reduces everything to a 0-d array. */
PlArray    *pl_array_reduce         (PlReduceOp      op,
                                     PlArray        *self,
                                     gboolean        all_axes,
                                     gint            axis,
                                     GError        **error);

/* --- settings ----------------------------------------------------------- */
/* NumPy's temporary elision (on by default), so users can see NumPy without it. */
void        pl_engine_set_elision   (gboolean        enabled);
gboolean    pl_engine_get_elision   (void);

/* Cancellation: a process-wide flag that kernels check between blocks (and the
 * interpreter between lines); work in progress stops with PL_ERROR_CANCELLED
 * and frees what it allocated. The run layer raises it from a GCancellable. */
void        pl_engine_interrupt       (void);
void        pl_engine_clear_interrupt (void);
gboolean    pl_engine_is_interrupted  (void);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PlArray, pl_array_unref)

G_END_DECLS
