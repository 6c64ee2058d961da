/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "engine/pl-error.h"
#include "script/pl-script.h"
#include "app/pl-document.h"
#include "app/pl-examples.h"
#include "app/pl-preferences-window.h"
#include "app/pl-size-calculator.h"
#include "app/pl-application.h"

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

      /* ...and the interpreter accepts it, with one experiment to run. */
      {
        g_autofree char *name = g_strconcat (id, ".py", NULL);
        g_autoptr(PlScript) script = pl_script_parse (name, text, -1, &error);

        g_assert_no_error (error);
        g_assert_cmpuint (pl_script_get_n_experiments (script), ==, 1);
      }
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

static void
test_preferences (void)
{
  g_autoptr(GSettings) settings = g_settings_new (PL_SETTINGS_SCHEMA_ID);
  PlPreferencesWindow *prefs = pl_preferences_window_new (NULL, settings);
  GtkWidget *first_switch, *first_spin;

  gtk_window_present (GTK_WINDOW (prefs));
  pl_test_drain ();

  /* The interval is shown in microseconds. */
  first_spin = pl_test_find_widget (GTK_WIDGET (prefs), GTK_TYPE_SPIN_BUTTON, 0);
  g_assert_nonnull (first_spin);
  g_assert_cmpfloat_with_epsilon (gtk_spin_button_get_value (GTK_SPIN_BUTTON (first_spin)), 50.0, 1e-6);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (first_spin), 100.0);
  g_assert_cmpfloat_with_epsilon (g_settings_get_double (settings, "sample-interval"), 1e-4, 1e-12);
  g_settings_set_double (settings, "sample-interval", 2e-5);
  g_assert_cmpfloat_with_epsilon (gtk_spin_button_get_value (GTK_SPIN_BUTTON (first_spin)), 20.0, 1e-6);

  /* The first switch is temporary elision. */
  first_switch = pl_test_find_widget (GTK_WIDGET (prefs), GTK_TYPE_SWITCH, 0);
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (first_switch)));
  gtk_switch_set_active (GTK_SWITCH (first_switch), FALSE);
  g_assert_false (g_settings_get_boolean (settings, "temporary-elision"));

  g_settings_set_boolean (settings, "show-alloc", FALSE);
  g_assert_false (gtk_switch_get_active (GTK_SWITCH (pl_test_find_widget (GTK_WIDGET (prefs), GTK_TYPE_SWITCH, 2))));

  g_settings_reset (settings, "sample-interval");
  g_settings_reset (settings, "temporary-elision");
  g_settings_reset (settings, "show-alloc");
  gtk_window_destroy (GTK_WINDOW (prefs));
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
  g_test_add_func ("/app/preferences/bound", test_preferences);

  return g_test_run ();
}
