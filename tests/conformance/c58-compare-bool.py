from functools import partial

import numpy as np
import numexpr as ne


def main(x, y):
    a = x == y
    b = (x < y) & (x > 0)
    c = ~(x > 2)
    d = np.logical_or(x > 1, y < 3)
    e = a.sum()
    f = np.any(b)
    g = np.all(c)
    print(a.dtype, b.nbytes, c.dtype, d.dtype, e, f, g)

utils.analyze_memory(partial(main, np.arange(1_000_000, dtype=np.float64), np.ones(1_000_000)))
