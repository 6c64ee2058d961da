from functools import partial

import numpy as np
import numexpr as ne


def main(x16, x32):
    a = x16 * 2
    b = x32 * 2.0
    c = x16 + 1000000
    d = x16 / 2
    e = x32 + 1
    print(a.dtype, b.dtype, c.dtype, d.dtype, e.dtype)

utils.analyze_memory(partial(main, np.ones(1_000_000, dtype=np.int16), np.ones(1_000_000, dtype=np.float32)))
