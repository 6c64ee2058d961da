from functools import partial

import numpy as np
import numexpr as ne


def main(x):
    m = x > 0.5
    a = x[m]
    b = x[x < 0.25]
    c = x[(x > 0.1) & (x < 0.2)]
    print(m.dtype, m.nbytes, a.size > 0, b.size > 0, c.size > 0)

utils.analyze_memory(partial(main, np.arange(1_000_000) / 1_000_000))
