from functools import partial

import numpy as np
import numexpr as ne


def step(x, k):
    y = x + k
    return y * 2

def main(x, n):
    r = x
    for k in range(n):
        r = step(r, k)
    for k in range(n):
        s = step(x, k)
        del s
    print(r[:2])

utils.analyze_memory(partial(main, np.ones(1_000_000), 3))
