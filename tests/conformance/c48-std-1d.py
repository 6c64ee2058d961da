from functools import partial

import numpy as np
import numexpr as ne


def main(x, f):
    a = x.std()
    b = np.std(f)
    c = x.mean()
    print(round(float(a), 3), round(float(b), 3), c)

utils.analyze_memory(partial(main, np.arange(1_000_000, dtype=np.float64), np.ones(1_000_000, dtype=np.float32)))
