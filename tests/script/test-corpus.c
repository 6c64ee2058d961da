/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine/pl-array.h"
#include "script/pl-script.h"

/* The broken-script corpus: every file in corpus/ starts with
 * "# expect: LINE:COL Kind" and must fail with exactly that error, located
 * there, with the source line and a caret in the message; none may crash.
 * Pipelines of utils.analyze_memory() are called as the run layer calls
 * them, so errors inside pipelines are covered too. Files that came from
 * the fuzzer are named fuzz-*.py. */

static gboolean
on_analyze (gpointer                user_data,
            PlInterp               *interp,
            gint                    call_line,
            PlValue * const        *pipelines,
            guint                   n_pipelines,
            const PlAnalyzeOptions *options,
            GError                **error)
{
  for (guint i = 0; i < n_pipelines; i++)
    if (!pl_interp_call (interp, pipelines[i], error))
      return FALSE;
  return TRUE;
}

static void
on_output (gpointer    user_data,
           const char *line)
{
}

static void
test_file (gconstpointer data)
{
  const char *path = data;
  g_autofree char *source = NULL;
  gsize length = 0;
  g_autoptr(GError) error = NULL;
  g_autoptr(PlScript) script = NULL;
  gint want_line = 0, want_col = 0, line = 0, col = 0;
  char want_kind[64] = { 0, };
  const char *kind, *kind_end;
  g_autofree char *basename = g_path_get_basename (path);
  PlInterpHooks hooks = { NULL, NULL, on_output, on_analyze };

  g_assert_true (g_file_get_contents (path, &source, &length, NULL));
  if (sscanf (source, "# expect: %d:%d %63s", &want_line, &want_col, want_kind) != 3)
    g_error ("%s: the first line must be \"# expect: LINE:COL Kind\"", path);

  pl_engine_clear_interrupt ();
  script = pl_script_parse (basename, source, length, &error);
  if (script != NULL)
    {
      g_autoptr(PlInterp) interp = pl_interp_new (script, &hooks, NULL);
      g_assert_false (pl_interp_run (interp, &error));
    }
  g_assert_nonnull (error);
  g_assert_true (error->domain == PL_ERROR);
  g_test_message ("%s", error->message);

  g_assert_true (pl_script_error_get_location (error, &line, &col));
  kind = strstr (error->message, ": error: ");
  g_assert_nonnull (kind);
  kind += strlen (": error: ");
  kind_end = strchr (kind, ':');
  g_assert_nonnull (kind_end);
  if (strncmp (kind, want_kind, kind_end - kind) != 0 || strlen (want_kind) != (gsize) (kind_end - kind))
    g_error ("%s: expected %s, got: %s", basename, want_kind, error->message);
  if (line != want_line || col != want_col)
    g_error ("%s: expected %d:%d, got: %s", basename, want_line, want_col, error->message);
  /* The source line and a caret follow. */
  g_assert_nonnull (strchr (error->message, '\n'));
  g_assert_nonnull (strchr (error->message, '^'));
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *dir_path = NULL;
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_test_init (&argc, &argv, NULL);
  dir_path = g_test_build_filename (G_TEST_DIST, "script", "corpus", NULL);
  dir = g_dir_open (dir_path, 0, NULL);
  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, ".py"))
      g_ptr_array_add (files, g_build_filename (dir_path, name, NULL));
  g_ptr_array_sort (files, (GCompareFunc) g_strcmp0);
  g_assert_cmpuint (files->len, >=, 100);
  for (guint i = 0; i < files->len; i++)
    {
      g_autofree char *base = g_path_get_basename (files->pdata[i]);
      g_autofree char *test_name = g_strdup_printf ("/script/corpus/%s", base);
      g_test_add_data_func (test_name, files->pdata[i], test_file);
    }
  return g_test_run ();
}
