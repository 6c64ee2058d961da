from functools import partial

import numpy as np
import numexpr as ne


def main(h, u):
    a = h * 2
    b = h + 1.5
    c = u + 1
    d = u * 300
    e = u / 2
    print(a.dtype, b.dtype, c.dtype, d.dtype, e.dtype)

utils.analyze_memory(partial(main, np.ones(1_000_000, dtype=np.float16), np.ones(1_000_000, dtype=np.uint8)))
