/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "pl-numexpr.h"

G_BEGIN_DECLS

/* Elements per block. numexpr uses 1024; 512 doubles (4 KiB) keep the five
 * blocks of x * y + z (three inputs, a temporary, the output) within a 32 KiB
 * L1 data cache, and measured 10-30 % less CPU time than 1024 on 8,000,000
 * elements (AMD EPYC, 2 threads). */
#define NE_BLOCK 512

/* numexpr's interpreter.allaxes: a reduction over every axis. */
#define NE_ALL_AXES 255

/* numexpr's kinds, in its kind_rank order (complex is not modelled). */
typedef enum
{
  NE_KIND_BOOL,
  NE_KIND_INT,     /* int32 */
  NE_KIND_LONG,    /* int64 */
  NE_KIND_FLOAT,   /* float32 */
  NE_KIND_DOUBLE,  /* float64 */
  NE_N_KINDS,
} NeKind;

/* Operation names, as numexpr spells them before typing. */
typedef enum
{
  NE_OP_ADD, NE_OP_SUB, NE_OP_MUL, NE_OP_DIV, NE_OP_POW, NE_OP_MOD,
  NE_OP_LSHIFT, NE_OP_RSHIFT, NE_OP_AND, NE_OP_OR,
  NE_OP_GT, NE_OP_GE, NE_OP_EQ, NE_OP_NE,
  NE_OP_NEG, NE_OP_INVERT, NE_OP_WHERE, NE_OP_COPY, NE_OP_ONES_LIKE, NE_OP_CAST,
  NE_OP_SQRT, NE_OP_SIN, NE_OP_COS, NE_OP_TAN, NE_OP_ARCSIN, NE_OP_ARCCOS,
  NE_OP_ARCTAN, NE_OP_SINH, NE_OP_COSH, NE_OP_TANH, NE_OP_ARCSINH,
  NE_OP_ARCCOSH, NE_OP_ARCTANH, NE_OP_LOG, NE_OP_LOG1P, NE_OP_LOG10,
  NE_OP_EXP, NE_OP_EXPM1, NE_OP_ABSOLUTE, NE_OP_CEIL, NE_OP_FLOOR,
  NE_OP_ARCTAN2, NE_OP_FMOD,
  /* reductions: only at the outermost level */
  NE_OP_SUM, NE_OP_PROD, NE_OP_MIN, NE_OP_MAX,
  NE_N_OPS,
} NeOp;

/* A constant as Python or NumPy holds it while the expression is built. */
typedef enum
{
  NE_VALUE_PY_BOOL,
  NE_VALUE_PY_INT,
  NE_VALUE_PY_FLOAT,
  NE_VALUE_NP_BOOL,
  NE_VALUE_NP_INT64,
  NE_VALUE_NP_FLOAT32,   /* a small NumPy float: in practice a float16 */
  NE_VALUE_NP_FLOAT64,
} NeValueType;

typedef struct
{
  NeValueType type;
  union {
    gboolean b;
    gint64   i;
    double   f;
  };
} NeValue;

/* One typed scalar in VM layout. */
typedef union
{
  guint8  b;
  gint32  i;
  gint64  l;
  float   f;
  double  d;
} NeScalar;

typedef enum
{
  NE_NODE_CONSTANT,
  NE_NODE_VARIABLE,
  NE_NODE_OP,
} NeNodeType;

typedef struct _NeNode NeNode;
struct _NeNode
{
  NeNodeType type;
  NeKind     kind;
  NeOp       op;            /* OP */
  NeValue    value;         /* CONSTANT, before typing */
  NeScalar   scalar;        /* CONSTANT, after typing (in @kind) */
  gint       axis;          /* reductions: the axis, NE_ALL_AXES for all */
  const char *name;         /* VARIABLE (owned by the arena) */
  guint      n_children;
  NeNode    *children[3];
  /* compiler scratch */
  gint       reg;
  gint       uses;
};

