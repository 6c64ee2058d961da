from functools import partial

import numpy as np
import numexpr as ne


def main(x):
    s = x.sum()
    m = x.mean()
    lo = np.min(x)
    hi = np.max(x)
    sd = np.std(x)
    t = x.T.sum(axis=0)
    print(s, m, lo, hi, sd, t.shape)

utils.analyze_memory(partial(main, np.arange(8_000_000, dtype=np.float64).reshape(4000, 2000)))
