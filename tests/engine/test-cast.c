/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <string.h>

#include "engine/pl-array.h"
#include "engine/pl-assign.h"
#include "engine/pl-cast.h"

/* Conversions between all dtypes against NumPy 1.24's astype(), printed by
 * tests/engine/ref/cast-values.py: for each source dtype a list of values
 * (ints made by wrapping INTS into the dtype, floats by rounding FLOATS),
 * and for each target dtype what NumPy makes of them. "*" marks a float to
 * int conversion that C leaves undefined (NaN, inf, out of range): not
 * compared. Then pl_array_assign: broadcasting, casting, overlap, errors. */

static const char *cast_table[PL_N_DTYPES][PL_N_DTYPES] = {
  { "1 0 1",
    "1 0 1",
    "1 0 1",
    "1 0 1",
    "1 0 1",
    "1 0 1",
    "1 0 1",
    "1 0 1",
    "1 0 1",
    "0x1.0000000000000p+0 0x0.0p+0 0x1.0000000000000p+0",
    "0x1.0000000000000p+0 0x0.0p+0 0x1.0000000000000p+0",
    "0x1.0000000000000p+0 0x0.0p+0 0x1.0000000000000p+0" },
  { "0 1 1 1 1 1 0 1 0 1 1 0 1 1 0 1",
    "0 1 -1 127 -128 -1 0 -1 0 -1 -1 0 -1 1 0 -1",
    "0 1 -1 127 -128 -1 0 -1 0 -1 -1 0 -1 1 0 -1",
    "0 1 -1 127 -128 -1 0 -1 0 -1 -1 0 -1 1 0 -1",
    "0 1 -1 127 -128 -1 0 -1 0 -1 -1 0 -1 1 0 -1",
    "0 1 255 127 128 255 0 255 0 255 255 0 255 1 0 255",
    "0 1 65535 127 65408 65535 0 65535 0 65535 65535 0 65535 1 0 65535",
    "0 1 4294967295 127 4294967168 4294967295 0 4294967295 0 4294967295 4294967295 0 4294967295 1 0 4294967295",
    "0 1 18446744073709551615 127 18446744073709551488 18446744073709551615 0 18446744073709551615 0 18446744073709551615 18446744073709551615 0 18446744073709551615 1 0 18446744073709551615",
    "0x0.0p+0 0x1.0000000000000p+0 -0x1.0000000000000p+0 0x1.fc00000000000p+6 -0x1.0000000000000p+7 -0x1.0000000000000p+0 0x0.0p+0 -0x1.0000000000000p+0 0x0.0p+0 -0x1.0000000000000p+0 -0x1.0000000000000p+0 0x0.0p+0 -0x1.0000000000000p+0 0x1.0000000000000p+0 0x0.0p+0 -0x1.0000000000000p+0",
    "0x0.0p+0 0x1.0000000000000p+0 -0x1.0000000000000p+0 0x1.fc00000000000p+6 -0x1.0000000000000p+7 -0x1.0000000000000p+0 0x0.0p+0 -0x1.0000000000000p+0 0x0.0p+0 -0x1.0000000000000p+0 -0x1.0000000000000p+0 0x0.0p+0 -0x1.0000000000000p+0 0x1.0000000000000p+0 0x0.0p+0 -0x1.0000000000000p+0",
    "0x0.0p+0 0x1.0000000000000p+0 -0x1.0000000000000p+0 0x1.fc00000000000p+6 -0x1.0000000000000p+7 -0x1.0000000000000p+0 0x0.0p+0 -0x1.0000000000000p+0 0x0.0p+0 -0x1.0000000000000p+0 -0x1.0000000000000p+0 0x0.0p+0 -0x1.0000000000000p+0 0x1.0000000000000p+0 0x0.0p+0 -0x1.0000000000000p+0" },
  { "0 1 1 1 1 1 1 1 1 1 1 0 1 1 0 1",
    "0 1 -1 127 -128 -1 0 -1 0 -1 -1 0 -1 1 0 -1",
    "0 1 -1 127 -128 255 256 32767 -32768 -1 -1 0 -1 1 0 -1",
    "0 1 -1 127 -128 255 256 32767 -32768 -1 -1 0 -1 1 0 -1",
    "0 1 -1 127 -128 255 256 32767 -32768 -1 -1 0 -1 1 0 -1",
    "0 1 255 127 128 255 0 255 0 255 255 0 255 1 0 255",
    "0 1 65535 127 65408 255 256 32767 32768 65535 65535 0 65535 1 0 65535",
    "0 1 4294967295 127 4294967168 255 256 32767 4294934528 4294967295 4294967295 0 4294967295 1 0 4294967295",
    "0 1 18446744073709551615 127 18446744073709551488 255 256 32767 18446744073709518848 18446744073709551615 18446744073709551615 0 18446744073709551615 1 0 18446744073709551615",
    "0x0.0p+0 0x1.0000000000000p+0 -0x1.0000000000000p+0 0x1.fc00000000000p+6 -0x1.0000000000000p+7 0x1.fe00000000000p+7 0x1.0000000000000p+8 0x1.0000000000000p+15 -0x1.0000000000000p+15 -0x1.0000000000000p+0 -0x1.0000000000000p+0 0x0.0p+0 -0x1.0000000000000p+0 0x1.0000000000000p+0 0x0.0p+0 -0x1.0000000000000p+0",
    "0x0.0p+0 0x1.0000000000000p+0 -0x1.0000000000000p+0 0x1.fc00000000000p+6 -0x1.0000000000000p+7 0x1.fe00000000000p+7 0x1.0000000000000p+8 0x1.fffc000000000p+14 -0x1.0000000000000p+15 -0x1.0000000000000p+0 -0x1.0000000000000p+0 0x0.0p+0 -0x1.0000000000000p+0 0x1.0000000000000p+0 0x0.0p+0 -0x1.0000000000000p+0",
    "0x0.0p+0 0x1.0000000000000p+0 -0x1.0000000000000p+0 0x1.fc00000000000p+6 -0x1.0000000000000p+7 0x1.fe00000000000p+7 0x1.0000000000000p+8 0x1.fffc000000000p+14 -0x1.0000000000000p+15 -0x1.0000000000000p+0 -0x1.0000000000000p+0 0x0.0p+0 -0x1.0000000000000p+0 0x1.0000000000000p+0 0x0.0p+0 -0x1.0000000000000p+0" },
  { "0 1 1 1 1 1 1 1 1 1 1 1 1 1 0 1",
    "0 1 -1 127 -128 -1 0 -1 0 -1 -1 0 -1 1 0 -1",
    "0 1 -1 127 -128 255 256 32767 -32768 -1 -1 0 -1 1 0 -1",
    "0 1 -1 127 -128 255 256 32767 -32768 65535 2147483647 -2147483648 -1 1 0 -1",
    "0 1 -1 127 -128 255 256 32767 -32768 65535 2147483647 -2147483648 -1 1 0 -1",
    "0 1 255 127 128 255 0 255 0 255 255 0 255 1 0 255",
    "0 1 65535 127 65408 255 256 32767 32768 65535 65535 0 65535 1 0 65535",
    "0 1 4294967295 127 4294967168 255 256 32767 4294934528 65535 2147483647 2147483648 4294967295 1 0 4294967295",
    "0 1 18446744073709551615 127 18446744073709551488 255 256 32767 18446744073709518848 65535 2147483647 18446744071562067968 18446744073709551615 1 0 18446744073709551615",
    "0x0.0p+0 0x1.0000000000000p+0 -0x1.0000000000000p+0 0x1.fc00000000000p+6 -0x1.0000000000000p+7 0x1.fe00000000000p+7 0x1.0000000000000p+8 0x1.0000000000000p+15 -0x1.0000000000000p+15 inf inf -inf -0x1.0000000000000p+0 0x1.0000000000000p+0 0x0.0p+0 -0x1.0000000000000p+0",
    "0x0.0p+0 0x1.0000000000000p+0 -0x1.0000000000000p+0 0x1.fc00000000000p+6 -0x1.0000000000000p+7 0x1.fe00000000000p+7 0x1.0000000000000p+8 0x1.fffc000000000p+14 -0x1.0000000000000p+15 0x1.fffe000000000p+15 0x1.0000000000000p+31 -0x1.0000000000000p+31 -0x1.0000000000000p+0 0x1.0000000000000p+0 0x0.0p+0 -0x1.0000000000000p+0",
    "0x0.0p+0 0x1.0000000000000p+0 -0x1.0000000000000p+0 0x1.fc00000000000p+6 -0x1.0000000000000p+7 0x1.fe00000000000p+7 0x1.0000000000000p+8 0x1.fffc000000000p+14 -0x1.0000000000000p+15 0x1.fffe000000000p+15 0x1.fffffffc00000p+30 -0x1.0000000000000p+31 -0x1.0000000000000p+0 0x1.0000000000000p+0 0x0.0p+0 -0x1.0000000000000p+0" },
  { "0 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1",
    "0 1 -1 127 -128 -1 0 -1 0 -1 -1 0 -1 1 0 -1",
    "0 1 -1 127 -128 255 256 32767 -32768 -1 -1 0 -1 1 0 -1",
    "0 1 -1 127 -128 255 256 32767 -32768 65535 2147483647 -2147483648 -1 1 0 -1",
    "0 1 -1 127 -128 255 256 32767 -32768 65535 2147483647 -2147483648 4294967295 9007199254740993 -9223372036854775808 9223372036854775807",
    "0 1 255 127 128 255 0 255 0 255 255 0 255 1 0 255",
    "0 1 65535 127 65408 255 256 32767 32768 65535 65535 0 65535 1 0 65535",
    "0 1 4294967295 127 4294967168 255 256 32767 4294934528 65535 2147483647 2147483648 4294967295 1 0 4294967295",
    "0 1 18446744073709551615 127 18446744073709551488 255 256 32767 18446744073709518848 65535 2147483647 18446744071562067968 4294967295 9007199254740993 9223372036854775808 9223372036854775807",
    "0x0.0p+0 0x1.0000000000000p+0 -0x1.0000000000000p+0 0x1.fc00000000000p+6 -0x1.0000000000000p+7 0x1.fe00000000000p+7 0x1.0000000000000p+8 0x1.0000000000000p+15 -0x1.0000000000000p+15 inf inf -inf inf inf -inf inf",
    "0x0.0p+0 0x1.0000000000000p+0 -0x1.0000000000000p+0 0x1.fc00000000000p+6 -0x1.0000000000000p+7 0x1.fe00000000000p+7 0x1.0000000000000p+8 0x1.fffc000000000p+14 -0x1.0000000000000p+15 0x1.fffe000000000p+15 0x1.0000000000000p+31 -0x1.0000000000000p+31 0x1.0000000000000p+32 0x1.0000000000000p+53 -0x1.0000000000000p+63 0x1.0000000000000p+63",
    "0x0.0p+0 0x1.0000000000000p+0 -0x1.0000000000000p+0 0x1.fc00000000000p+6 -0x1.0000000000000p+7 0x1.fe00000000000p+7 0x1.0000000000000p+8 0x1.fffc000000000p+14 -0x1.0000000000000p+15 0x1.fffe000000000p+15 0x1.fffffffc00000p+30 -0x1.0000000000000p+31 0x1.fffffffe00000p+31 0x1.0000000000000p+53 -0x1.0000000000000p+63 0x1.0000000000000p+63" },
  { "0 1 1 1 1 1 0 1 0 1 1 0 1 1 0 1",
    "0 1 -1 127 -128 -1 0 -1 0 -1 -1 0 -1 1 0 -1",
    "0 1 255 127 128 255 0 255 0 255 255 0 255 1 0 255",
    "0 1 255 127 128 255 0 255 0 255 255 0 255 1 0 255",
    "0 1 255 127 128 255 0 255 0 255 255 0 255 1 0 255",
    "0 1 255 127 128 255 0 255 0 255 255 0 255 1 0 255",
    "0 1 255 127 128 255 0 255 0 255 255 0 255 1 0 255",
    "0 1 255 127 128 255 0 255 0 255 255 0 255 1 0 255",
    "0 1 255 127 128 255 0 255 0 255 255 0 255 1 0 255",
    "0x0.0p+0 0x1.0000000000000p+0 0x1.fe00000000000p+7 0x1.fc00000000000p+6 0x1.0000000000000p+7 0x1.fe00000000000p+7 0x0.0p+0 0x1.fe00000000000p+7 0x0.0p+0 0x1.fe00000000000p+7 0x1.fe00000000000p+7 0x0.0p+0 0x1.fe00000000000p+7 0x1.0000000000000p+0 0x0.0p+0 0x1.fe00000000000p+7",
    "0x0.0p+0 0x1.0000000000000p+0 0x1.fe00000000000p+7 0x1.fc00000000000p+6 0x1.0000000000000p+7 0x1.fe00000000000p+7 0x0.0p+0 0x1.fe00000000000p+7 0x0.0p+0 0x1.fe00000000000p+7 0x1.fe00000000000p+7 0x0.0p+0 0x1.fe00000000000p+7 0x1.0000000000000p+0 0x0.0p+0 0x1.fe00000000000p+7",
    "0x0.0p+0 0x1.0000000000000p+0 0x1.fe00000000000p+7 0x1.fc00000000000p+6 0x1.0000000000000p+7 0x1.fe00000000000p+7 0x0.0p+0 0x1.fe00000000000p+7 0x0.0p+0 0x1.fe00000000000p+7 0x1.fe00000000000p+7 0x0.0p+0 0x1.fe00000000000p+7 0x1.0000000000000p+0 0x0.0p+0 0x1.fe00000000000p+7" },
  { "0 1 1 1 1 1 1 1 1 1 1 0 1 1 0 1",
    "0 1 -1 127 -128 -1 0 -1 0 -1 -1 0 -1 1 0 -1",
    "0 1 -1 127 -128 255 256 32767 -32768 -1 -1 0 -1 1 0 -1",
    "0 1 65535 127 65408 255 256 32767 32768 65535 65535 0 65535 1 0 65535",
    "0 1 65535 127 65408 255 256 32767 32768 65535 65535 0 65535 1 0 65535",
    "0 1 255 127 128 255 0 255 0 255 255 0 255 1 0 255",
    "0 1 65535 127 65408 255 256 32767 32768 65535 65535 0 65535 1 0 65535",
    "0 1 65535 127 65408 255 256 32767 32768 65535 65535 0 65535 1 0 65535",
    "0 1 65535 127 65408 255 256 32767 32768 65535 65535 0 65535 1 0 65535",
    "0x0.0p+0 0x1.0000000000000p+0 inf 0x1.fc00000000000p+6 0x1.ff00000000000p+15 0x1.fe00000000000p+7 0x1.0000000000000p+8 0x1.0000000000000p+15 0x1.0000000000000p+15 inf inf 0x0.0p+0 inf 0x1.0000000000000p+0 0x0.0p+0 inf",
    "0x0.0p+0 0x1.0000000000000p+0 0x1.fffe000000000p+15 0x1.fc00000000000p+6 0x1.ff00000000000p+15 0x1.fe00000000000p+7 0x1.0000000000000p+8 0x1.fffc000000000p+14 0x1.0000000000000p+15 0x1.fffe000000000p+15 0x1.fffe000000000p+15 0x0.0p+0 0x1.fffe000000000p+15 0x1.0000000000000p+0 0x0.0p+0 0x1.fffe000000000p+15",
    "0x0.0p+0 0x1.0000000000000p+0 0x1.fffe000000000p+15 0x1.fc00000000000p+6 0x1.ff00000000000p+15 0x1.fe00000000000p+7 0x1.0000000000000p+8 0x1.fffc000000000p+14 0x1.0000000000000p+15 0x1.fffe000000000p+15 0x1.fffe000000000p+15 0x0.0p+0 0x1.fffe000000000p+15 0x1.0000000000000p+0 0x0.0p+0 0x1.fffe000000000p+15" },
  { "0 1 1 1 1 1 1 1 1 1 1 1 1 1 0 1",
    "0 1 -1 127 -128 -1 0 -1 0 -1 -1 0 -1 1 0 -1",
    "0 1 -1 127 -128 255 256 32767 -32768 -1 -1 0 -1 1 0 -1",
    "0 1 -1 127 -128 255 256 32767 -32768 65535 2147483647 -2147483648 -1 1 0 -1",
    "0 1 4294967295 127 4294967168 255 256 32767 4294934528 65535 2147483647 2147483648 4294967295 1 0 4294967295",
    "0 1 255 127 128 255 0 255 0 255 255 0 255 1 0 255",
    "0 1 65535 127 65408 255 256 32767 32768 65535 65535 0 65535 1 0 65535",
    "0 1 4294967295 127 4294967168 255 256 32767 4294934528 65535 2147483647 2147483648 4294967295 1 0 4294967295",
    "0 1 4294967295 127 4294967168 255 256 32767 4294934528 65535 2147483647 2147483648 4294967295 1 0 4294967295",
    "0x0.0p+0 0x1.0000000000000p+0 inf 0x1.fc00000000000p+6 inf 0x1.fe00000000000p+7 0x1.0000000000000p+8 0x1.0000000000000p+15 inf inf inf inf inf 0x1.0000000000000p+0 0x0.0p+0 inf",
    "0x0.0p+0 0x1.0000000000000p+0 0x1.0000000000000p+32 0x1.fc00000000000p+6 0x1.0000000000000p+32 0x1.fe00000000000p+7 0x1.0000000000000p+8 0x1.fffc000000000p+14 0x1.ffff000000000p+31 0x1.fffe000000000p+15 0x1.0000000000000p+31 0x1.0000000000000p+31 0x1.0000000000000p+32 0x1.0000000000000p+0 0x0.0p+0 0x1.0000000000000p+32",
    "0x0.0p+0 0x1.0000000000000p+0 0x1.fffffffe00000p+31 0x1.fc00000000000p+6 0x1.ffffff0000000p+31 0x1.fe00000000000p+7 0x1.0000000000000p+8 0x1.fffc000000000p+14 0x1.ffff000000000p+31 0x1.fffe000000000p+15 0x1.fffffffc00000p+30 0x1.0000000000000p+31 0x1.fffffffe00000p+31 0x1.0000000000000p+0 0x0.0p+0 0x1.fffffffe00000p+31" },
  { "0 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1",
    "0 1 -1 127 -128 -1 0 -1 0 -1 -1 0 -1 1 0 -1",
    "0 1 -1 127 -128 255 256 32767 -32768 -1 -1 0 -1 1 0 -1",
    "0 1 -1 127 -128 255 256 32767 -32768 65535 2147483647 -2147483648 -1 1 0 -1",
    "0 1 -1 127 -128 255 256 32767 -32768 65535 2147483647 -2147483648 4294967295 9007199254740993 -9223372036854775808 9223372036854775807",
    "0 1 255 127 128 255 0 255 0 255 255 0 255 1 0 255",
    "0 1 65535 127 65408 255 256 32767 32768 65535 65535 0 65535 1 0 65535",
    "0 1 4294967295 127 4294967168 255 256 32767 4294934528 65535 2147483647 2147483648 4294967295 1 0 4294967295",
    "0 1 18446744073709551615 127 18446744073709551488 255 256 32767 18446744073709518848 65535 2147483647 18446744071562067968 4294967295 9007199254740993 9223372036854775808 9223372036854775807",
    "0x0.0p+0 0x1.0000000000000p+0 inf 0x1.fc00000000000p+6 inf 0x1.fe00000000000p+7 0x1.0000000000000p+8 0x1.0000000000000p+15 inf inf inf inf inf inf inf inf",
    "0x0.0p+0 0x1.0000000000000p+0 0x1.0000000000000p+64 0x1.fc00000000000p+6 0x1.0000000000000p+64 0x1.fe00000000000p+7 0x1.0000000000000p+8 0x1.fffc000000000p+14 0x1.0000000000000p+64 0x1.fffe000000000p+15 0x1.0000000000000p+31 0x1.0000000000000p+64 0x1.0000000000000p+32 0x1.0000000000000p+53 0x1.0000000000000p+63 0x1.0000000000000p+63",
    "0x0.0p+0 0x1.0000000000000p+0 0x1.0000000000000p+64 0x1.fc00000000000p+6 0x1.0000000000000p+64 0x1.fe00000000000p+7 0x1.0000000000000p+8 0x1.fffc000000000p+14 0x1.ffffffffffff0p+63 0x1.fffe000000000p+15 0x1.fffffffc00000p+30 0x1.ffffffff00000p+63 0x1.fffffffe00000p+31 0x1.0000000000000p+53 0x1.0000000000000p+63 0x1.0000000000000p+63" },
  { "0 0 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 0",
    "0 0 1 -1 2 -2 * * * * * * * * 1 0 * * * 0 0",
    "0 0 1 -1 2 -2 255 256 * * * * * * 1 0 * * * 0 0",
    "0 0 1 -1 2 -2 255 256 65504 * * * * * 1 0 * * * 0 0",
    "0 0 1 -1 2 -2 255 256 65504 * * * * * 1 0 * * * 0 0",
    "0 0 1 * 2 * 255 * * * * * * * 1 0 * * * 0 0",
    "0 0 1 * 2 * 255 256 65504 * * * * * 1 0 * * * 0 0",
    "0 0 1 * 2 * 255 256 65504 * * * * * 1 0 * * * 0 0",
    "0 0 1 * 2 * 255 256 65504 * * * * * 1 0 * * * 0 0",
    "0x0.0p+0 -0x0.0p+0 0x1.8000000000000p+0 -0x1.8000000000000p+0 0x1.4000000000000p+1 -0x1.5980000000000p+1 0x1.ffc0000000000p+7 0x1.0000000000000p+8 0x1.ffc0000000000p+15 inf inf -inf inf inf 0x1.0000000000000p+0 0x1.9980000000000p-4 nan inf -inf 0x1.0000000000000p-24 0x0.0p+0",
    "0x0.0p+0 -0x0.0p+0 0x1.8000000000000p+0 -0x1.8000000000000p+0 0x1.4000000000000p+1 -0x1.5980000000000p+1 0x1.ffc0000000000p+7 0x1.0000000000000p+8 0x1.ffc0000000000p+15 inf inf -inf inf inf 0x1.0000000000000p+0 0x1.9980000000000p-4 nan inf -inf 0x1.0000000000000p-24 0x0.0p+0",
    "0x0.0p+0 -0x0.0p+0 0x1.8000000000000p+0 -0x1.8000000000000p+0 0x1.4000000000000p+1 -0x1.5980000000000p+1 0x1.ffc0000000000p+7 0x1.0000000000000p+8 0x1.ffc0000000000p+15 inf inf -inf inf inf 0x1.0000000000000p+0 0x1.9980000000000p-4 nan inf -inf 0x1.0000000000000p-24 0x0.0p+0" },
  { "0 0 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1",
    "0 0 1 -1 2 -2 * * * * * * * * 1 0 * * * 0 0",
    "0 0 1 -1 2 -2 255 256 * * * * * * 1 0 * * * 0 0",
    "0 0 1 -1 2 -2 255 256 65504 65520 * * * * 1 0 * * * 0 0",
    "0 0 1 -1 2 -2 255 256 65504 65520 10000000000 -10000000000 * * 1 0 * * * 0 0",
    "0 0 1 * 2 * 255 * * * * * * * 1 0 * * * 0 0",
    "0 0 1 * 2 * 255 256 65504 65520 * * * * 1 0 * * * 0 0",
    "0 0 1 * 2 * 255 256 65504 65520 * * * * 1 0 * * * 0 0",
    "0 0 1 * 2 * 255 256 65504 65520 10000000000 * * * 1 0 * * * 0 0",
    "0x0.0p+0 -0x0.0p+0 0x1.8000000000000p+0 -0x1.8000000000000p+0 0x1.4000000000000p+1 -0x1.5980000000000p+1 0x1.ffc0000000000p+7 0x1.0000000000000p+8 0x1.ffc0000000000p+15 inf inf -inf inf inf 0x1.0000000000000p+0 0x1.9980000000000p-4 nan inf -inf 0x1.0000000000000p-24 0x0.0p+0",
    "0x0.0p+0 -0x0.0p+0 0x1.8000000000000p+0 -0x1.8000000000000p+0 0x1.4000000000000p+1 -0x1.59999a0000000p+1 0x1.ffcccc0000000p+7 0x1.0000000000000p+8 0x1.ffc0000000000p+15 0x1.ffe0000000000p+15 0x1.2a05f20000000p+33 -0x1.2a05f20000000p+33 0x1.ff933c0000000p+127 inf 0x1.0000020000000p+0 0x1.99999a0000000p-4 nan inf -inf 0x1.0000000000000p-24 0x1.fff5ca0000000p-26",
    "0x0.0p+0 -0x0.0p+0 0x1.8000000000000p+0 -0x1.8000000000000p+0 0x1.4000000000000p+1 -0x1.59999a0000000p+1 0x1.ffcccc0000000p+7 0x1.0000000000000p+8 0x1.ffc0000000000p+15 0x1.ffe0000000000p+15 0x1.2a05f20000000p+33 -0x1.2a05f20000000p+33 0x1.ff933c0000000p+127 inf 0x1.0000020000000p+0 0x1.99999a0000000p-4 nan inf -inf 0x1.0000000000000p-24 0x1.fff5ca0000000p-26" },
  { "0 0 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1",
    "0 0 1 -1 2 -2 * * * * * * * * 1 0 * * * 0 0",
    "0 0 1 -1 2 -2 255 256 * * * * * * 1 0 * * * 0 0",
    "0 0 1 -1 2 -2 255 256 65504 65520 * * * * 1 0 * * * 0 0",
    "0 0 1 -1 2 -2 255 256 65504 65520 10000000000 -10000000000 * * 1 0 * * * 0 0",
    "0 0 1 * 2 * 255 * * * * * * * 1 0 * * * 0 0",
    "0 0 1 * 2 * 255 256 65504 65520 * * * * 1 0 * * * 0 0",
    "0 0 1 * 2 * 255 256 65504 65520 * * * * 1 0 * * * 0 0",
    "0 0 1 * 2 * 255 256 65504 65520 10000000000 * * * 1 0 * * * 0 0",
    "0x0.0p+0 -0x0.0p+0 0x1.8000000000000p+0 -0x1.8000000000000p+0 0x1.4000000000000p+1 -0x1.5980000000000p+1 0x1.ffc0000000000p+7 0x1.0000000000000p+8 0x1.ffc0000000000p+15 inf inf -inf inf inf 0x1.0000000000000p+0 0x1.9980000000000p-4 nan inf -inf 0x1.0000000000000p-24 0x0.0p+0",
    "0x0.0p+0 -0x0.0p+0 0x1.8000000000000p+0 -0x1.8000000000000p+0 0x1.4000000000000p+1 -0x1.59999a0000000p+1 0x1.ffcccc0000000p+7 0x1.0000000000000p+8 0x1.ffc0000000000p+15 0x1.ffe0000000000p+15 0x1.2a05f20000000p+33 -0x1.2a05f20000000p+33 0x1.ff933c0000000p+127 inf 0x1.0000020000000p+0 0x1.99999a0000000p-4 nan inf -inf 0x1.0000000000000p-24 0x1.fff5ca0000000p-26",
    "0x0.0p+0 -0x0.0p+0 0x1.8000000000000p+0 -0x1.8000000000000p+0 0x1.4000000000000p+1 -0x1.599999999999ap+1 0x1.ffccccccccccdp+7 0x1.0000000000000p+8 0x1.ffc0000000000p+15 0x1.ffe0000000000p+15 0x1.2a05f20000000p+33 -0x1.2a05f20000000p+33 0x1.ff933c78cdfadp+127 0x1.7e43c8800759cp+996 0x1.000001ad7f29bp+0 0x1.999999999999ap-4 nan inf -inf 0x1.0000000000000p-24 0x1.fff5c939522dbp-26" },
};

