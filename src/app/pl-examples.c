/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "engine/pl-error.h"

#include "pl-examples.h"

#define EXAMPLES_PATH "/io/github/peakline/Peakline/examples/"

typedef struct
{
  const char *id;
  guint       section;
  const char *title;     /* translatable */
  const char *question;  /* translatable */
} Example;

/* The questions are the tutorial's, lightly edited to stand alone. */
static const Example examples[] = {
  { "s2-ones-million", 2, N_("Creating a million float64s"),
    N_("Using np.ones(): how long does it take NumPy to create a million float64s?") },
  { "s2-ones-4-million", 2, N_("Creating 4 million float64s"),
    N_("Using np.ones(): how long does it take NumPy to create 4 million float64s?") },
  { "s2-one-vs-two-million", 2, N_("One million and two million"),
    N_("Examine the memory traces of both the creation of 1 million and of 2 million values: are both arrays made at the same speed?") },
  { "s2-ones-vs-arange", 2, N_("np.ones or np.arange"),
    N_("What takes more time to create: an array all filled with 1 (np.ones()), or an array filled with counting numbers (np.arange())? Is there a difference in total memory usage?") },
  { "s2-ones-vs-zeros", 2, N_("np.ones or np.zeros"),
    N_("Is there a difference in performance between creating an array all filled with 1 (np.ones()) and an array all filled with 0 (np.zeros())?") },
  { "s2-zeros-vs-empty", 2, N_("np.zeros or np.empty"),
    N_("Is there a difference in performance between creating an array all filled with 0 (np.zeros()) and explicitly telling NumPy not to write any data into an array (np.empty())?") },
  { "s2-ones-vs-random", 2, N_("np.ones or np.random.random"),
    N_("Is there a difference in performance between creating an array all filled with 1 (np.ones()) and filling the array with random values (np.random.random())?") },
  { "s3-two-arrays", 3, N_("Two arrays"),
    N_("A function makes two identical arrays using np.random.random(). Does the total space take up the same amount as a single two-column array?") },
  { "s3-del", 3, N_("Deleting an array"),
    N_("A function makes an array using data = np.random.random(), then deletes it using del data. Does this affect the total memory used?") },
  { "s3-views-and-copies", 3, N_("Slices, copies and np.array"),
    N_("Make an array, then a second array object by slicing the first (data2 = data[:]), then data3 = data.copy(), then data4 = np.array(data). Are there any differences between these methods?") },
  { "s3-del-with-views", 3, N_("When del does not free"),
    N_("Make two arrays and a slice of the first, then delete them one by one. When does memory get released?") },
  { "s4-reassign-vs-inplace", 4, N_("x = x * 2 or x *= 2"),
    N_("For NumPy arrays, is there a difference in memory performance between x = x * 2 and x *= 2?") },
  { "s4-chained-vs-factored", 4, N_("Chained or factored"),
    N_("For NumPy arrays, is there a difference in memory performance between x = x * 2 * 3 * 4 + 1 and x = x * (2 * 3 * 4 + 1)?") },
  { "s4-multiply-out", 4, N_("np.multiply with out="),
    N_("For NumPy arrays, is there a difference in memory performance between x = np.multiply(x, 2) and np.multiply(x, 2, out=x)?") },
  { "s4-mask", 4, N_("Selecting or masking"),
    N_("For NumPy arrays, is there a difference in memory performance between x = x[x > threshold] and mask = x > threshold; x[mask] = 0?") },
  { "s4-astype", 4, N_("astype with copy=False"),
    N_("For NumPy arrays, is there a difference in memory performance between x = x.astype(np.float32) and x = x.astype(np.float32, copy=False)?") },
  { "s4-strided", 4, N_("A strided slice or a contiguous copy"),
    N_("Is there a difference between operating directly on a sliced array (x = big_array[:, ::2]; x = x * 2) and forcing a contiguous copy first (x = big_array[:, ::2].copy(); x *= 2)?") },
  { "s5-evaluate", 5, N_("NumPy or ne.evaluate"),
    N_("For NumPy arrays, is there a difference in memory performance between x * 2 + 3 and ne.evaluate(\"x * 2 + 3\")?") },
  { "s5-three-arrays", 5, N_("x * y + z with numexpr"),
    N_("For NumPy arrays, is there a difference in memory performance between x * y + z and ne.evaluate(\"x * y + z\")?") },
  { "s5-compiled-loop", 5, N_("A compiled expression in a loop"),
    N_("For repeated computations, is there a difference between calling ne.evaluate(\"x * 2 + 3\") inside a loop and pre-compiling once with ne.NumExpr, then using it again and again?") },
};

static const char *section_titles[] = {
  NULL,
  NULL,
  N_("Section 2: Creating Arrays"),
  N_("Section 3: Views and Copies"),
  N_("Section 4: Temporary Arrays"),
  N_("Section 5: numexpr"),
};

guint
pl_examples_get_n (void)
{
  return G_N_ELEMENTS (examples);
}

const char *
pl_examples_get_id (guint index)
{
  g_return_val_if_fail (index < G_N_ELEMENTS (examples), NULL);

  return examples[index].id;
}

guint
pl_examples_get_section (guint index)
{
  g_return_val_if_fail (index < G_N_ELEMENTS (examples), 0);

  return examples[index].section;
}

const char *
pl_examples_get_title (guint index)
{
  g_return_val_if_fail (index < G_N_ELEMENTS (examples), NULL);

  return _(examples[index].title);
}

const char *
pl_examples_get_question (guint index)
{
  g_return_val_if_fail (index < G_N_ELEMENTS (examples), NULL);

  return _(examples[index].question);
}

int
pl_examples_find (const char *id)
{
  g_return_val_if_fail (id != NULL, -1);

  for (guint i = 0; i < G_N_ELEMENTS (examples); i++)
    if (g_strcmp0 (examples[i].id, id) == 0)
      return i;

  return -1;
}

char *
pl_examples_load (const char  *id,
                  GError     **error)
{
  g_autofree char *path = NULL;
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (id != NULL, NULL);

  if (pl_examples_find (id) < 0)
    {
      g_set_error (error, PL_ERROR, PL_ERROR_IO,
                   _("There is no example “%s”"), id);
      return NULL;
    }

  path = g_strconcat (EXAMPLES_PATH, id, ".py", NULL);
  bytes = g_resources_lookup_data (path, G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
  if (bytes == NULL)
    {
      g_set_error (error, PL_ERROR, PL_ERROR_IO,
                   _("The example “%s” is missing from this installation; reinstall Peakline"), id);
      return NULL;
    }

  return g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

GMenuModel *
pl_examples_create_menu (void)
{
  GMenu *menu = g_menu_new ();
  g_autoptr(GMenu) section = NULL;
  guint current = 0;

  for (guint i = 0; i < G_N_ELEMENTS (examples); i++)
    {
      g_autoptr(GMenuItem) item = NULL;

      if (examples[i].section != current)
        {
          if (section != NULL)
            g_menu_append_section (menu, _(section_titles[current]), G_MENU_MODEL (section));
          g_clear_object (&section);
          section = g_menu_new ();
          current = examples[i].section;
        }

      item = g_menu_item_new (_(examples[i].title), NULL);
      g_menu_item_set_action_and_target (item, "win.open-example", "s", examples[i].id);
      g_menu_append_item (section, item);
    }
  if (section != NULL)
    g_menu_append_section (menu, _(section_titles[current]), G_MENU_MODEL (section));

  return G_MENU_MODEL (menu);
}
