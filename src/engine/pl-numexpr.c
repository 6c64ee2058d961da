/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "pl-numexpr.h"
#include "pl-numexpr-private.h"

#include <stdlib.h>
#include <string.h>

#include "pl-cast.h"
#include "pl-iter.h"

/* The array-facing side of the evaluator: caches, operand checks, the output
 * allocation, and the driver that splits the elements into chunks of blocks
 * which the pool's threads claim with an atomic counter. */

/* Elements a thread claims at a time: 16 blocks (64 KiB of doubles). */
#define NE_CHUNK (16 * NE_BLOCK)
/* Below this many elements one thread does all the work. */
#define NE_PARALLEL_MIN (4 * NE_CHUNK)
/* numexpr's CacheDict(256). */
#define NE_CACHE_SIZE 256
#define NE_MAX_THREADS 4096

struct _PlNumExpr
{
  gint       ref_count;
  char      *expression;
  NeProgram *program;
};

static GMutex      cache_lock;
static GHashTable *names_cache;     /* expression -> GStrv */
static GHashTable *program_cache;   /* "kinds\1expression" -> NeProgram */
static guint64     compile_count;
static GMutex      eval_lock;       /* numexpr's evaluate_lock */
static guint       num_threads;     /* 0: not set yet */

/* --- threads ----------------------------------------------------------- */

/**
 * pl_numexpr_detect_number_of_cores:
 *
 * Returns: the number of processors, as ne.detect_number_of_cores().
 */
guint
pl_numexpr_detect_number_of_cores (void)
{
  return MAX (1, g_get_num_processors ());
}

static guint
default_num_threads (void)
{
  /* numexpr 2.8 uses every core up to its "safe limit" of 8 when
   * NUMEXPR_MAX_THREADS is not set. */
  return MIN (pl_numexpr_detect_number_of_cores (), 8);
}

/**
 * pl_numexpr_get_num_threads:
 *
 * Returns: the number of threads evaluations use.
 */
guint
pl_numexpr_get_num_threads (void)
{
  guint n = g_atomic_int_get (&num_threads);

  return n != 0 ? n : default_num_threads ();
}

/**
 * pl_numexpr_set_num_threads:
 * @n_threads: the number of threads (>= 1)
 *
 * ne.set_num_threads(n). The pool grows on the next evaluation if needed.
 *
 * Returns: the previous count.
 */
guint
pl_numexpr_set_num_threads (guint n_threads)
{
  guint previous;

  g_return_val_if_fail (n_threads >= 1, pl_numexpr_get_num_threads ());

  previous = pl_numexpr_get_num_threads ();
  g_atomic_int_set (&num_threads, MIN (n_threads, NE_MAX_THREADS));
  return previous;
}

/* --- caches ------------------------------------------------------------ */

/**
 * pl_numexpr_get_compile_count:
 *
 * Returns: how many typed programs were compiled since the process started.
 */
guint64
pl_numexpr_get_compile_count (void)
{
  guint64 n;

  g_mutex_lock (&cache_lock);
  n = compile_count;
  g_mutex_unlock (&cache_lock);
  return n;
}

/**
 * pl_numexpr_clear_cache:
 *
 * Forgets every cached name list and program.
 */
void
pl_numexpr_clear_cache (void)
{
  g_mutex_lock (&cache_lock);
  g_clear_pointer (&names_cache, g_hash_table_unref);
  g_clear_pointer (&program_cache, g_hash_table_unref);
  g_mutex_unlock (&cache_lock);
}

static NeProgram *
compile_counted (const char         *expression,
                 guint               n_inputs,
                 const char * const *names,
                 const NeKind       *kinds,
                 GError            **error)
{
  NeProgram *program = ne_program_compile (expression, n_inputs, names, kinds, error);

  if (program != NULL)
    {
      g_mutex_lock (&cache_lock);
      compile_count++;
      g_mutex_unlock (&cache_lock);
    }
  return program;
}

/* The sorted variable names of @expression (all variables double, as
 * getExprNames() builds them). */
static char **
parse_names (const char  *expression,
             GError     **error)
{
  NeArena arena;
  NeNode *root;
  char **names = NULL;

  ne_arena_init (&arena);
  root = ne_build (&arena, expression, NULL, NULL, error);
  if (root != NULL)
    {
      g_autoptr(GPtrArray) list = ne_collect_names (root);

      names = g_new0 (char *, list->len + 1);
      for (guint i = 0; i < list->len; i++)
        names[i] = g_strdup (g_ptr_array_index (list, i));
    }
  ne_arena_clear (&arena);
  return names;
}

/**
 * pl_numexpr_get_names:
 * @expression: a numexpr expression
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the variables of @expression, sorted, as
 *   ne.evaluate looks them up; %NULL with @error set if it does not parse.
 */
