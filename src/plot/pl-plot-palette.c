/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <string.h>

#include "pl-plot-palette.h"

#define RGB(hex, a) { ((hex) >> 16 & 0xff) / 255.f, ((hex) >> 8 & 0xff) / 255.f, ((hex) & 0xff) / 255.f, (a) }

/* GNOME's palette: blue 3 and orange 4 on white; blue 2 and orange 2 on the
 * libadwaita dark view background. */
static const PlPlotPalette light_palette = {
  .background = RGB (0xffffff, 1.f),
  .text       = RGB (0x241f31, 1.f),
  .muted_text = RGB (0x5e5c64, 1.f),
  .axis       = RGB (0x77767b, 1.f),
  .grid       = RGB (0x000000, 0.08f),
  .rss_line   = RGB (0x1c71d8, 1.f),
  .rss_fill   = RGB (0x3584e4, 0.28f),
  .alloc_line = RGB (0xe66100, 1.f),
  .peak       = RGB (0xc01c28, 1.f),
  .highlight  = RGB (0x9141ac, 1.f),
};

static const PlPlotPalette dark_palette = {
  .background = RGB (0x1e1e1e, 1.f),
  .text       = RGB (0xffffff, 0.92f),
  .muted_text = RGB (0xc0bfbc, 1.f),
  .axis       = RGB (0x9a9996, 1.f),
  .grid       = RGB (0xffffff, 0.09f),
  .rss_line   = RGB (0x62a0ea, 1.f),
  .rss_fill   = RGB (0x3584e4, 0.35f),
  .alloc_line = RGB (0xffa348, 1.f),
  .peak       = RGB (0xff7b63, 1.f),
  .highlight  = RGB (0xdc8add, 1.f),
};

G_DEFINE_BOXED_TYPE (PlPlotPalette, pl_plot_palette, pl_plot_palette_copy, pl_plot_palette_free)

const PlPlotPalette *
pl_plot_palette_get_light (void)
{
  return &light_palette;
}

const PlPlotPalette *
pl_plot_palette_get_dark (void)
{
  return &dark_palette;
}

PlPlotPalette *
pl_plot_palette_copy (const PlPlotPalette *palette)
{
  g_return_val_if_fail (palette != NULL, NULL);

  return g_memdup2 (palette, sizeof *palette);
}

void
pl_plot_palette_free (PlPlotPalette *palette)
{
  g_free (palette);
}

/* matplotlib's single letters, its tab10 cycle and the CSS names people
 * actually pass as `color=`. */
static const struct { const char *name; guint32 rgb; } named_colors[] = {
  { "b", 0x0000ff }, { "g", 0x008000 }, { "r", 0xff0000 }, { "c", 0x00bfbf },
  { "m", 0xbf00bf }, { "y", 0xbfbf00 }, { "k", 0x000000 }, { "w", 0xffffff },
  { "c0", 0x1f77b4 }, { "c1", 0xff7f0e }, { "c2", 0x2ca02c }, { "c3", 0xd62728 },
  { "c4", 0x9467bd }, { "c5", 0x8c564b }, { "c6", 0xe377c2 }, { "c7", 0x7f7f7f },
  { "c8", 0xbcbd22 }, { "c9", 0x17becf },
  { "tab:blue", 0x1f77b4 }, { "tab:orange", 0xff7f0e }, { "tab:green", 0x2ca02c },
  { "tab:red", 0xd62728 }, { "tab:purple", 0x9467bd }, { "tab:brown", 0x8c564b },
  { "tab:pink", 0xe377c2 }, { "tab:gray", 0x7f7f7f }, { "tab:grey", 0x7f7f7f },
  { "tab:olive", 0xbcbd22 }, { "tab:cyan", 0x17becf },
  { "black", 0x000000 }, { "white", 0xffffff },
  { "gray", 0x808080 }, { "grey", 0x808080 },
  { "darkgray", 0xa9a9a9 }, { "darkgrey", 0xa9a9a9 },
  { "dimgray", 0x696969 }, { "dimgrey", 0x696969 },
  { "lightgray", 0xd3d3d3 }, { "lightgrey", 0xd3d3d3 },
  { "silver", 0xc0c0c0 }, { "red", 0xff0000 }, { "darkred", 0x8b0000 },
  { "green", 0x008000 }, { "darkgreen", 0x006400 }, { "lime", 0x00ff00 },
  { "blue", 0x0000ff }, { "navy", 0x000080 }, { "darkblue", 0x00008b },
  { "steelblue", 0x4682b4 }, { "skyblue", 0x87ceeb }, { "cyan", 0x00ffff },
  { "teal", 0x008080 }, { "magenta", 0xff00ff }, { "purple", 0x800080 },
  { "violet", 0xee82ee }, { "pink", 0xffc0cb }, { "orange", 0xffa500 },
  { "darkorange", 0xff8c00 }, { "gold", 0xffd700 }, { "yellow", 0xffff00 },
  { "olive", 0x808000 }, { "brown", 0xa52a2a }, { "maroon", 0x800000 },
  { "crimson", 0xdc143c }, { "tomato", 0xff6347 }, { "salmon", 0xfa8072 },
  { "coral", 0xff7f50 }, { "indigo", 0x4b0082 }, { "turquoise", 0x40e0d0 },
};

