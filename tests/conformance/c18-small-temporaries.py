from functools import partial

import numpy as np
import numexpr as ne


def main(x, n):
    for _ in range(n):
        y = x * 2 + 1
        z = (x + 1) * 3
    return y

utils.analyze_memory(partial(main, np.ones(20_000), 500))