char **
pl_numexpr_get_names (const char  *expression,
                      GError     **error)
{
  char **names;

  g_return_val_if_fail (expression != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  g_mutex_lock (&cache_lock);
  if (names_cache != NULL)
    {
      names = g_hash_table_lookup (names_cache, expression);
      if (names != NULL)
        {
          names = g_strdupv (names);
          g_mutex_unlock (&cache_lock);
          return names;
        }
    }
  g_mutex_unlock (&cache_lock);

  names = parse_names (expression, error);
  if (names == NULL)
    return NULL;

  g_mutex_lock (&cache_lock);
  if (names_cache == NULL)
    names_cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                         (GDestroyNotify) g_strfreev);
  if (g_hash_table_size (names_cache) >= NE_CACHE_SIZE)
    g_hash_table_remove_all (names_cache);
  g_hash_table_replace (names_cache, g_strdup (expression), g_strdupv (names));
  g_mutex_unlock (&cache_lock);
  return names;
}

/**
 * pl_numexpr_error_get_column:
 * @error: an error from this module
 *
 * Returns: the column (from 1) a syntax error points at, 0 if none.
 */
gint
pl_numexpr_error_get_column (const GError *error)
{
  const char *p;

  g_return_val_if_fail (error != NULL, 0);

  p = g_strrstr (error->message, "(column ");
  if (p == NULL)
    return 0;
  return (gint) strtol (p + strlen ("(column "), NULL, 10);
}

/* --- the driver -------------------------------------------------------- */

typedef enum
{
  INPUT_SCALAR,     /* one value for every element */
  INPUT_DIRECT,     /* C-contiguous in the program's dtype: read in place */
  INPUT_GATHER,     /* strided, broadcast or another dtype: copied per block */
} InputMode;

typedef struct
{
  InputMode    mode;
  guint8      *data;
  gint64       strides[PL_MAX_DIMS];
  gsize        itemsize;        /* of the array's dtype */
  PlCastLoop   cast;            /* array dtype -> program kind */
  gsize        scratch_offset;  /* GATHER: per-thread offset of its block */
  NeScalar     value;           /* SCALAR: the converted value */
} InputPlan;

typedef struct
{
  const NeProgram *program;
  guint8          *flags;
  gboolean         result_scalar;
  gint             ndim;
  gint64           shape[PL_MAX_DIMS];
  gint64           n;
  InputPlan       *inputs;
  /* output */
  guint8          *out_data;
  gint64           out_strides[PL_MAX_DIMS];
  gboolean         out_direct;
  gboolean         reducing;          /* accumulate into out_data instead */
  gsize            out_itemsize;      /* result kind */
  gsize            out_array_itemsize;
  PlCastLoop       out_cast;
  gsize            out_scratch_offset;
  /* scratch */
  guint8          *scratch;
  gsize            scratch_per_thread;
  gsize            temp_offset;       /* temps start here, NE_BLOCK * 8 each */
  /* work sharing */
  gint64           next;              /* atomic */
  gint             cancelled;         /* atomic */
} Job;

/* Copies elements [start, start + count) in C order of the broadcast shape
 * between an N-d strided operand and a packed buffer. */
static void
walk_copy (const Job    *job,
           guint8       *base,
           const gint64 *strides,
           gint64        start,
           gint64        count,
           guint8       *packed,
           gsize         packed_itemsize,
           PlCastLoop    cast,
           gboolean      to_packed)
{
  gint64 coord[PL_MAX_DIMS];
  gint ndim = job->ndim;
  gint64 rest = start;
  gint64 done = 0;

  if (ndim == 0)
    {
      if (to_packed)
        cast (base, 0, packed, (gint64) packed_itemsize, count);
      else
        cast (packed, (gint64) packed_itemsize, base, 0, count);
      return;
    }

  for (gint d = ndim - 1; d >= 0; d--)
    {
      coord[d] = rest % job->shape[d];
      rest /= job->shape[d];
    }

  while (done < count)
    {
      gint64 run = MIN (job->shape[ndim - 1] - coord[ndim - 1], count - done);
      guint8 *p = base;

      for (gint d = 0; d < ndim; d++)
        p += coord[d] * strides[d];
      if (to_packed)
        cast (p, strides[ndim - 1], packed + done * packed_itemsize,
              (gint64) packed_itemsize, run);
      else
        cast (packed + done * packed_itemsize, (gint64) packed_itemsize,
              p, strides[ndim - 1], run);
      done += run;
      coord[ndim - 1] += run;
      for (gint d = ndim - 1; d > 0 && coord[d] >= job->shape[d]; d--)
        {
          coord[d] = 0;
          coord[d - 1]++;
        }
    }
}

static void
fill_scalar (guint8 *dst,
             gsize   itemsize,
             gsize   n)
{
  for (gsize j = 1; j < n; j++)
    memcpy (dst + j * itemsize, dst, itemsize);
}

