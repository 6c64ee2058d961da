/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "pl-numexpr-private.h"

#include <math.h>
#include <string.h>

/* The kernels of the virtual machine: one per numexpr opcode (same names,
 * same C expressions as numexpr's interp_body.cpp, so results agree bit for
 * bit), each in three variants so that the common "array op constant" case
 * runs as a plain vectorisable loop instead of numexpr's strided one.
 *
 * This file is compiled with -ffp-contract=off: a * b + c must round twice,
 * as NumPy's and numexpr's separate operations do. Integer arithmetic wraps
 * (through unsigned types, which is defined behaviour) and the cases where
 * numexpr's C would trap (division of the minimum by -1, 1 / 0 in integer
 * powers) give the values x86 gives for the wrapped operation or 0. */

typedef guint8 b8;

/* Kernels are built twice on x86-64, for the baseline and for AVX2 (four
 * doubles per instruction instead of two), and the loader picks one. AVX2
 * does not bring FMA, and contraction is off anyway: the results are the
 * same bits. */
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__) && defined(__has_attribute)
#if __has_attribute(target_clones)
#define NE_KERNEL __attribute__((target_clones ("avx2", "default")))
#endif
#endif
#ifndef NE_KERNEL
#define NE_KERNEL
#endif

static inline gint32
ne_d2i32 (double v)
{
  if (!(v > -2147483649.0 && v < 2147483648.0))
    return G_MININT32;
  return (gint32) v;
}

static inline gint64
ne_ld2i64 (long double v)
{
  if (!(v >= -9223372036854775808.0L && v < 9223372036854775808.0L))
    return G_MININT64;
  return (gint64) v;
}

#define ADD32(a, b) ((gint32) ((guint32) (a) + (guint32) (b)))
#define SUB32(a, b) ((gint32) ((guint32) (a) - (guint32) (b)))
#define MUL32(a, b) ((gint32) ((guint32) (a) * (guint32) (b)))
#define ADD64(a, b) ((gint64) ((guint64) (a) + (guint64) (b)))
#define SUB64(a, b) ((gint64) ((guint64) (a) - (guint64) (b)))
#define MUL64(a, b) ((gint64) ((guint64) (a) * (guint64) (b)))

#define DIV32(a, b) ((b) ? ((b) == -1 ? SUB32 (0, a) : (a) / (b)) : 0)
#define DIV64(a, b) ((b) ? ((b) == -1 ? SUB64 (0, a) : (a) / (b)) : 0)
#define MOD32(a, b) ((b) ? ((b) == -1 ? 0 : (a) % (b)) : 0)
#define MOD64(a, b) ((b) ? ((b) == -1 ? 0 : (a) % (b)) : 0)
#define POW32(a, b) ((b) < 0 ? ((a) == 0 ? 0 : 1 / (a)) : ne_d2i32 (pow ((double) (a), (b))))
#define POW64(a, b) ((b) < 0 ? ((a) == 0 ? 0 : 1 / (a)) \
                     : ne_ld2i64 (powl ((long double) (a), (long double) (b))))
#define SHL32(a, b) ((gint32) ((guint32) (a) << ((b) & 31)))
#define SHR32(a, b) ((a) >> ((b) & 31))
#define SHL64(a, b) ((gint64) ((guint64) (a) << ((b) & 63)))
#define SHR64(a, b) ((a) >> ((b) & 63))

