from functools import partial

import numpy as np
import numexpr as ne


def f(n):
    a = np.ones(n)
    b = a[::2] * 2

def g(n):
    a = np.zeros(n, dtype=np.int32)
    a += 1

utils.analyze_memory(partial(f, 1_000_000), partial(g, 1_000_000))
utils.analyze_memory(partial(g, 1_000_000))
