/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>
#include <string.h>

#include <glib/gi18n.h>

#include "pl-cli.h"

#ifdef PL_HAVE_GUI
# include "app/pl-application.h"
#endif

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  /* The headless mode is recognised before anything can open a display. */
  if (argc >= 2 && strcmp (argv[1], "run") == 0)
    return pl_cli_run (argc - 1, argv + 1);

#ifdef PL_HAVE_GUI
  {
    g_autoptr(PlApplication) app = pl_application_new ();

    return g_application_run (G_APPLICATION (app), argc, argv);
  }
#else
  g_printerr ("%s\n", _("This Peakline was built without its window; use “peakline run FILE.py”."));
  return 2;
#endif
}
