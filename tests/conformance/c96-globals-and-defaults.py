from functools import partial

import numpy as np
import numexpr as ne


BIG = np.ones(1_000_000)
OFFSET = 3

def helper(x, k=2):
    return x * k + OFFSET

def main(scale=1.5):
    a = BIG * scale
    b = helper(BIG)
    c = helper(a, k=4)
    d = BIG[::2]
    return d

utils.analyze_memory(main, partial(main, 2.0))
