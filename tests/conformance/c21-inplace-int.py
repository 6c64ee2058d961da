from functools import partial

import numpy as np
import numexpr as ne


def main(x):
    x += 1
    x *= 3
    x //= 2
    x <<= 1
    x |= 1
    y = x
    y -= 1
    print(x.dtype, x[:3])

utils.analyze_memory(partial(main, np.ones(1_000_000, dtype=np.int32)))
