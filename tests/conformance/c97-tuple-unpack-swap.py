from functools import partial

import numpy as np
import numexpr as ne


def main(n):
    a, b = np.ones(n), np.zeros(n)
    a, b = b, a
    c = (a + 1, b * 2)
    x, y = c
    del c
    t = x.shape
    rows, = t
    print(rows, type(c) if False else "", x[:2], y[:2])

utils.analyze_memory(partial(main, 1_000_000))