/* min and max skip NaNs as numexpr's (fmin/fmax) do; a NaN stays only if
 * every value is one. */
#define NE_MIN(r, x) (((x) < (r) || (r) != (r)) ? (x) : (r))
#define NE_MAX(r, x) (((x) > (r) || (r) != (r)) ? (x) : (r))

#define REDUCE_LOOP(T, U)                                                     \
  {                                                                           \
    T *acc = (T *) job->out_data;                                             \
    const T *v = (const T *) values;                                          \
    for (gint64 j = 0; j < count; j++)                                        \
      {                                                                       \
        gint64 f = start + j, o = 0;                                          \
        gboolean first;                                                       \
        if (all)                                                              \
          first = f == 0;                                                     \
        else                                                                  \
          {                                                                   \
            gint64 k = (f / inner) % len;                                     \
            o = (f / (inner * len)) * inner + f % inner;                      \
            first = k == 0;                                                   \
          }                                                                   \
        if (first)                                                            \
          acc[o] = op == NE_OP_SUM ? (T) ((U) 0 + (U) v[j]) : v[j];          \
        else                                                                  \
          switch (op)                                                         \
            {                                                                 \
            case NE_OP_SUM:  acc[o] = (T) ((U) acc[o] + (U) v[j]); break;    \
            case NE_OP_PROD: acc[o] = (T) ((U) acc[o] * (U) v[j]); break;    \
            case NE_OP_MIN:  acc[o] = NE_MIN (acc[o], v[j]); break;           \
            default:         acc[o] = NE_MAX (acc[o], v[j]); break;           \
            }                                                                 \
      }                                                                       \
  }                                                                           \
  break

/* Accumulates the block of values [start, start + count) (C order of the
 * operands' shape) into the result, in order, as numexpr's sum starts from 0
 * and its min and max from the first value. */
static void
reduce_block (Job          *job,
              const guint8 *values,
              gint64        start,
              gint64        count)
{
  const NeProgram *program = job->program;
  gint op = program->reduce_op;
  gboolean all = program->reduce_axis == NE_ALL_AXES;
  gint64 inner = 1, len = 1;

  if (!all)
    {
      len = job->shape[program->reduce_axis];
      for (gint d = program->reduce_axis + 1; d < job->ndim; d++)
        inner *= job->shape[d];
    }

  /* Integers wrap (through unsigned arithmetic), floats round each step. */
  switch (program->result_kind)
    {
    case NE_KIND_INT:    REDUCE_LOOP (gint32, guint32);
    case NE_KIND_LONG:   REDUCE_LOOP (gint64, guint64);
    case NE_KIND_FLOAT:  REDUCE_LOOP (float, float);
    case NE_KIND_DOUBLE: REDUCE_LOOP (double, double);
    case NE_KIND_BOOL:
    case NE_N_KINDS:
    default:
      g_assert_not_reached ();
    }
}

static void
run_block (Job    *job,
           guint8 *scratch,
           void  **ptrs,
           gint64  start,
           gint64  count)
{
  const NeProgram *program = job->program;
  guint8 *out_block;

  for (guint i = 0; i < program->n_inputs; i++)
    {
      InputPlan *in = &job->inputs[i];

      switch (in->mode)
        {
        case INPUT_SCALAR:
          ptrs[i + 1] = &in->value;
          break;
        case INPUT_DIRECT:
          ptrs[i + 1] = in->data + start * (gint64) in->itemsize;
          break;
        case INPUT_GATHER:
        default:
          ptrs[i + 1] = scratch + in->scratch_offset;
          walk_copy (job, in->data, in->strides, start, count, ptrs[i + 1],
                     ne_kind_itemsize (program->input_kinds[i]), in->cast, TRUE);
          break;
        }
    }

  /* The result is written in place when it can be: a fresh result's pages
   * are zeroed by the kernel as they are first touched, so they are in the
   * cache when the block is stored (streaming stores measured slower). */
  out_block = job->out_direct ? job->out_data + start * (gint64) job->out_itemsize
                              : scratch + job->out_scratch_offset;
  ptrs[0] = out_block;

  ne_vm_run (program, job->flags, ptrs, (gsize) count);

  if (job->result_scalar)
    fill_scalar (out_block, job->out_itemsize, (gsize) count);
  if (job->reducing)
    reduce_block (job, out_block, start, count);
  else if (!job->out_direct)
    walk_copy (job, job->out_data, job->out_strides, start, count, out_block,
               job->out_itemsize, job->out_cast, FALSE);
}

