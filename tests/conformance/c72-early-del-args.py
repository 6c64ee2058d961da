from functools import partial

import numpy as np
import numexpr as ne


def main(x, y):
    z = x + y
    del x
    w = z * y
    del y, z
    return w

utils.analyze_memory(partial(main, np.ones(1_000_000), np.ones(1_000_000)))
