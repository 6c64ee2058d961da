/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "pl-palette.h"

typedef struct
{
  const char *id;
  const char *category;  /* translatable */
  const char *label;     /* the code as shown: never translated */
  const char *code;      /* with {x} and {new} */
  const char *tooltip;   /* translatable: what it does to memory */
} PaletteItem;

static const PaletteItem items[] = {
  { "empty", N_("Create"), "np.empty(n)", "{new} = np.empty(8_000_000)",
    N_("Reserves the memory without writing it: resident memory grows only when the pages are first written") },
  { "zeros", N_("Create"), "np.zeros(n)", "{new} = np.zeros(8_000_000)",
    N_("Asks for zeroed memory (calloc): the kernel hands out zero pages lazily, so little becomes resident until written") },
  { "ones", N_("Create"), "np.ones(n)", "{new} = np.ones(8_000_000)",
    N_("Allocates n × 8 bytes and writes every element: the whole array becomes resident at once") },
  { "full", N_("Create"), "np.full(n, v)", "{new} = np.full(8_000_000, 7.0)",
    N_("Allocates and fills with one value: resident at once, like np.ones") },
  { "arange", N_("Create"), "np.arange(n)", "{new} = np.arange(8_000_000)",
    N_("Allocates and writes a counting sequence (int64: 8 bytes per element)") },
  { "random", N_("Create"), "np.random.random(n)", "{new} = np.random.random(8_000_000)",
    N_("Allocates and fills with random floats: resident at once, and slower to compute than ones") },

  { "view", N_("Views & copies"), "x[:]", "{new} = {x}[:]",
    N_("A view: shares the memory of x, allocates nothing, and keeps x's memory alive") },
  { "view-step", N_("Views & copies"), "x[::2]", "{new} = {x}[::2]",
    N_("A strided view of every second element: no new memory") },
  { "view-columns", N_("Views & copies"), "b[:, ::2]", "{new} = {x}[:, ::2]",
    N_("Every second column of a 2-D array: a view, not contiguous, so later arithmetic on it is slower") },
  { "copy", N_("Views & copies"), "x.copy()", "{new} = {x}.copy()",
    N_("A copy: allocates as much again as x and writes it") },
  { "array", N_("Views & copies"), "np.array(x)", "{new} = np.array({x})",
    N_("np.array copies its input by default: as much memory again as x") },
  { "reshape", N_("Views & copies"), "x.reshape(…)", "{new} = {x}.reshape(-1, 2)",
    N_("A view with another shape when x is contiguous; a copy otherwise") },
  { "transpose", N_("Views & copies"), "x.T", "{new} = {x}.T",
    N_("The transpose is a view: no new memory") },
  { "del", N_("Views & copies"), "del x", "del {x}",
    N_("Drops the name: the memory is freed only if no view still refers to it") },

  { "multiply", N_("Arithmetic"), "x = x * 2", "{x} = {x} * 2",
    N_("Allocates a result as large as x; the old x is freed only after the assignment, so the peak is twice x") },
  { "multiply-inplace", N_("Arithmetic"), "x *= 2", "{x} *= 2",
    N_("In place: writes into x and allocates nothing") },
  { "chained", N_("Arithmetic"), "x * 2 * 3 * 4 + 1", "{x} = {x} * 2 * 3 * 4 + 1",
    N_("Each operator makes an intermediate array; NumPy reuses large temporaries (elision), but the peak is still twice x") },
  { "factored", N_("Arithmetic"), "x * (2 * 3 * 4 + 1)", "{x} = {x} * (2 * 3 * 4 + 1)",
    N_("The constants are combined first, so only one result array is made") },
  { "multiply-out", N_("Arithmetic"), "np.multiply(x, 2, out=x)", "np.multiply({x}, 2, out={x})",
    N_("Writes the result into x itself: no new memory") },

  { "compare", N_("Masks"), "x > t", "mask = {x} > 0.5",
    N_("A boolean mask: one byte per element, an eighth of a float64 array") },
  { "select", N_("Masks"), "x[x > t]", "{x} = {x}[{x} > 0.5]",
    N_("A mask and then a copy of the selected elements (fancy indexing always copies)") },
  { "assign-mask", N_("Masks"), "x[mask] = 0", "{x}[{x} > 0.5] = 0",
    N_("Writes through a temporary mask into x: only the mask is allocated") },

  { "astype", N_("Types"), "x.astype(np.float32)", "{x} = {x}.astype(np.float32)",
    N_("Converts into a new array (half the size of float64) while the old one is still alive") },
  { "astype-nocopy", N_("Types"), "astype(…, copy=False)", "{x} = {x}.astype(np.float32, copy=False)",
    N_("Skips the copy only when the dtype already matches; a real conversion still allocates") },

  { "evaluate", N_("numexpr"), "ne.evaluate(\"x * 2 + 3\")", "{x} = ne.evaluate(\"{x} * 2 + 3\")",
    N_("numexpr evaluates block by block: one result array and no full-size temporaries") },
  { "numexpr-loop", N_("numexpr"), "ne.NumExpr in a loop", "f = ne.NumExpr(\"{x} * 2 + 3\")\nfor _ in range(3):\n    {x} = f({x})",
    N_("Compiles the expression once and reuses it: each call allocates one result") },

  { "sleep", N_("Control"), "time.sleep(0.002)", "time.sleep(0.002)",
    N_("Waits 2 ms: separates the events of neighbouring lines on the plot") },
  { "loop", N_("Control"), "for _ in range(3):", "for _ in range(3):\n    {x} = {x} * 2",
    N_("Repeats the indented steps: memory freed in one round can be reused by the next") },
};

