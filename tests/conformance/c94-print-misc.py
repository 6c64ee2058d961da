from functools import partial

import numpy as np
import numexpr as ne


def main(n):
    a = np.arange(n).reshape(10, -1)
    print(a[:2, :5])
    print(a[:, 0])
    print(a.T[:3, :3])
    b = np.linspace(-1, 1, n, dtype=np.float32)
    print(b[:4], b[-1], b.dtype)
    c = np.ones((2, 3, 4), dtype=np.int8)
    print(c)
    print(np.arange(1_000).reshape(10, 100))
    print(np.array([1.123456789, 2.0]), np.array([100000000.0, 1.5]))
    print("sum:", a.sum(), f"{b.max():.2f}", str(a.shape))

utils.analyze_memory(partial(main, 1_000_000))
