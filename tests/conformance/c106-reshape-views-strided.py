from functools import partial

import numpy as np
import numexpr as ne


def main(m):
    a = m[:, ::2].reshape(500, 10, 100)
    b = m[::2].reshape(-1)
    c = m[:, ::2].reshape(-1)
    d = m.T.reshape(2000, 5, 100)
    e = m.T.reshape(100, 20, 500)
    f = m[::2, ::2].reshape(250, 1, 1000)
    g = m[None, :, :, None].reshape(500, 2000)
    h = m[:, :1].reshape(-1)
    k = m[::-1].reshape(1000, 1000)
    l = m[1].reshape(40, 50)
    print(a.strides, b.strides, c.strides, d.strides, e.strides, f.strides, g.strides, h.strides, k.strides, l.strides)

utils.analyze_memory(partial(main, np.ones((500, 2000))))