static void
job_thread (guint    thread_index,
            gpointer user_data)
{
  Job *job = user_data;
  const NeProgram *program = job->program;
  guint8 *scratch = job->scratch + thread_index * job->scratch_per_thread;
  g_autofree void **ptrs = g_new (void *, program->n_regs);

  for (guint r = 0; r < program->n_regs; r++)
    {
      if (program->regs[r].cls == NE_REG_CONSTANT)
        ptrs[r] = (void *) &program->regs[r].value;
      else
        ptrs[r] = NULL;
    }
  {
    guint t = 0;
    for (guint r = 0; r < program->n_regs; r++)
      if (program->regs[r].cls == NE_REG_TEMP)
        ptrs[r] = scratch + job->temp_offset + (gsize) (t++) * NE_BLOCK * 8;
  }

  for (;;)
    {
      gint64 start = __atomic_fetch_add (&job->next, NE_CHUNK, __ATOMIC_RELAXED);
      gint64 end;

      if (start >= job->n || g_atomic_int_get (&job->cancelled))
        break;
      if (pl_engine_is_interrupted ())
        {
          g_atomic_int_set (&job->cancelled, 1);
          break;
        }
      end = MIN (start + NE_CHUNK, job->n);
      for (gint64 s = start; s < end; s += NE_BLOCK)
        run_block (job, scratch, ptrs, s, MIN (NE_BLOCK, end - s));
    }
}

static gboolean
is_c_contiguous_for (gint          ndim,
                     const gint64 *shape,
                     const gint64 *strides,
                     gsize         itemsize)
{
  gint64 expected = (gint64) itemsize;

  for (gint d = ndim - 1; d >= 0; d--)
    {
      if (shape[d] != 1 && strides[d] != expected)
        return FALSE;
      expected *= shape[d];
    }
  return TRUE;
}

static void
reverse_dims (gint    ndim,
              gint64 *v)
{
  for (gint d = 0; d < ndim / 2; d++)
    {
      gint64 t = v[d];
      v[d] = v[ndim - 1 - d];
      v[ndim - 1 - d] = t;
    }
}

static gsize
align64 (gsize n)
{
  return (n + 63) & ~(gsize) 63;
}

static PlCasting
to_pl_casting (PlNumExprCasting casting)
{
  switch (casting)
    {
    case PL_NUMEXPR_CASTING_NO:        return PL_CASTING_NO;
    case PL_NUMEXPR_CASTING_EQUIV:     return PL_CASTING_EQUIV;
    case PL_NUMEXPR_CASTING_SAME_KIND: return PL_CASTING_SAME_KIND;
    case PL_NUMEXPR_CASTING_UNSAFE:    return PL_CASTING_UNSAFE;
    case PL_NUMEXPR_CASTING_SAFE:
    default:                           return PL_CASTING_SAFE;
    }
}

