from functools import partial

import numpy as np
import numexpr as ne


def main(x):
    a = np.where(x > 0.5, x, 0.0)
    b = np.where(x > 0.5, 1.0, x)
    c = x > 0.5
    d = np.logical_and(x > 0.1, x < 0.9)
    e = (x == 1) | (x == 0)
    print(a.shape, b.shape, c.dtype, d.dtype, e.dtype)

utils.analyze_memory(partial(main, np.arange(1_000_000) / 1_000_000))
