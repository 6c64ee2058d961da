/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>

#include "pl-format.h"

#define MIB 1048576.0

char *
pl_format_duration (double seconds,
                    guint  precision)
{
  static const struct { const char *unit; double scale; } units[] = {
    { "s",  1.0 },
    { "ms", 1e-3 },
    { "µs", 1e-6 },
  };
  double magnitude;
  const char *sign;

  if (isnan (seconds))
    return g_strdup ("—");

  precision = MIN (precision, 9);
  sign = seconds < 0 ? "-" : "";
  magnitude = fabs (seconds);

  for (guint i = 0; i < G_N_ELEMENTS (units); i++)
    {
      if (magnitude >= units[i].scale)
        return g_strdup_printf ("%s%.*f %s", sign, (int) precision,
                                magnitude / units[i].scale, units[i].unit);
    }

  return g_strdup_printf ("%s%.*f ns", sign, (int) precision, magnitude / 1e-9);
}

char *
pl_format_mebibytes (gint64 bytes,
                     guint  precision)
{
  g_autofree char *number = pl_format_tick ((double) bytes / MIB, precision);

  return g_strdup_printf ("%s MiB", number);
}

char *
pl_format_tick (double value,
                guint  decimals)
{
  double rounding;

  decimals = MIN (decimals, 9);
  /* A value that rounds to zero prints as "0", not "-0". */
  rounding = 0.5 * pow (10.0, -(double) decimals);
  if (fabs (value) < rounding)
    value = 0.0;

  return g_strdup_printf ("%.*f", (int) decimals, value);
}
