from functools import partial

import numpy as np
import numexpr as ne


def main(x, y):
    a = np.array([x, y])
    b = np.array((x, x, y), dtype=np.float32)
    c = np.asarray([x])
    print(a.shape, b.shape, b.dtype, c.shape)

utils.analyze_memory(partial(main, np.ones(1_000_000), np.zeros(1_000_000)))
