from functools import partial

import numpy as np
import numexpr as ne


def main(n):
    a = np.full(n, 3.5, dtype=np.int32)
    b = np.empty(n)
    b.fill(2)
    c = np.full((2000, 500), np.nan)
    d = np.zeros(n, dtype=np.uint8)
    d[:] = 255
    e = np.ones(n, dtype=bool)
    print(a[:2], b[:2], c.dtype, d[:2], e.sum())

utils.analyze_memory(partial(main, 1_000_000))
