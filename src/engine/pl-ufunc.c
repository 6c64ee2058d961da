/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "pl-array.h"
#include "pl-assign.h"
#include "pl-kernels-private.h"
#include "pl-promote.h"

#include <string.h>

/* The ufunc machinery: broadcasting, output allocation and casting, and the
 * loop over chunks. Operands whose dtype differs from the loop's are cast in
 * chunks of BUFFER_SIZE elements into small scratch buffers, as NumPy's
 * buffered iterator does (NumPy's buffers are 8192 elements too), so mixed
 * dtypes never allocate a full-size temporary. */

#define BUFFER_SIZE PL_BUFFER_SIZE

PlBuffer *
pl_scratch_new_sized (PlDType  dtype,
                      gint64   size,
                      GError **error)
{
  gint64 n = CLAMP (size, 1, BUFFER_SIZE);

  return pl_buffer_new ((gsize) n * pl_dtype_itemsize (dtype), PL_ALLOC_INIT_NONE,
                        PL_ALLOC_REASON_SCRATCH, error);
}

gint pl_engine_interrupt_flag = 0;

/**
 * pl_engine_interrupt:
 *
 * Raises the process-wide interrupt flag: kernels stop at their next chunk
 * (at most ~64K elements later) with %PL_ERROR_CANCELLED. Thread-safe.
 */
void
pl_engine_interrupt (void)
{
  g_atomic_int_set (&pl_engine_interrupt_flag, 1);
}

void
pl_engine_clear_interrupt (void)
{
  g_atomic_int_set (&pl_engine_interrupt_flag, 0);
}

gboolean
pl_engine_is_interrupted (void)
{
  return g_atomic_int_get (&pl_engine_interrupt_flag) != 0;
}

/* NumPy formats shapes in this message without spaces: "(2,3)". */
static char *
format_shape_compact (gint          ndim,
                      const gint64 *shape)
{
  GString *s = g_string_new ("(");

  for (gint d = 0; d < ndim; d++)
    g_string_append_printf (s, d ? ",%" G_GINT64_FORMAT : "%" G_GINT64_FORMAT, shape[d]);
  if (ndim == 1)
    g_string_append_c (s, ',');
  g_string_append_c (s, ')');
  return g_string_free (s, FALSE);
}

/* Makes or checks the output for the broadcast shape of the inputs. */
static PlArray *
prepare_output (guint       n_in,
                PlArray   **inputs,
                PlArray    *out,
                PlDType     res_dtype,
                const char *name,
                GError    **error)
{
  gint ndim;
  gint64 shape[PL_MAX_DIMS];

  if (!pl_broadcast_shapes (n_in, inputs, &ndim, shape, error))
    return NULL;

  if (out == NULL)
    {
      /* NumPy's order='K': the result follows the memory layout of the
       * first input that has the result's full shape. */
      for (guint k = 0; k < n_in; k++)
        if (inputs[k]->ndim == ndim &&
            memcmp (inputs[k]->shape, shape, sizeof (gint64) * (gsize) ndim) == 0 &&
            !pl_array_is_c_contiguous (inputs[k]))
          return pl_array_new_like (inputs[k], res_dtype, PL_ALLOC_INIT_NONE,
                                    PL_ALLOC_REASON_RESULT, error);
      return pl_array_new (ndim, shape, res_dtype, PL_ALLOC_INIT_NONE,
                           PL_ALLOC_REASON_RESULT, error);
    }

  {
    gboolean ok = ndim <= out->ndim;
    gint off = out->ndim - ndim;

    for (gint d = 0; ok && d < ndim; d++)
      ok = shape[d] == 1 || shape[d] == out->shape[off + d];
    if (!ok)
      {
        g_autofree char *o = format_shape_compact (out->ndim, out->shape);
        g_autofree char *b = format_shape_compact (ndim, shape);

        g_set_error (error, PL_ERROR, PL_ERROR_VALUE,
                     "non-broadcastable output operand with shape %s doesn't match the broadcast shape %s",
                     o, b);
        return NULL;
      }
  }
  if (!(out->flags & PL_ARRAY_FLAG_WRITEABLE))
    {
      g_set_error_literal (error, PL_ERROR, PL_ERROR_VALUE, "output array is read-only");
      return NULL;
    }
  if (!pl_can_cast (res_dtype, out->dtype, PL_CASTING_SAME_KIND))
    {
      g_set_error (error, PL_ERROR, PL_ERROR_TYPE,
                   "Cannot cast ufunc '%s' output from dtype('%s') to dtype('%s') with casting rule 'same_kind'",
                   name, pl_dtype_name (res_dtype), pl_dtype_name (out->dtype));
      return NULL;
    }
  return pl_array_ref (out);
}

