/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "plot/pl-plot-palette.h"

static void
assert_color (const PlColor *c,
              double         r,
              double         g,
              double         b,
              double         a)
{
  g_assert_cmpfloat_with_epsilon (c->red, r, 1e-3);
  g_assert_cmpfloat_with_epsilon (c->green, g, 1e-3);
  g_assert_cmpfloat_with_epsilon (c->blue, b, 1e-3);
  g_assert_cmpfloat_with_epsilon (c->alpha, a, 1e-3);
}

static void
test_parse (void)
{
  PlColor c = { 0 };

  g_assert_true (pl_color_parse ("gray", &c));
  assert_color (&c, 128 / 255., 128 / 255., 128 / 255., 1);
  g_assert_true (pl_color_parse ("Grey", &c));
  assert_color (&c, 128 / 255., 128 / 255., 128 / 255., 1);
  g_assert_true (pl_color_parse ("red", &c));
  assert_color (&c, 1, 0, 0, 1);
  g_assert_true (pl_color_parse ("k", &c));
  assert_color (&c, 0, 0, 0, 1);
  g_assert_true (pl_color_parse ("C0", &c));
  assert_color (&c, 0x1f / 255., 0x77 / 255., 0xb4 / 255., 1);
  g_assert_true (pl_color_parse ("tab:orange", &c));
  assert_color (&c, 1, 0x7f / 255., 0x0e / 255., 1);
  g_assert_true (pl_color_parse ("#336699", &c));
  assert_color (&c, 0x33 / 255., 0x66 / 255., 0x99 / 255., 1);
  g_assert_true (pl_color_parse (" #f00 ", &c));
  assert_color (&c, 1, 0, 0, 1);
  g_assert_true (pl_color_parse ("#00ff0080", &c));
  assert_color (&c, 0, 1, 0, 128 / 255.);

  c = (PlColor) { 0.1f, 0.2f, 0.3f, 0.4f };
  g_assert_false (pl_color_parse ("no-such-colour", &c));
  g_assert_false (pl_color_parse ("#12", &c));
  g_assert_false (pl_color_parse ("#ggg", &c));
  g_assert_false (pl_color_parse ("", &c));
  g_assert_false (pl_color_parse (NULL, &c));
  assert_color (&c, 0.1, 0.2, 0.3, 0.4);
}

/* Every colour that carries meaning stands out from the background. */
static void
check_palette (const PlPlotPalette *p)
{
  g_assert_cmpfloat (pl_color_contrast (&p->text, &p->background), >=, 7.0);
  g_assert_cmpfloat (pl_color_contrast (&p->muted_text, &p->background), >=, 4.5);
  g_assert_cmpfloat (pl_color_contrast (&p->axis, &p->background), >=, 3.0);
  g_assert_cmpfloat (pl_color_contrast (&p->rss_line, &p->background), >=, 3.0);
  g_assert_cmpfloat (pl_color_contrast (&p->alloc_line, &p->background), >=, 3.0);
  g_assert_cmpfloat (pl_color_contrast (&p->peak, &p->background), >=, 3.0);
  g_assert_cmpfloat (pl_color_contrast (&p->highlight, &p->background), >=, 3.0);
  g_assert_cmpfloat (p->rss_fill.alpha, <, 0.5);
  g_assert_cmpfloat (p->grid.alpha, <, 0.2);
  g_assert_cmpfloat (p->background.alpha, ==, 1.0);
  /* The two data colours differ clearly. */
  g_assert_cmpfloat (pl_color_contrast (&p->rss_line, &p->alloc_line), >, 1.2);
}

static void
test_palettes (void)
{
  const PlPlotPalette *light = pl_plot_palette_get_light ();
  const PlPlotPalette *dark = pl_plot_palette_get_dark ();

  check_palette (light);
  check_palette (dark);
  g_assert_cmpfloat (pl_color_luminance (&light->background), >, 0.9);
  g_assert_cmpfloat (pl_color_luminance (&dark->background), <, 0.05);
}

static void
test_copy (void)
{
  g_autoptr(PlPlotPalette) copy = pl_plot_palette_copy (pl_plot_palette_get_dark ());
  gpointer boxed;

  g_assert_true (memcmp (copy, pl_plot_palette_get_dark (), sizeof *copy) == 0);
  boxed = g_boxed_copy (PL_TYPE_PLOT_PALETTE, copy);
  g_assert_true (memcmp (boxed, copy, sizeof *copy) == 0);
  g_boxed_free (PL_TYPE_PLOT_PALETTE, boxed);
}

static void
test_contrast (void)
{
  PlColor black = { 0, 0, 0, 1 }, white = { 1, 1, 1, 1 };

  g_assert_cmpfloat_with_epsilon (pl_color_luminance (&black), 0.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (pl_color_luminance (&white), 1.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (pl_color_contrast (&black, &white), 21.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (pl_color_contrast (&white, &white), 1.0, 1e-9);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/plot/palette/parse", test_parse);
  g_test_add_func ("/plot/palette/palettes", test_palettes);
  g_test_add_func ("/plot/palette/copy", test_copy);
  g_test_add_func ("/plot/palette/contrast", test_contrast);

  return g_test_run ();
}
