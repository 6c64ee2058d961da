/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "pl-array.h"
#include "pl-assign.h"
#include "pl-kernels-private.h"

#include <math.h>
#include <string.h>

/* Reductions with NumPy's dtype rules and summation order. The iteration
 * follows NumPy's: axes ordered by the input's memory layout; when the
 * reduced axis is innermost, each output element is one call of the kernel
 * over the whole row (pairwise summation for floats, exactly NumPy's
 * pairwise_sum with blocks of 8 and 128); otherwise rows are accumulated into
 * the output element by element. The iteration is in blocks of 8192
 * elements, NumPy's buffer size, and inputs that need converting (int32
 * summed as int64, ints averaged as float64) are converted block by block. */

#define REDUCE_BUFFER 8192
#define PW_BLOCKSIZE 128

typedef void (*ReduceLoop) (guint8 *out, gint64 out_stride,
                            const guint8 *in, gint64 in_stride, gint64 n);

/* --- pairwise summation (numpy/core/src/umath/loops_utils.h.src) -------- */

#define DEF_PAIRWISE(NAME, T, ACC, LOAD)                                         \
static ACC                                                                     \
NAME (const guint8 *a, gint64 n, gint64 stride)                                \
{                                                                              \
  if (n < 8)                                                                   \
    {                                                                          \
      ACC res = 0.;                                                            \
      for (gint64 i = 0; i < n; i++)                                           \
        res += LOAD (*(const T *) (a + i * stride));                           \
      return res;                                                              \
    }                                                                          \
  else if (n <= PW_BLOCKSIZE)                                                  \
    {                                                                          \
      ACC r[8], res;                                                           \
      gint64 i;                                                                \
      for (int j = 0; j < 8; j++)                                              \
        r[j] = LOAD (*(const T *) (a + j * stride));                           \
      for (i = 8; i < n - (n % 8); i += 8)                                     \
        for (int j = 0; j < 8; j++)                                            \
          r[j] += LOAD (*(const T *) (a + (i + j) * stride));                  \
      res = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7])); \
      for (; i < n; i++)                                                       \
        res += LOAD (*(const T *) (a + i * stride));                           \
      return res;                                                              \
    }                                                                          \
  else                                                                         \
    {                                                                          \
      gint64 n2 = n / 2;                                                       \
      n2 -= n2 % 8;                                                            \
      return NAME (a, n2, stride) + NAME (a + n2 * stride, n - n2, stride);    \
    }                                                                          \
}

#define ID(x) (x)
#define HALF_LOAD(x) pl_half_to_float (x)
#define HALF_STORE(x) pl_float_to_half (x)

DEF_PAIRWISE (pairwise_f16, guint16, float, HALF_LOAD)
DEF_PAIRWISE (pairwise_f32, float, float, ID)
DEF_PAIRWISE (pairwise_f64, double, double, ID)

#define DEF_FLOAT_SUM(NAME, T, ACC, LOAD, STORE, PAIRWISE)                      \
static void                                                                    \
NAME (guint8 *out, gint64 os, const guint8 *in, gint64 is, gint64 n)           \
{                                                                              \
  if (os == 0)                                                                 \
    {                                                                          \
      ACC acc = LOAD (*(T *) out);                                             \
      acc += PAIRWISE (in, n, is);                                             \
      *(T *) out = STORE (acc);                                                \
      return;                                                                  \
    }                                                                          \
  for (gint64 k = 0; k < n; k++, out += os, in += is)                          \
    *(T *) out = STORE ((ACC) (LOAD (*(T *) out) + LOAD (*(const T *) in)));   \
}

DEF_FLOAT_SUM (sum_f16, guint16, float, HALF_LOAD, HALF_STORE, pairwise_f16)
DEF_FLOAT_SUM (sum_f32, float, float, ID, ID, pairwise_f32)
DEF_FLOAT_SUM (sum_f64, double, double, ID, ID, pairwise_f64)