/* Runs @program on @inputs (in the program's order). */
static PlArray *
run_program (const NeProgram  *program,
             PlArray * const  *inputs,
             PlArray          *out,
             PlNumExprCasting  casting,
             GError          **error)
{
  PlCasting pl_casting = to_pl_casting (casting);
  PlDType result_dtype = ne_kind_dtype (program->result_kind);
  g_autoptr(PlArray) result = NULL;
  g_autofree PlArray **operands = NULL;
  g_autofree InputPlan *plans = NULL;
  g_autofree guint8 *flags = NULL;
  g_autofree gboolean *input_scalar = NULL;
  g_autoptr(PlBuffer) scratch = NULL;
  Job job = { 0 };
  guint n_threads;
  gsize per_thread;
  gboolean reducing = program->reduce_op >= 0;
  gboolean reverse;
  gint64 logical_shape[PL_MAX_DIMS];
  gint result_ndim;
  gint64 result_shape[PL_MAX_DIMS];

  /* Operand 0 is the output, as in numexpr's iterator. */
  for (guint i = 0; i < program->n_inputs; i++)
    {
      PlDType want = ne_kind_dtype (program->input_kinds[i]);

      if (!pl_can_cast (inputs[i]->dtype, want, pl_casting))
        {
          g_set_error (error, PL_ERROR, PL_ERROR_TYPE,
                       "Iterator operand %u dtype could not be cast from "
                       "dtype('%s') to dtype('%s') according to the rule '%s'",
                       i + 1, pl_dtype_name (inputs[i]->dtype), pl_dtype_name (want),
                       pl_casting_name (pl_casting));
          return NULL;
        }
    }
  if (out != NULL)
    {
      if (!pl_can_cast (result_dtype, out->dtype, pl_casting))
        {
          g_set_error (error, PL_ERROR, PL_ERROR_TYPE,
                       "Iterator requested dtype could not be cast from "
                       "dtype('%s') to dtype('%s'), the operand 0 dtype, "
                       "according to the rule '%s'",
                       pl_dtype_name (result_dtype), pl_dtype_name (out->dtype),
                       pl_casting_name (pl_casting));
          return NULL;
        }
      if (!(out->flags & PL_ARRAY_FLAG_WRITEABLE))
        {
          g_set_error_literal (error, PL_ERROR, PL_ERROR_VALUE,
                               "output array is read-only");
          return NULL;
        }
    }

  operands = g_new0 (PlArray *, program->n_inputs + 1);
  {
    guint n_ops = 0;

    /* A reduction's out has the reduced shape: it does not broadcast. */
    if (out != NULL && !reducing)
      operands[n_ops++] = out;
    for (guint i = 0; i < program->n_inputs; i++)
      operands[n_ops++] = inputs[i];
    if (n_ops > 0)
      {
        if (!pl_broadcast_shapes (n_ops, operands, &job.ndim, job.shape, error))
          return NULL;
      }
    else
      job.ndim = 0;
  }

  job.n = 1;
  for (gint d = 0; d < job.ndim; d++)
    job.n *= job.shape[d];

  /* The shape of the result. */
  result_ndim = job.ndim;
  memcpy (result_shape, job.shape, sizeof (gint64) * MAX (job.ndim, 0));
  if (reducing && job.n > 0)
    {
      if (program->reduce_axis == NE_ALL_AXES)
        result_ndim = 0;
      else if (program->reduce_axis >= job.ndim)
        {
          g_set_error_literal (error, PL_ERROR, PL_ERROR_VALUE,
                               "reduction axis is out of bounds");
          return NULL;
        }
      else
        {
          result_ndim = job.ndim - 1;
          for (gint d = program->reduce_axis; d < result_ndim; d++)
            result_shape[d] = job.shape[d + 1];
        }
    }

  if (out != NULL)
    {
      gboolean same = out->ndim == result_ndim;

      for (gint d = 0; same && d < result_ndim; d++)
        same = out->shape[d] == result_shape[d];
      if (!same)
        {
          g_autofree char *have = pl_array_format_shape (out);
          g_set_error (error, PL_ERROR, PL_ERROR_VALUE,
                       "non-broadcastable output operand with shape %s doesn't "
                       "match the broadcast shape of the inputs", have);
          return NULL;
        }
      if (reducing && (out->dtype != result_dtype || !pl_array_is_c_contiguous (out)))
        {
          g_set_error (error, PL_ERROR, PL_ERROR_NOT_IMPLEMENTED,
                       "the out= array of a reduction must be a C-contiguous %s array",
                       pl_dtype_name (result_dtype));
          return NULL;
        }
      result = pl_array_ref (out);
    }
  else
    {
      /* numexpr's order='K': the layout of the inputs when they all agree
       * on Fortran order. */
      PlArray *proto = NULL;

      if (!reducing && job.ndim > 1)
        for (guint i = 0; i < program->n_inputs; i++)
          {
            PlArray *a = inputs[i];
            gboolean full = a->ndim == job.ndim;

            for (gint d = 0; full && d < job.ndim; d++)
              full = a->shape[d] == job.shape[d];
            if (!full)
              continue;
            if (pl_array_is_f_contiguous (a) && !pl_array_is_c_contiguous (a))
              proto = proto == NULL ? a : proto;
            else
              {
                proto = NULL;
                break;
              }
          }
      if (proto != NULL)
        result = pl_array_new_like (proto, result_dtype, PL_ALLOC_INIT_NONE,
                                    PL_ALLOC_REASON_RESULT, error);
      else
        result = pl_array_empty_with_reason (result_ndim, result_shape, result_dtype,
                                             PL_ALLOC_REASON_RESULT, error);
      if (result == NULL)
        return NULL;
    }

  if (job.n == 0)
    {
      if (reducing && out == NULL)
        {
          /* numexpr returns an empty array of the operands' shape. */
          g_clear_pointer (&result, pl_array_unref);
          return pl_array_empty_with_reason (job.ndim, job.shape, result_dtype,
                                             PL_ALLOC_REASON_RESULT, error);
        }
      return g_steal_pointer (&result);
    }

  job.program = program;
  plans = g_new0 (InputPlan, MAX (program->n_inputs, 1));
  input_scalar = g_new0 (gboolean, MAX (program->n_inputs, 1));
  job.inputs = plans;

  /* Per-thread scratch layout: temps, then gather blocks, then the output
   * block when the output cannot be written in place. */
  per_thread = 0;
  job.temp_offset = per_thread;
  per_thread += (gsize) program->n_temps * NE_BLOCK * 8;

  /* A Fortran-ordered result is computed in its memory order: with every
   * operand's axes reversed it is C-contiguous (elementwise, any order of
   * the elements gives the same values). */
  memcpy (logical_shape, job.shape, sizeof logical_shape);
  reverse = !reducing && job.ndim > 1 && pl_array_is_f_contiguous (result)
            && !pl_array_is_c_contiguous (result);
  if (reverse)
    for (gint d = 0; d < job.ndim; d++)
      job.shape[d] = logical_shape[job.ndim - 1 - d];

  for (guint i = 0; i < program->n_inputs; i++)
    {
      PlArray *a = inputs[i];
      InputPlan *p = &plans[i];
      NeKind kind = program->input_kinds[i];
      PlDType want = ne_kind_dtype (kind);
      gboolean all_zero = TRUE;

      pl_broadcast_strides (a, job.ndim, logical_shape, p->strides);
      if (reverse)
        reverse_dims (job.ndim, p->strides);
      for (gint d = 0; d < job.ndim; d++)
        all_zero = all_zero && (p->strides[d] == 0 || job.shape[d] == 1);
      p->data = a->data;
      p->itemsize = pl_dtype_itemsize (a->dtype);
      p->cast = pl_cast_get_loop (a->dtype, want);

      if (all_zero)
        {
          p->mode = INPUT_SCALAR;
          p->cast (a->data, 0, (guint8 *) &p->value, 0, 1);
          input_scalar[i] = TRUE;
        }
      else if (a->dtype == want
               && is_c_contiguous_for (job.ndim, job.shape, p->strides, p->itemsize))
        p->mode = INPUT_DIRECT;
      else
        {
          p->mode = INPUT_GATHER;
          p->scratch_offset = per_thread;
          per_thread += align64 (NE_BLOCK * ne_kind_itemsize (kind));
        }
    }

  job.out_data = result->data;
  job.out_itemsize = ne_kind_itemsize (program->result_kind);
  job.out_array_itemsize = pl_dtype_itemsize (result->dtype);
  if (!reducing)
    {
      memcpy (job.out_strides, result->strides, sizeof (gint64) * MAX (job.ndim, 0));
      if (reverse)
        reverse_dims (job.ndim, job.out_strides);
    }
  job.out_direct = !reducing && result->dtype == result_dtype
                   && is_c_contiguous_for (job.ndim, job.shape, result->strides,
                                           job.out_array_itemsize);
  job.reducing = reducing;
  if (!job.out_direct)
    {
      job.out_cast = pl_cast_get_loop (result_dtype, result->dtype);
      job.out_scratch_offset = per_thread;
      per_thread += align64 (NE_BLOCK * 8);
    }
  per_thread = align64 (MAX (per_thread, 64));
  job.scratch_per_thread = per_thread;

  flags = g_new0 (guint8, MAX (program->n_instrs, 1));
  job.result_scalar = ne_vm_plan (program, input_scalar, flags);
  job.flags = flags;

  /* A reduction adds in order, one element after the other, as numexpr's
   * does: one thread. */
  n_threads = (job.n >= NE_PARALLEL_MIN && !reducing) ? pl_numexpr_get_num_threads () : 1;
  n_threads = (guint) MIN ((gint64) n_threads, (job.n + NE_CHUNK - 1) / NE_CHUNK);
  n_threads = MAX (n_threads, 1);

  /* One small allocation for every thread's scratch, made here so that it
   * carries the current line like every other allocation of the line. */
  scratch = pl_buffer_new (per_thread * n_threads + 64, PL_ALLOC_INIT_NONE,
                           PL_ALLOC_REASON_SCRATCH, error);
  if (scratch == NULL)
    return NULL;
  job.scratch = (guint8 *) align64 ((gsize) scratch->data);

  g_mutex_lock (&eval_lock);
  ne_pool_run (n_threads, job_thread, &job);
  g_mutex_unlock (&eval_lock);

  if (job.cancelled)
    {
      g_set_error_literal (error, PL_ERROR, PL_ERROR_CANCELLED,
                           "the numexpr evaluation was interrupted");
      return NULL;
    }
  return g_steal_pointer (&result);
}

