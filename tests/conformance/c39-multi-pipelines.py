from functools import partial

import numpy as np
import numexpr as ne


def f1(n):
    a = np.ones(n)
    return a

def f2(n):
    a = np.ones(n)
    b = a * 2
    return b[::2]

def f3(n):
    a = np.zeros(n)
    a[1:] = a[:-1] + 1

utils.analyze_memory(partial(f1, 1_000_000), partial(f2, 1_000_000), partial(f3, 1_000_000))
