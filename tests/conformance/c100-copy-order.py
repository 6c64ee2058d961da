from functools import partial

import numpy as np
import numexpr as ne


def main(m):
    a = np.copy(m.T)
    b = a.T.reshape(-1)
    c = np.array(m.T)
    d = c.T.reshape(-1)
    e = m.copy(order="F")
    f = e.T.reshape(-1)
    g = m.T.copy()
    h = g.T.reshape(-1)
    print(a.strides, c.strides, e.strides, g.strides)

utils.analyze_memory(partial(main, np.ones((500, 2000))))