/* An input that overlaps the output other than element for element would
 * read values already written: NumPy copies it first (a real allocation). */
static gboolean
input_needs_copy (PlArray *in,
                  PlArray *out)
{
  gint64 strides[PL_MAX_DIMS];

  if (in == out || !pl_arrays_may_share_memory (in, out))
    return FALSE;
  if (in->data != out->data || in->dtype != out->dtype)
    return TRUE;
  if (!pl_broadcast_strides (in, out->ndim, out->shape, strides))
    return TRUE;
  for (gint d = 0; d < out->ndim; d++)
    if (strides[d] != out->strides[d] && out->shape[d] > 1)
      return TRUE;
  return FALSE;
}

/* A 0-d stand-in for an input of one element, converted to @dtype once. */
static PlArray *
precast_single (PlArray *in,
                PlDType  dtype,
                PlArray *storage)
{
  *storage = *in;
  storage->dtype = dtype;
  memset (storage->inline_data.bytes, 0, sizeof storage->inline_data.bytes);
  pl_cast_get_loop (in->dtype, dtype) (in->data, 0, storage->inline_data.bytes, 0, 1);
  storage->data = storage->inline_data.bytes;
  for (gint d = 0; d < storage->ndim; d++)
    storage->strides[d] = 0;
  return storage;
}

typedef struct
{
  guint       nin;
  PlArray    *in[3];
  PlDType     loop_dtype[3];   /* what each input must be for the loop */
  PlArray    *out;
  PlDType     res_dtype;       /* what the loop writes */
  gboolean    ufunc;           /* a ufunc call (NumPy's ufunc machinery) */
} Exec;

/* Whether NumPy 1.24 runs the ufunc as one call of the inner loop
 * (try_trivial_single_output_loop) rather than through its buffered
 * iterator: every operand except 0-d inputs has the operation's shape, is
 * in the loop's dtype (small inputs were cast up front) and, if it has two or
 * more dimensions, is contiguous, all in one order (C or Fortran). */
static gboolean
numpy_trivial_loop (const Exec     *e,
                    PlArray *const *ins)
{
  const PlArray *ops[4];
  guint nop = e->nin + 1;
  gint order = 0; /* 1 = C, 2 = F */

  for (guint k = 0; k < e->nin; k++)
    ops[k] = ins[k];
  ops[e->nin] = e->out;

  for (guint k = 0; k < nop; k++)
    {
      const PlArray *op = ops[k];
      gboolean is_out = k == e->nin;
      gboolean c, f;

      if (!is_out && op->ndim == 0)
        continue;
      if (op->ndim != e->out->ndim ||
          memcmp (op->shape, e->out->shape, sizeof (gint64) * (gsize) op->ndim) != 0)
        return FALSE;
      if (op->dtype != (is_out ? e->res_dtype : e->loop_dtype[k]))
        return FALSE;
      if (op->ndim < 2)
        continue;
      c = pl_array_is_c_contiguous (op);
      f = pl_array_is_f_contiguous (op);
      if (!c && !f)
        return FALSE;
      if (c && f)
        continue;
      if (order == 0)
        order = c ? 1 : 2;
      else if (order != (c ? 1 : 2))
        return FALSE;
    }
  return TRUE;
}

typedef void (*ExecLoop) (gpointer data, guint8 **args, const gint64 *strides, gint64 n);

/* The shared driver: iterates out and inputs, casts through buffers as
 * needed, and calls @loop on each chunk. */