/* --- the syntax tree (pl-numexpr-parser.c) ---------------------------- */

typedef enum
{
  NE_SYN_NAME,
  NE_SYN_INT,
  NE_SYN_FLOAT,
  NE_SYN_IMAG,
  NE_SYN_STRING,
  NE_SYN_BINOP,      /* op: + - * / // % ** << >> & | ^ @ */
  NE_SYN_UNARY,      /* + - ~ */
  NE_SYN_NOT,
  NE_SYN_AND,
  NE_SYN_OR,
  NE_SYN_COMPARE,    /* operands in args, operators in ops */
  NE_SYN_IFEXP,      /* kids: body, test, else */
  NE_SYN_CALL,       /* kids[0] the callee; args, kwnames (NULL: positional) */
  NE_SYN_SUBSCRIPT,
  NE_SYN_ATTRIBUTE,  /* kids[0] . name */
  NE_SYN_TUPLE,
  NE_SYN_LIST,
  NE_SYN_LAMBDA,
} NeSynType;

typedef struct _NeSyn NeSyn;
struct _NeSyn
{
  NeSynType   type;
  gint        col;       /* from 1 */
  char        op[4];
  const char *name;
  gint64      ival;
  gboolean    overflow;  /* an integer literal beyond int64 */
  double      fval;
  NeSyn      *kids[3];
  GPtrArray  *args;      /* NeSyn * */
  GPtrArray  *kwnames;   /* const char *, NULL for a positional argument */
  GPtrArray  *ops;       /* const char *: comparison operators */
};

/* Owns the syntax nodes, their arrays and names. */
typedef struct
{
  GPtrArray *garbage;    /* g_free */
  GPtrArray *arrays;     /* g_ptr_array_unref */
} NeSyntax;

void        ne_syntax_init     (NeSyntax    *syntax);
void        ne_syntax_clear    (NeSyntax    *syntax);
NeSyn      *ne_parse           (NeSyntax    *syntax,
                                const char  *expression,
                                GError     **error);

/* --- the expression tree (pl-numexpr-builder.c) ------------------------- */

/* Owns every node and string made while one expression is built. */
typedef struct
{
  GPtrArray *nodes;
  GPtrArray *strings;
} NeArena;

void        ne_arena_init      (NeArena *arena);
void        ne_arena_clear     (NeArena *arena);
NeNode     *ne_arena_node      (NeArena *arena);
const char *ne_arena_strdup    (NeArena *arena, const char *s);

const char *ne_kind_name       (NeKind kind);       /* "double" */
char        ne_kind_code       (NeKind kind);       /* 'd' */
PlDType     ne_kind_dtype      (NeKind kind);
gsize       ne_kind_itemsize   (NeKind kind);
/* numexpr's getType(): the kind an array of @dtype is evaluated as. */
gboolean    ne_kind_from_dtype (PlDType dtype, NeKind *out_kind);
const char *ne_op_name         (NeOp op);

/* Parses @expression (a Python expression) and builds numexpr's expression
 * tree with Python's semantics: variables of the given kinds (@lookup_kind
 * returns the kind of a name; NULL: every variable double), constants folded
 * as Python folds them. Returns the root or NULL with @error set. */
typedef NeKind (*NeKindFunc) (const char *name, gpointer user_data);
NeNode     *ne_build           (NeArena     *arena,
                                const char  *expression,
                                NeKindFunc   kind_of,
                                gpointer     user_data,
                                GError     **error);

/* The distinct variable names in the tree, sorted (g_ptr_array of const char *
 * owned by the arena). */
GPtrArray  *ne_collect_names   (NeNode *root);

/* --- the register program --------------------------------------------- */

/* A typed VM instruction: one of the kernels of pl-numexpr-vm.c. */
typedef struct
{
  guint16 code;          /* an NeCode */
  guint16 arity;
  guint16 dst;
  guint16 src[3];
} NeInstr;

