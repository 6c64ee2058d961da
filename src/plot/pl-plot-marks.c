/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "pl-plot-private.h"

/* The line marks as the plot draws them, for those who walk them one by
 * one (the widget's keyboard cursor). They come from the series cached on
 * the run, so they cost nothing after the first drawing and do not depend
 * on a size. */

gsize
pl_plot_get_n_marks (PlRun *run,
                     guint  panel)
{
  g_return_val_if_fail (PL_IS_RUN (run), 0);
  g_return_val_if_fail (panel < pl_run_get_n_pipelines (run), 0);

  return pl_plot_series_get (run, panel)->n_marks;
}

gboolean
pl_plot_get_mark (PlRun      *run,
                  guint       panel,
                  gsize       index,
                  PlPlotMark *mark)
{
  const PlPlotSeries *series;

  g_return_val_if_fail (PL_IS_RUN (run), FALSE);
  g_return_val_if_fail (panel < pl_run_get_n_pipelines (run), FALSE);

  series = pl_plot_series_get (run, panel);
  if (index >= series->n_marks)
    return FALSE;

  if (mark != NULL)
    {
      mark->time_ns = series->mark_t[index];
      mark->duration_ns = series->mark_duration[index];
      mark->line = series->mark_line[index];
      mark->span_index = series->mark_span != NULL ? series->mark_span[index] : index;
    }
  return TRUE;
}

gboolean
pl_plot_find_mark (PlRun  *run,
                   guint   panel,
                   gint64  time_ns,
                   gsize  *index)
{
  const PlPlotSeries *series;
  gsize i, found;

  g_return_val_if_fail (PL_IS_RUN (run), FALSE);
  g_return_val_if_fail (panel < pl_run_get_n_pipelines (run), FALSE);

  series = pl_plot_series_get (run, panel);
  if (series->n_marks == 0)
    return FALSE;

  /* The nearest is the first mark at or after @time_ns or the one before;
   * on a tie the earlier one, as in reading order. */
  i = pl_plot_series_mark_lower_bound (series, time_ns);
  if (i == series->n_marks)
    found = i - 1;
  else if (i > 0 && time_ns - series->mark_t[i - 1] <= series->mark_t[i] - time_ns)
    found = i - 1;
  else
    found = i;

  /* Several marks at one time: the first, as a click there finds. */
  while (found > 0 && series->mark_t[found - 1] == series->mark_t[found])
    found--;

  if (index != NULL)
    *index = found;
  return TRUE;
}