/* A sequential fold: out = out OP in, along the row or element by element.
 * CT is the type values combine in; integer arithmetic wraps (unsigned). */
#define DEF_FOLD(NAME, T, CT, LOAD, STORE, COMBINE)                             \
static void                                                                    \
NAME (guint8 *out, gint64 os, const guint8 *in, gint64 is, gint64 n)           \
{                                                                              \
  if (os == 0)                                                                 \
    {                                                                          \
      CT acc = LOAD (*(T *) out);                                              \
      if (is == (gint64) sizeof (T))                                           \
        {                                                                      \
          const T *x = (const T *) in;                                         \
          for (gint64 k = 0; k < n; k++)                                       \
            {                                                                  \
              const CT v = LOAD (x[k]);                                        \
              acc = COMBINE (acc, v);                                          \
            }                                                                  \
        }                                                                      \
      else                                                                     \
        for (gint64 k = 0; k < n; k++, in += is)                               \
          {                                                                    \
            const CT v = LOAD (*(const T *) in);                               \
            acc = COMBINE (acc, v);                                            \
          }                                                                    \
      *(T *) out = STORE (acc);                                                \
      return;                                                                  \
    }                                                                          \
  for (gint64 k = 0; k < n; k++, out += os, in += is)                          \
    {                                                                          \
      const CT o = LOAD (*(T *) out), v = LOAD (*(const T *) in);              \
      *(T *) out = STORE (COMBINE (o, v));                                     \
    }                                                                          \
}

#define ADD_I64(a, b) ((gint64) ((guint64) (a) + (guint64) (b)))
#define ADD_U64(a, b) ((a) + (b))
#define MUL_I64(a, b) ((gint64) ((guint64) (a) * (guint64) (b)))
#define MUL_U64(a, b) ((a) * (b))
#define MUL_F(a, b) ((a) * (b))
#define MAX_I(a, b) ((a) > (b) ? (a) : (b))
#define MIN_I(a, b) ((a) < (b) ? (a) : (b))
#define MAX_F(a, b) (((a) >= (b) || isnan (a)) ? (a) : (b))
#define MIN_F(a, b) (((a) <= (b) || isnan (a)) ? (a) : (b))
#define OR_B(a, b) ((guint8) ((a) | (b)))
#define AND_B(a, b) ((guint8) ((a) & (b)))

DEF_FOLD (sum_i64, gint64, gint64, ID, ID, ADD_I64)
DEF_FOLD (sum_u64, guint64, guint64, ID, ID, ADD_U64)
DEF_FOLD (prod_i64, gint64, gint64, ID, ID, MUL_I64)
DEF_FOLD (prod_u64, guint64, guint64, ID, ID, MUL_U64)
DEF_FOLD (prod_f16, guint16, float, HALF_LOAD, HALF_STORE, MUL_F)
DEF_FOLD (prod_f32, float, float, ID, ID, MUL_F)
DEF_FOLD (prod_f64, double, double, ID, ID, MUL_F)
DEF_FOLD (any_b, guint8, guint8, ID, ID, OR_B)
DEF_FOLD (all_b, guint8, guint8, ID, ID, AND_B)

