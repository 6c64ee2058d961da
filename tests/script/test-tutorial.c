/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "engine/pl-alloc.h"
#include "script/pl-script.h"

/* Every code cell of the tutorial's sections 1-5 runs verbatim (after the
 * notebook's import cell). The test checks what the cell prints against
 * real Python (tutorial/NAME.out), the pipelines and line events the hooks
 * see against CPython's sys.settrace (tutorial/NAME.trace), and the memory
 * figures of every pipeline against NumPy 1.24's tracemalloc figures from
 * tools/numpy_ref.py (the table below), within max(64 KiB, 1 %). */

typedef struct
{
  gint   line;
  gint   hits;
  gint64 peak;
  gint64 live;
} RefLine;

typedef struct
{
  const char *cell;
  guint       index;
  const char *name;
  gint64      peak;
  gint64      final;
  guint       n_lines;
  RefLine     lines[16];
} RefPipeline;

/* Generated from tools/numpy_ref.py (NumPy 1.24.2, CPython 3.11) for the tutorial cells. */
static const RefPipeline ref_pipelines[] = {
  { "s2-1", 0, "ones", 8003304, 2312, 0, {  } },
  { "s2-2", 0, "ones", 32003304, 2312, 0, {  } },
  { "s2-3", 0, "ones", 8003424, 2432, 0, {  } },
  { "s2-3", 1, "ones", 16002040, 1048, 0, {  } },
  { "s2-4", 0, "ones", 40003096, 2128, 0, {  } },
  { "s2-4", 1, "arange", 40000864, 616, 0, {  } },
  { "s2-5", 0, "ones", 40003096, 2128, 0, {  } },
  { "s2-5", 1, "zeros", 40000864, 616, 0, {  } },
  { "s2-6", 0, "zeros", 40001678, 1430, 0, {  } },
  { "s2-6", 1, "empty", 40000864, 616, 0, {  } },
  { "s2-7", 0, "ones", 40003096, 2128, 0, {  } },
  { "s2-7", 1, "random", 40001144, 680, 0, {  } },
  { "s3-1", 0, "main", 128002768, 2096, 2, { { 14, 1, 64002424, 64002208 }, { 15, 1, 128002768, 128002552 } } },
  { "s3-2", 0, "main", 64002922, 2346, 3, { { 14, 1, 64002426, 64002210 }, { 15, 1, 64002338, 2178 }, { 16, 1, 64002922, 64002706 } } },
  { "s3-3", 0, "main", 192004230, 3438, 7, { { 14, 1, 64002598, 64002382 }, { 15, 1, 64002510, 64002446 }, { 16, 1, 64002790, 64002790 }, { 17, 1, 64003038, 64003038 }, { 18, 1, 128003454, 128003382 }, { 19, 1, 128003918, 128003758 }, { 20, 1, 192004102, 192004102 } } },
  { "s3-4", 0, "main", 128004602, 5066, 12, { { 14, 1, 64002698, 64002482 }, { 15, 1, 64002610, 64002546 }, { 16, 1, 128003290, 128003074 }, { 17, 1, 128003202, 128003138 }, { 18, 1, 128003482, 128003482 }, { 19, 1, 128004018, 128003858 }, { 20, 1, 128004106, 128004106 }, { 21, 1, 128004354, 128004354 }, { 22, 1, 128004602, 64004506 }, { 23, 1, 64004754, 64004754 }, { 24, 1, 64005570, 5090 }, { 25, 1, 5338, 5338 } } },
  { "s4-1", 0, "fun1", 64002206, 1734, 1, { { 14, 1, 64002182, 64002078 } } },
  { "s4-1", 1, "fun2", 1376, 920, 1, { { 17, 1, 1376, 1168 } } },
  { "s4-2", 0, "fun1", 64002304, 1752, 1, { { 14, 1, 64002304, 64002096 } } },
  { "s4-2", 1, "fun2", 64001392, 920, 1, { { 17, 1, 64001368, 64001264 } } },
  { "s4-3", 0, "fun1", 64002254, 1766, 1, { { 14, 1, 64002230, 64002126 } } },
  { "s4-3", 1, "fun2", 1436, 956, 1, { { 17, 1, 1436, 1228 } } },
  { "s4-4", 0, "fun1", 72002428, 1748, 1, { { 14, 1, 72002428, 64002108 } } },
  { "s4-4", 1, "fun2", 8001772, 1180, 2, { { 17, 1, 8001404, 8001300 }, { 18, 1, 8001772, 8001548 } } },
  { "s4-5", 0, "fun1", 32002266, 1786, 1, { { 14, 1, 32002210, 32002138 } } },
  { "s4-5", 1, "fun2", 32001464, 976, 1, { { 17, 1, 32001408, 32001336 } } },
  { "s4-6", 0, "fun1", 40068980, 2012, 2, { { 14, 1, 2228, 2228 }, { 15, 1, 40068980, 40002388 } } },
  { "s4-6", 1, "fun2", 80001986, 1410, 2, { { 18, 1, 40001706, 40001538 }, { 19, 1, 80001986, 40001786 } } },
  { "s5-1", 0, "fun1", 64002292, 1740, 1, { { 14, 1, 64002292, 1988 } } },
  { "s5-1", 1, "fun2", 64038829, 36845, 1, { { 17, 1, 64038829, 37101 } } },
  { "s5-2", 0, "fun1", 24002100, 1740, 1, { { 14, 1, 24002100, 2004 } } },
  { "s5-2", 1, "fun2", 24021254, 18454, 1, { { 17, 1, 24021254, 18726 } } },
  { "s5-3", 0, "fun1", 128035943, 17406, 3, { { 14, 1, 34711, 34327 }, { 15, 4, 64034727, 64034615 }, { 16, 3, 128035943, 64034663 } } },
  { "s5-3", 1, "fun2", 64026873, 24753, 2, { { 19, 4, 25209, 25097 }, { 20, 3, 64026873, 25145 } } },
};

