from functools import partial

import numpy as np
import numexpr as ne


def main(m, r, col):
    a = (r + 1) + m
    b = (col * 2) * m
    c = m + r + col
    print(a.shape, b.shape, c.shape)

utils.analyze_memory(partial(main, np.ones((500, 2000)), np.ones(2000), np.ones((500, 1))))
