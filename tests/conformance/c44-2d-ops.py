from functools import partial

import numpy as np
import numexpr as ne


def main(m):
    a = m[::2, ::2] * 2
    b = m.T + 1
    c = m[1:-1, 1:-1] + m[:-2, 1:-1]
    d = m[:, ::-1] - m
    print(a.shape, b.shape, c.shape, d.shape)

utils.analyze_memory(partial(main, np.ones((500, 2000))))
