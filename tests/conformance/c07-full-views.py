from functools import partial

import numpy as np
import numexpr as ne


def main(x):
    a = x[:]
    b = x[...]
    c = x[None]
    d = x[:, None]
    e = x[np.newaxis, :]
    f = d.copy()
    print(a.shape, b.shape, c.shape, d.shape, e.shape, f.shape)

utils.analyze_memory(partial(main, np.ones(1_000_000)))
