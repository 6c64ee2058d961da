from functools import partial

import numpy as np
import numexpr as ne


def main(x, n):
    total = 0.0
    for i in range(n):
        y = x * i
        total += y.sum()
    print(total)

utils.analyze_memory(partial(main, np.ones(1_000_000), 4))
