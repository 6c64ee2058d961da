from functools import partial

import numpy as np
import numexpr as ne


def main(n):
    a = np.ones(n)
    b = a * 2
    a = b + 1
    del b
    b = a
    a = None
    c = np.zeros(n)
    c = c + 1
    del c

utils.analyze_memory(partial(main, 1_000_000))
