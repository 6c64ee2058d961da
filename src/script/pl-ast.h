/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  /* expressions */
  PL_NODE_INT,        /* ival */
  PL_NODE_FLOAT,      /* fval */
  PL_NODE_STR,        /* str, str_len */
  PL_NODE_TRUE,
  PL_NODE_FALSE,
  PL_NODE_NONE,
  PL_NODE_ELLIPSIS,
  PL_NODE_NAME,       /* str; slot >= 0: a local of the enclosing function */
  PL_NODE_TUPLE,      /* items */
  PL_NODE_LIST,       /* items */
  PL_NODE_DICT,       /* items: keys, items2: values */
  PL_NODE_BINOP,      /* op (PlBinOp), a, b */
  PL_NODE_UNARY,      /* op (PlUnOp), a */
  PL_NODE_NOT,        /* a */
  PL_NODE_AND,        /* a, b */
  PL_NODE_OR,         /* a, b */
  PL_NODE_COMPARE,    /* a; items: operands; ops: comparison ops */
  PL_NODE_IFEXP,      /* a if b else c */
  PL_NODE_CALL,       /* a: callee; items: positional; items2: PL_NODE_KEYWORD */
  PL_NODE_KEYWORD,    /* str = a */
  PL_NODE_STARRED,    /* *a (in calls) */
  PL_NODE_ATTR,       /* a.str */
  PL_NODE_SUBSCRIPT,  /* a[b] */
  PL_NODE_SLICE,      /* a:b:c, each may be NULL */
  PL_NODE_LAMBDA,     /* unsupported, parsed for a clear error */
  PL_NODE_FSTRING,    /* items: PL_NODE_STR and PL_NODE_FORMATTED parts */
  PL_NODE_FORMATTED,  /* {a!op:b}: op is 'r', 's', 'a' or 0; b an FSTRING spec or NULL */

  /* statements */
  PL_NODE_EXPR_STMT,  /* a */
  PL_NODE_ASSIGN,     /* items: targets (a = b = value); a: value */
  PL_NODE_AUGASSIGN,  /* a: target; op; b: value */
  PL_NODE_ANNASSIGN,  /* a: target; b: annotation; c: value or NULL */
  PL_NODE_DEL,        /* items: targets */
  PL_NODE_PASS,
  PL_NODE_BREAK,
  PL_NODE_CONTINUE,
  PL_NODE_RETURN,     /* a or NULL */
  PL_NODE_RAISE,      /* a or NULL */
  PL_NODE_ASSERT,     /* a, b */
  PL_NODE_GLOBAL,     /* names: str list in items (PL_NODE_NAME) */
  PL_NODE_IF,         /* a: test; body; orelse */
  PL_NODE_WHILE,      /* a: test; body; orelse */
  PL_NODE_FOR,        /* a: target; b: iterable; body; orelse */
  PL_NODE_DEF,        /* str: name; items: params (PL_NODE_NAME, a = default or NULL); body */
  PL_NODE_IMPORT,     /* items: PL_NODE_ALIAS */
  PL_NODE_FROM,       /* str: module; items: PL_NODE_ALIAS */
  PL_NODE_ALIAS,      /* str: dotted name; str2: as-name or NULL */
  PL_NODE_MODULE,     /* body */
  PL_NODE_ERROR,      /* a statement of a function body that does not parse, kept by
                       * pl_parse_module_full()'s recovery for editors: str2: the
                       * error's kind, str: its message, err_line/err_col: where;
                       * body: the block under it when it ends in ':'. Never run. */
} PlNodeKind;

typedef enum
{
  PL_BIN_ADD, PL_BIN_SUB, PL_BIN_MUL, PL_BIN_DIV, PL_BIN_FLOORDIV, PL_BIN_MOD,
  PL_BIN_POW, PL_BIN_AND, PL_BIN_OR, PL_BIN_XOR, PL_BIN_LSHIFT, PL_BIN_RSHIFT,
  PL_BIN_MATMUL,
  PL_N_BIN,
} PlBinOp;

typedef enum
{
  PL_UN_NEG, PL_UN_POS, PL_UN_INVERT,
} PlUnOp;

typedef enum
{
  PL_CMP_LT, PL_CMP_LE, PL_CMP_GT, PL_CMP_GE, PL_CMP_EQ, PL_CMP_NE,
  PL_CMP_IN, PL_CMP_NOT_IN, PL_CMP_IS, PL_CMP_IS_NOT,
} PlCmpOp;

typedef struct _PlNode PlNode;
struct _PlNode
{
  PlNodeKind kind;
  gint       line, col;          /* first character, from 1 */
  gint       end_line, end_col;  /* one past the last character */
  gint       op;
  gint       slot;               /* PL_NODE_NAME: local slot or -1 */
  gint64     ival;
  double     fval;
  gboolean   int_overflow;       /* PL_NODE_INT: literal beyond 64 bits */
  char      *str;
  gsize      str_len;
  char      *str2;
  PlNode    *a, *b, *c;
  PlNode   **items;
  guint      n_items;
  PlNode   **items2;
  guint      n_items2;
  gint      *ops;                /* PL_NODE_COMPARE */
  PlNode   **body;
  guint      n_body;
  PlNode   **orelse;
  guint      n_orelse;
  /* PL_NODE_DEF: the frame layout. */
  char     **locals;             /* slot names; parameters first */
  guint      n_locals;
  gint       first_line_of_body;
  gint       depth;              /* height of the expression tree */
  /* Compound statements (and PL_NODE_ERROR with a body): one past the colon
   * of the header; with an `else:` branch, that keyword and its colon. */
  gint       head_end_line, head_end_col;
  gint       else_line, else_col;
  gint       else_end_line, else_end_col;
  /* PL_NODE_ERROR: where the error is. */
  gint       err_line, err_col;
};

/* All nodes and their arrays live in one arena freed at once. */
typedef struct _PlArena PlArena;

PlArena    *pl_arena_new        (void);
void        pl_arena_free       (PlArena    *arena);
gpointer    pl_arena_alloc      (PlArena    *arena,
                                 gsize       size);
char       *pl_arena_strndup    (PlArena    *arena,
                                 const char *s,
                                 gsize       n);
char       *pl_arena_printf     (PlArena    *arena,
                                 const char *format,
                                 ...) G_GNUC_PRINTF (2, 3);
PlNode     *pl_node_new         (PlArena    *arena,
                                 PlNodeKind  kind,
                                 gint        line,
                                 gint        col);
const char *pl_node_kind_name   (PlNodeKind  kind);
const char *pl_binop_symbol     (PlBinOp     op);

G_END_DECLS
