from functools import partial

import numpy as np
import numexpr as ne


def main(x):
    y = x * 2 + 3
    z = (x + 1) * (x + 2)
    w = -x + 5
    v = 2 * x + x * 3 + 1
    print(y[:3], z[:3], w[:3], v[:3])

utils.analyze_memory(partial(main, np.ones(1_000_000)))
