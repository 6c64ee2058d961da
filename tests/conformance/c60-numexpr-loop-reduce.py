from functools import partial

import numpy as np
import numexpr as ne


def main(x, y, n):
    acc = 0.0
    for k in range(n):
        z = ne.evaluate("x * k + y")
        acc += ne.evaluate("sum(z)")
    f = ne.NumExpr("a * 2")
    w = f(x)
    print(acc, w.shape)

utils.analyze_memory(partial(main, np.ones(1_000_000), np.ones(1_000_000), 3))