/* Binary kernels: vv, vs (b scalar), sv (a scalar). */
#define K2(name, TR, TA, TB, EXPR)                                            \
  NE_KERNEL static void                                                       \
  name##_vv (void *d, const void *pa, const void *pb, const void *pc, gsize n) \
  {                                                                           \
    TR *o = d;                                                                \
    const TA *x = pa;                                                         \
    const TB *y = pb;                                                         \
    for (gsize j = 0; j < n; j++)                                             \
      {                                                                       \
        TA a = x[j];                                                          \
        TB b = y[j];                                                          \
        o[j] = (TR) (EXPR);                                                   \
      }                                                                       \
  }                                                                           \
  NE_KERNEL static void                                                       \
  name##_vs (void *d, const void *pa, const void *pb, const void *pc, gsize n) \
  {                                                                           \
    TR *o = d;                                                                \
    const TA *x = pa;                                                         \
    const TB b = *(const TB *) pb;                                            \
    for (gsize j = 0; j < n; j++)                                             \
      {                                                                       \
        TA a = x[j];                                                          \
        o[j] = (TR) (EXPR);                                                   \
      }                                                                       \
  }                                                                           \
  NE_KERNEL static void                                                       \
  name##_sv (void *d, const void *pa, const void *pb, const void *pc, gsize n) \
  {                                                                           \
    TR *o = d;                                                                \
    const TA a = *(const TA *) pa;                                            \
    const TB *y = pb;                                                         \
    for (gsize j = 0; j < n; j++)                                             \
      {                                                                       \
        TB b = y[j];                                                          \
        o[j] = (TR) (EXPR);                                                   \
      }                                                                       \
  }

#define K1(name, TR, TA, EXPR)                                                \
  NE_KERNEL static void                                                       \
  name##_vv (void *d, const void *pa, const void *pb, const void *pc, gsize n) \
  {                                                                           \
    TR *o = d;                                                                \
    const TA *x = pa;                                                         \
    for (gsize j = 0; j < n; j++)                                             \
      {                                                                       \
        TA a = x[j];                                                          \
        (void) a;                                                             \
        o[j] = (TR) (EXPR);                                                   \
      }                                                                       \
  }

/* --- arithmetic -------------------------------------------------------- */

K2 (add_iii, gint32, gint32, gint32, ADD32 (a, b))
K2 (sub_iii, gint32, gint32, gint32, SUB32 (a, b))
K2 (mul_iii, gint32, gint32, gint32, MUL32 (a, b))
K2 (div_iii, gint32, gint32, gint32, DIV32 (a, b))
K2 (pow_iii, gint32, gint32, gint32, POW32 (a, b))
K2 (mod_iii, gint32, gint32, gint32, MOD32 (a, b))
K2 (lshift_iii, gint32, gint32, gint32, SHL32 (a, b))
K2 (rshift_iii, gint32, gint32, gint32, SHR32 (a, b))

K2 (add_lll, gint64, gint64, gint64, ADD64 (a, b))
K2 (sub_lll, gint64, gint64, gint64, SUB64 (a, b))
K2 (mul_lll, gint64, gint64, gint64, MUL64 (a, b))
K2 (div_lll, gint64, gint64, gint64, DIV64 (a, b))
K2 (pow_lll, gint64, gint64, gint64, POW64 (a, b))
K2 (mod_lll, gint64, gint64, gint64, MOD64 (a, b))
K2 (lshift_lll, gint64, gint64, gint64, SHL64 (a, b))
K2 (rshift_lll, gint64, gint64, gint64, SHR64 (a, b))

K2 (add_fff, float, float, float, a + b)
K2 (sub_fff, float, float, float, a - b)
K2 (mul_fff, float, float, float, a * b)
K2 (div_fff, float, float, float, a / b)
K2 (pow_fff, float, float, float, powf (a, b))
K2 (mod_fff, float, float, float, a - floorf (a / b) * b)
K2 (arctan2_fff, float, float, float, atan2f (a, b))
K2 (fmod_fff, float, float, float, fmodf (a, b))

K2 (add_ddd, double, double, double, a + b)
K2 (sub_ddd, double, double, double, a - b)
K2 (mul_ddd, double, double, double, a * b)
K2 (div_ddd, double, double, double, a / b)
K2 (pow_ddd, double, double, double, pow (a, b))
K2 (mod_ddd, double, double, double, a - floor (a / b) * b)
K2 (arctan2_ddd, double, double, double, atan2 (a, b))
K2 (fmod_ddd, double, double, double, fmod (a, b))

/* --- logic and comparisons --------------------------------------------- */

