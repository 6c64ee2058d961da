from functools import partial

import numpy as np
import numexpr as ne


def main(x):
    a = x.T.astype(np.float32)
    b = x[::2].astype(np.int64)
    c = x.astype(np.float64, copy=False)
    d = x.astype(np.bool_)
    e = x.astype(np.float16)
    print(a.shape, b.dtype, c is x, d.dtype, e.nbytes)

utils.analyze_memory(partial(main, np.ones((500, 2000))))
