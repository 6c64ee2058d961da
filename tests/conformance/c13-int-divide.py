from functools import partial

import numpy as np
import numexpr as ne


def main(x):
    a = x / x
    b = x // 3
    c = x % 7
    d = x / 2
    print(a.dtype, b.dtype, c.dtype, d.dtype, b[:5], c[:5])

utils.analyze_memory(partial(main, np.arange(1, 1_000_001)))
