from functools import partial

import numpy as np
import numexpr as ne


def main(i8, u8, i32, b):
    a = i8 + 200
    c = u8 + -1
    d = i32 * 2.5
    e = u8 * np.float32(2)
    f = b + b
    g = b * 2
    h = i8 + np.int64(1)
    print(a.dtype, c.dtype, d.dtype, e.dtype, f.dtype, g.dtype, h.dtype)

utils.analyze_memory(partial(main, np.ones(1_000_000, dtype=np.int8), np.ones(1_000_000, dtype=np.uint8), np.ones(1_000_000, dtype=np.int32), np.ones(1_000_000, dtype=bool)))
