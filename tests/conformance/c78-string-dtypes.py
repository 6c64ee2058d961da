from functools import partial

import numpy as np
import numexpr as ne


def main(n):
    a = np.zeros(n, dtype="float32")
    b = np.ones(n, dtype="int8")
    c = np.empty(n, dtype=float)
    d = np.ones(n, dtype=int)
    e = np.empty_like(a, dtype=np.float64)
    f = np.arange(n, dtype="uint16")
    print(a.dtype, b.dtype, c.dtype, d.dtype, e.dtype, f.dtype)

utils.analyze_memory(partial(main, 1_000_000))
