from functools import partial

import numpy as np
import numexpr as ne


def kernel(a, b):
    return ne.evaluate("a * b + 2")

def main(x, y, n):
    total = 0.0
    for _ in range(n):
        z = kernel(x, y)
        total += z.sum()
    f = ne.NumExpr("a + b * 3")
    for _ in range(n):
        w = f(x, y)
    print(total, w[:2])

utils.analyze_memory(partial(main, np.ones(1_000_000), np.ones(1_000_000), 3))
