from functools import partial

import numpy as np
import numexpr as ne


def scaled(n, factor=2.0, dtype=np.float64):
    a = np.ones(n, dtype=dtype)
    return a * factor

utils.analyze_memory(partial(np.ones, 1_000_000), partial(np.zeros, (500, 2000)), partial(np.arange, 1_000_000))
utils.analyze_memory(partial(scaled, 1_000_000), partial(scaled, 1_000_000, dtype=np.float32), partial(scaled, n=1_000_000, factor=3))
