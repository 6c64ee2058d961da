from functools import partial

import numpy as np
import numexpr as ne


def main(x):
    a = x[5:2]
    b = x[::1_000_000]
    c = np.empty(0)
    d = x[x > 100]
    e = x.reshape(-1, 1)
    f = e[:, 0]
    print(a.shape, b, c.shape, d.shape, e.shape, f.shape, a.sum())

utils.analyze_memory(partial(main, np.ones(1_000_000)))
