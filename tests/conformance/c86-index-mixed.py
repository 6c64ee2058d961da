from functools import partial

import numpy as np
import numexpr as ne


def main(t, idx):
    a = t[idx, :, 0]
    b = t[..., idx]
    c = t[0, idx]
    d = t[-1, ::-1, idx]
    e = t[:, None, 5]
    t[idx, 0] = 7
    t[..., -1] = t[..., 0]
    print(a.shape, b.shape, c.shape, d.shape, e.shape)

utils.analyze_memory(partial(main, np.ones((100, 200, 50)), np.array([1, -1, 3, 3, 0, 40])))
