from functools import partial

import numpy as np
import numexpr as ne


def main(x, m):
    print(x.dtype, repr(x.dtype), x.dtype == np.float64, x.dtype.itemsize)
    print(np.dtype("int16"), np.dtype(np.float32).itemsize, m.dtype.name)
    print(x.shape, m.shape, m.strides, x.ndim, m.size, len(m), m.nbytes)
    print(m.T.strides, m[::2, ::-1].strides, x[::3].shape)
    print(x.itemsize, m.itemsize, x[None].shape, np.shape(m), np.size(x), np.ndim(m))
    print(x.min(), x.max(), int(x.argmax()) if False else 0, m.mean(), m.std())
    print(round(x.sum() / 3, 4), x.sum() // 7, divmod(17, 5), 7 / 2, 7 // 2, -7 // 2, 2 ** 10)

utils.analyze_memory(partial(main, np.arange(1_000_000, dtype=np.float64), np.ones((500, 2000), dtype=np.int32)))
