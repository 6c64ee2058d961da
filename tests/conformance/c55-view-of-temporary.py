from functools import partial

import numpy as np
import numexpr as ne


def main(n):
    a = (np.ones(n) * 2)[::2]
    b = np.ones(n).reshape(1000, -1).T
    c = np.ones(n)[None, :][0]
    d = a.copy()
    del a
    e = b[0].copy()
    print(d.shape, e.shape, c.shape)

utils.analyze_memory(partial(main, 1_000_000))
