from functools import partial

import numpy as np
import numexpr as ne


def main(x, idx):
    a = x[idx]
    b = x[idx[::2]]
    c = x[[1, 5, 9]]
    d = x[np.arange(0, 8_000_000, 4)]
    print(a.shape, b.shape, c, d.shape)

utils.analyze_memory(partial(main, np.arange(8_000_000, dtype=np.float64), np.arange(1_000_000) * 3))
