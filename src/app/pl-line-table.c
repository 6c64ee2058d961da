/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "plot/pl-format.h"

#include "pl-code.h"
#include "pl-line-table.h"

/* --- one row ------------------------------------------------------------ */

#define PL_TYPE_LINE_ROW (pl_line_row_get_type ())
G_DECLARE_FINAL_TYPE (PlLineRow, pl_line_row, PL, LINE_ROW, GObject)

struct _PlLineRow
{
  GObject parent_instance;

  char   *pipeline;
  char   *code;
  int     line;
  guint   hits;
  gint64  time_ns;
  gint64  allocated;
  gint64  freed;
  gint64  peak;
  gint64  live;
  gboolean heaviest;
};

G_DEFINE_FINAL_TYPE (PlLineRow, pl_line_row, G_TYPE_OBJECT)

enum {
  ROW_PROP_0,
  ROW_PROP_LINE,
  ROW_PROP_HITS,
  ROW_PROP_TIME,
  ROW_PROP_ALLOCATED,
  ROW_PROP_FREED,
  ROW_PROP_PEAK,
  ROW_PROP_LIVE,
  ROW_PROP_CODE,
  ROW_PROP_PIPELINE,
  ROW_N_PROPS
};

static GParamSpec *row_properties[ROW_N_PROPS];

static void
pl_line_row_finalize (GObject *object)
{
  PlLineRow *self = PL_LINE_ROW (object);

  g_free (self->pipeline);
  g_free (self->code);

  G_OBJECT_CLASS (pl_line_row_parent_class)->finalize (object);
}

