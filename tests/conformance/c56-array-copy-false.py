from functools import partial

import numpy as np
import numexpr as ne


def main(x, v):
    a = np.array(x, copy=False, dtype=np.float32)
    b = np.array(v, copy=False)
    c = np.asarray(x, dtype=np.float64)
    d = np.asarray(v)
    e = np.array(v)
    f = np.ascontiguousarray(v)
    print(a.dtype, b is v, c is x, d is v, e.shape, f.shape)

utils.analyze_memory(partial(main, np.ones(1_000_000), np.ones(1_000_000)[::2]))
