from functools import partial

import numpy as np
import numexpr as ne


def main(x, idx):
    x[idx] = 5.0
    x[idx] = x[idx] + 1
    x[[0, 1, 2]] = -1
    x[np.arange(0, 8_000_000, 2)] = 0
    print(x[:4])

utils.analyze_memory(partial(main, np.zeros(8_000_000), np.arange(1_000_000) * 7))