static void
pl_line_row_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  PlLineRow *self = PL_LINE_ROW (object);

  switch (prop_id)
    {
    case ROW_PROP_LINE:      g_value_set_int (value, self->line); break;
    case ROW_PROP_HITS:      g_value_set_uint (value, self->hits); break;
    case ROW_PROP_TIME:      g_value_set_int64 (value, self->time_ns); break;
    case ROW_PROP_ALLOCATED: g_value_set_int64 (value, self->allocated); break;
    case ROW_PROP_FREED:     g_value_set_int64 (value, self->freed); break;
    case ROW_PROP_PEAK:      g_value_set_int64 (value, self->peak); break;
    case ROW_PROP_LIVE:      g_value_set_int64 (value, self->live); break;
    case ROW_PROP_CODE:      g_value_set_string (value, self->code); break;
    case ROW_PROP_PIPELINE:  g_value_set_string (value, self->pipeline); break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pl_line_row_class_init (PlLineRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = pl_line_row_finalize;
  object_class->get_property = pl_line_row_get_property;

  row_properties[ROW_PROP_LINE] = g_param_spec_int ("line", NULL, NULL, 0, G_MAXINT, 0, flags);
  row_properties[ROW_PROP_HITS] = g_param_spec_uint ("hits", NULL, NULL, 0, G_MAXUINT, 0, flags);
  row_properties[ROW_PROP_TIME] = g_param_spec_int64 ("time", NULL, NULL, G_MININT64, G_MAXINT64, 0, flags);
  row_properties[ROW_PROP_ALLOCATED] = g_param_spec_int64 ("allocated", NULL, NULL, G_MININT64, G_MAXINT64, 0, flags);
  row_properties[ROW_PROP_FREED] = g_param_spec_int64 ("freed", NULL, NULL, G_MININT64, G_MAXINT64, 0, flags);
  row_properties[ROW_PROP_PEAK] = g_param_spec_int64 ("peak", NULL, NULL, G_MININT64, G_MAXINT64, 0, flags);
  row_properties[ROW_PROP_LIVE] = g_param_spec_int64 ("live", NULL, NULL, G_MININT64, G_MAXINT64, 0, flags);
  row_properties[ROW_PROP_CODE] = g_param_spec_string ("code", NULL, NULL, NULL, flags);
  row_properties[ROW_PROP_PIPELINE] = g_param_spec_string ("pipeline", NULL, NULL, NULL, flags);
  g_object_class_install_properties (object_class, ROW_N_PROPS, row_properties);
}

static void
pl_line_row_init (PlLineRow *self)
{
}

/* --- the table ---------------------------------------------------------- */

struct _PlLineTable
{
  AdwBin parent_instance;

  /* Template widgets */
  GtkColumnView *column_view;
  GtkStack      *stack;

  /* Owned */
  GListStore         *rows;
  GtkSortListModel   *sorted;
  GtkSingleSelection *selection;
  GtkColumnViewColumn *pipeline_column;  /* shown when comparing */
  int                 heaviest_line;
  guint               selecting : 1;     /* pl_line_table_select_line () runs */
};

G_DEFINE_FINAL_TYPE (PlLineTable, pl_line_table, ADW_TYPE_BIN)

enum {
  LINE_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef enum
{
  COL_PIPELINE,
  COL_LINE,
  COL_CODE,
  COL_HITS,
  COL_TIME,
  COL_ALLOCATED,
  COL_FREED,
  COL_PEAK,
  COL_LIVE,
  N_COLUMNS
} Column;

static const struct
{
  const char *id;
  const char *title;      /* translatable */
  const char *property;
  gboolean    numeric;
  gboolean    expand;
  int         width;      /* fixed width, or -1 */
} columns[N_COLUMNS] = {
  { "pipeline",  N_("Pipeline"),     "pipeline",  FALSE, FALSE, 64 },
  { "line",      N_("Line"),         "line",      TRUE,  FALSE, 48 },
  { "code",      N_("Code"),         "code",      FALSE, TRUE,  -1 },
  { "hits",      N_("Hits"),         "hits",      TRUE,  FALSE, 44 },
  { "time",      N_("Time"),         "time",      TRUE,  FALSE, 84 },
  { "allocated", N_("Allocated"),    "allocated", TRUE,  FALSE, 80 },
  { "freed",     N_("Freed"),        "freed",     TRUE,  FALSE, 72 },
  { "peak",      N_("Peak"),         "peak",      TRUE,  FALSE, 84 },
  { "live",      N_("Live After"),   "live",      TRUE,  FALSE, 80 },
};

static char *
format_bytes (gint64 bytes)
{
  if (bytes == 0)
    return g_strdup ("0");
  if (bytes < 0)
    {
      g_autofree char *size = g_format_size_full (-bytes, G_FORMAT_SIZE_IEC_UNITS);
      return g_strdup_printf ("−%s", size);
    }
  return g_format_size_full (bytes, G_FORMAT_SIZE_IEC_UNITS);
}

static void
setup_cell (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            gpointer                  user_data)
{
  Column column = GPOINTER_TO_UINT (user_data);
  GtkWidget *label = gtk_label_new (NULL);

  if (columns[column].numeric)
    {
      gtk_label_set_xalign (GTK_LABEL (label), 1.0);
      gtk_widget_add_css_class (label, "numeric");
    }
  else
    gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  if (column == COL_CODE)
    {
      gtk_widget_add_css_class (label, "monospace");
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
    }
  gtk_list_item_set_child (item, label);
}

static void
bind_cell (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           gpointer                  user_data)
{
  Column column = GPOINTER_TO_UINT (user_data);
  PlLineRow *row = gtk_list_item_get_item (item);
  GtkWidget *label = gtk_list_item_get_child (item);
  g_autofree char *text = NULL;

  switch (column)
    {
    case COL_PIPELINE:  text = g_strdup (row->pipeline); break;
    case COL_LINE:      text = g_strdup_printf ("%d", row->line); break;
    case COL_CODE:      text = g_strdup (row->code); break;
    case COL_HITS:      text = g_strdup_printf ("%u", row->hits); break;
    case COL_TIME:      text = pl_format_duration (row->time_ns / 1e9, 1); break;
    case COL_ALLOCATED: text = format_bytes (row->allocated); break;
    case COL_FREED:     text = format_bytes (row->freed); break;
    case COL_PEAK:      text = format_bytes (row->peak); break;
    case COL_LIVE:      text = format_bytes (row->live); break;
    case N_COLUMNS:
    default:
      g_assert_not_reached ();
    }

  gtk_label_set_label (GTK_LABEL (label), text ? text : "");
  if (row->heaviest)
    gtk_widget_add_css_class (label, "pl-heaviest");
  else
    gtk_widget_remove_css_class (label, "pl-heaviest");
  if (column == COL_CODE && row->heaviest)
    gtk_widget_set_tooltip_text (label, _("The line with the highest peak"));
  else
    gtk_widget_set_tooltip_text (label, NULL);
}

static void
on_activate (GtkColumnView *view,
             guint          position,
             PlLineTable   *self)
{
  g_autoptr(PlLineRow) row = g_list_model_get_item (G_LIST_MODEL (self->sorted), position);

  if (row != NULL)
    g_signal_emit (self, signals[LINE_ACTIVATED], 0, row->line);
}

/* A row selected by a click or the arrow keys shows that line everywhere,
 * as activating it does; a selection made by pl_line_table_select_line ()
 * (the window following another view) is not announced again. */
static void
on_selected_item_changed (PlLineTable *self)
{
  PlLineRow *row = gtk_single_selection_get_selected_item (self->selection);

  if (row != NULL && !self->selecting)
    g_signal_emit (self, signals[LINE_ACTIVATED], 0, row->line);
}

static void
pl_line_table_dispose (GObject *object)
{
  PlLineTable *self = PL_LINE_TABLE (object);

  /* AdwBin would unparent its child again after the template is gone. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), PL_TYPE_LINE_TABLE);
  g_clear_object (&self->selection);
  g_clear_object (&self->rows);

  G_OBJECT_CLASS (pl_line_table_parent_class)->dispose (object);
}

static void
pl_line_table_class_init (PlLineTableClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pl_line_table_dispose;

  signals[LINE_ACTIVATED] =
    g_signal_new ("line-activated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_INT);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/peakline/Peakline/ui/pl-line-table.ui");
  gtk_widget_class_bind_template_child (widget_class, PlLineTable, column_view);
  gtk_widget_class_bind_template_child (widget_class, PlLineTable, stack);
  gtk_widget_class_bind_template_callback (widget_class, on_activate);
}

static void
pl_line_table_init (PlLineTable *self)
{
  GtkSorter *sorter;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->rows = g_list_store_new (PL_TYPE_LINE_ROW);

  for (guint i = 0; i < N_COLUMNS; i++)
    {
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
      GtkColumnViewColumn *column;
      GtkExpression *expression;
      GtkSorter *column_sorter;

      g_signal_connect (factory, "setup", G_CALLBACK (setup_cell), GUINT_TO_POINTER (i));
      g_signal_connect (factory, "bind", G_CALLBACK (bind_cell), GUINT_TO_POINTER (i));
      column = gtk_column_view_column_new (_(columns[i].title), factory);
      /* gtk_column_view_column_set_id() is GTK 4.10: keep the id as data. */
      g_object_set_data (G_OBJECT (column), "pl-column-id", (gpointer) columns[i].id);
      gtk_column_view_column_set_expand (column, columns[i].expand);
      gtk_column_view_column_set_resizable (column, TRUE);
      gtk_column_view_column_set_fixed_width (column, columns[i].width);
      if (i == COL_PIPELINE)
        self->pipeline_column = column;

      expression = gtk_property_expression_new (PL_TYPE_LINE_ROW, NULL, columns[i].property);
      if (columns[i].numeric)
        column_sorter = GTK_SORTER (gtk_numeric_sorter_new (expression));
      else
        column_sorter = GTK_SORTER (gtk_string_sorter_new (expression));
      gtk_column_view_column_set_sorter (column, column_sorter);
      g_object_unref (column_sorter);

      gtk_column_view_append_column (self->column_view, column);
      g_object_unref (column);
    }

  sorter = gtk_column_view_get_sorter (self->column_view);
  self->sorted = gtk_sort_list_model_new (G_LIST_MODEL (g_object_ref (self->rows)),
                                          sorter ? g_object_ref (sorter) : NULL);
  self->selection = gtk_single_selection_new (G_LIST_MODEL (self->sorted));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  g_signal_connect_object (self->selection, "notify::selected-item",
                           G_CALLBACK (on_selected_item_changed), self, G_CONNECT_SWAPPED);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));
}