static const gint64 INTS[16] = {
  0, 1, -1, 127, -128, 255, 256, 32767, -32768, 65535, G_MAXINT32,
  G_MININT32, G_MAXUINT32, G_GINT64_CONSTANT (9007199254740993), G_MININT64, G_MAXINT64,
};
static const double FLOATS[21] = {
  0.0, -0.0, 1.5, -1.5, 2.5, -2.7, 255.9, 256.0, 65504.0, 65520.0, 1e10, -1e10,
  3.4e38, 1e300, 1.0000001, 0.1, NAN, INFINITY, -INFINITY, 5.960464477539063e-08, 2.98e-08,
};

/* The source values in @dtype, built with plain C (not with the loops under
 * test): ints wrap, floats round through the platform's conversions. */
static gint64
make_source (PlDType dtype, guint8 *out)
{
  gsize isz = pl_dtype_itemsize (dtype);

  if (dtype == PL_DTYPE_BOOL)
    {
      out[0] = 1; out[1] = 0; out[2] = 1;
      return 3;
    }
  if (pl_dtype_kind (dtype) == PL_DTYPE_KIND_FLOAT)
    {
      for (int i = 0; i < 21; i++)
        {
          if (dtype == PL_DTYPE_FLOAT64)
            memcpy (out + i * isz, &FLOATS[i], isz);
          else if (dtype == PL_DTYPE_FLOAT32)
            {
              float f = (float) FLOATS[i];
              memcpy (out + i * isz, &f, isz);
            }
          else
            {
              guint16 h = pl_double_to_half (FLOATS[i]);
              memcpy (out + i * isz, &h, isz);
            }
        }
      return 21;
    }
  for (int i = 0; i < 16; i++)
    {
      guint64 u = (guint64) INTS[i];

      /* Little-endian truncation is C's wrapping conversion. */
      memcpy (out + i * isz, &u, isz);
    }
  return 16;
}

