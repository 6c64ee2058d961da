from functools import partial

import numpy as np
import numexpr as ne


def main():
    a = np.arange(10)
    b = np.linspace(0, 1, 5)
    c = np.ones((3, 4), dtype=np.float32)
    d = np.arange(2_000_000)
    e = np.array([True, False, True])
    f = np.array([-1.5, 2.25, 1e10])
    g = np.array([np.nan, np.inf, -np.inf, 0.0])
    print(a)
    print(b)
    print(c)
    print(d)
    print(e, f, g)
    print(repr(a), repr(b))
    print(a.dtype, c.dtype, d.shape, d.nbytes, c.size, c.ndim)

utils.analyze_memory(main)
