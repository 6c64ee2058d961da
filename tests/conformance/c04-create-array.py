from functools import partial

import numpy as np
import numexpr as ne


def main(x):
    a = np.array(x)
    b = np.array(x, copy=False)
    c = np.asarray(x)
    d = np.array(x, dtype=np.float32)
    e = np.array([1, 2, 3])
    f = np.array([[1.0, 2.0], [3.0, 4.0]])
    print(a is x, b is x, c is x, d.dtype, e.dtype, f.shape, f)

utils.analyze_memory(partial(main, np.ones(1_000_000)))