#define DEF_MINMAX(SUF, T, CT, LOAD, STORE, MAXOP, MINOP) \
  DEF_FOLD (max_##SUF, T, CT, LOAD, STORE, MAXOP)          \
  DEF_FOLD (min_##SUF, T, CT, LOAD, STORE, MINOP)

DEF_MINMAX (b, guint8, guint8, ID, ID, OR_B, AND_B)
DEF_MINMAX (i8, gint8, gint8, ID, ID, MAX_I, MIN_I)
DEF_MINMAX (i16, gint16, gint16, ID, ID, MAX_I, MIN_I)
DEF_MINMAX (i32, gint32, gint32, ID, ID, MAX_I, MIN_I)
DEF_MINMAX (i64, gint64, gint64, ID, ID, MAX_I, MIN_I)
DEF_MINMAX (u8, guint8, guint8, ID, ID, MAX_I, MIN_I)
DEF_MINMAX (u16, guint16, guint16, ID, ID, MAX_I, MIN_I)
DEF_MINMAX (u32, guint32, guint32, ID, ID, MAX_I, MIN_I)
DEF_MINMAX (u64, guint64, guint64, ID, ID, MAX_I, MIN_I)
DEF_MINMAX (f16, guint16, float, HALF_LOAD, HALF_STORE, MAX_F, MIN_F)
DEF_MINMAX (f32, float, float, ID, ID, MAX_F, MIN_F)
DEF_MINMAX (f64, double, double, ID, ID, MAX_F, MIN_F)

static const ReduceLoop max_loops[PL_N_DTYPES] = {
  max_b, max_i8, max_i16, max_i32, max_i64, max_u8, max_u16, max_u32, max_u64,
  max_f16, max_f32, max_f64,
};
static const ReduceLoop min_loops[PL_N_DTYPES] = {
  min_b, min_i8, min_i16, min_i32, min_i64, min_u8, min_u16, min_u32, min_u64,
  min_f16, min_f32, min_f64,
};

/* The loop for a sum or product accumulating in @dtype. */
static ReduceLoop
get_loop (PlReduceOp op,
          PlDType    dtype)
{
  switch (op)
    {
    case PL_REDUCE_SUM:
    case PL_REDUCE_MEAN:
    case PL_REDUCE_STD:
      switch (dtype)
        {
        case PL_DTYPE_INT64: return sum_i64;
        case PL_DTYPE_UINT64: return sum_u64;
        case PL_DTYPE_FLOAT16: return sum_f16;
        case PL_DTYPE_FLOAT32: return sum_f32;
        case PL_DTYPE_FLOAT64: return sum_f64;
        default: g_return_val_if_reached (NULL);
        }
    case PL_REDUCE_PROD:
      switch (dtype)
        {
        case PL_DTYPE_INT64: return prod_i64;
        case PL_DTYPE_UINT64: return prod_u64;
        case PL_DTYPE_FLOAT16: return prod_f16;
        case PL_DTYPE_FLOAT32: return prod_f32;
        case PL_DTYPE_FLOAT64: return prod_f64;
        default: g_return_val_if_reached (NULL);
        }
    case PL_REDUCE_MAX:
      return max_loops[dtype];
    case PL_REDUCE_MIN:
      return min_loops[dtype];
    case PL_REDUCE_ANY:
      return any_b;
    case PL_REDUCE_ALL:
    default:
      return all_b;
    }
}

/* np.add.reduce's dtype: small ints widen to the platform long. */
static PlDType
sum_dtype (PlDType dtype)
{
  switch (pl_dtype_kind (dtype))
    {
    case PL_DTYPE_KIND_BOOL:
    case PL_DTYPE_KIND_INT:
      return PL_DTYPE_INT64;
    case PL_DTYPE_KIND_UINT:
      return PL_DTYPE_UINT64;
    case PL_DTYPE_KIND_FLOAT:
    default:
      return dtype;
    }
}

/* np.mean / np.std compute in float64 for ints and bools, in float32 for
 * float16, else in the array's own dtype. */
static PlDType
mean_acc_dtype (PlDType dtype)
{
  if (pl_dtype_kind (dtype) != PL_DTYPE_KIND_FLOAT)
    return PL_DTYPE_FLOAT64;
  if (dtype == PL_DTYPE_FLOAT16)
    return PL_DTYPE_FLOAT32;
  return dtype;
}

/* Folds @in into @out, whose keepdims view has stride 0 on the reduced
 * axes, with @loop working in @loop_dtype. @out_kept_dims: NumPy's output
 * operand keeps the reduced axes (keepdims=True), so it is not 0-d even
 * when everything is reduced. */
static gboolean
accumulate (PlArray        *in,
            PlArray        *out,
            gboolean        out_kept_dims,
            const gboolean *reduced,
            PlDType         loop_dtype,
            ReduceLoop      loop,
            GError        **error)
{
  gint nd = in->ndim;
  gint perm[PL_MAX_DIMS];
  gint64 shape[PL_MAX_DIMS];
  gint64 in_strides[PL_MAX_DIMS], out_strides[PL_MAX_DIMS];
  gint64 out_keep[PL_MAX_DIMS];
  const gint64 *sp[2] = { out_strides, in_strides };
  guint8 *data[2] = { out->data, in->data };
  g_autoptr(PlBuffer) in_buf = NULL;
  g_autoptr(PlBuffer) out_buf = NULL;
  PlCastLoop cast = NULL;
  gboolean out_is_scalar = TRUE;
  PlIter it;
  guint8 *p[2];
  gint64 n;

  /* The output's strides on the input's axes (0 where reduced). */
  for (gint d = 0, od = 0; d < nd; d++)
    {
      out_keep[d] = reduced[d] ? 0 : out->strides[od++];
      if (out_keep[d] != 0 && in->shape[d] > 1)
        out_is_scalar = FALSE;
    }

  /* Order the axes by the input's memory layout (largest stride first), as
   * NumPy's iterator does; a stable insertion sort keeps C order on ties.
   * Negative strides are not flipped: reductions iterate with
   * NPY_ITER_DONT_NEGATE_STRIDES. */
  for (gint d = 0; d < nd; d++)
    {
      gint j = d;

      perm[d] = d;
      while (j > 0 && ABS (in->strides[perm[j - 1]]) < ABS (in->strides[d]))
        {
          perm[j] = perm[j - 1];
          j--;
        }
      perm[j] = d;
    }
  for (gint d = 0; d < nd; d++)
    {
      shape[d] = in->shape[perm[d]];
      in_strides[d] = in->strides[perm[d]];
      out_strides[d] = out_keep[perm[d]];
    }

  /* NumPy's reduction iterator is buffered: even when nothing needs
   * converting, the inner loop sees at most 8192 elements at a time, so a
   * long row is summed pairwise in blocks of 8192 that are then added in
   * order. Doing the same gives the same bits. */
  pl_iter_init_raw (&it, 2, data, sp, nd, shape);
  pl_iter_set_block (&it, REDUCE_BUFFER);

  /* NumPy allocates a buffer for each operand that needs casting or that
   * no single stride describes: the input of a strided view, and the output
   * of a reduction along an axis (its strides are 0 on the reduced axis and
   * not on the others). The input's buffer receives the converted values;
   * the output's stages the partial results. */
  if (in->dtype != loop_dtype || !pl_iter_operand_is_flat (&it, 1))
    {
      cast = pl_cast_get_loop (in->dtype, loop_dtype);
      in_buf = pl_scratch_new_sized (loop_dtype, it.size, error);
      if (in_buf == NULL)
        return FALSE;
    }
  /* NumPy tests whether one stride describes an operand only when the
   * iteration has at most one dimension or the operand has one or more
   * (npyiter_allocate_arrays, before axes are merged): the 0-d output of a
   * full reduction of an input of two or more dimensions always gets its
   * buffer, even when the input is contiguous. */
  if (!pl_iter_operand_is_flat (&it, 0) ||
      (out->ndim == 0 && !out_kept_dims && in->ndim >= 2))
    {
      out_buf = pl_scratch_new_sized (out->dtype, it.size, error);
      if (out_buf == NULL)
        return FALSE;
    }

  /* Reducing to one element an input that no single stride describes:
   * NumPy copies it into its 8192-element buffer across row boundaries and
   * sums each full buffer pairwise. Gather it the same way. */
  if (it.ndim > 1 && out_is_scalar)
    {
      gint64 isz = (gint64) pl_dtype_itemsize (loop_dtype);
      gint64 filled = 0;
      /* The partial result is staged in the output's buffer, as NumPy's. */
      guint8 *acc = out_buf != NULL ? out_buf->data : out->data;

      g_assert (in_buf != NULL);
      if (out_buf != NULL)
        memcpy (acc, out->data, pl_dtype_itemsize (out->dtype));
      while (pl_iter_next (&it, p, &n))
        {
          gint64 done = 0;

          while (done < n)
            {
              gint64 take = MIN (n - done, REDUCE_BUFFER - filled);

              cast (p[1] + done * it.inner_strides[1], it.inner_strides[1],
                    in_buf->data + filled * isz, isz, take);
              filled += take;
              done += take;
              if (filled == REDUCE_BUFFER)
                {
                  loop (acc, 0, in_buf->data, isz, filled);
                  filled = 0;
                  if (!pl_check_interrupt (error))
                    return FALSE;
                }
            }
        }
      if (filled > 0)
        loop (acc, 0, in_buf->data, isz, filled);
      if (out_buf != NULL)
        memcpy (out->data, acc, pl_dtype_itemsize (out->dtype));
      return TRUE;
    }

  {
    gint64 isz = (gint64) pl_dtype_itemsize (loop_dtype);
    gint64 osz = (gint64) pl_dtype_itemsize (out->dtype);
    PlCastLoop out_copy = pl_cast_get_loop (out->dtype, out->dtype);

    while (pl_iter_next (&it, p, &n))
      {
        const guint8 *src = p[1];
        gint64 ss = it.inner_strides[1];
        gint64 os = it.inner_strides[0];

        if (in_buf != NULL)
          {
            cast (p[1], ss, in_buf->data, isz, n);
            src = in_buf->data;
            ss = isz;
          }
        if (out_buf != NULL)
          {
            gint64 m = os == 0 ? 1 : n;

            out_copy (p[0], os, out_buf->data, osz, m);
            loop (out_buf->data, os == 0 ? 0 : osz, src, ss, n);
            out_copy (out_buf->data, osz, p[0], os, m);
          }
        else
          loop (p[0], os, src, ss, n);
        if (!pl_check_interrupt (error))
          return FALSE;
      }
  }
  return TRUE;
}

static const char *
reduce_ufunc_name (PlReduceOp op)
{
  return op == PL_REDUCE_MIN ? "minimum" : "maximum";
}

/* The reduced shape, and per input axis whether it is reduced. */
static gboolean
reduced_shape (PlArray  *self,
               gboolean  all_axes,
               gint      axis,
               gboolean *reduced,
               gint     *out_ndim,
               gint64   *out_shape,
               gint64   *count,
               GError  **error)
{
  if (!all_axes)
    {
      gint a = axis < 0 ? axis + self->ndim : axis;

      if (a < 0 || a >= self->ndim)
        {
          g_set_error (error, PL_ERROR, PL_ERROR_VALUE,
                       "axis %d is out of bounds for array of dimension %d",
                       axis, self->ndim);
          return FALSE;
        }
      axis = a;
    }

  *out_ndim = 0;
  *count = 1;
  for (gint d = 0; d < self->ndim; d++)
    {
      reduced[d] = all_axes || d == axis;
      if (reduced[d])
        *count *= self->shape[d];
      else
        out_shape[(*out_ndim)++] = self->shape[d];
    }
  return TRUE;
}

/* A new array of the reduced shape filled with @init (or NULL). */
static PlArray *
new_out (gint           ndim,
         const gint64  *shape,
         PlDType        dtype,
         PlAllocReason  reason,
         double         init,
         GError       **error)
{
  PlArray *out = pl_array_new (ndim, shape, dtype, PL_ALLOC_INIT_NONE, reason, error);

  if (out != NULL)
    {
      PlScalar v = pl_scalar_from_double (init);

      pl_array_fill (out, &v);
    }
  return out;
}

/* out /= count in place (NumPy's true_divide with out=, casting unsafe). */
static gboolean
divide_by (PlArray *out,
           double   count,
           GError **error)
{
  PlScalar c = pl_scalar_from_double (count);
  g_autoptr(PlArray) divisor = pl_array_new_scalar (&c, out->dtype);
  g_autoptr(PlArray) r = pl_ufunc_exec_binary (PL_BINOP_TRUE_DIVIDE, out, divisor, out,
                                               out->dtype, out->dtype, error);

  return r != NULL;
}

/* A view of @self with the reduced axes cut to their first element. */
static void
first_slice (const PlArray  *self,
             const gboolean *reduced,
             PlArray        *view)
{
  *view = *self;
  for (gint d = 0; d < self->ndim; d++)
    if (reduced[d])
      view->shape[d] = 1;
}

/* The keepdims shape of @out for broadcasting against @self. */
static void
keepdims_view (const PlArray  *out,
               const PlArray  *self,
               const gboolean *reduced,
               PlArray        *view)
{
  *view = *out;
  view->ndim = self->ndim;
  for (gint d = 0, od = 0; d < self->ndim; d++)
    {
      if (reduced[d])
        {
          view->shape[d] = 1;
          view->strides[d] = 0;
        }
      else
        {
          view->shape[d] = out->shape[od];
          view->strides[d] = out->strides[od];
          od++;
        }
    }
}

/**
 * pl_array_reduce:
 * @all_axes: reduce everything to a 0-d array (axis=None)
 * @axis: the axis otherwise (negative counts from the end)
 *
 * np.sum/prod/mean/min/max/std/any/all with NumPy's dtypes: sums of bools
 * and ints of up to 32 bits are int64 (uint64 for unsigned), means and
 * standard deviations of ints are float64, and float sums use NumPy's
 * pairwise summation. np.std allocates a temporary the size of the input
 * (`x = arr - arr.mean ()`), as NumPy's _var does.
 */
PlArray *
pl_array_reduce (PlReduceOp  op,
                 PlArray    *self,
                 gboolean    all_axes,
                 gint        axis,
                 GError    **error)
{
  gboolean reduced[PL_MAX_DIMS];
  gint out_ndim;
  gint64 out_shape[PL_MAX_DIMS];
  gint64 count;
  g_autoptr(PlArray) out = NULL;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!reduced_shape (self, all_axes, axis, reduced, &out_ndim, out_shape, &count, error))
    return NULL;

  switch (op)
    {
    case PL_REDUCE_SUM:
    case PL_REDUCE_PROD:
      {
        PlDType dt = sum_dtype (self->dtype);

        out = new_out (out_ndim, out_shape, dt, PL_ALLOC_REASON_RESULT,
                       op == PL_REDUCE_SUM ? 0.0 : 1.0, error);
        if (out == NULL || !accumulate (self, out, FALSE, reduced, dt, get_loop (op, dt), error))
          return NULL;
        return g_steal_pointer (&out);
      }

    case PL_REDUCE_MIN:
    case PL_REDUCE_MAX:
      {
        PlArray first;

        if (count == 0)
          {
            g_set_error (error, PL_ERROR, PL_ERROR_VALUE,
                         "zero-size array to reduction operation %s which has no identity",
                         reduce_ufunc_name (op));
            return NULL;
          }
        out = pl_array_new (out_ndim, out_shape, self->dtype, PL_ALLOC_INIT_NONE,
                            PL_ALLOC_REASON_RESULT, error);
        if (out == NULL)
          return NULL;
        /* NumPy starts from the first element (min and max have no
         * identity); folding it in again is harmless as both are
         * idempotent. */
        first_slice (self, reduced, &first);
        {
          PlArray kv;

          keepdims_view (out, self, reduced, &kv);
          if (!pl_array_assign (&kv, &first, error))
            return NULL;
        }
        if (!accumulate (self, out, FALSE, reduced, self->dtype, get_loop (op, self->dtype), error))
          return NULL;
        return g_steal_pointer (&out);
      }

    case PL_REDUCE_ANY:
    case PL_REDUCE_ALL:
      out = new_out (out_ndim, out_shape, PL_DTYPE_BOOL, PL_ALLOC_REASON_RESULT,
                     op == PL_REDUCE_ALL ? 1.0 : 0.0, error);
      if (out == NULL ||
          !accumulate (self, out, FALSE, reduced, PL_DTYPE_BOOL, get_loop (op, PL_DTYPE_BOOL), error))
        return NULL;
      return g_steal_pointer (&out);

    case PL_REDUCE_MEAN:
      {
        PlDType acc = mean_acc_dtype (self->dtype);

        out = new_out (out_ndim, out_shape, acc, PL_ALLOC_REASON_RESULT, 0.0, error);
        if (out == NULL ||
            !accumulate (self, out, FALSE, reduced, acc, get_loop (PL_REDUCE_SUM, acc), error) ||
            !divide_by (out, (double) count, error))
          return NULL;
        if (acc != self->dtype && pl_dtype_kind (self->dtype) == PL_DTYPE_KIND_FLOAT)
          return pl_array_astype (out, self->dtype, TRUE, error);
        return g_steal_pointer (&out);
      }

    case PL_REDUCE_STD:
      {
        /* NumPy's _var widens ints and bools to float64 but, unlike _mean,
         * keeps float16 as it is. */
        PlDType acc = pl_dtype_kind (self->dtype) == PL_DTYPE_KIND_FLOAT ? self->dtype
                                                                          : PL_DTYPE_FLOAT64;
        PlDType xdt = pl_dtype_promote (self->dtype, acc);
        g_autoptr(PlArray) mean = NULL;
        g_autoptr(PlArray) x = NULL;
        g_autoptr(PlArray) r = NULL;
        PlArray mean_kv;

        /* arrmean = umr_sum (arr, axis, dtype, keepdims=True) / n */
        mean = new_out (out_ndim, out_shape, acc, PL_ALLOC_REASON_TEMPORARY, 0.0, error);
        if (mean == NULL ||
            !accumulate (self, mean, TRUE, reduced, acc, get_loop (PL_REDUCE_SUM, acc), error) ||
            !divide_by (mean, (double) count, error))
          return NULL;
        keepdims_view (mean, self, reduced, &mean_kv);

        /* x = arr - arrmean; x = x * x (in place): a full-size temporary. */
        x = pl_array_new_like (self, xdt, PL_ALLOC_INIT_NONE,
                               PL_ALLOC_REASON_TEMPORARY, error);
        if (x == NULL)
          return NULL;
        r = pl_ufunc_exec_binary (PL_BINOP_SUBTRACT, self, &mean_kv, x, xdt, xdt, error);
        if (r == NULL)
          return NULL;
        g_clear_pointer (&r, pl_array_unref);
        r = pl_ufunc_exec_binary (PL_BINOP_MULTIPLY, x, x, x, xdt, xdt, error);
        if (r == NULL)
          return NULL;
        g_clear_pointer (&r, pl_array_unref);
        g_clear_pointer (&mean, pl_array_unref);

        out = new_out (out_ndim, out_shape, xdt, PL_ALLOC_REASON_RESULT, 0.0, error);
        if (out == NULL ||
            !accumulate (x, out, FALSE, reduced, xdt, get_loop (PL_REDUCE_SUM, xdt), error))
          return NULL;
        g_clear_pointer (&x, pl_array_unref);
        if (!divide_by (out, (double) count, error))
          return NULL;
        r = pl_ufunc_exec_unary (PL_UNOP_SQRT, out, out, xdt, error);
        if (r == NULL)
          return NULL;
        if (xdt != self->dtype && pl_dtype_kind (self->dtype) == PL_DTYPE_KIND_FLOAT)
          return pl_array_astype (out, self->dtype, TRUE, error);
        return g_steal_pointer (&out);
      }

    default:
      g_return_val_if_reached (NULL);
    }
}
