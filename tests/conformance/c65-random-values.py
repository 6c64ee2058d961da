from functools import partial

import numpy as np
import numexpr as ne


def main(n):
    np.random.seed(42)
    a = np.random.random(n)
    b = np.random.rand(3)
    c = np.random.randn(4)
    np.random.seed(7)
    d = np.random.random((2, 3))
    e = np.random.rand(1000, 1000)
    f = np.random.randn(n)
    print(a[:3], a[-1])
    print(b)
    print(c)
    print(d)
    print(e.shape, round(float(f.mean()), 6))

utils.analyze_memory(partial(main, 1_000_000))