static void
check_element (PlDType     to,
               const guint8 *p,
               const char  *expected,
               const char  *what)
{
  if (g_str_equal (expected, "*"))
    return;
  if (pl_dtype_kind (to) == PL_DTYPE_KIND_FLOAT)
    {
      double e = g_ascii_strtod (expected, NULL), v;

      if (to == PL_DTYPE_FLOAT64)
        memcpy (&v, p, 8);
      else if (to == PL_DTYPE_FLOAT32)
        {
          float f;
          memcpy (&f, p, 4);
          v = f;
        }
      else
        v = pl_half_to_float (*(const guint16 *) p);
      if (!(v == e && signbit (v) == signbit (e)) && !(isnan (v) && isnan (e)))
        g_error ("%s: NumPy gives %s, we give %a", what, expected, v);
    }
  else if (to == PL_DTYPE_UINT64)
    {
      guint64 v;

      memcpy (&v, p, 8);
      if (v != g_ascii_strtoull (expected, NULL, 10))
        g_error ("%s: NumPy gives %s, we give %" G_GUINT64_FORMAT, what, expected, v);
    }
  else
    {
      PlScalar s = pl_dtype_load (to, p);
      gint64 v = s.kind == PL_DTYPE_KIND_BOOL ? s.b : s.i;

      if (v != g_ascii_strtoll (expected, NULL, 10))
        g_error ("%s: NumPy gives %s, we give %" G_GINT64_FORMAT, what, expected, v);
    }
}

