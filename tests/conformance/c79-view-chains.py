from functools import partial

import numpy as np
import numexpr as ne


def main(x):
    a = x[1::2][::-1]
    b = x.reshape(4000, 2000).T[::2]
    c = a[::3]
    del x
    d = c.copy()
    e = b.copy()
    print(a.shape, b.shape, c.shape, d.shape, e.shape)

utils.analyze_memory(partial(main, np.ones(8_000_000)))
