/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "engine/pl-array.h"
#include "engine/pl-numexpr.h"

#include "test-numexpr-ref.h"

/* The C side of ref/numexpr-fuzz.py, a differential fuzz against Debian's
 * numexpr (a tool, not a test; built on demand: ninja
 * tests/engine/numexpr-fuzz). Reads one expression per line, evaluates it on
 * the operands of test-numexpr-ref.h and prints "R dtype values..." (floats
 * as C99 hex) or "E ExceptionName". */

typedef struct
{
  const char *names[32];
  PlArray    *arrays[32];
  guint       n;
} Scope;

static PlArray *
lookup (const char  *name,
        gpointer     user_data,
        GError     **error)
{
  Scope *scope = user_data;

  for (guint i = 0; i < scope->n; i++)
    if (strcmp (scope->names[i], name) == 0)
      return pl_array_ref (scope->arrays[i]);
  g_set_error (error, PL_ERROR, PL_ERROR_KEY, "'%s'", name);
  return NULL;
}

static PlArray *
make_operand (const NeRefOperand *op)
{
  g_auto(GStrv) items = g_strsplit (op->values, " ", -1);
  guint n = g_strv_length (items);
  g_autofree PlScalar *values = g_new0 (PlScalar, MAX (n, 1));
  g_autoptr(GError) error = NULL;
  gint64 shape = n;
  PlDType dtype;

  g_assert_true (pl_dtype_from_name (op->dtype, &dtype));
  for (guint i = 0; i < n; i++)
    {
      switch (pl_dtype_kind (dtype))
        {
        case PL_DTYPE_KIND_FLOAT:
          values[i].kind = PL_DTYPE_KIND_FLOAT;
          values[i].f = g_ascii_strtod (items[i], NULL);
          break;
        case PL_DTYPE_KIND_BOOL:
          values[i].kind = PL_DTYPE_KIND_BOOL;
          values[i].b = items[i][0] == '1';
          break;
        case PL_DTYPE_KIND_INT:
        case PL_DTYPE_KIND_UINT:
        default:
          values[i].kind = PL_DTYPE_KIND_INT;
          values[i].i = g_ascii_strtoll (items[i], NULL, 10);
          break;
        }
    }
  if (op->ndim == 0)
    return pl_array_new_scalar (&values[0], dtype);
  return pl_array_from_scalars (op->ndim, op->ndim == 1 ? &shape : op->shape, values,
                                dtype, &error);
}

int
main (void)
{
  Scope scope = { { NULL } };
  char line[8192];

  for (guint i = 0; i < G_N_ELEMENTS (ne_ref_operands); i++)
    {
      scope.names[scope.n] = ne_ref_operands[i].name;
      scope.arrays[scope.n++] = make_operand (&ne_ref_operands[i]);
    }

  while (fgets (line, sizeof line, stdin) != NULL)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(PlArray) r = NULL;

      line[strcspn (line, "\n")] = '\0';
      r = pl_numexpr_evaluate (line, lookup, &scope, NULL, PL_NUMEXPR_CASTING_SAFE, &error);
      if (r == NULL)
        {
          printf ("E %s\n", pl_error_code_to_exception_name (error->code));
          fflush (stdout);
          continue;
        }
      printf ("R %s", pl_dtype_name (r->dtype));
      for (gint64 k = 0; k < pl_array_get_size (r); k++)
        {
          PlScalar v = pl_array_get_flat (r, k);

          if (r->dtype == PL_DTYPE_FLOAT64 || r->dtype == PL_DTYPE_FLOAT32)
            {
              if (isnan (v.f))
                printf (" nan");
              else
                printf (" %a", v.f);
            }
          else if (r->dtype == PL_DTYPE_BOOL)
            printf (" %d", v.b ? 1 : 0);
          else
            printf (" %" G_GINT64_FORMAT, v.i);
        }
      printf ("\n");
      fflush (stdout);
    }

  for (guint i = 0; i < scope.n; i++)
    pl_array_unref (scope.arrays[i]);
  return 0;
}
