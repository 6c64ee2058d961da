/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* An RGBA colour with components in 0..1 (GdkRGBA has the same layout of
 * four floats, but the plot layer does not depend on GTK). */
typedef struct
{
  float red;
  float green;
  float blue;
  float alpha;
} PlColor;

/* The colours of a plot. The window picks the dark palette when
 * AdwStyleManager is dark; exports use the light one unless asked. */
typedef struct
{
  PlColor background;   /* behind everything (unless the caller draws it) */
  PlColor text;         /* titles and tick labels */
  PlColor muted_text;   /* axis titles, line labels, "no samples" */
  PlColor axis;         /* the left and bottom spines, tick marks */
  PlColor grid;         /* horizontal grid lines */
  PlColor rss_line;     /* resident memory */
  PlColor rss_fill;     /* the translucent fill under it */
  PlColor alloc_line;   /* the allocator's live bytes (step line) */
  PlColor peak;         /* the peak dot */
  PlColor highlight;    /* marks of the selected line */
} PlPlotPalette;

#define PL_TYPE_PLOT_PALETTE (pl_plot_palette_get_type ())

GType                pl_plot_palette_get_type   (void) G_GNUC_CONST;
const PlPlotPalette *pl_plot_palette_get_light  (void);
const PlPlotPalette *pl_plot_palette_get_dark   (void);
PlPlotPalette       *pl_plot_palette_copy       (const PlPlotPalette *palette);
void                 pl_plot_palette_free       (PlPlotPalette       *palette);

/* Parses a colour as matplotlib accepts it in the tutorial's options: a
 * name ("gray", "red", "tab:blue", "C0", "k"), "#rgb", "#rrggbb" or
 * "#rrggbbaa". Case-insensitive. Returns FALSE (and leaves @color alone)
 * if @spec is not a colour. */
gboolean             pl_color_parse             (const char          *spec,
                                                 PlColor             *color);

/* WCAG relative luminance and contrast ratio (1..21) of two colours. */
double               pl_color_luminance         (const PlColor       *color);
double               pl_color_contrast          (const PlColor       *a,
                                                 const PlColor       *b);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PlPlotPalette, pl_plot_palette_free)

G_END_DECLS
