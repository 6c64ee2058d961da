from functools import partial

import numpy as np
import numexpr as ne

def main(m, x):
    s = m[::2, ::2]
    a = s * 2
    del a
    b = s + s
    del b
    c = np.multiply(s, 2.0)
    del c
    e = x[::2] * 2
    del e
    f = m[:, ::2] * 2
    del f
    g = m[::2] * 2
    del g
    h = np.sqrt(s)
    del h
    i = s > 1
    del i
    j = m[::2] + m[0]
    del j
    k = m + m[0]
    del k
    l = s * np.float32(2)
    del l
    n = m[:, ::2] + m[:, 1::2]

utils.analyze_memory(partial(main, np.ones((500, 2000)), np.ones(1_000_000)))
