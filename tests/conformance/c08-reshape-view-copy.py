from functools import partial

import numpy as np
import numexpr as ne


def main(x):
    a = x.reshape(2000, 4000)
    b = a.T
    c = b.reshape(-1)
    d = a.reshape(4000, 2000)
    e = a[:, ::2].reshape(-1)
    print(a.shape, b.shape, c.shape, d.shape, e.shape)

utils.analyze_memory(partial(main, np.ones(8_000_000)))
