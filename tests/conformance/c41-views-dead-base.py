from functools import partial

import numpy as np
import numexpr as ne


def main(n):
    a = np.ones(n)
    b = a[::2]
    del a
    c = b.copy()
    b = None
    d = np.ones(n)[::4]
    e = d.copy()
    del d

utils.analyze_memory(partial(main, 1_000_000))
