from functools import partial

import numpy as np
import numexpr as ne


def main(x, i):
    a = x ** 2
    b = x ** 0.5
    c = i ** 2
    d = i % 3
    e = np.power(x, 3)
    f = -i
    g = abs(x - 0.5)
    print(a.dtype, b.dtype, c.dtype, d.dtype, e.dtype, f.dtype, g.dtype)

utils.analyze_memory(partial(main, np.linspace(0, 1, 1_000_000), np.arange(1_000_000, dtype=np.int32)))
