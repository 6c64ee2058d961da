from functools import partial

import numpy as np
import numexpr as ne


def main(i64, u16, f32):
    a = i64 * 1.5
    b = u16 - 70000
    c = f32 * np.float64(3.0)
    d = f32 + 2 ** 40
    e = i64 / np.int8(2)
    f = u16 * True
    print(a.dtype, b.dtype, c.dtype, d.dtype, e.dtype, f.dtype)

utils.analyze_memory(partial(main, np.ones(1_000_000, dtype=np.int64), np.ones(1_000_000, dtype=np.uint16), np.ones(1_000_000, dtype=np.float32)))
