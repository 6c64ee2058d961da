from functools import partial

import numpy as np
import numexpr as ne


def main(x):
    a = x.reshape((4000, 2000))
    b = a[:, :1000]
    c = b.reshape(-1)
    d = a.T.reshape(2000, 4000)
    e = np.reshape(x, (100, 80000))
    f = a.reshape(2000, 2, 2000)[:, 0]
    g = f.flatten()
    print(c.shape, d.shape, e.shape, f.shape, g.shape)

utils.analyze_memory(partial(main, np.ones(8_000_000)))
