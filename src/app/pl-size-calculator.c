/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <unistd.h>

#include <glib/gi18n.h>

#include "engine/pl-error.h"

#include "pl-size-calculator.h"

struct _PlSizeCalculator
{
  AdwWindow parent_instance;

  /* Template widgets */
  AdwEntryRow  *shape_row;
  AdwComboRow  *dtype_row;
  AdwActionRow *bytes_row;
  AdwActionRow *kib_row;
  AdwActionRow *mib_row;
  AdwActionRow *gib_row;
  AdwActionRow *machine_row;
  GtkLevelBar  *machine_bar;
  GtkLabel     *error_label;

  gint64        bytes;
};

G_DEFINE_FINAL_TYPE (PlSizeCalculator, pl_size_calculator, ADW_TYPE_WINDOW)

guint64
pl_size_get_machine_memory (void)
{
  long pages = sysconf (_SC_PHYS_PAGES);
  long page_size = sysconf (_SC_PAGESIZE);

  if (pages <= 0 || page_size <= 0)
    return 0;

  return (guint64) pages * (guint64) page_size;
}

gboolean
pl_size_parse_shape (const char  *text,
                     guint64     *n_elements,
                     GError     **error)
{
  g_autofree char *clean = NULL;
  g_auto(GStrv) dims = NULL;
  guint64 total = 1;
  guint n_dims = 0;

  g_return_val_if_fail (text != NULL, FALSE);

  /* Brackets of a tuple or a list and digit separators do not matter. */
  clean = g_strdup (text);
  g_strdelimit (clean, "()[]", ' ');
  {
    char *w = clean;

    for (const char *r = clean; *r; r++)
      if (*r != '_')
        *w++ = *r;
    *w = '\0';
  }
  dims = g_strsplit_set (clean, ",x×", -1);

  for (guint i = 0; dims[i]; i++)
    {
      g_auto(GStrv) factors = NULL;
      guint64 dim = 1;

      g_strstrip (dims[i]);
      if (*dims[i] == '\0')
        {
          if (dims[i + 1] == NULL && i > 0)
            continue;   /* the trailing comma of (n,) */
          g_set_error_literal (error, PL_ERROR, PL_ERROR_VALUE,
                               _("Write the shape as sizes separated by commas, for example 1000, 256, 256"));
          return FALSE;
        }

      factors = g_strsplit (dims[i], "*", -1);
      for (guint k = 0; factors[k]; k++)
        {
          guint64 value;
          char *end = NULL;

          g_strstrip (factors[k]);
          if (*factors[k] == '\0' || !g_ascii_isdigit (*factors[k]))
            {
              g_set_error (error, PL_ERROR, PL_ERROR_VALUE,
                           _("“%s” is not a size; use whole numbers"), dims[i]);
              return FALSE;
            }
          value = g_ascii_strtoull (factors[k], &end, 10);
          if (end == NULL || *end != '\0')
            {
              g_set_error (error, PL_ERROR, PL_ERROR_VALUE,
                           _("“%s” is not a size; use whole numbers"), dims[i]);
              return FALSE;
            }
          if (value != 0 && dim > G_MAXUINT64 / value)
            goto overflow;
          dim *= value;
        }

      if (dim != 0 && total > G_MAXUINT64 / dim)
        goto overflow;
      total *= dim;
      n_dims++;
    }

  if (n_dims == 0)
    {
      g_set_error_literal (error, PL_ERROR, PL_ERROR_VALUE,
                           _("Write the shape as sizes separated by commas, for example 1000, 256, 256"));
      return FALSE;
    }

  *n_elements = total;
  return TRUE;

overflow:
  g_set_error_literal (error, PL_ERROR, PL_ERROR_OVERFLOW,
                       _("The array would have more elements than any computer can address"));
  return FALSE;
}

static PlDType
selected_dtype (PlSizeCalculator *self)
{
  return (PlDType) adw_combo_row_get_selected (self->dtype_row);
}

static void
set_value (AdwActionRow *row,
           const char   *text)
{
  adw_action_row_set_subtitle (row, text);
}

