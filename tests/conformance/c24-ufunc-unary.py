from functools import partial

import numpy as np
import numexpr as ne


def main(x):
    a = np.sin(x)
    b = np.exp(np.sqrt(x))
    c = np.abs(np.cos(x))
    d = np.log1p(x) * 2
    e = np.square(x) + np.sqrt(x)
    print(a[:2], b[:2], c[:2], d[:2], e[:2])

utils.analyze_memory(partial(main, np.ones(1_000_000)))
