from functools import partial

import numpy as np
import numexpr as ne


def main(x, f):
    print(x.sum(), f.sum(), x.mean(), f.mean(), f.max())
    print(np.float32(1.5), np.float64(0.1), np.int16(7), np.float16(0.1))
    print(x[3], f[5], x[3].dtype, f.sum().dtype)
    print(x[:4] / 3, f[:3] * 0.1)
    print(x.shape, f.shape, x.T.shape, (x > 5).sum())

utils.analyze_memory(partial(main, np.arange(1_000_000), np.arange(1_000_000, dtype=np.float32)))
