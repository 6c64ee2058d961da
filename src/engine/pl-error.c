/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "pl-error.h"

G_DEFINE_QUARK (pl-error-quark, pl_error)

/**
 * pl_error_code_to_exception_name:
 * @code: a #PlErrorCode
 *
 * Returns: the name of the Python exception that @code stands for, as a
 *   script's error message spells it ("ValueError").
 */
const char *
pl_error_code_to_exception_name (PlErrorCode code)
{
  switch (code)
    {
    case PL_ERROR_SYNTAX:          return "SyntaxError";
    case PL_ERROR_NAME:            return "NameError";
    case PL_ERROR_TYPE:            return "TypeError";
    case PL_ERROR_VALUE:           return "ValueError";
    case PL_ERROR_INDEX:           return "IndexError";
    case PL_ERROR_KEY:             return "KeyError";
    case PL_ERROR_ATTRIBUTE:       return "AttributeError";
    case PL_ERROR_ZERO_DIVISION:   return "ZeroDivisionError";
    case PL_ERROR_MEMORY:          return "MemoryError";
    case PL_ERROR_OVERFLOW:        return "OverflowError";
    case PL_ERROR_IMPORT:          return "ImportError";
    case PL_ERROR_RECURSION:       return "RecursionError";
    case PL_ERROR_NOT_IMPLEMENTED: return "NotImplementedError";
    case PL_ERROR_RUNTIME:         return "RuntimeError";
    case PL_ERROR_IO:              return "OSError";
    case PL_ERROR_CANCELLED:       return "KeyboardInterrupt";
    default:                       return "Exception";
    }
}