struct _PlPalette
{
  AdwBin parent_instance;

  /* Template widgets */
  GtkBox *categories;
};

G_DEFINE_FINAL_TYPE (PlPalette, pl_palette, ADW_TYPE_BIN)

static const PaletteItem *
find_item (const char *id)
{
  for (guint i = 0; i < G_N_ELEMENTS (items); i++)
    if (g_strcmp0 (items[i].id, id) == 0)
      return &items[i];
  return NULL;
}

guint
pl_palette_get_n_items (void)
{
  return G_N_ELEMENTS (items);
}

const char *
pl_palette_get_item_id (guint index)
{
  g_return_val_if_fail (index < G_N_ELEMENTS (items), NULL);

  return items[index].id;
}

char *
pl_palette_expand (const char *id,
                   PlPipeline *pipeline)
{
  const PaletteItem *item;
  g_autofree char *x = NULL;
  g_autofree char *fresh = NULL;
  GString *code;

  g_return_val_if_fail (id != NULL, NULL);
  g_return_val_if_fail (PL_IS_PIPELINE (pipeline), NULL);

  item = find_item (id);
  if (item == NULL)
    return NULL;

  fresh = pl_pipeline_dup_fresh_variable (pipeline);
  x = pl_pipeline_dup_current_variable (pipeline);
  /* An operation on nothing yet works on the name a creation would use. */
  if (x == NULL)
    x = g_strdup (fresh);

  code = g_string_new (item->code);
  g_string_replace (code, "{x}", x, 0);
  g_string_replace (code, "{new}", fresh, 0);

  return g_string_free (code, FALSE);
}

int
pl_palette_add_to_pipeline (const char *id,
                            PlPipeline *pipeline)
{
  g_autofree char *code = NULL;
  g_auto(GStrv) lines = NULL;
  guint first;
  guint base = 0;

  g_return_val_if_fail (id != NULL, -1);
  g_return_val_if_fail (PL_IS_PIPELINE (pipeline), -1);

  code = pl_palette_expand (id, pipeline);
  if (code == NULL)
    return -1;

  first = pl_pipeline_get_n_steps (pipeline);

  /* Inside a loop body the new steps stay at the body's level. */
  if (first > 0)
    {
      PlStep *last = pl_pipeline_get_step (pipeline, first - 1);
      const char *last_code = pl_step_get_code (last);
      gsize len = strlen (last_code);

      base = pl_step_get_indent (last);
      if (len > 0 && last_code[len - 1] == ':')
        base++;
    }

  lines = g_strsplit (code, "\n", -1);
  for (guint i = 0; lines[i]; i++)
    {
      const char *line = lines[i];
      guint indent = 0;
      g_autoptr(PlStep) step = NULL;

      while (g_str_has_prefix (line, "    "))
        {
          line += 4;
          indent++;
        }
      step = pl_step_new (line, base + indent);
      pl_pipeline_append_step (pipeline, step);
    }

  return first;
}

static GtkWidget *
create_item_row (const PaletteItem *item)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *label = gtk_label_new (item->label);
  const char *tooltip = _(item->tooltip);

  gtk_widget_add_css_class (label, "monospace");
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_box_append (GTK_BOX (box), label);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);

  gtk_widget_set_tooltip_text (row, tooltip);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "win.add-step");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "s", item->id);
  gtk_widget_set_name (row, item->id);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, item->label,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, tooltip,
                                  -1);
  return row;
}

static void
pl_palette_build (PlPalette *self)
{
  GtkWidget *list = NULL;
  const char *category = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (items); i++)
    {
      if (g_strcmp0 (category, items[i].category) != 0)
        {
          GtkWidget *heading = gtk_label_new (_(items[i].category));

          category = items[i].category;
          gtk_label_set_xalign (GTK_LABEL (heading), 0);
          gtk_widget_add_css_class (heading, "heading");
          gtk_widget_add_css_class (heading, "pl-palette-heading");
          gtk_widget_set_margin_start (heading, 12);
          gtk_widget_set_margin_top (heading, 12);
          gtk_widget_set_margin_bottom (heading, 2);
          gtk_box_append (self->categories, heading);

          list = gtk_list_box_new ();
          gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
          gtk_widget_add_css_class (list, "navigation-sidebar");
          gtk_accessible_update_property (GTK_ACCESSIBLE (list),
                                          GTK_ACCESSIBLE_PROPERTY_LABEL, _(items[i].category),
                                          -1);
          gtk_box_append (self->categories, list);
        }

      gtk_list_box_append (GTK_LIST_BOX (list), create_item_row (&items[i]));
    }
}

static void
pl_palette_dispose (GObject *object)
{
  /* AdwBin would unparent its child again after the template is gone. */
  adw_bin_set_child (ADW_BIN (object), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (object), PL_TYPE_PALETTE);

  G_OBJECT_CLASS (pl_palette_parent_class)->dispose (object);
}

static void
pl_palette_class_init (PlPaletteClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pl_palette_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/peakline/Peakline/ui/pl-palette.ui");
  gtk_widget_class_bind_template_child (widget_class, PlPalette, categories);
}

static void
pl_palette_init (PlPalette *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  pl_palette_build (self);
}

PlPalette *
pl_palette_new (void)
{
  return g_object_new (PL_TYPE_PALETTE, NULL);
}
