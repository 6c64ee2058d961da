/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "run/pl-run.h"

G_BEGIN_DECLS

#define PL_TYPE_LINE_TABLE (pl_line_table_get_type ())

G_DECLARE_FINAL_TYPE (PlLineTable, pl_line_table, PL, LINE_TABLE, AdwBin)

/* The per-line statistics of a run: pipeline, line, code, hits, time,
 * allocated, freed, peak and live after, sortable by every column; the
 * line with the highest peak is highlighted. Activating a row emits
 * "line-activated" with the line. */
PlLineTable *pl_line_table_new               (void);
void         pl_line_table_set_run           (PlLineTable *self,
                                              PlRun       *run,
                                              const char  *source);
/* The rows in their current (sorted) order. */
GListModel  *pl_line_table_get_model         (PlLineTable *self);
guint        pl_line_table_get_n_rows        (PlLineTable *self);
/* The line of row @position in the current order. */
int          pl_line_table_get_row_line      (PlLineTable *self,
                                              guint        position);
/* The heaviest line (highest peak), 0 without rows. */
int          pl_line_table_get_heaviest_line (PlLineTable *self);
/* Sorts by the column @column_id ("line", "peak", ...), descending or not. */
void         pl_line_table_sort_by           (PlLineTable *self,
                                              const char  *column_id,
                                              gboolean     descending);
void         pl_line_table_select_line       (PlLineTable *self,
                                              int          line);

G_END_DECLS
