/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* One error domain for the whole project. The codes mirror the Python exception
 * a script would see, so the interpreter can print "ValueError: ..." and the
 * window can show the same sentence. */
#define PL_ERROR (pl_error_quark ())

typedef enum
{
  PL_ERROR_SYNTAX,          /* SyntaxError */
  PL_ERROR_NAME,            /* NameError */
  PL_ERROR_TYPE,            /* TypeError */
  PL_ERROR_VALUE,           /* ValueError */
  PL_ERROR_INDEX,           /* IndexError */
  PL_ERROR_KEY,             /* KeyError */
  PL_ERROR_ATTRIBUTE,       /* AttributeError */
  PL_ERROR_ZERO_DIVISION,   /* ZeroDivisionError */
  PL_ERROR_MEMORY,          /* MemoryError */
  PL_ERROR_OVERFLOW,        /* OverflowError */
  PL_ERROR_IMPORT,          /* ImportError */
  PL_ERROR_RECURSION,       /* RecursionError */
  PL_ERROR_NOT_IMPLEMENTED, /* NotImplementedError */
  PL_ERROR_RUNTIME,         /* RuntimeError */
  PL_ERROR_IO,              /* OSError: reading or writing a file failed */
  PL_ERROR_CANCELLED,       /* KeyboardInterrupt: the user stopped the run */
} PlErrorCode;

GQuark      pl_error_quark                 (void);
const char *pl_error_code_to_exception_name (PlErrorCode code);

G_END_DECLS
