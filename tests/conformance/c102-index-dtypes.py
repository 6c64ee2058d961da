from functools import partial

import numpy as np
import numexpr as ne


def main(x, i16, u32, i64):
    a = x[i16]
    b = x[u32]
    c = x[i64[::2]]
    x[i16] = 1.0
    x[u32] += 2.0
    m = x[i64] > 1
    d = x[i64][m]
    print(a.shape, b.shape, c.shape, d.shape)

utils.analyze_memory(partial(main, np.ones(1_000_000), np.arange(30_000, dtype=np.int16), np.arange(500_000, dtype=np.uint32), np.arange(0, 1_000_000, 3)))