static int
hex_digit (char c)
{
  return g_ascii_xdigit_value (c);
}

static gboolean
parse_hex (const char *hex,
           PlColor    *color)
{
  gsize len = strlen (hex);
  guint values[8];

  if (len != 3 && len != 4 && len != 6 && len != 8)
    return FALSE;

  for (gsize i = 0; i < len; i++)
    {
      int v = hex_digit (hex[i]);

      if (v < 0)
        return FALSE;
      values[i] = (guint) v;
    }

  if (len <= 4)
    {
      color->red = values[0] * 17 / 255.f;
      color->green = values[1] * 17 / 255.f;
      color->blue = values[2] * 17 / 255.f;
      color->alpha = len == 4 ? values[3] * 17 / 255.f : 1.f;
    }
  else
    {
      color->red = (values[0] * 16 + values[1]) / 255.f;
      color->green = (values[2] * 16 + values[3]) / 255.f;
      color->blue = (values[4] * 16 + values[5]) / 255.f;
      color->alpha = len == 8 ? (values[6] * 16 + values[7]) / 255.f : 1.f;
    }

  return TRUE;
}

gboolean
pl_color_parse (const char *spec,
                PlColor    *color)
{
  g_autofree char *lower = NULL;
  g_autofree char *stripped = NULL;

  g_return_val_if_fail (color != NULL, FALSE);

  if (spec == NULL)
    return FALSE;

  stripped = g_strstrip (g_strdup (spec));

  if (stripped[0] == '#')
    {
      PlColor parsed;

      if (!parse_hex (stripped + 1, &parsed))
        return FALSE;
      *color = parsed;
      return TRUE;
    }

  lower = g_ascii_strdown (stripped, -1);

  for (guint i = 0; i < G_N_ELEMENTS (named_colors); i++)
    {
      if (strcmp (lower, named_colors[i].name) == 0)
        {
          guint32 rgb = named_colors[i].rgb;

          color->red = (rgb >> 16 & 0xff) / 255.f;
          color->green = (rgb >> 8 & 0xff) / 255.f;
          color->blue = (rgb & 0xff) / 255.f;
          color->alpha = 1.f;
          return TRUE;
        }
    }

  return FALSE;
}

static double
linear_channel (double c)
{
  return c <= 0.04045 ? c / 12.92 : pow ((c + 0.055) / 1.055, 2.4);
}

double
pl_color_luminance (const PlColor *color)
{
  g_return_val_if_fail (color != NULL, 0.0);

  return 0.2126 * linear_channel (color->red)
       + 0.7152 * linear_channel (color->green)
       + 0.0722 * linear_channel (color->blue);
}

double
pl_color_contrast (const PlColor *a,
                   const PlColor *b)
{
  double la, lb;

  g_return_val_if_fail (a != NULL && b != NULL, 1.0);

  la = pl_color_luminance (a);
  lb = pl_color_luminance (b);

  return (MAX (la, lb) + 0.05) / (MIN (la, lb) + 0.05);
}
