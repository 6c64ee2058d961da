from functools import partial

import numpy as np
import numexpr as ne


def main(x):
    a = x.T
    b = x.transpose()
    c = np.transpose(x)
    d = np.ascontiguousarray(a)
    e = np.ascontiguousarray(x)
    f = a.copy()
    print(a.shape, b.shape, c.shape, d.shape, e is x, f.shape)

utils.analyze_memory(partial(main, np.ones((500, 2000))))
