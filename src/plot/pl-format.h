/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Number formatting for the plot's title, labels and ticks. */

/* A duration as the tutorial's _format_duration() writes it: the largest of
 * s, ms and µs that the value reaches, else ns, with @precision decimals
 * ("18.9 ms", "0.0 ns"). Negative durations keep their sign; NaN gives "—". */
char   *pl_format_duration   (double   seconds,
                              guint    precision);

/* Bytes in mebibytes with @precision decimals ("61.0 MiB"). */
char   *pl_format_mebibytes  (gint64   bytes,
                              guint    precision);

/* A tick value with a fixed number of decimals; never prints "-0". */
char   *pl_format_tick       (double   value,
                              guint    decimals);

G_END_DECLS
