/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Tokens of the Python subset. Keywords come out as PL_TOK_NAME; the parser
 * tells them apart. */
typedef enum
{
  PL_TOK_EOF,
  PL_TOK_NEWLINE,
  PL_TOK_INDENT,
  PL_TOK_DEDENT,
  PL_TOK_NAME,
  PL_TOK_INT,
  PL_TOK_FLOAT,
  PL_TOK_STRING,
  PL_TOK_OP,
  PL_TOK_COMMENT,  /* only in the comments pl_lex_full() collects */
} PlTokenKind;

/* Operators and delimiters (PL_TOK_OP). */
typedef enum
{
  PL_OP_LPAR, PL_OP_RPAR, PL_OP_LSQB, PL_OP_RSQB, PL_OP_LBRACE, PL_OP_RBRACE,
  PL_OP_COLON, PL_OP_COMMA, PL_OP_SEMI, PL_OP_DOT, PL_OP_ARROW, PL_OP_AT,
  PL_OP_PLUS, PL_OP_MINUS, PL_OP_STAR, PL_OP_SLASH, PL_OP_DSLASH, PL_OP_PERCENT,
  PL_OP_DSTAR, PL_OP_AMPER, PL_OP_VBAR, PL_OP_CIRCUMFLEX, PL_OP_TILDE,
  PL_OP_LSHIFT, PL_OP_RSHIFT,
  PL_OP_LESS, PL_OP_GREATER, PL_OP_LESSEQ, PL_OP_GREATEREQ, PL_OP_EQEQ, PL_OP_NOTEQ,
  PL_OP_EQUAL, PL_OP_WALRUS,
  /* augmented assignment: the same order as the plain operators above */
  PL_OP_PLUSEQ, PL_OP_MINUSEQ, PL_OP_STAREQ, PL_OP_SLASHEQ, PL_OP_DSLASHEQ,
  PL_OP_PERCENTEQ, PL_OP_DSTAREQ, PL_OP_AMPEREQ, PL_OP_VBAREQ, PL_OP_CIRCUMFLEXEQ,
  PL_OP_LSHIFTEQ, PL_OP_RSHIFTEQ, PL_OP_ATEQ,
  PL_N_OPS,
} PlOp;

typedef struct
{
  PlTokenKind kind;
  PlOp        op;        /* PL_TOK_OP */
  gint        line;      /* from 1 */
  gint        col;       /* from 1, in characters */
  gint        end_line;
  gint        end_col;   /* one past the last character */
  gint64      ival;      /* PL_TOK_INT */
  double      fval;      /* PL_TOK_FLOAT */
  char       *text;      /* PL_TOK_NAME: the name; PL_TOK_STRING: the decoded value */
  gsize       text_len;  /* PL_TOK_STRING: bytes (may hold NUL) */
  gboolean    int_overflow; /* PL_TOK_INT too large for 64 bits */
  gboolean    fstring;   /* PL_TOK_STRING with an f prefix: text is the raw body */
  gboolean    raw;       /* with an r prefix too */
  gint        body_line; /* where the body starts (f-strings) */
  gint        body_col;
} PlToken;

/* Splits @source into tokens (INDENT/DEDENT/NEWLINE as Python's tokenizer
 * makes them, NEWLINE never inside brackets). On a lexical error returns NULL
 * and sets @error (PL_ERROR_SYNTAX) with @err_line / @err_col. */
GArray     *pl_lex                (const char  *source,
                                   gsize        length,
                                   gint        *err_line,
                                   gint        *err_col,
                                   GError     **error);
/* Like pl_lex(), and when @comments is not NULL appends to it a
 * PL_TOK_COMMENT token per comment (text: the comment from its '#'), in
 * source order: editors keep what the parser drops. */
GArray     *pl_lex_full           (const char  *source,
                                   gsize        length,
                                   GArray      *comments,
                                   gint        *err_line,
                                   gint        *err_col,
                                   GError     **error);
void        pl_tokens_free        (GArray      *tokens);
const char *pl_op_to_string       (PlOp         op);

G_END_DECLS
