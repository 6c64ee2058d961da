/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdio.h>

#include "script/pl-script.h"

/* A developer tool: runs a script file without measuring, prints what the
 * script prints and the error, if any. Exit 0, 1 on a script error. */
int
main (int    argc,
      char **argv)
{
  g_autofree char *source = NULL;
  gsize length = 0;
  g_autoptr(GError) error = NULL;
  g_autoptr(PlScript) script = NULL;
  g_autoptr(PlInterp) interp = NULL;

  if (argc != 2)
    {
      fprintf (stderr, "usage: %s FILE.py\n", argv[0]);
      return 2;
    }
  if (!g_file_get_contents (argv[1], &source, &length, &error))
    {
      fprintf (stderr, "%s\n", error->message);
      return 2;
    }
  script = pl_script_parse (argv[1], source, length, &error);
  if (script == NULL)
    {
      fprintf (stderr, "%s\n", error->message);
      return 1;
    }
  interp = pl_interp_new (script, NULL, NULL);
  if (!pl_interp_run (interp, &error))
    {
      fprintf (stderr, "%s\n", error->message);
      return 1;
    }
  return 0;
}
