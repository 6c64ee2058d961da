/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "pl-cli.h"

int
pl_cli_run (int    argc,
            char **argv)
{
  g_printerr ("%s\n", _("peakline run: the headless mode is not yet available."));
  return 2;
}
