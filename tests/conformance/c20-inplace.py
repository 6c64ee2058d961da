from functools import partial

import numpy as np
import numexpr as ne


def main(x, y):
    x += 1
    x *= 2
    y -= x
    x /= 3
    y **= 2
    z = x
    z += y
    print(x[:2], y[:2])

utils.analyze_memory(partial(main, np.ones(1_000_000), np.ones(1_000_000)))
