/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* How a run is made: the window's preferences and the CLI's options. */
typedef struct
{
  /* Seconds between RSS samples; 0 uses each analyze_memory call's own
   * interval= (the tutorial's .00005 by default). */
  double   sample_interval;
  /* NumPy's temporary elision (on, as in NumPy 1.24). */
  gboolean elision;
  /* ne.set_num_threads() before the script runs; 0 keeps the default. */
  guint    numexpr_threads;
} PlRunSettings;

#define PL_TYPE_RUN_SETTINGS (pl_run_settings_get_type ())

/* The shortest interval a run accepts: finer grids only measure the
 * sampler itself. */
#define PL_RUN_MIN_SAMPLE_INTERVAL 0.00001
#define PL_RUN_DEFAULT_SAMPLE_INTERVAL 0.00005

GType          pl_run_settings_get_type  (void) G_GNUC_CONST;
PlRunSettings *pl_run_settings_new       (void);
PlRunSettings *pl_run_settings_copy      (const PlRunSettings *self);
void           pl_run_settings_free      (PlRunSettings       *self);
/* The interval a run of an analyze_memory call with interval=@script_interval
 * uses, in seconds. */
double         pl_run_settings_get_effective_interval (const PlRunSettings *self,
                                                       double               script_interval);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PlRunSettings, pl_run_settings_free)

G_END_DECLS
