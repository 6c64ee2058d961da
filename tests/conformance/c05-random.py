from functools import partial

import numpy as np
import numexpr as ne


def main(n):
    np.random.seed(0)
    a = np.random.random(n)
    b = np.random.rand(n)
    c = np.random.randn(1_000_000)
    d = np.random.random((1000, 1000))
    print(a.shape, b.dtype, c.shape, d.shape)
    del a
    return b

utils.analyze_memory(partial(main, 1_000_000))
