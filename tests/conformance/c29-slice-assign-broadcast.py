from functools import partial

import numpy as np
import numexpr as ne


def main(m, r):
    m[:] = 0
    m[::2] = r
    m[:, 0] = 5
    m[1:3] = m[5:7]
    m[...] = 2.0
    m[:, ::2] = r[::2]
    print(m.shape, m[0, :3])

utils.analyze_memory(partial(main, np.empty((500, 2000)), np.ones(2000)))
