from functools import partial

import numpy as np
import numexpr as ne


def main(x):
    a = np.add(x, 1, dtype=np.float32)
    b = np.multiply(x, x, dtype=np.float64)
    c = np.sqrt(x, dtype=np.float32)
    d = np.negative(x)
    e = np.maximum(x, 3)
    print(a.dtype, b.dtype, c.dtype, d.dtype, e.dtype)

utils.analyze_memory(partial(main, np.arange(1_000_000, dtype=np.int32)))
