from functools import partial

import numpy as np
import numexpr as ne


def main():
    a = np.arange(0, 1, 0.1)
    b = np.linspace(0, 10, 7)
    c = np.linspace(0, 1, 5, endpoint=False)
    d = np.arange(10, 0, -3)
    e = np.arange(5.5)
    f = np.linspace(1, 2, 1_000_000, dtype=np.float32)
    g = np.arange(1_000_000, dtype=np.int16)
    print(a, a.shape)
    print(b)
    print(c)
    print(d, e)
    print(f.dtype, f[:3], g[-3:])

utils.analyze_memory(main)
