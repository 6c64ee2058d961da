from functools import partial

import numpy as np
import numexpr as ne


def main(x):
    a = -(x * 2)
    b = (x + 1) ** 2
    c = ~(x > 1)
    d = abs(x - 3)
    e = np.sqrt(x * 2)
    f = (x * 2) // 3
    print(a[:2], b[:2], c[:2], d[:2], e[:2], f[:2])

utils.analyze_memory(partial(main, np.ones(1_000_000)))
