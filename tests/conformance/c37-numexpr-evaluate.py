from functools import partial

import numpy as np
import numexpr as ne


def main(x, y):
    a = ne.evaluate("x * 2 + y")
    b = ne.evaluate("sin(x) ** 2 + cos(y) ** 2")
    c = ne.evaluate("where(x > y, x, y)")
    d = ne.evaluate("sum(x * y)")
    print(a.dtype, b.shape, c.shape, d)

utils.analyze_memory(partial(main, np.ones(1_000_000), np.arange(1_000_000, dtype=np.float64)))
