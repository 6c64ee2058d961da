from functools import partial

import numpy as np
import numexpr as ne


def main(x):
    a = x - (x * 2)
    b = x / (x + 1)
    c = 1 - (x * 2)
    d = 10 / (x + 1)
    e = x ** 2
    print(a[:2], b[:2], c[:2], d[:2], e[:2])

utils.analyze_memory(partial(main, np.ones(1_000_000)))
