/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "pl-ast.h"

#define CHUNK_SIZE (64 * 1024)

struct _PlArena
{
  GSList *chunks;
  guint8 *cur;
  gsize   left;
};

PlArena *
pl_arena_new (void)
{
  return g_new0 (PlArena, 1);
}

void
pl_arena_free (PlArena *arena)
{
  if (arena == NULL)
    return;
  g_slist_free_full (arena->chunks, g_free);
  g_free (arena);
}

gpointer
pl_arena_alloc (PlArena *arena,
                gsize    size)
{
  gpointer ret;

  size = (size + 15) & ~(gsize) 15;
  if (size > CHUNK_SIZE / 4)
    {
      /* Big blocks get their own chunk, kept behind the current one. */
      guint8 *block = g_malloc0 (size);
      if (arena->chunks != NULL)
        arena->chunks->next = g_slist_prepend (arena->chunks->next, block);
      else
        arena->chunks = g_slist_prepend (NULL, block);
      return block;
    }
  if (size > arena->left)
    {
      arena->cur = g_malloc0 (CHUNK_SIZE);
      arena->left = CHUNK_SIZE;
      arena->chunks = g_slist_prepend (arena->chunks, arena->cur);
    }
  ret = arena->cur;
  arena->cur += size;
  arena->left -= size;
  return ret;
}

char *
pl_arena_strndup (PlArena    *arena,
                  const char *s,
                  gsize       n)
{
  char *ret = pl_arena_alloc (arena, n + 1);
  memcpy (ret, s, n);
  ret[n] = '\0';
  return ret;
}

char *
pl_arena_printf (PlArena    *arena,
                 const char *format,
                 ...)
{
  g_autofree char *text = NULL;
  va_list args;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);
  return pl_arena_strndup (arena, text, strlen (text));
}

PlNode *
pl_node_new (PlArena    *arena,
             PlNodeKind  kind,
             gint        line,
             gint        col)
{
  PlNode *node = pl_arena_alloc (arena, sizeof (PlNode));
  node->kind = kind;
  node->line = line;
  node->col = col;
  node->end_line = line;
  node->end_col = col;
  node->slot = -1;
  return node;
}

const char *
pl_binop_symbol (PlBinOp op)
{
  static const char *symbols[PL_N_BIN] = {
    "+", "-", "*", "/", "//", "%", "** or pow()", "&", "|", "^", "<<", ">>", "@",
  };
  if ((int) op < 0 || op >= PL_N_BIN)
    return "?";
  return symbols[op];
}

const char *
pl_node_kind_name (PlNodeKind kind)
{
  switch (kind)
    {
    case PL_NODE_INT: case PL_NODE_FLOAT: case PL_NODE_STR:
    case PL_NODE_TRUE: case PL_NODE_FALSE: case PL_NODE_NONE: case PL_NODE_ELLIPSIS:
      return "literal";
    case PL_NODE_NAME: return "name";
    case PL_NODE_TUPLE: return "tuple";
    case PL_NODE_LIST: return "list";
    case PL_NODE_DICT: return "dict literal";
    case PL_NODE_BINOP: case PL_NODE_UNARY: return "expression";
    case PL_NODE_NOT: case PL_NODE_AND: case PL_NODE_OR: return "expression";
    case PL_NODE_COMPARE: return "comparison";
    case PL_NODE_IFEXP: return "conditional expression";
    case PL_NODE_CALL: return "function call";
    case PL_NODE_KEYWORD: return "keyword argument";
    case PL_NODE_STARRED: return "starred";
    case PL_NODE_ATTR: return "attribute";
    case PL_NODE_SUBSCRIPT: return "subscript";
    case PL_NODE_SLICE: return "slice";
    case PL_NODE_LAMBDA: return "lambda";
    default: return "statement";
    }
}
