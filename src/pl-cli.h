/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The headless mode: `peakline run FILE.py [options]`. @argv[0] is "run".
 * Returns the process exit status (0 ok, 1 script error, 2 bad usage). */
int pl_cli_run (int argc, char **argv);

G_END_DECLS
