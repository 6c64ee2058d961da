from functools import partial

import numpy as np
import numexpr as ne


def main(x, y):
    np.multiply(x, 2, out=y)
    np.add(x, y, out=x)
    np.sqrt(x, out=x)
    np.exp(y, out=y)
    r = np.add(x, 1, out=y)
    print(r is y, y[:2])

utils.analyze_memory(partial(main, np.ones(1_000_000), np.empty(1_000_000)))
