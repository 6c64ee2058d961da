from functools import partial

import numpy as np
import numexpr as ne


def main(m):
    a = m.sum(axis=0)
    b = m.mean(axis=1)
    c = m.min(axis=0)
    d = m.max(axis=1)
    e = m.std(axis=0)
    s = m.sum()
    print(a.shape, b.shape, c.shape, d.shape, e.shape, s)

utils.analyze_memory(partial(main, np.ones((500, 2000))))
