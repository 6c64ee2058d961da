from functools import partial

import numpy as np
import numexpr as ne


def main(x):
    a = x & 0xFF
    b = x | (x << 2)
    c = ~x
    d = x ^ 3
    e = x >> 1
    print(a.dtype, b.dtype, c.dtype, d.dtype, e[:3])

utils.analyze_memory(partial(main, np.arange(1_000_000, dtype=np.int64)))
