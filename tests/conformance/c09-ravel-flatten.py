from functools import partial

import numpy as np
import numexpr as ne


def main(x):
    a = x.ravel()
    b = x.flatten()
    c = x.T.ravel()
    d = np.ravel(x)
    e = x[::2].ravel()
    print(a.shape, b.shape, c.shape, d.shape, e.shape)

utils.analyze_memory(partial(main, np.ones((500, 2000))))
