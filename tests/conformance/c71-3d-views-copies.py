from functools import partial

import numpy as np
import numexpr as ne


def main(t):
    a = t.transpose(2, 0, 1)
    b = a.copy()
    c = t[:, ::2, ::-1].copy()
    d = t.reshape(200, -1)
    e = a.reshape(-1)
    f = t[..., 0]
    g = f + 1
    print(a.shape, b.shape, c.shape, d.shape, e.shape, f.shape, g.shape)

utils.analyze_memory(partial(main, np.ones((200, 200, 25))))