typedef struct
{
  GString      *output;
  GString      *trace;
  gconstpointer target;
  gint          cur_line;
  gint64        base;
  GArray       *lines;    /* RefLine, measured */
  GPtrArray    *measured; /* RefPipeline * */
} Recorder;

static RefLine *
line_entry (Recorder *r,
            gint      line)
{
  for (guint i = 0; i < r->lines->len; i++)
    if (g_array_index (r->lines, RefLine, i).line == line)
      return &g_array_index (r->lines, RefLine, i);
  {
    RefLine l = { line, 0, 0, 0 };
    g_array_append_val (r->lines, l);
  }
  return &g_array_index (r->lines, RefLine, r->lines->len - 1);
}

/* As numpy_ref.py's close_line(): the line that ran gets the peak since
 * it started and the live bytes now. */
static void
close_line (Recorder *r)
{
  if (r->cur_line > 0)
    {
      RefLine *l = line_entry (r, r->cur_line);
      l->peak = MAX (l->peak, pl_alloc_get_peak_bytes () - r->base);
      l->live = pl_alloc_get_live_bytes () - r->base;
    }
  pl_alloc_reset_peak ();
}

static void
on_line (gpointer      user_data,
         gconstpointer code,
         gint          line)
{
  Recorder *r = user_data;

  if (r->target == NULL || code != r->target)
    return;
  close_line (r);
  r->cur_line = line;
  line_entry (r, line)->hits++;
  g_string_append_printf (r->trace, " %d", line);
}

static void
on_return (gpointer      user_data,
           gconstpointer code)
{
  Recorder *r = user_data;

  if (r->target == NULL || code != r->target)
    return;
  close_line (r);
  r->cur_line = 0;
  g_string_append (r->trace, " R");
}

static void
on_output (gpointer    user_data,
           const char *line)
{
  Recorder *r = user_data;
  g_string_append_printf (r->output, "%s\n", line);
}

static gint
compare_lines (gconstpointer a,
               gconstpointer b)
{
  return ((const RefLine *) a)->line - ((const RefLine *) b)->line;
}

static gboolean
on_analyze (gpointer                user_data,
            PlInterp               *interp,
            gint                    call_line,
            PlValue * const        *pipelines,
            guint                   n_pipelines,
            const PlAnalyzeOptions *options,
            GError                **error)
{
  Recorder *r = user_data;

  g_assert_cmpfloat (options->interval, ==, .00005);
  g_assert_cmpstr (options->linestyle, ==, "--");
  for (guint i = 0; i < n_pipelines; i++)
    {
      RefPipeline *m = g_new0 (RefPipeline, 1);
      gboolean ok;
      gsize start;

      r->target = pl_value_get_code (pipelines[i]);
      r->cur_line = 0;
      r->lines = g_array_new (FALSE, TRUE, sizeof (RefLine));
      g_string_append (r->trace, pl_value_get_callable_name (pipelines[i]));
      start = r->trace->len;
      r->base = pl_alloc_get_live_bytes ();
      pl_alloc_reset_peak ();
      ok = pl_interp_call (interp, pipelines[i], error);
      m->name = pl_value_get_callable_name (pipelines[i]);
      m->peak = pl_alloc_get_peak_bytes () - r->base;
      for (guint k = 0; k < r->lines->len; k++)
        m->peak = MAX (m->peak, g_array_index (r->lines, RefLine, k).peak);
      m->final = pl_alloc_get_live_bytes () - r->base;
      g_array_sort (r->lines, compare_lines);
      m->n_lines = MIN (r->lines->len, G_N_ELEMENTS (m->lines));
      if (m->n_lines > 0)
        memcpy (m->lines, r->lines->data, sizeof (RefLine) * m->n_lines);
      g_array_free (r->lines, TRUE);
      r->lines = NULL;
      r->target = NULL;
      /* The reference writes "name" and the events joined by spaces. */
      if (r->trace->len == start)
        g_string_append_c (r->trace, ' ');
      g_string_append_c (r->trace, '\n');
      g_ptr_array_add (r->measured, m);
      if (!ok)
        return FALSE;
    }
  return TRUE;
}

