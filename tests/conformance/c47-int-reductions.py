from functools import partial

import numpy as np
import numexpr as ne


def main(x, m):
    a = x.sum()
    b = x.mean()
    c = m.sum(axis=0)
    d = m.mean(axis=1)
    e = m.sum(axis=1) * 1.0
    f = x.max()
    print(a, b, c.dtype, d.dtype, e.dtype, f)

utils.analyze_memory(partial(main, np.arange(1_000_000, dtype=np.int32), np.ones((500, 2000), dtype=np.int16)))
