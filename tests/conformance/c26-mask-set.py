from functools import partial

import numpy as np
import numexpr as ne


def main(x, v):
    x[x > 0.5] = 0.0
    x[x < 0.25] = v[x < 0.25]
    m = x == 0
    x[m] = 1
    print(x.sum() > 0)

utils.analyze_memory(partial(main, np.arange(1_000_000) / 1_000_000, np.ones(1_000_000)))
