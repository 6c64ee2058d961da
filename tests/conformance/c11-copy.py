from functools import partial

import numpy as np
import numexpr as ne


def main(x):
    a = x.copy()
    b = np.copy(x)
    c = x[::4].copy()
    d = x.T.copy()
    del a
    print(b.shape, c.shape, d.shape)

utils.analyze_memory(partial(main, np.ones((500, 2000))))
