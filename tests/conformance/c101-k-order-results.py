from functools import partial

import numpy as np
import numexpr as ne


def main(m):
    t = m.T
    a = t + 1
    b = a.T.reshape(-1)
    c = np.sqrt(t)
    d = c.T.reshape(-1)
    e = t.astype(np.float32)
    f = e.T.reshape(-1)
    g = np.zeros_like(t)
    h = g.T.reshape(-1)
    k = t * t[:, ::-1]
    l = ne.evaluate("t * 2")
    n = l.T.reshape(-1)
    print(a.strides, c.strides, e.strides, g.strides, k.strides, l.strides)

utils.analyze_memory(partial(main, np.ones((500, 2000))))
