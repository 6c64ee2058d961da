from functools import partial

import numpy as np
import numexpr as ne


def main(x, n):
    acc = np.zeros_like(x)
    for i in range(n):
        if i == 1:
            continue
        t = x * i
        acc += t
        if i == 3:
            break
    k = 0
    while True:
        k += 1
        tmp = acc[::k].copy()
        if k >= 3:
            break
    for i in range(2):
        for j in range(2):
            acc[::2] += i * j
    print(acc[:3], k)

utils.analyze_memory(partial(main, np.ones(1_000_000), 6))
