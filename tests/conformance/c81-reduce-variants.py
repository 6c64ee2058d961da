from functools import partial

import numpy as np
import numexpr as ne


def main(m, b):
    a = m.sum(axis=-1)
    c = m.max(axis=0)
    d = b.sum()
    e = b.mean()
    f = m.prod(axis=1)
    g = b.any(axis=0)
    h = b.all()
    k = m[:, ::2].min(axis=1)
    print(a.shape, c.shape, d, e, f.shape, g.shape, h, k.shape)

utils.analyze_memory(partial(main, np.ones((500, 2000)), np.ones((500, 2000), dtype=bool)))
