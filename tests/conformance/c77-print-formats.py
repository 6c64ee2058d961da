from functools import partial

import numpy as np
import numexpr as ne


def main(big):
    print(big)
    print(big.astype(np.float32) / 7)
    print(np.array([1e-5, 1.0, 1e5]), np.array([1e-20, 1.0]))
    print(np.array([0.1, 0.25], dtype=np.float16), np.array([-0.0, 1.5]))
    print(np.array([2**40, -3]), np.arange(3, dtype=np.uint8))
    print(big > 3)
    print(big.reshape(2000, 500)[:3, :4] * 1.5)
    print(np.float32(1) / 3, np.float64(2) / 3, 1 / 3)

utils.analyze_memory(partial(main, np.arange(1_000_000, dtype=np.float64)))
