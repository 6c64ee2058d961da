from functools import partial

import numpy as np
import numexpr as ne


def main():
    a = np.arange(1_000_000)
    b = np.arange(0.0, 4_000_000.0, 0.5)
    c = np.linspace(0, 1, 1_000_000)
    d = np.arange(1_000_000, dtype=np.float32)
    print(a.dtype, a.shape, b.dtype, b.shape, c[:3], d.dtype, a.sum())
    return c

utils.analyze_memory(main)