static void
pl_size_calculator_update (PlSizeCalculator *self)
{
  g_autoptr(GError) error = NULL;
  guint64 n = 0;
  guint64 itemsize = pl_dtype_itemsize (selected_dtype (self));
  guint64 machine = pl_size_get_machine_memory ();
  const char *shape = gtk_editable_get_text (GTK_EDITABLE (self->shape_row));
  g_autofree char *bytes_text = NULL;
  g_autofree char *kib_text = NULL;
  g_autofree char *mib_text = NULL;
  g_autofree char *gib_text = NULL;
  g_autofree char *machine_text = NULL;
  g_autofree char *machine_size = NULL;
  double bytes;

  if (!pl_size_parse_shape (shape, &n, &error) ||
      (n != 0 && itemsize > G_MAXINT64 / n))
    {
      if (error == NULL)
        g_set_error_literal (&error, PL_ERROR, PL_ERROR_OVERFLOW,
                             _("The array would have more elements than any computer can address"));
      self->bytes = -1;
      gtk_label_set_label (self->error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      gtk_widget_add_css_class (GTK_WIDGET (self->shape_row), "error");
      set_value (self->bytes_row, "—");
      set_value (self->kib_row, "—");
      set_value (self->mib_row, "—");
      set_value (self->gib_row, "—");
      set_value (self->machine_row, "—");
      gtk_level_bar_set_value (self->machine_bar, 0);
      return;
    }

  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  gtk_widget_remove_css_class (GTK_WIDGET (self->shape_row), "error");

  self->bytes = (gint64) (n * itemsize);
  bytes = (double) self->bytes;
  bytes_text = g_strdup_printf ("%'" G_GINT64_FORMAT, self->bytes);
  kib_text = g_strdup_printf ("%.1f", bytes / 1024.0);
  mib_text = g_strdup_printf ("%.2f", bytes / (1024.0 * 1024.0));
  gib_text = g_strdup_printf ("%.3f", bytes / (1024.0 * 1024.0 * 1024.0));
  set_value (self->bytes_row, bytes_text);
  set_value (self->kib_row, kib_text);
  set_value (self->mib_row, mib_text);
  set_value (self->gib_row, gib_text);

  if (machine > 0)
    {
      double ratio = bytes / (double) machine;

      machine_size = g_format_size_full (machine, G_FORMAT_SIZE_IEC_UNITS);
      if (ratio > 1.0)
        /* Translators: the array compared with the machine's memory, e.g. "3.5 × this machine's 24.0 GiB: it cannot be held in memory". */
        machine_text = g_strdup_printf (_("%.1f × this machine's %s: it cannot be held in memory at once"), ratio, machine_size);
      else
        machine_text = g_strdup_printf (_("%.2f %% of this machine's %s"), ratio * 100.0, machine_size);
      gtk_level_bar_set_value (self->machine_bar, MIN (ratio, 1.0));
    }
  else
    machine_text = g_strdup (_("The memory of this machine is not known"));
  set_value (self->machine_row, machine_text);
}

static void
pl_size_calculator_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), PL_TYPE_SIZE_CALCULATOR);

  G_OBJECT_CLASS (pl_size_calculator_parent_class)->dispose (object);
}

static void
pl_size_calculator_class_init (PlSizeCalculatorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pl_size_calculator_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/peakline/Peakline/ui/pl-size-calculator.ui");
  gtk_widget_class_bind_template_child (widget_class, PlSizeCalculator, shape_row);
  gtk_widget_class_bind_template_child (widget_class, PlSizeCalculator, dtype_row);
  gtk_widget_class_bind_template_child (widget_class, PlSizeCalculator, bytes_row);
  gtk_widget_class_bind_template_child (widget_class, PlSizeCalculator, kib_row);
  gtk_widget_class_bind_template_child (widget_class, PlSizeCalculator, mib_row);
  gtk_widget_class_bind_template_child (widget_class, PlSizeCalculator, gib_row);
  gtk_widget_class_bind_template_child (widget_class, PlSizeCalculator, machine_row);
  gtk_widget_class_bind_template_child (widget_class, PlSizeCalculator, machine_bar);
  gtk_widget_class_bind_template_child (widget_class, PlSizeCalculator, error_label);
  gtk_widget_class_bind_template_callback (widget_class, pl_size_calculator_update);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
pl_size_calculator_init (PlSizeCalculator *self)
{
  g_autoptr(GtkStringList) dtypes = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));

  /* The combo's positions are the PlDType values. */
  for (int d = 0; d < PL_N_DTYPES; d++)
    gtk_string_list_append (dtypes, pl_dtype_name ((PlDType) d));
  adw_combo_row_set_model (self->dtype_row, G_LIST_MODEL (dtypes));
  adw_combo_row_set_selected (self->dtype_row, PL_DTYPE_FLOAT64);

#if ADW_CHECK_VERSION (1, 3, 0)
  /* The figures can be copied where libadwaita allows it. */
  adw_action_row_set_subtitle_selectable (self->bytes_row, TRUE);
  adw_action_row_set_subtitle_selectable (self->kib_row, TRUE);
  adw_action_row_set_subtitle_selectable (self->mib_row, TRUE);
  adw_action_row_set_subtitle_selectable (self->gib_row, TRUE);
#endif

  g_signal_connect_object (self->dtype_row, "notify::selected",
                           G_CALLBACK (pl_size_calculator_update), self, G_CONNECT_SWAPPED);
  gtk_editable_set_text (GTK_EDITABLE (self->shape_row), "1_000_000");
  pl_size_calculator_update (self);
}

PlSizeCalculator *
pl_size_calculator_new (GtkWindow *parent)
{
  return g_object_new (PL_TYPE_SIZE_CALCULATOR,
                       "transient-for", parent,
                       NULL);
}

void
pl_size_calculator_set_shape (PlSizeCalculator *self,
                              const char       *shape)
{
  g_return_if_fail (PL_IS_SIZE_CALCULATOR (self));

  gtk_editable_set_text (GTK_EDITABLE (self->shape_row), shape ? shape : "");
  pl_size_calculator_update (self);
}

void
pl_size_calculator_set_dtype (PlSizeCalculator *self,
                              PlDType           dtype)
{
  g_return_if_fail (PL_IS_SIZE_CALCULATOR (self));
  g_return_if_fail (pl_dtype_is_valid (dtype));

  adw_combo_row_set_selected (self->dtype_row, dtype);
}

gint64
pl_size_calculator_get_bytes (PlSizeCalculator *self)
{
  g_return_val_if_fail (PL_IS_SIZE_CALCULATOR (self), -1);

  return self->bytes;
}
