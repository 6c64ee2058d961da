from functools import partial

import numpy as np
import numexpr as ne


def main(x, i):
    x[::2] = i[::2]
    i[:] = 3.7
    x[:10] = np.arange(10)
    x[x > 2] = i[: (x > 2).sum()]
    i[i > 2] = x[:1]
    print(x[:3], i[:3], i.dtype)

utils.analyze_memory(partial(main, np.ones(1_000_000), np.arange(1_000_000, dtype=np.int32)))
