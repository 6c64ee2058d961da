from functools import partial

import numpy as np
import numexpr as ne


def main(x):
    for i in range(3):
        y = x[::i + 1]
        print(i, y.shape, y.sum(), y.flags["C_CONTIGUOUS"] if False else "")

utils.analyze_memory(partial(main, np.arange(1_000_000)))
