from functools import partial

import numpy as np
import numexpr as ne


def main(m, rows, cols):
    a = m[rows]
    b = m[:, cols]
    c = m[rows, cols]
    d = m[m > 0.5]
    m[rows] = 0
    m[:, cols] = 1
    print(a.shape, b.shape, c.shape, d.shape)

utils.analyze_memory(partial(main, np.ones((500, 2000)), np.arange(0, 500, 2), np.arange(0, 2000, 8)))
