/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *pl_script_format_error (const char *filename,
                              const char *source,
                              gsize       length,
                              gint        line,
                              gint        col,
                              const char *kind,
                              const char *message);

G_END_DECLS
