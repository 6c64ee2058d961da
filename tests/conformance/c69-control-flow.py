from functools import partial

import numpy as np
import numexpr as ne


def main(x, n):
    k = 0
    out = None
    while k < n:
        if k % 2 == 0:
            out = x * k
        else:
            out = x + k
        k += 1
    if out is None:
        return None
    return out

utils.analyze_memory(partial(main, np.ones(1_000_000), 4))
