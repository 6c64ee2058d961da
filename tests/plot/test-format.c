/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>

#include "plot/pl-format.h"

static void
check_duration (double      seconds,
                guint       precision,
                const char *expected)
{
  g_autofree char *text = pl_format_duration (seconds, precision);

  g_assert_cmpstr (text, ==, expected);
}

/* The tutorial's _format_duration: the first unit the value reaches. */
static void
test_duration (void)
{
  check_duration (0.0189, 1, "18.9 ms");
  check_duration (1.0, 1, "1.0 s");
  check_duration (2.345, 2, "2.35 s");
  check_duration (0.001, 1, "1.0 ms");
  check_duration (0.000999, 1, "999.0 µs");
  check_duration (0.0000015, 1, "1.5 µs");
  check_duration (0.00000042, 1, "420.0 ns");
  check_duration (0.0, 1, "0.0 ns");
  check_duration (123.4, 0, "123 s");
  check_duration (-0.0189, 1, "-18.9 ms");
  check_duration (NAN, 1, "—");
}

static void
check_mib (gint64      bytes,
           guint       precision,
           const char *expected)
{
  g_autofree char *text = pl_format_mebibytes (bytes, precision);

  g_assert_cmpstr (text, ==, expected);
}

static void
test_mebibytes (void)
{
  check_mib (64000000, 1, "61.0 MiB");
  check_mib (1048576, 1, "1.0 MiB");
  check_mib (0, 1, "0.0 MiB");
  check_mib (-1048576 * 3, 2, "-3.00 MiB");
  check_mib (-1000, 1, "0.0 MiB");
  check_mib (G_GINT64_CONSTANT (8) * 1024 * 1048576, 0, "8192 MiB");
}

static void
test_tick (void)
{
  g_autofree char *a = pl_format_tick (0.005, 3);
  g_autofree char *b = pl_format_tick (-0.00001, 3);
  g_autofree char *c = pl_format_tick (20.0, 0);
  g_autofree char *d = pl_format_tick (2.5, 1);

  g_assert_cmpstr (a, ==, "0.005");
  g_assert_cmpstr (b, ==, "0.000");
  g_assert_cmpstr (c, ==, "20");
  g_assert_cmpstr (d, ==, "2.5");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/plot/format/duration", test_duration);
  g_test_add_func ("/plot/format/mebibytes", test_mebibytes);
  g_test_add_func ("/plot/format/tick", test_tick);

  return g_test_run ();
}
