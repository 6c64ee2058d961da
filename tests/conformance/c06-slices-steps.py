from functools import partial

import numpy as np
import numexpr as ne


def main(x):
    a = x[::2]
    b = x[::-1]
    c = x[10:-10:3]
    d = x[::-3]
    e = a.copy()
    f = d.copy()
    print(a.shape, b.shape, c.shape, d.shape, e.nbytes, f.nbytes, b[:3])

utils.analyze_memory(partial(main, np.arange(1_000_000, dtype=np.float64)))
