from functools import partial

import numpy as np
import numexpr as ne


def helper(x):
    t = x * 2
    return t + 1

def helper2(x):
    return helper(x) * helper(x)

def main(x):
    a = helper(x)
    b = helper2(x)
    c = helper(helper(x))
    print(a[:2], b[:2], c[:2])

utils.analyze_memory(partial(main, np.ones(1_000_000)))
