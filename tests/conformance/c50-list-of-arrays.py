from functools import partial

import numpy as np
import numexpr as ne


def main(n):
    arrs = []
    for k in range(3):
        arrs.append(np.ones(n) * k)
    t = arrs[1] * arrs[2]
    total = 0.0
    for a in arrs:
        total += a.sum()
    print(len(arrs), total, t.shape)

utils.analyze_memory(partial(main, 1_000_000))
