from functools import partial

import numpy as np
import numexpr as ne


def main(m, r, i):
    m += r
    m *= r[::-1]
    m -= 1
    i += 1.5
    print(m[0, :2], i.dtype)

utils.analyze_memory(partial(main, np.ones((500, 2000)), np.arange(2000, dtype=np.float64), np.ones(1_000_000, dtype=np.float64)))