/* --- ne.evaluate ------------------------------------------------------- */

static gboolean
input_kind (PlArray  *a,
            NeKind   *kind,
            GError  **error)
{
  if (!ne_kind_from_dtype (a->dtype, kind))
    {
      g_set_error (error, PL_ERROR, PL_ERROR_VALUE, "unknown type %s",
                   pl_dtype_name (a->dtype));
      return FALSE;
    }
  return TRUE;
}

/**
 * pl_numexpr_evaluate:
 * @expression: a numexpr expression
 * @lookup: (scope call): returns the value of a variable
 * @user_data: data for @lookup
 * @out: (nullable): the array to write into
 * @casting: the casting rule for @out and the inputs
 * @error: return location for a #GError
 *
 * ne.evaluate(): see pl-numexpr.h.
 *
 * Returns: (transfer full): the result, or %NULL with @error set.
 */
PlArray *
pl_numexpr_evaluate (const char          *expression,
                     PlNumExprLookupFunc  lookup,
                     gpointer             user_data,
                     PlArray             *out,
                     PlNumExprCasting     casting,
                     GError             **error)
{
  g_auto(GStrv) names = NULL;
  g_autofree PlArray **inputs = NULL;
  g_autofree NeKind *kinds = NULL;
  g_autoptr(GString) key = NULL;
  NeProgram *program = NULL;
  PlArray *result = NULL;
  guint n = 0;

  g_return_val_if_fail (expression != NULL, NULL);
  g_return_val_if_fail (lookup != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  names = pl_numexpr_get_names (expression, error);
  if (names == NULL)
    return NULL;
  n = g_strv_length (names);

  inputs = g_new0 (PlArray *, MAX (n, 1));
  kinds = g_new0 (NeKind, MAX (n, 1));
  key = g_string_new (NULL);
  for (guint i = 0; i < n; i++)
    {
      inputs[i] = lookup (names[i], user_data, error);
      if (inputs[i] == NULL)
        {
          if (error != NULL && *error == NULL)
            g_set_error (error, PL_ERROR, PL_ERROR_KEY, "'%s'", names[i]);
          goto out;
        }
      if (!input_kind (inputs[i], &kinds[i], error))
        goto out;
      g_string_append_c (key, ne_kind_code (kinds[i]));
    }
  g_string_append_c (key, '\1');
  g_string_append (key, expression);

  g_mutex_lock (&cache_lock);
  if (program_cache != NULL)
    program = g_hash_table_lookup (program_cache, key->str);
  g_mutex_unlock (&cache_lock);

  if (program == NULL)
    {
      NeProgram *compiled = compile_counted (expression, n, (const char * const *) names,
                                             kinds, error);
      if (compiled == NULL)
        goto out;
      g_mutex_lock (&cache_lock);
      if (program_cache == NULL)
        program_cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                               (GDestroyNotify) ne_program_free);
      if (g_hash_table_size (program_cache) >= NE_CACHE_SIZE)
        g_hash_table_remove_all (program_cache);
      program = g_hash_table_lookup (program_cache, key->str);
      if (program == NULL)
        {
          g_hash_table_insert (program_cache, g_strdup (key->str), compiled);
          program = compiled;
        }
      else
        ne_program_free (compiled);
      /* Keep the cache lock while running, so that clearing the cache cannot
       * free the program under us. */
      result = run_program (program, inputs, out, casting, error);
      g_mutex_unlock (&cache_lock);
      goto out;
    }

  g_mutex_lock (&cache_lock);
  program = program_cache != NULL ? g_hash_table_lookup (program_cache, key->str) : NULL;
  if (program != NULL)
    result = run_program (program, inputs, out, casting, error);
  g_mutex_unlock (&cache_lock);
  if (program == NULL)
    {
      /* The cache was cleared in between: compile a private copy. */
      NeProgram *compiled = compile_counted (expression, n, (const char * const *) names,
                                             kinds, error);
      if (compiled != NULL)
        {
          result = run_program (compiled, inputs, out, casting, error);
          ne_program_free (compiled);
        }
    }

out:
  for (guint i = 0; i < n; i++)
    g_clear_pointer (&inputs[i], pl_array_unref);
  return result;
}

