from functools import partial

import numpy as np
import numexpr as ne


def main(m, rows, cols):
    a = m[rows]
    b = m[:, cols]
    m[rows] = 2.0
    m[m > 1.5] += 1
    c = m[rows, :][:, cols]
    print(a.shape, b.shape, c.shape, m.sum())

utils.analyze_memory(partial(main, np.ones((500, 2000)), np.arange(500) % 3 == 0, np.arange(2000) % 2 == 0))
