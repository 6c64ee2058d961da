from functools import partial

import numpy as np
import numexpr as ne


def main(a, b, c):
    d = a + b
    e = b * c
    f = a - c
    print(d.dtype, e.dtype, f.dtype)

utils.analyze_memory(partial(main, np.ones(1_000_000, dtype=np.int32), np.ones(1_000_000, dtype=np.float32), np.ones(1_000_000, dtype=np.uint8)))