static void
test_cast_table (void)
{
  guint n_checked = 0;

  for (int from = 0; from < PL_N_DTYPES; from++)
    for (int to = 0; to < PL_N_DTYPES; to++)
      {
        guint8 src[21 * 8], dst[21 * 8], rev_dst[2 * 21 * 8];
        gint64 n = make_source (from, src);
        g_auto(GStrv) expected = g_strsplit (cast_table[from][to], " ", -1);
        PlCastLoop loop = pl_cast_get_loop (from, to);
        gsize tsz = pl_dtype_itemsize (to), fsz = pl_dtype_itemsize (from);

        g_assert_cmpint (g_strv_length (expected), ==, n);

        /* Contiguous. */
        loop (src, (gint64) fsz, dst, (gint64) tsz, n);
        /* Strided: read backwards, write every other slot. */
        loop (src + (n - 1) * fsz, -(gint64) fsz, rev_dst, 2 * (gint64) tsz, n);

        for (gint64 i = 0; i < n; i++)
          {
            g_autofree char *what = g_strdup_printf ("%s -> %s [%" G_GINT64_FORMAT "]",
                                                     pl_dtype_name (from), pl_dtype_name (to), i);

            check_element (to, dst + i * tsz, expected[i], what);
            check_element (to, rev_dst + (n - 1 - i) * 2 * tsz, expected[i], what);
            n_checked++;
          }
      }
  g_assert_cmpuint (n_checked, >, 2000);
}