K2 (and_bbb, b8, b8, b8, a && b)
K2 (or_bbb, b8, b8, b8, a || b)
K2 (eq_bbb, b8, b8, b8, a == b)
K2 (ne_bbb, b8, b8, b8, a != b)
K2 (gt_bii, b8, gint32, gint32, a > b)
K2 (ge_bii, b8, gint32, gint32, a >= b)
K2 (eq_bii, b8, gint32, gint32, a == b)
K2 (ne_bii, b8, gint32, gint32, a != b)
K2 (gt_bll, b8, gint64, gint64, a > b)
K2 (ge_bll, b8, gint64, gint64, a >= b)
K2 (eq_bll, b8, gint64, gint64, a == b)
K2 (ne_bll, b8, gint64, gint64, a != b)
K2 (gt_bff, b8, float, float, a > b)
K2 (ge_bff, b8, float, float, a >= b)
K2 (eq_bff, b8, float, float, a == b)
K2 (ne_bff, b8, float, float, a != b)
K2 (gt_bdd, b8, double, double, a > b)
K2 (ge_bdd, b8, double, double, a >= b)
K2 (eq_bdd, b8, double, double, a == b)
K2 (ne_bdd, b8, double, double, a != b)

/* --- unary ------------------------------------------------------------- */

K1 (invert_bb, b8, b8, !a)
K1 (neg_ii, gint32, gint32, SUB32 (0, a))
K1 (neg_ll, gint64, gint64, SUB64 (0, a))
K1 (neg_ff, float, float, -a)
K1 (neg_dd, double, double, -a)
K1 (copy_bb, b8, b8, a)
K1 (copy_ii, gint32, gint32, a)
K1 (copy_ll, gint64, gint64, a)
K1 (copy_ff, float, float, a)
K1 (copy_dd, double, double, a)
K1 (ones_like_ii, gint32, gint32, 1)
K1 (ones_like_ll, gint64, gint64, 1)
K1 (ones_like_ff, float, float, 1.0f)
K1 (ones_like_dd, double, double, 1.0)
K1 (cast_ib, gint32, b8, a)
K1 (cast_li, gint64, gint32, a)
K1 (cast_fi, float, gint32, a)
K1 (cast_fl, float, gint64, a)
K1 (cast_di, double, gint32, a)
K1 (cast_dl, double, gint64, a)
K1 (cast_df, double, float, a)

