from functools import partial

import numpy as np
import numexpr as ne


def main(n):
    a = np.empty(n)
    b = np.zeros(n, dtype=np.float32)
    c = np.ones(n, dtype=np.int16)
    d = np.full(n, 7, dtype=np.int32)
    e = np.full(n, 2.5)
    print(a.nbytes, b.dtype, c.dtype, d.dtype, e.dtype, d.sum(), e[:3])
    del a, b

utils.analyze_memory(partial(main, 1_000_000))
