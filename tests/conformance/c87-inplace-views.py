from functools import partial

import numpy as np
import numexpr as ne


def main(x):
    v = x[::2]
    v += 1
    w = x.reshape(2000, 4000)
    w[:, 0] *= 3
    x[1:] += x[:-1]
    x[::-1] -= 1
    t = w.T
    t += 1
    print(x[:4], w.shape)

utils.analyze_memory(partial(main, np.zeros(8_000_000)))
