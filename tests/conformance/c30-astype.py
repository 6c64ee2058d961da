from functools import partial

import numpy as np
import numexpr as ne


def main(x):
    a = x.astype(np.float32)
    b = x.astype(np.float64, copy=False)
    c = x.astype(np.float64)
    d = x.astype(np.int8, copy=False)
    e = x[::2].astype(np.float64, copy=False)
    print(a.dtype, b is x, c is x, d.dtype, e.shape)

utils.analyze_memory(partial(main, np.ones(1_000_000)))
