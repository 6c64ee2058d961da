from functools import partial

import numpy as np
import numexpr as ne


def main(x, f):
    a = x * 2 + 1.5
    b = (x + 1) * f
    c = (x > 3) + 1
    d = (f * 2).astype(np.float64) + 1
    print(a.dtype, b.dtype, c.dtype, d.dtype)

utils.analyze_memory(partial(main, np.ones(1_000_000, dtype=np.int32), np.ones(1_000_000, dtype=np.float32)))
