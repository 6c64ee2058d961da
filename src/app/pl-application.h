/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define PL_TYPE_APPLICATION (pl_application_get_type ())

/* One schema for every profile: the development build shares the user's
 * preferences with the released one. */
#define PL_SETTINGS_SCHEMA_ID "io.github.peakline.Peakline"

/* The icon is compiled into the resources under this name, so the window can
 * show it even when Peakline runs from its build directory. */
#define PL_APPLICATION_ICON_NAME "io.github.peakline.Peakline"

G_DECLARE_FINAL_TYPE (PlApplication, pl_application, PL, APPLICATION, AdwApplication)

PlApplication *pl_application_new          (void);
GSettings     *pl_application_get_settings (PlApplication *self);

G_END_DECLS