#define KF(name, ff, dd)                  \
  K1 (name##_ff, float, float, ff (a))    \
  K1 (name##_dd, double, double, dd (a))

KF (sqrt, sqrtf, sqrt)
KF (sin, sinf, sin)
KF (cos, cosf, cos)
KF (tan, tanf, tan)
KF (arcsin, asinf, asin)
KF (arccos, acosf, acos)
KF (arctan, atanf, atan)
KF (sinh, sinhf, sinh)
KF (cosh, coshf, cosh)
KF (tanh, tanhf, tanh)
KF (arcsinh, asinhf, asinh)
KF (arccosh, acoshf, acosh)
KF (arctanh, atanhf, atanh)
KF (log, logf, log)
KF (log1p, log1pf, log1p)
KF (log10, log10f, log10)
KF (exp, expf, exp)
KF (expm1, expm1f, expm1)
KF (absolute, fabsf, fabs)
KF (ceil, ceilf, ceil)
KF (floor, floorf, floor)

/* --- the opcode table -------------------------------------------------- */

#define B NE_KIND_BOOL
#define I NE_KIND_INT
#define L NE_KIND_LONG
#define F NE_KIND_FLOAT
#define D NE_KIND_DOUBLE

#define C2(name, op, r, x, y) { #name, op, 2, { r, x, y, 0 }, name##_vv, name##_vs, name##_sv }
#define C1(name, op, r, x)    { #name, op, 1, { r, x, 0, 0 }, name##_vv, NULL, NULL }
#define C3(name, r, c, x, y)  { #name, NE_OP_WHERE, 3, { r, c, x, y }, NULL, NULL, NULL }
#define CF(name, op)          C1 (name##_ff, op, F, F), C1 (name##_dd, op, D, D)
/* Reductions are run by the driver (pl-numexpr.c), not by kernels. */
#define CR(name, op, k)       { #name, op, 1, { k, k, 0, 0 }, NULL, NULL, NULL }

static const NeCodeInfo codes[] = {
  C2 (add_iii, NE_OP_ADD, I, I, I), C2 (add_lll, NE_OP_ADD, L, L, L),
  C2 (add_fff, NE_OP_ADD, F, F, F), C2 (add_ddd, NE_OP_ADD, D, D, D),
  C2 (sub_iii, NE_OP_SUB, I, I, I), C2 (sub_lll, NE_OP_SUB, L, L, L),
  C2 (sub_fff, NE_OP_SUB, F, F, F), C2 (sub_ddd, NE_OP_SUB, D, D, D),
  C2 (mul_iii, NE_OP_MUL, I, I, I), C2 (mul_lll, NE_OP_MUL, L, L, L),
  C2 (mul_fff, NE_OP_MUL, F, F, F), C2 (mul_ddd, NE_OP_MUL, D, D, D),
  C2 (div_iii, NE_OP_DIV, I, I, I), C2 (div_lll, NE_OP_DIV, L, L, L),
  C2 (div_fff, NE_OP_DIV, F, F, F), C2 (div_ddd, NE_OP_DIV, D, D, D),
  C2 (pow_iii, NE_OP_POW, I, I, I), C2 (pow_lll, NE_OP_POW, L, L, L),
  C2 (pow_fff, NE_OP_POW, F, F, F), C2 (pow_ddd, NE_OP_POW, D, D, D),
  C2 (mod_iii, NE_OP_MOD, I, I, I), C2 (mod_lll, NE_OP_MOD, L, L, L),
  C2 (mod_fff, NE_OP_MOD, F, F, F), C2 (mod_ddd, NE_OP_MOD, D, D, D),
  C2 (lshift_iii, NE_OP_LSHIFT, I, I, I), C2 (lshift_lll, NE_OP_LSHIFT, L, L, L),
  C2 (rshift_iii, NE_OP_RSHIFT, I, I, I), C2 (rshift_lll, NE_OP_RSHIFT, L, L, L),
  C2 (arctan2_fff, NE_OP_ARCTAN2, F, F, F), C2 (arctan2_ddd, NE_OP_ARCTAN2, D, D, D),
  C2 (fmod_fff, NE_OP_FMOD, F, F, F), C2 (fmod_ddd, NE_OP_FMOD, D, D, D),
  C2 (and_bbb, NE_OP_AND, B, B, B), C2 (or_bbb, NE_OP_OR, B, B, B),
  C2 (eq_bbb, NE_OP_EQ, B, B, B), C2 (ne_bbb, NE_OP_NE, B, B, B),
  C2 (gt_bii, NE_OP_GT, B, I, I), C2 (ge_bii, NE_OP_GE, B, I, I),
  C2 (eq_bii, NE_OP_EQ, B, I, I), C2 (ne_bii, NE_OP_NE, B, I, I),
  C2 (gt_bll, NE_OP_GT, B, L, L), C2 (ge_bll, NE_OP_GE, B, L, L),
  C2 (eq_bll, NE_OP_EQ, B, L, L), C2 (ne_bll, NE_OP_NE, B, L, L),
  C2 (gt_bff, NE_OP_GT, B, F, F), C2 (ge_bff, NE_OP_GE, B, F, F),
  C2 (eq_bff, NE_OP_EQ, B, F, F), C2 (ne_bff, NE_OP_NE, B, F, F),
  C2 (gt_bdd, NE_OP_GT, B, D, D), C2 (ge_bdd, NE_OP_GE, B, D, D),
  C2 (eq_bdd, NE_OP_EQ, B, D, D), C2 (ne_bdd, NE_OP_NE, B, D, D),
  C1 (invert_bb, NE_OP_INVERT, B, B),
  C1 (neg_ii, NE_OP_NEG, I, I), C1 (neg_ll, NE_OP_NEG, L, L),
  C1 (neg_ff, NE_OP_NEG, F, F), C1 (neg_dd, NE_OP_NEG, D, D),
  C1 (copy_bb, NE_OP_COPY, B, B), C1 (copy_ii, NE_OP_COPY, I, I),
  C1 (copy_ll, NE_OP_COPY, L, L), C1 (copy_ff, NE_OP_COPY, F, F),
  C1 (copy_dd, NE_OP_COPY, D, D),
  C1 (ones_like_ii, NE_OP_ONES_LIKE, I, I), C1 (ones_like_ll, NE_OP_ONES_LIKE, L, L),
  C1 (ones_like_ff, NE_OP_ONES_LIKE, F, F), C1 (ones_like_dd, NE_OP_ONES_LIKE, D, D),
  C1 (cast_ib, NE_OP_CAST, I, B), C1 (cast_li, NE_OP_CAST, L, I),
  C1 (cast_fi, NE_OP_CAST, F, I), C1 (cast_fl, NE_OP_CAST, F, L),
  C1 (cast_di, NE_OP_CAST, D, I), C1 (cast_dl, NE_OP_CAST, D, L),
  C1 (cast_df, NE_OP_CAST, D, F),
  CF (sqrt, NE_OP_SQRT), CF (sin, NE_OP_SIN), CF (cos, NE_OP_COS),
  CF (tan, NE_OP_TAN), CF (arcsin, NE_OP_ARCSIN), CF (arccos, NE_OP_ARCCOS),
  CF (arctan, NE_OP_ARCTAN), CF (sinh, NE_OP_SINH), CF (cosh, NE_OP_COSH),
  CF (tanh, NE_OP_TANH), CF (arcsinh, NE_OP_ARCSINH), CF (arccosh, NE_OP_ARCCOSH),
  CF (arctanh, NE_OP_ARCTANH), CF (log, NE_OP_LOG), CF (log1p, NE_OP_LOG1P),
  CF (log10, NE_OP_LOG10), CF (exp, NE_OP_EXP), CF (expm1, NE_OP_EXPM1),
  CF (absolute, NE_OP_ABSOLUTE), CF (ceil, NE_OP_CEIL), CF (floor, NE_OP_FLOOR),
  C3 (where_bbbb, B, B, B, B), C3 (where_ibii, I, B, I, I),
  C3 (where_lbll, L, B, L, L), C3 (where_fbff, F, B, F, F),
  C3 (where_dbdd, D, B, D, D),
  CR (sum_iin, NE_OP_SUM, I), CR (sum_lln, NE_OP_SUM, L),
  CR (sum_ffn, NE_OP_SUM, F), CR (sum_ddn, NE_OP_SUM, D),
  CR (prod_iin, NE_OP_PROD, I), CR (prod_lln, NE_OP_PROD, L),
  CR (prod_ffn, NE_OP_PROD, F), CR (prod_ddn, NE_OP_PROD, D),
  CR (min_iin, NE_OP_MIN, I), CR (min_lln, NE_OP_MIN, L),
  CR (min_ffn, NE_OP_MIN, F), CR (min_ddn, NE_OP_MIN, D),
  CR (max_iin, NE_OP_MAX, I), CR (max_lln, NE_OP_MAX, L),
  CR (max_ffn, NE_OP_MAX, F), CR (max_ddn, NE_OP_MAX, D),
};

gint
ne_code_lookup (NeOp          op,
                NeKind        ret,
                guint         n_args,
                const NeKind *args)
{
  for (guint c = 0; c < G_N_ELEMENTS (codes); c++)
    {
      const NeCodeInfo *info = &codes[c];
      gboolean match;

      if (info->op != op || info->arity != n_args || info->kinds[0] != ret)
        continue;
      match = TRUE;
      for (guint i = 0; i < n_args; i++)
        match = match && info->kinds[i + 1] == args[i];
      if (match)
        return (gint) c;
    }
  return -1;
}

const NeCodeInfo *
ne_code_info (guint code)
{
  g_assert (code < G_N_ELEMENTS (codes));
  return &codes[code];
}

#define WHERE_LOOP(T)                                                       \
  {                                                                         \
    T *o = dst;                                                             \
    const b8 *pc = c;                                                       \
    const T *pa = a, *pb = b;                                               \
    for (gsize j = 0; j < n; j++)                                           \
      o[j] = pc[j * sc] ? pa[j * sa] : pb[j * sb];                          \
  }                                                                         \
  break

void
ne_where_strided (guint       code,
                  void       *dst,
                  const void *c,
                  gsize       sc,
                  const void *a,
                  gsize       sa,
                  const void *b,
                  gsize       sb,
                  gsize       n)
{
  switch (codes[code].kinds[0])
    {
    case NE_KIND_BOOL:   WHERE_LOOP (b8);
    case NE_KIND_INT:    WHERE_LOOP (gint32);
    case NE_KIND_LONG:   WHERE_LOOP (gint64);
    case NE_KIND_FLOAT:  WHERE_LOOP (float);
    case NE_KIND_DOUBLE: WHERE_LOOP (double);
    case NE_N_KINDS:
    default:
      g_assert_not_reached ();
    }
}

gboolean
ne_vm_plan (const NeProgram *program,
            const gboolean  *input_scalar,
            guint8          *flags)
{
  g_autofree gboolean *scalar = g_new (gboolean, program->n_regs);
  gboolean result = FALSE;

  for (guint r = 0; r < program->n_regs; r++)
    {
      switch (program->regs[r].cls)
        {
        case NE_REG_INPUT:    scalar[r] = input_scalar[r - 1]; break;
        case NE_REG_CONSTANT: scalar[r] = TRUE; break;
        case NE_REG_OUTPUT:
        case NE_REG_TEMP:
        default:              scalar[r] = FALSE; break;
        }
    }

  for (guint k = 0; k < program->n_instrs; k++)
    {
      const NeInstr *in = &program->instrs[k];
      gboolean all = TRUE;
      guint8 f = 0;

      for (guint i = 0; i < in->arity; i++)
        {
          if (scalar[in->src[i]])
            f |= NE_FLAG_SRC_SCALAR (i);
          else
            all = FALSE;
        }
      if (all)
        f |= NE_FLAG_DST_SCALAR;
      scalar[in->dst] = all;
      flags[k] = f;
      if (in->dst == 0)
        result = all;
    }
  return result;
}

void
ne_vm_run (const NeProgram *program,
           const guint8    *flags,
           void           **ptrs,
           gsize            n)
{
  for (guint k = 0; k < program->n_instrs; k++)
    {
      const NeInstr *in = &program->instrs[k];
      const NeCodeInfo *info = &codes[in->code];
      guint8 f = flags[k];
      gsize m = (f & NE_FLAG_DST_SCALAR) ? 1 : n;
      void *d = ptrs[in->dst];

      switch (in->arity)
        {
        case 1:
          info->vv (d, ptrs[in->src[0]], NULL, NULL, m);
          break;
        case 2:
          {
            const void *a = ptrs[in->src[0]], *b = ptrs[in->src[1]];

            if (f & NE_FLAG_DST_SCALAR)
              info->vv (d, a, b, NULL, 1);
            else if (f & NE_FLAG_SRC_SCALAR (1))
              info->vs (d, a, b, NULL, n);
            else if (f & NE_FLAG_SRC_SCALAR (0))
              info->sv (d, a, b, NULL, n);
            else
              info->vv (d, a, b, NULL, n);
          }
          break;
        case 3:
          ne_where_strided (in->code, d,
                            ptrs[in->src[0]], (f & NE_FLAG_SRC_SCALAR (0)) ? 0 : 1,
                            ptrs[in->src[1]], (f & NE_FLAG_SRC_SCALAR (1)) ? 0 : 1,
                            ptrs[in->src[2]], (f & NE_FLAG_SRC_SCALAR (2)) ? 0 : 1,
                            m);
          break;
        default:
          g_assert_not_reached ();
        }
    }
}
