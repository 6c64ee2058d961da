from functools import partial

import numpy as np
import numexpr as ne


def main(x, i, f):
    a = 1 + (x * 2)
    del a
    b = (x * 2).T + 1
    del b
    c = (x * 2)[::2] + 1
    del c
    d = x + (x * 2)
    del d
    e = (i * 2) + 1.5
    del e
    g = (f * 2) + x
    del g
    h = (x > 1) & (x < 3)
    del h
    k = (x * 2) - x
    del k
    l = x / (x * 2)
    del l
    m = (x + 1) ** 2
    del m
    n = np.add(x * 2, 1)
    del n
    o = (x * 2) + (x * 3)
    print(o[:2])

utils.analyze_memory(partial(main, np.ones(1_000_000), np.ones(1_000_000, dtype=np.int32), np.ones(1_000_000, dtype=np.float32)))
