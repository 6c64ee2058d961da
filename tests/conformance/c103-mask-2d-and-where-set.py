from functools import partial

import numpy as np
import numexpr as ne


def main(m, v):
    mask = m > 0.5
    m[mask] = v[mask]
    n = mask.sum(axis=0)
    r = m[mask].reshape(-1)
    m[~mask] = 0
    w = np.where(mask, m, v)
    print(n.shape, r.shape, w.dtype)

utils.analyze_memory(partial(main, np.linspace(0, 1, 1_000_000).reshape(500, 2000), np.ones((500, 2000))))
