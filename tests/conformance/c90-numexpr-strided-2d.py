from functools import partial

import numpy as np
import numexpr as ne


def main(m, r, i):
    a = ne.evaluate("m * 2 + 1")
    s = m[::2, ::3]
    b = ne.evaluate("s * s")
    c = ne.evaluate("m + r")
    v = i[::2]
    d = ne.evaluate("v * 1.5")
    e = ne.evaluate("i + 1")
    print(a.shape, b.shape, c.shape, d.dtype, e.dtype)

utils.analyze_memory(partial(main, np.ones((500, 2000)), np.arange(2000.0), np.arange(1_000_000, dtype=np.int32)))
