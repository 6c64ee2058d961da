from functools import partial

import numpy as np
import numexpr as ne


def main(n):
    a = np.zeros(n, dtype=bool)
    b = np.empty(n, dtype=np.float16)
    c = np.arange(n, dtype=np.int8)
    d = np.linspace(0, 100, n, dtype=np.int32)
    e = np.linspace(0, 1, n, endpoint=False, dtype=np.float32)
    f = np.arange(0, n, 2.5)
    g = np.full(n, 1, dtype=np.float16)
    h = np.ones((n,), dtype=np.uint64)
    print(a.nbytes, b.nbytes, c[:3], c[-3:], d[-3:], e[-1], f.shape, g.dtype, h.dtype)

utils.analyze_memory(partial(main, 1_000_000))
