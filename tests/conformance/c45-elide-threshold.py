from functools import partial

import numpy as np
import numexpr as ne


def small(x):
    y = x * 2 + 1
    z = (x + 1) * 2 - 3
    return y

utils.analyze_memory(partial(small, np.ones(32_767)), partial(small, np.ones(32_768)), partial(small, np.ones(40_000)))
