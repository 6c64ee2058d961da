from functools import partial

import numpy as np
import numexpr as ne


def main():
    a = np.array([1, 2.5, 3])
    b = np.array([[1, 2, 3], [4, 5, 6]], dtype=np.int16)
    c = np.array([True, False])
    d = np.array(5)
    e = np.array([1, 2, 3], dtype=np.float32)
    f = np.array(list(range(100)))
    print(a, a.dtype, b, b.dtype, c.dtype, d, d.shape, e, f.dtype, f.nbytes)
    print(b[1].tolist(), b[1, 2].item(), a.tolist())

utils.analyze_memory(main)
