from functools import partial

import numpy as np
import numexpr as ne


def main(x, i):
    a = np.where(x > 0.5, x, -1)
    b = np.where(i > 3, i, 0)
    c = np.where(x > 0.5, 1.0, 0.0)
    d = np.where(i > 3, x, i)
    print(a.dtype, b.dtype, c.dtype, d.dtype)

utils.analyze_memory(partial(main, np.linspace(0, 1, 1_000_000), np.arange(1_000_000, dtype=np.int32)))
