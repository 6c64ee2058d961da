from functools import partial

import numpy as np
import numexpr as ne


def main(x):
    a = np.empty_like(x)
    b = np.zeros_like(x)
    c = np.ones_like(x, dtype=np.float32)
    d = np.zeros_like(x[::2])
    print(a.shape, b.dtype, c.dtype, d.shape, c.sum())

utils.analyze_memory(partial(main, np.ones(1_000_000)))