PlLineTable *
pl_line_table_new (void)
{
  return g_object_new (PL_TYPE_LINE_TABLE, NULL);
}

void
pl_line_table_set_run (PlLineTable *self,
                       PlRun       *run,
                       const char  *source)
{
  g_auto(GStrv) lines = NULL;
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);
  gint64 heaviest_peak = G_MININT64;
  PlLineRow *heaviest = NULL;

  g_return_if_fail (PL_IS_LINE_TABLE (self));
  g_return_if_fail (run == NULL || PL_IS_RUN (run));

  if (source != NULL)
    lines = g_strsplit (source, "\n", -1);

  for (guint p = 0; run != NULL && p < pl_run_get_n_pipelines (run); p++)
    {
      PlPipelineRun *pipeline = pl_run_get_pipeline (run, p);
      gsize n_stats;
      const PlLineStats *stats = pl_pipeline_run_get_line_stats (pipeline, &n_stats);

      for (gsize i = 0; i < n_stats; i++)
        {
          PlLineRow *row = g_object_new (PL_TYPE_LINE_ROW, NULL);

          row->pipeline = g_strdup (pl_pipeline_run_get_name (pipeline));
          row->line = stats[i].line;
          row->hits = stats[i].hits;
          row->time_ns = stats[i].time_ns;
          row->allocated = stats[i].allocated_bytes;
          row->freed = stats[i].freed_bytes;
          row->peak = stats[i].peak_alloc_bytes;
          row->live = stats[i].live_alloc_bytes;
          row->code = lines != NULL ? pl_code_dup_statement_at ((const char * const *) lines, stats[i].line) : NULL;
          if (row->code == NULL)
            row->code = g_strdup ("");

          if (row->peak > heaviest_peak)
            {
              heaviest_peak = row->peak;
              heaviest = row;
            }
          g_ptr_array_add (rows, row);
        }
    }

  /* Which pipeline a line belongs to only matters when there are two. */
  gtk_column_view_column_set_visible (self->pipeline_column,
                                      run != NULL && pl_run_get_n_pipelines (run) > 1);

  self->heaviest_line = 0;
  if (heaviest != NULL && heaviest_peak > 0)
    {
      heaviest->heaviest = TRUE;
      self->heaviest_line = heaviest->line;
    }

  g_list_store_splice (self->rows, 0, g_list_model_get_n_items (G_LIST_MODEL (self->rows)),
                       rows->pdata, rows->len);
  gtk_stack_set_visible_child_name (self->stack, rows->len > 0 ? "table" : "empty");
}