static PlArray *
arange (gint64 n, PlDType dtype)
{
  g_autoptr(GError) error = NULL;
  PlScalar start = pl_scalar_from_int (0), stop = pl_scalar_from_int (n), step = pl_scalar_from_int (1);
  PlArray *a = pl_array_arange (&start, &stop, &step, dtype, &error);

  g_assert_no_error (error);
  return a;
}

static void
assert_ints (PlArray *a, gint64 n, const gint64 *expected)
{
  g_assert_cmpint (pl_array_get_size (a), ==, n);
  for (gint64 i = 0; i < n; i++)
    g_assert_cmpint (pl_array_get_flat (a, i).i, ==, expected[i]);
}

static void
test_assign (void)
{
  g_autoptr(GError) error = NULL;
  gint64 shape[2] = { 2, 3 };
  g_autoptr(PlArray) m = pl_array_zeros (2, shape, PL_DTYPE_INT32, &error);
  g_autoptr(PlArray) row = arange (3, PL_DTYPE_FLOAT64);
  gint64 live = pl_alloc_get_live_bytes ();

  /* m[...] = [0., 1., 2.] + 0.7: broadcast and truncate (unsafe casting). */
  {
    PlScalar s = pl_scalar_from_double (0.7);
    g_autoptr(PlArray) d = pl_array_new_scalar (&s, PL_DTYPE_NONE);
    g_autoptr(PlArray) r = pl_ufunc_binary (PL_BINOP_ADD, row, d, NULL, PL_DTYPE_NONE, &error);

    live = pl_alloc_get_live_bytes ();
    g_assert_true (pl_array_assign (m, r, &error));
    g_assert_no_error (error);
    assert_ints (m, 6, (gint64[]) { 0, 1, 2, 0, 1, 2 });
    /* No allocation for a non-overlapping value. */
    g_assert_cmpint (pl_alloc_get_live_bytes (), ==, live);
  }

  /* A (1, 3) value into a (3,) destination: leading 1s are dropped. */
  {
    gint64 s13[2] = { 1, 3 };
    g_autoptr(PlArray) v = pl_array_full (2, s13, (PlScalar[]) { pl_scalar_from_int (9) }, PL_DTYPE_INT64, &error);
    g_autoptr(PlArray) dst = arange (3, PL_DTYPE_INT16);

    g_assert_true (pl_array_assign (dst, v, &error));
    assert_ints (dst, 3, (gint64[]) { 9, 9, 9 });
  }

  /* Shapes that do not broadcast. */
  {
    g_autoptr(PlArray) v = arange (4, PL_DTYPE_INT64);

    g_assert_false (pl_array_assign (m, v, &error));
    g_assert_error (error, PL_ERROR, PL_ERROR_VALUE);
    g_assert_cmpstr (error->message, ==, "could not broadcast input array from shape (4,) into shape (2,3)");
    g_clear_error (&error);
  }

  /* A safe-casting assignment refuses float64 into int32. */
  g_assert_false (pl_array_assign_casting (m, row, PL_CASTING_SAFE, &error));
  g_assert_error (error, PL_ERROR, PL_ERROR_TYPE);
  g_assert_cmpstr (error->message, ==, "Cannot cast array data from dtype('float64') to dtype('int32') according to the rule 'safe'");
  g_clear_error (&error);

  /* Read-only destinations. */
  {
    g_autoptr(PlArray) ro = arange (3, PL_DTYPE_FLOAT64);

    ro->flags &= ~PL_ARRAY_FLAG_WRITEABLE;
    g_assert_false (pl_array_assign (ro, row, &error));
    g_assert_cmpstr (error->message, ==, "assignment destination is read-only");
    g_clear_error (&error);
  }

  /* x[1:] = x[:-1] overlaps: the value is copied first (NumPy's result). */
  {
    g_autoptr(PlArray) x = arange (6, PL_DTYPE_INT64);
    PlIndex tail = { .kind = PL_INDEX_SLICE, .has_start = TRUE, .start = 1 };
    PlIndex head = { .kind = PL_INDEX_SLICE, .has_stop = TRUE, .stop = -1 };
    g_autoptr(PlArray) xt = pl_array_get_item (x, &tail, 1, &error);
    g_autoptr(PlArray) xh = pl_array_get_item (x, &head, 1, &error);

    g_assert_true (pl_array_assign (xt, xh, &error));
    assert_ints (x, 6, (gint64[]) { 0, 0, 1, 2, 3, 4 });
    g_assert_true (pl_arrays_may_share_memory (xt, xh));
    g_assert_true (pl_array_assign (xt, xt, &error));   /* identical: nothing to do */
  }

  /* A reversed view into a transposed one. */
  {
    g_autoptr(PlArray) x = arange (6, PL_DTYPE_INT64);
    g_autoptr(PlArray) mm = pl_array_reshape (x, 2, shape, &error);
    gint64 s32[2] = { 3, 2 };
    g_autoptr(PlArray) dst = pl_array_zeros (2, s32, PL_DTYPE_FLOAT32, &error);
    g_autoptr(PlArray) t = pl_array_transpose (dst, 0, NULL, &error);
    PlIndex rev[2] = { { .kind = PL_INDEX_SLICE, .has_step = TRUE, .step = -1 },
                       { .kind = PL_INDEX_SLICE, .has_step = TRUE, .step = -1 } };
    g_autoptr(PlArray) src = pl_array_get_item (mm, rev, 2, &error);

    g_assert_true (pl_array_assign (t, src, &error));
    /* dst = src.T: [[5, 2], [4, 1], [3, 0]] */
    for (int i = 0; i < 6; i++)
      g_assert_cmpfloat (pl_array_get_flat (dst, i).f, ==, ((double[]) { 5, 2, 4, 1, 3, 0 })[i]);
  }
}

static void
test_can_cast_names (void)
{
  g_assert_cmpstr (pl_casting_name (PL_CASTING_NO), ==, "no");
  g_assert_cmpstr (pl_casting_name (PL_CASTING_EQUIV), ==, "equiv");
  g_assert_cmpstr (pl_casting_name (PL_CASTING_SAFE), ==, "safe");
  g_assert_cmpstr (pl_casting_name (PL_CASTING_UNSAFE), ==, "unsafe");
  g_assert_true (pl_can_cast (PL_DTYPE_INT8, PL_DTYPE_INT8, PL_CASTING_EQUIV));
  g_assert_false (pl_can_cast (PL_DTYPE_INT8, PL_DTYPE_INT16, PL_CASTING_EQUIV));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cast/table", test_cast_table);
  g_test_add_func ("/cast/assign", test_assign);
  g_test_add_func ("/cast/casting-names", test_can_cast_names);

  return g_test_run ();
}
