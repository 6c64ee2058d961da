from functools import partial

import numpy as np
import numexpr as ne


def main(x, y):
    a = ne.evaluate("sum(x)")
    b = ne.evaluate("prod(y / y)")
    c = ne.evaluate("exp(-x) * log(y + 1)")
    d = ne.evaluate("arctan2(x, y) + abs(x - y)")
    e = ne.evaluate("x ** 2 + y ** 0.5")
    print(a, b, c.shape, d.shape, e.dtype)

utils.analyze_memory(partial(main, np.linspace(0, 1, 1_000_000), np.arange(1, 1_000_001, dtype=np.float64)))
