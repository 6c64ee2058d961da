from functools import partial

import numpy as np
import numexpr as ne


def main(n):
    for i in range(3):
        a = np.ones(n)
        b = a + i
    c = np.zeros(n)
    for j in range(2):
        c += b
    del a, b

utils.analyze_memory(partial(main, 1_000_000))
