/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "pl-run-settings.h"

G_DEFINE_BOXED_TYPE (PlRunSettings, pl_run_settings, pl_run_settings_copy, pl_run_settings_free)

/**
 * pl_run_settings_new:
 *
 * Returns: (transfer full): the defaults: the script's interval, elision
 *   on, the default number of numexpr threads
 */
PlRunSettings *
pl_run_settings_new (void)
{
  PlRunSettings *self = g_new0 (PlRunSettings, 1);

  self->sample_interval = 0.0;
  self->elision = TRUE;
  self->numexpr_threads = 0;

  return self;
}

PlRunSettings *
pl_run_settings_copy (const PlRunSettings *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return g_memdup2 (self, sizeof *self);
}

void
pl_run_settings_free (PlRunSettings *self)
{
  g_free (self);
}

double
pl_run_settings_get_effective_interval (const PlRunSettings *self,
                                        double               script_interval)
{
  double interval;

  if (self != NULL && self->sample_interval > 0.0)
    interval = self->sample_interval;
  else if (script_interval > 0.0)
    interval = script_interval;
  else
    interval = PL_RUN_DEFAULT_SAMPLE_INTERVAL;

  return MAX (interval, PL_RUN_MIN_SAMPLE_INTERVAL);
}