static gboolean
run_exec_with (Exec      *e,
               ExecLoop   loop,
               gpointer   loop_data,
               PlArray  **copies,
               PlBuffer **scratch,
               GError   **error)
{
  PlArray single[3];
  PlArray *ops[PL_ITER_MAX_OPS];
  PlCastLoop in_cast[3] = { NULL, NULL, NULL };
  PlCastLoop out_cast = NULL;
  gboolean buffered = FALSE;
  PlIter it;
  guint8 *p[PL_ITER_MAX_OPS];
  gint64 n;

  for (guint k = 0; k < e->nin; k++)
    {
      PlArray *in = e->in[k];

      if (input_needs_copy (in, e->out))
        {
          copies[k] = pl_array_copy (in, error);
          if (copies[k] == NULL)
            return FALSE;
          in = copies[k];
        }
      if (in->dtype != e->loop_dtype[k] && pl_array_get_size (in) == 1)
        in = precast_single (in, e->loop_dtype[k], &single[k]);
      else if (e->ufunc && in->dtype != e->loop_dtype[k] && in->ndim == 1 &&
               in->shape[0] <= BUFFER_SIZE)
        {
          /* NumPy casts a 1-D input of at most 8192 elements whole before
           * the loop (check_for_trivial_loop): a real temporary, and the
           * loop then reads it without a cast (m + np.arange (2000)). */
          PlArray *cast = pl_array_new (1, in->shape, e->loop_dtype[k], PL_ALLOC_INIT_NONE,
                                        PL_ALLOC_REASON_TEMPORARY, error);

          if (cast == NULL || !pl_array_assign (cast, in, error))
            {
              g_clear_pointer (&cast, pl_array_unref);
              return FALSE;
            }
          g_clear_pointer (&copies[k], pl_array_unref);
          copies[k] = cast;
          in = cast;
        }
      ops[k + 1] = in;
    }
  ops[0] = e->out;

  if (!pl_iter_init_memory_order (&it, e->nin + 1, ops, e->out->ndim, e->out->shape, error))
    return FALSE;

  /* NumPy buffers an operand that needs casting, or that no single stride
   * describes once dimensions are merged (a strided view, a broadcast
   * row); the values go through the buffer in chunks of 8192. */
  for (guint k = 0; k < e->nin; k++)
    if (ops[k + 1]->dtype != e->loop_dtype[k] || !pl_iter_operand_is_flat (&it, k + 1))
      {
        in_cast[k] = pl_cast_get_loop (ops[k + 1]->dtype, e->loop_dtype[k]);
        scratch[k] = pl_scratch_new_sized (e->loop_dtype[k], it.size, error);
        if (scratch[k] == NULL)
          return FALSE;
        buffered = TRUE;
      }
  /* In an iteration over two or more dimensions, NumPy's iterator tests
   * whether one stride describes an operand only for operands of one or
   * more dimensions (npyiter_allocate_arrays): a 0-d input (a Python or
   * NumPy scalar) always gets its buffer there, even where every array
   * operand merges into one flat loop (m[:, ::2] * 2). On one dimension
   * nothing is buffered unless cast. A ufunc casts its 0-d inputs to the
   * loop's dtype before that (check_for_trivial_loop), so each gets its
   * buffer; np.where, always iterated, instead lets the iterator copy a 0-d
   * operand that needs a cast up front, and that copy needs no buffer. */
  if (e->out->ndim >= 2 && !(e->ufunc && numpy_trivial_loop (e, ops + 1)))
    for (guint k = 0; k < e->nin; k++)
      if (e->in[k]->ndim == 0 && scratch[k] == NULL &&
          (e->ufunc || e->in[k]->dtype == e->loop_dtype[k]))
        {
          in_cast[k] = pl_cast_get_loop (ops[k + 1]->dtype, e->loop_dtype[k]);
          scratch[k] = pl_scratch_new_sized (e->loop_dtype[k], it.size, error);
          if (scratch[k] == NULL)
            return FALSE;
          buffered = TRUE;
        }
  if (e->out->dtype != e->res_dtype || !pl_iter_operand_is_flat (&it, 0))
    {
      out_cast = pl_cast_get_loop (e->res_dtype, e->out->dtype);
      scratch[3] = pl_scratch_new_sized (e->res_dtype, it.size, error);
      if (scratch[3] == NULL)
        return FALSE;
      buffered = TRUE;
    }
  if (buffered)
    pl_iter_set_block (&it, BUFFER_SIZE);
  else
    /* Unbuffered loops still go in blocks of 1 MiB of float64, so that a
     * cancelled run stops within milliseconds even in one huge kernel
     * (the interrupt is checked between blocks). */
    pl_iter_set_block (&it, 128 * 1024);

  while (pl_iter_next (&it, p, &n))
    {
      guint8 *args[4];
      gint64 st[4];

      for (guint k = 0; k < e->nin; k++)
        {
          gint64 s = it.inner_strides[k + 1];

          if (in_cast[k] != NULL)
            {
              gint64 isz = (gint64) pl_dtype_itemsize (e->loop_dtype[k]);

              /* A broadcast row needs one conversion, not n. */
              in_cast[k] (p[k + 1], s, scratch[k]->data, isz, s == 0 ? 1 : n);
              args[k] = scratch[k]->data;
              st[k] = s == 0 ? 0 : isz;
            }
          else
            {
              args[k] = p[k + 1];
              st[k] = s;
            }
        }
      if (out_cast != NULL)
        {
          args[e->nin] = scratch[3]->data;
          st[e->nin] = (gint64) pl_dtype_itemsize (e->res_dtype);
        }
      else
        {
          args[e->nin] = p[0];
          st[e->nin] = it.inner_strides[0];
        }

      loop (loop_data, args, st, n);

      if (out_cast != NULL)
        out_cast (scratch[3]->data, st[e->nin], p[0], it.inner_strides[0], n);

      if (!pl_check_interrupt (error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
run_exec (Exec     *e,
          ExecLoop  loop,
          gpointer  loop_data,
          GError  **error)
{
  PlArray *copies[3] = { NULL, NULL, NULL };
  PlBuffer *scratch[4] = { NULL, NULL, NULL, NULL };
  gboolean ok = run_exec_with (e, loop, loop_data, copies, scratch, error);

  for (guint k = 0; k < 4; k++)
    g_clear_pointer (&scratch[k], pl_buffer_unref);
  for (guint k = 0; k < 3; k++)
    g_clear_pointer (&copies[k], pl_array_unref);
  return ok;
}

static void
call_binary (gpointer data, guint8 **args, const gint64 *strides, gint64 n)
{
  ((PlBinaryLoop) data) (args, strides, n);
}

static void
call_unary (gpointer data, guint8 **args, const gint64 *strides, gint64 n)
{
  ((PlUnaryLoop) data) (args, strides, n);
}

PlArray *
pl_ufunc_exec_binary (PlBinaryOp  op,
                      PlArray    *a,
                      PlArray    *b,
                      PlArray    *out,
                      PlDType     loop_dtype,
                      PlDType     res_dtype,
                      GError    **error)
{
  g_autoptr(PlArray) result = NULL;
  PlArray *inputs[2] = { a, b };
  PlBinaryLoop loop = pl_kernel_binary (op, loop_dtype);
  Exec e = { 0 };

  if (loop == NULL)
    {
      g_set_error (error, PL_ERROR, PL_ERROR_TYPE,
                   "No loop matching the specified signature and casting was found for ufunc %s",
                   pl_binary_op_ufunc_name (op));
      return NULL;
    }

  if (op == PL_BINOP_POWER && pl_dtype_kind (loop_dtype) == PL_DTYPE_KIND_INT &&
      pl_kernel_has_negative (b))
    {
      g_set_error_literal (error, PL_ERROR, PL_ERROR_VALUE,
                           "Integers to negative integer powers are not allowed.");
      return NULL;
    }

  result = prepare_output (2, inputs, out, res_dtype, pl_binary_op_ufunc_name (op), error);
  if (result == NULL)
    return NULL;

  e.nin = 2;
  e.in[0] = a;
  e.in[1] = b;
  e.loop_dtype[0] = e.loop_dtype[1] = loop_dtype;
  e.out = result;
  e.res_dtype = res_dtype;
  e.ufunc = TRUE;
  if (!run_exec (&e, call_binary, (gpointer) loop, error))
    return NULL;
  return g_steal_pointer (&result);
}

PlArray *
pl_ufunc_exec_unary (PlUnaryOp   op,
                     PlArray    *a,
                     PlArray    *out,
                     PlDType     loop_dtype,
                     GError    **error)
{
  g_autoptr(PlArray) result = NULL;
  PlUnaryLoop loop = pl_kernel_unary (op, loop_dtype);
  Exec e = { 0 };

  if (loop == NULL)
    {
      g_set_error (error, PL_ERROR, PL_ERROR_TYPE,
                   "No loop matching the specified signature and casting was found for ufunc %s",
                   pl_unary_op_ufunc_name (op));
      return NULL;
    }

  result = prepare_output (1, &a, out, loop_dtype, pl_unary_op_ufunc_name (op), error);
  if (result == NULL)
    return NULL;

  e.nin = 1;
  e.in[0] = a;
  e.loop_dtype[0] = loop_dtype;
  e.out = result;
  e.res_dtype = loop_dtype;
  e.ufunc = TRUE;
  if (!run_exec (&e, call_unary, (gpointer) loop, error))
    return NULL;
  return g_steal_pointer (&result);
}

/**
 * pl_ufunc_binary:
 * @out: (nullable): np.add (..., out=): the result is written there (a new
 *   reference to it is returned); its dtype must be reachable with
 *   same_kind casting
 * @dtype: np.add (..., dtype=), or %PL_DTYPE_NONE
 *
 * An explicit ufunc call: never elides temporaries.
 */
PlArray *
pl_ufunc_binary (PlBinaryOp  op,
                 PlArray    *a,
                 PlArray    *b,
                 PlArray    *out,
                 PlDType     dtype,
                 GError    **error)
{
  PlDType loop, res;

  g_return_val_if_fail (op >= 0 && op < PL_N_BINOPS, NULL);
  g_return_val_if_fail (a != NULL && b != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!pl_resolve_binary (op, a, b, out, dtype, &loop, &res, error))
    return NULL;
  return pl_ufunc_exec_binary (op, a, b, out, loop, res, error);
}

/**
 * pl_ufunc_unary:
 *
 * np.sqrt (a, out=, dtype=) and friends; never elides.
 */
PlArray *
pl_ufunc_unary (PlUnaryOp   op,
                PlArray    *a,
                PlArray    *out,
                PlDType     dtype,
                GError    **error)
{
  PlDType loop, res;

  g_return_val_if_fail (op >= 0 && op < PL_N_UNOPS, NULL);
  g_return_val_if_fail (a != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!pl_resolve_unary (op, a, dtype, &loop, &res, error))
    return NULL;
  return pl_ufunc_exec_unary (op, a, out, loop, error);
}

/* --- np.where ------------------------------------------------------------ */

#define DEF_SELECT(NAME, T)                                                     \
static void                                                                    \
NAME (gpointer data, guint8 **args, const gint64 *st, gint64 n)                \
{                                                                              \
  const guint8 *c = args[0], *x = args[1], *y = args[2];                       \
  guint8 *o = args[3];                                                         \
  if (st[0] == 1 && st[1] == (gint64) sizeof (T) && st[2] == (gint64) sizeof (T) \
      && st[3] == (gint64) sizeof (T))                                         \
    {                                                                          \
      const T *xs = (const T *) x, *ys = (const T *) y;                        \
      T *os = (T *) o;                                                         \
      for (gint64 k = 0; k < n; k++)                                           \
        os[k] = c[k] ? xs[k] : ys[k];                                          \
      return;                                                                  \
    }                                                                          \
  for (gint64 k = 0; k < n; k++, c += st[0], x += st[1], y += st[2], o += st[3]) \
    *(T *) o = *c ? *(const T *) x : *(const T *) y;                           \
}

DEF_SELECT (select_1, guint8)
DEF_SELECT (select_2, guint16)
DEF_SELECT (select_4, guint32)
DEF_SELECT (select_8, guint64)

/**
 * pl_array_where:
 *
 * np.where (cond, a, b): a new array of the broadcast shape, of dtype
 * np.result_type (a, b) (value-based for 0-d operands, as NumPy 1.24).
 */
PlArray *
pl_array_where (PlArray  *cond,
                PlArray  *a,
                PlArray  *b,
                GError  **error)
{
  g_autoptr(PlArray) result = NULL;
  const PlArray *ab[2] = { a, b };
  PlArray *inputs[3] = { cond, a, b };
  PlDType dtype;
  ExecLoop select;
  Exec e = { 0 };

  g_return_val_if_fail (cond != NULL && a != NULL && b != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  dtype = pl_result_type_arrays (2, ab);
  result = prepare_output (3, inputs, NULL, dtype, "where", error);
  if (result == NULL)
    return NULL;

  switch (pl_dtype_itemsize (dtype))
    {
    case 1: select = select_1; break;
    case 2: select = select_2; break;
    case 4: select = select_4; break;
    default: select = select_8; break;
    }

  e.nin = 3;
  e.in[0] = cond;
  e.in[1] = a;
  e.in[2] = b;
  e.loop_dtype[0] = PL_DTYPE_BOOL;
  e.loop_dtype[1] = e.loop_dtype[2] = dtype;
  e.out = result;
  e.res_dtype = dtype;
  if (!run_exec (&e, select, NULL, error))
    return NULL;
  return g_steal_pointer (&result);
}
