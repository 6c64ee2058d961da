from functools import partial

import numpy as np
import numexpr as ne


def main(x, i32, neg):
    a = x[i32]
    b = x[neg]
    c = x[-5:]
    d = x[i32[:10]]
    print(a.shape, b[:3], c, d.dtype)

utils.analyze_memory(partial(main, np.arange(8_000_000, dtype=np.float64), np.arange(1_000_000, dtype=np.int32) * 2, -np.arange(1, 1_000_001)))
