/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "engine/pl-error.h"
#include "app/pl-document.h"
#include "app/pl-examples.h"
#include "app/pl-size-calculator.h"

#include "pl-test-utils.h"

static void
test_examples (void)
{
  g_autoptr(GMenuModel) menu = pl_examples_create_menu ();
  g_autoptr(GError) error = NULL;
  g_autofree char *missing = NULL;
  guint n_items = 0;

  g_assert_cmpuint (pl_examples_get_n (), ==, 20);
  g_assert_cmpint (pl_examples_find (PL_EXAMPLE_FIRST_START), >=, 0);

  for (guint i = 0; i < pl_examples_get_n (); i++)
    {
      const char *id = pl_examples_get_id (i);
      g_autofree char *text = pl_examples_load (id, &error);
      g_autoptr(PlDocument) document = pl_document_new ();

      g_assert_no_error (error);
      g_assert_nonnull (text);
      g_assert_cmpuint (pl_examples_get_section (i), >=, 2);
      g_assert_cmpuint (pl_examples_get_section (i), <=, 5);
      g_assert_cmpuint (strlen (pl_examples_get_title (i)), >, 0);
      g_assert_true (g_str_has_suffix (pl_examples_get_question (i), "?"));
      g_assert_nonnull (strstr (text, "utils.analyze_memory("));

      /* Every exercise opens in the builders as a ready experiment. */
      if (!pl_document_load_text (document, text))
        g_error ("%s: %s", id, pl_document_get_unstructured_reason (document));
      g_assert_true (pl_document_get_valid (document));
      g_assert_false (pl_document_get_modified (document));
    }

  /* The section 4 comparison of the first start: two pipelines. */
  {
    g_autofree char *text = pl_examples_load (PL_EXAMPLE_FIRST_START, NULL);
    g_autoptr(PlDocument) document = pl_document_new ();

    pl_document_load_text (document, text);
    g_assert_true (pl_document_get_compare (document));
    g_assert_cmpstr (pl_step_get_code (pl_pipeline_get_step (pl_document_get_pipeline (document, 1), 0)), ==, "x *= 2");
  }

  missing = pl_examples_load ("no-such-example", &error);
  g_assert_null (missing);
  g_assert_error (error, PL_ERROR, PL_ERROR_IO);

  /* The menu: one section per tutorial section, every example once. */
  g_assert_cmpint (g_menu_model_get_n_items (menu), ==, 4);
  for (int s = 0; s < g_menu_model_get_n_items (menu); s++)
    {
      g_autoptr(GMenuModel) section = g_menu_model_get_item_link (menu, s, G_MENU_LINK_SECTION);

      n_items += g_menu_model_get_n_items (section);
    }
  g_assert_cmpuint (n_items, ==, pl_examples_get_n ());
}

static void
test_size_parse (void)
{
  g_autoptr(GError) error = NULL;
  guint64 n = 0;

  g_assert_true (pl_size_parse_shape ("1_000_000", &n, NULL));
  g_assert_cmpuint (n, ==, 1000000);
  g_assert_true (pl_size_parse_shape ("(1000, 256, 256)", &n, NULL));
  g_assert_cmpuint (n, ==, 1000 * 256 * 256);
  g_assert_true (pl_size_parse_shape ("(8,)", &n, NULL));
  g_assert_cmpuint (n, ==, 8);
  g_assert_true (pl_size_parse_shape ("14 * 10 * 30 * 60 * 24, 512, 512", &n, NULL));
  g_assert_cmpuint (n, ==, G_GUINT64_CONSTANT (14) * 10 * 30 * 60 * 24 * 512 * 512);
  g_assert_true (pl_size_parse_shape ("512x512", &n, NULL));
  g_assert_cmpuint (n, ==, 512 * 512);

  g_assert_false (pl_size_parse_shape ("", &n, &error));
  g_assert_error (error, PL_ERROR, PL_ERROR_VALUE);
  g_clear_error (&error);
  g_assert_false (pl_size_parse_shape ("1000, n", &n, &error));
  g_assert_error (error, PL_ERROR, PL_ERROR_VALUE);
  g_clear_error (&error);
  g_assert_false (pl_size_parse_shape ("1000,,3", &n, &error));
  g_clear_error (&error);
  g_assert_false (pl_size_parse_shape ("4294967296, 4294967296, 16", &n, &error));
  g_assert_error (error, PL_ERROR, PL_ERROR_OVERFLOW);

  g_assert_cmpuint (pl_size_get_machine_memory (), >, 64 * 1024 * 1024);
}

static void
test_size_calculator (void)
{
  PlSizeCalculator *calc = pl_size_calculator_new (NULL);

  gtk_window_present (GTK_WINDOW (calc));
  pl_test_drain ();

  /* The tutorial's first example: a million float64s. */
  g_assert_cmpint (pl_size_calculator_get_bytes (calc), ==, 8000000);

  /* The calcium imaging stack: 1000 × 256 × 256 int16. */
  pl_size_calculator_set_shape (calc, "1000, 256, 256");
  pl_size_calculator_set_dtype (calc, PL_DTYPE_INT16);
  g_assert_cmpint (pl_size_calculator_get_bytes (calc), ==, 131072000);

  pl_size_calculator_set_dtype (calc, PL_DTYPE_FLOAT32);
  pl_size_calculator_set_shape (calc, "1_000_000");
  g_assert_cmpint (pl_size_calculator_get_bytes (calc), ==, 4000000);

  pl_size_calculator_set_shape (calc, "a lot");
  g_assert_cmpint (pl_size_calculator_get_bytes (calc), ==, -1);

  gtk_window_destroy (GTK_WINDOW (calc));
  pl_test_drain ();
}

int
main (int   argc,
      char *argv[])
{
  pl_test_gtk_init (&argc, &argv);

  g_test_add_func ("/app/examples/all", test_examples);
  g_test_add_func ("/app/size/parse", test_size_parse);
  g_test_add_func ("/app/size/calculator", test_size_calculator);

  return g_test_run ();
}
