from functools import partial

import numpy as np
import numexpr as ne


def main(x):
    a = x[5]
    b = x.sum() * 2
    c = float(x[3]) + 1
    d = x[7] * x
    e = int(x[2]) * x
    f = x.max() + x
    print(a, b, c, d.dtype, e.dtype, f.dtype)

utils.analyze_memory(partial(main, np.arange(1_000_000, dtype=np.float32)))