GListModel *
pl_line_table_get_model (PlLineTable *self)
{
  g_return_val_if_fail (PL_IS_LINE_TABLE (self), NULL);

  return G_LIST_MODEL (self->sorted);
}

guint
pl_line_table_get_n_rows (PlLineTable *self)
{
  g_return_val_if_fail (PL_IS_LINE_TABLE (self), 0);

  return g_list_model_get_n_items (G_LIST_MODEL (self->sorted));
}

int
pl_line_table_get_row_line (PlLineTable *self,
                            guint        position)
{
  g_autoptr(PlLineRow) row = NULL;

  g_return_val_if_fail (PL_IS_LINE_TABLE (self), 0);

  row = g_list_model_get_item (G_LIST_MODEL (self->sorted), position);
  return row ? row->line : 0;
}

int
pl_line_table_get_heaviest_line (PlLineTable *self)
{
  g_return_val_if_fail (PL_IS_LINE_TABLE (self), 0);

  return self->heaviest_line;
}

void
pl_line_table_sort_by (PlLineTable *self,
                       const char  *column_id,
                       gboolean     descending)
{
  GListModel *cols;

  g_return_if_fail (PL_IS_LINE_TABLE (self));

  cols = gtk_column_view_get_columns (self->column_view);
  for (guint i = 0; i < g_list_model_get_n_items (cols); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (cols, i);

      if (g_strcmp0 (g_object_get_data (G_OBJECT (column), "pl-column-id"), column_id) == 0)
        {
          gtk_column_view_sort_by_column (self->column_view, column,
                                          descending ? GTK_SORT_DESCENDING : GTK_SORT_ASCENDING);
          return;
        }
    }

  g_warn_if_reached ();
}

void
pl_line_table_select_line (PlLineTable *self,
                           int          line)
{
  guint n;

  g_return_if_fail (PL_IS_LINE_TABLE (self));

  n = g_list_model_get_n_items (G_LIST_MODEL (self->sorted));
  for (guint i = 0; i < n; i++)
    if (pl_line_table_get_row_line (self, i) == line)
      {
        self->selecting = TRUE;
        gtk_single_selection_set_selected (self->selection, i);
        self->selecting = FALSE;
        return;
      }

  self->selecting = TRUE;
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  self->selecting = FALSE;
}