/* --- ne.NumExpr -------------------------------------------------------- */

static PlNumExpr *
numexpr_new (const char  *expression,
             NeProgram   *program)
{
  PlNumExpr *self = g_new0 (PlNumExpr, 1);

  self->ref_count = 1;
  self->expression = g_strdup (expression);
  self->program = program;
  return self;
}

/**
 * pl_numexpr_new:
 * @expression: a numexpr expression
 * @error: return location for a #GError
 *
 * ne.NumExpr(ex): inputs sorted by name, all float64.
 *
 * Returns: (transfer full): the compiled expression, or %NULL.
 */
PlNumExpr *
pl_numexpr_new (const char  *expression,
                GError     **error)
{
  g_auto(GStrv) names = NULL;
  g_autofree NeKind *kinds = NULL;
  NeProgram *program;
  guint n;

  g_return_val_if_fail (expression != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  names = pl_numexpr_get_names (expression, error);
  if (names == NULL)
    return NULL;
  n = g_strv_length (names);
  kinds = g_new0 (NeKind, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    kinds[i] = NE_KIND_DOUBLE;
  program = compile_counted (expression, n, (const char * const *) names, kinds, error);
  if (program == NULL)
    return NULL;
  return numexpr_new (expression, program);
}

/**
 * pl_numexpr_new_with_signature:
 * @expression: a numexpr expression
 * @n_inputs: the number of variables
 * @names: (array length=n_inputs): their names, in call order
 * @dtypes: (array length=n_inputs): their dtypes
 * @error: return location for a #GError
 *
 * ne.NumExpr(ex, signature=[...]).
 *
 * Returns: (transfer full): the compiled expression, or %NULL.
 */
PlNumExpr *
pl_numexpr_new_with_signature (const char         *expression,
                               guint               n_inputs,
                               const char * const *names,
                               const PlDType      *dtypes,
                               GError            **error)
{
  g_autofree NeKind *kinds = NULL;
  NeProgram *program;

  g_return_val_if_fail (expression != NULL, NULL);
  g_return_val_if_fail (n_inputs == 0 || (names != NULL && dtypes != NULL), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  kinds = g_new0 (NeKind, MAX (n_inputs, 1));
  for (guint i = 0; i < n_inputs; i++)
    {
      if (dtypes[i] != PL_DTYPE_BOOL && dtypes[i] != PL_DTYPE_INT32
          && dtypes[i] != PL_DTYPE_INT64 && dtypes[i] != PL_DTYPE_FLOAT32
          && dtypes[i] != PL_DTYPE_FLOAT64)
        {
          g_set_error (error, PL_ERROR, PL_ERROR_KEY,
                       "<class 'numpy.%s'>: numexpr signatures take bool, "
                       "int32, int64, float32 or float64",
                       pl_dtype_name (dtypes[i]));
          return NULL;
        }
      for (guint j = 0; j < i; j++)
        if (strcmp (names[i], names[j]) == 0)
          {
            g_set_error (error, PL_ERROR, PL_ERROR_VALUE,
                         "the signature names '%s' twice", names[i]);
            return NULL;
          }
      ne_kind_from_dtype (dtypes[i], &kinds[i]);
    }
  program = compile_counted (expression, n_inputs, names, kinds, error);
  if (program == NULL)
    return NULL;
  return numexpr_new (expression, program);
}

/**
 * pl_numexpr_ref:
 * @self: a #PlNumExpr
 *
 * Returns: (transfer full): @self
 */
PlNumExpr *
pl_numexpr_ref (PlNumExpr *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_int_inc (&self->ref_count);
  return self;
}

/**
 * pl_numexpr_unref:
 * @self: (transfer full): a #PlNumExpr
 */
void
pl_numexpr_unref (PlNumExpr *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_int_dec_and_test (&self->ref_count))
    return;
  ne_program_free (self->program);
  g_free (self->expression);
  g_free (self);
}

/**
 * pl_numexpr_get_expression:
 * @self: a #PlNumExpr
 *
 * Returns: the expression @self was compiled from.
 */
const char *
pl_numexpr_get_expression (PlNumExpr *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->expression;
}

/**
 * pl_numexpr_get_n_inputs:
 * @self: a #PlNumExpr
 *
 * Returns: the number of arrays pl_numexpr_run() takes.
 */
guint
pl_numexpr_get_n_inputs (PlNumExpr *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->program->n_inputs;
}

/**
 * pl_numexpr_get_input_name:
 * @self: a #PlNumExpr
 * @i: an input index
 *
 * Returns: the name of input @i.
 */
const char *
pl_numexpr_get_input_name (PlNumExpr *self,
                           guint      i)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (i < self->program->n_inputs, NULL);
  return self->program->input_names[i];
}

/**
 * pl_numexpr_get_input_dtype:
 * @self: a #PlNumExpr
 * @i: an input index
 *
 * Returns: the dtype input @i is evaluated in.
 */
PlDType
pl_numexpr_get_input_dtype (PlNumExpr *self,
                            guint      i)
{
  g_return_val_if_fail (self != NULL, PL_DTYPE_NONE);
  g_return_val_if_fail (i < self->program->n_inputs, PL_DTYPE_NONE);
  return ne_kind_dtype (self->program->input_kinds[i]);
}

/**
 * pl_numexpr_get_result_dtype:
 * @self: a #PlNumExpr
 *
 * Returns: the dtype of the results.
 */
PlDType
pl_numexpr_get_result_dtype (PlNumExpr *self)
{
  g_return_val_if_fail (self != NULL, PL_DTYPE_NONE);
  return ne_kind_dtype (self->program->result_kind);
}

/**
 * pl_numexpr_run:
 * @self: a #PlNumExpr
 * @inputs: (array length=n_inputs): the arrays, in input order
 * @n_inputs: their number
 * @out: (nullable): the array to write into
 * @casting: the casting rule
 * @error: return location for a #GError
 *
 * Calls the compiled expression, as calling a NumExpr object does.
 *
 * Returns: (transfer full): the result, or %NULL with @error set.
 */
PlArray *
pl_numexpr_run (PlNumExpr        *self,
                PlArray * const  *inputs,
                guint             n_inputs,
                PlArray          *out,
                PlNumExprCasting  casting,
                GError          **error)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (n_inputs == 0 || inputs != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (n_inputs != self->program->n_inputs)
    {
      g_set_error_literal (error, PL_ERROR, PL_ERROR_VALUE,
                           "number of inputs doesn't match program");
      return NULL;
    }
  for (guint i = 0; i < n_inputs; i++)
    g_return_val_if_fail (inputs[i] != NULL, NULL);

  return run_program (self->program, inputs, out, casting, error);
}

/**
 * pl_numexpr_disassemble:
 * @self: a #PlNumExpr
 *
 * Returns: (transfer full): one instruction per line, "mul_ddd t2, r1[x], c3[2]".
 */
char *
pl_numexpr_disassemble (PlNumExpr *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return ne_program_disassemble (self->program);
}