static char *
read_expected (const char *cell,
               const char *ext)
{
  g_autofree char *name = g_strconcat (cell, ext, NULL);
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "script", "tutorial", name, NULL);
  char *text = NULL;

  if (!g_file_get_contents (path, &text, NULL, NULL))
    return g_strdup ("");
  return text;
}

static void
check_close (const char *what,
             gint64      measured,
             gint64      expected)
{
  gint64 tol = MAX (64 * 1024, ABS (expected) / 100);

  if (ABS (measured - expected) > tol)
    g_error ("%s: measured %" G_GINT64_FORMAT " bytes, NumPy %" G_GINT64_FORMAT, what, measured, expected);
}

static void
test_cell (gconstpointer data)
{
  const char *cell = data;
  g_autofree char *file = g_strconcat (cell, ".py", NULL);
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "script", "tutorial", file, NULL);
  g_autofree char *source = NULL;
  g_autofree char *expected_out = read_expected (cell, ".out");
  g_autofree char *expected_trace = read_expected (cell, ".trace");
  g_autoptr(GError) error = NULL;
  g_autoptr(PlScript) script = NULL;
  g_autoptr(PlInterp) interp = NULL;
  PlInterpHooks hooks = { on_line, on_return, on_output, on_analyze };
  Recorder r = { 0, };
  guint matched = 0;

  g_assert_true (g_file_get_contents (path, &source, NULL, NULL));
  r.output = g_string_new (NULL);
  r.trace = g_string_new (NULL);
  r.measured = g_ptr_array_new_with_free_func (g_free);

  script = pl_script_parse (file, source, -1, &error);
  g_assert_no_error (error);
  interp = pl_interp_new (script, &hooks, &r);
  pl_interp_run (interp, &error);
  g_assert_no_error (error);

  g_assert_cmpstr (r.output->str, ==, expected_out);
  g_assert_cmpstr (r.trace->str, ==, expected_trace);
  g_assert_cmpuint (pl_script_get_n_experiments (script), ==, r.measured->len > 0 ? 1 : 0);

  for (gsize i = 0; i < G_N_ELEMENTS (ref_pipelines); i++)
    {
      const RefPipeline *ref = &ref_pipelines[i];
      const RefPipeline *m;
      g_autofree char *what = NULL;

      if (strcmp (ref->cell, cell) != 0)
        continue;
      g_assert_cmpuint (ref->index, <, r.measured->len);
      m = r.measured->pdata[ref->index];
      g_assert_cmpstr (m->name, ==, ref->name);
      what = g_strdup_printf ("%s %s peak", cell, ref->name);
      check_close (what, m->peak, ref->peak);
      g_free (what);
      what = g_strdup_printf ("%s %s final", cell, ref->name);
      check_close (what, m->final, ref->final);
      g_assert_cmpuint (m->n_lines, ==, ref->n_lines);
      for (guint k = 0; k < ref->n_lines; k++)
        {
          g_assert_cmpint (m->lines[k].line, ==, ref->lines[k].line);
          g_assert_cmpint (m->lines[k].hits, ==, ref->lines[k].hits);
          g_free (what);
          what = g_strdup_printf ("%s %s line %d peak", cell, ref->name, ref->lines[k].line);
          check_close (what, m->lines[k].peak, ref->lines[k].peak);
          g_free (what);
          what = g_strdup_printf ("%s %s line %d live", cell, ref->name, ref->lines[k].line);
          check_close (what, m->lines[k].live, ref->lines[k].live);
        }
      matched++;
    }
  g_assert_cmpuint (matched, ==, r.measured->len);

  g_string_free (r.output, TRUE);
  g_string_free (r.trace, TRUE);
  g_ptr_array_unref (r.measured);
}

int
main (int    argc,
      char **argv)
{
  static const char *cells[] = {
    "s1-1", "s1-2", "s1-3", "s1-4", "s1-5", "s1-6",
    "s2-1", "s2-2", "s2-3", "s2-4", "s2-5", "s2-6", "s2-7",
    "s3-1", "s3-2", "s3-3", "s3-4",
    "s4-1", "s4-2", "s4-3", "s4-4", "s4-5", "s4-6",
    "s5-1", "s5-2", "s5-3",
  };

  g_test_init (&argc, &argv, NULL);
  for (gsize i = 0; i < G_N_ELEMENTS (cells); i++)
    {
      g_autofree char *name = g_strdup_printf ("/script/tutorial/%s", cells[i]);
      g_test_add_data_func (name, cells[i], test_cell);
    }
  return g_test_run ();
}