/* Registers are numbered with 16 bits (numexpr's 8 bits limit it to 255). */
#define NE_MAX_REGS 65535

typedef enum
{
  NE_REG_OUTPUT,
  NE_REG_INPUT,
  NE_REG_CONSTANT,
  NE_REG_TEMP,
} NeRegClass;

typedef struct
{
  NeRegClass cls;
  NeKind     kind;
  NeScalar   value;       /* CONSTANT */
} NeReg;

typedef struct
{
  guint     n_inputs;
  char    **input_names;  /* n_inputs, owned */
  NeKind   *input_kinds;  /* n_inputs */
  NeKind    result_kind;
  guint     n_regs;
  NeReg    *regs;         /* register 0 is the output, 1..n_inputs the inputs */
  guint     n_instrs;
  NeInstr  *instrs;
  guint     n_temps;      /* temporaries needing a block of scratch each */
  gint      reduce_op;    /* -1, or the NeOp of the outermost reduction, */
  gint      reduce_axis;  /* whose axis is this (NE_ALL_AXES: all) */
} NeProgram;

/* Compiles the tree of an expression typed with @input_kinds (in the order
 * of @input_names): numexpr's typeCompileAst, common subexpression
 * elimination, constant folding and register reuse. */
NeProgram  *ne_program_compile (const char         *expression,
                                guint               n_inputs,
                                const char * const *input_names,
                                const NeKind       *input_kinds,
                                GError            **error);
void        ne_program_free    (NeProgram *program);
char       *ne_program_disassemble (const NeProgram *program);

/* --- the virtual machine ---------------------------------------------- */

/* The kernels of one opcode: v = vector operands, s = a scalar operand. */
typedef void (*NeKernel) (void *dst, const void *a, const void *b, const void *c, gsize n);

typedef struct
{
  const char *name;      /* "add_ddd": numexpr's opcode name */
  NeOp        op;
  guint8      arity;
  NeKind      kinds[4];  /* result, then arguments */
  NeKernel    vv;        /* all operands vectors (or all scalars with n = 1) */
  NeKernel    vs;        /* binary: second operand scalar */
  NeKernel    sv;        /* binary: first operand scalar */
} NeCodeInfo;

/* Looks up the opcode for @op with result kind @ret and argument kinds
 * @args; -1 if there is none. */
gint              ne_code_lookup (NeOp op, NeKind ret, guint n_args, const NeKind *args);
const NeCodeInfo *ne_code_info   (guint code);
/* Ternary where with per-operand steps of 0 (scalar) or 1. */
void              ne_where_strided (guint code, void *dst,
                                    const void *c, gsize sc,
                                    const void *a, gsize sa,
                                    const void *b, gsize sb,
                                    gsize n);

/* Per-instruction operand flags for one evaluation: which sources hold a
 * single value broadcast to the block (inputs of size 1, constants, and
 * temporaries computed from those only), and whether the result does. */
#define NE_FLAG_SRC_SCALAR(i) (1u << (i))
#define NE_FLAG_DST_SCALAR    (1u << 3)

/* @input_scalar[i] for input i (0-based). Fills @flags (n_instrs entries);
 * returns whether the final result is a single value. */
gboolean          ne_vm_plan     (const NeProgram *program,
                                  const gboolean  *input_scalar,
                                  guint8          *flags);
/* Executes @program on @n (<= NE_BLOCK) elements: @ptrs[r] points at
 * register r's data for this block (temps: NE_BLOCK * 8 bytes of scratch;
 * constants: their value). */
void              ne_vm_run      (const NeProgram *program,
                                  const guint8    *flags,
                                  void           **ptrs,
                                  gsize            n);

/* --- the thread pool --------------------------------------------------- */

typedef void (*NePoolFunc) (guint thread_index, gpointer user_data);

/* Runs @func on @n_threads threads (the caller is thread 0) and waits. */
void              ne_pool_run    (guint n_threads, NePoolFunc func, gpointer user_data);

G_END_DECLS
