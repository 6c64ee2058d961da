from functools import partial

import numpy as np
import numexpr as ne


def main(x):
    y = x
    y = y + 1
    z = x
    z += 1
    w = x[:]
    w = w * 2
    v = x.T
    v *= 3
    x = None
    print(y[:2], z[:2], w[:2], v[:2])

utils.analyze_memory(partial(main, np.ones(1_000_000)))
