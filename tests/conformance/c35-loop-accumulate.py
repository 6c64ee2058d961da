from functools import partial

import numpy as np
import numexpr as ne


def main(n):
    arrays = []
    for i in range(n):
        arrays.append(np.ones(1_000_000) * i)
    arrays = arrays[1:]
    arrays = arrays[:-1]
    return len(arrays)

utils.analyze_memory(partial(main, 6))
