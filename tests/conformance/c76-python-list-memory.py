from functools import partial

import numpy as np
import numexpr as ne


def main(n):
    values = list(range(n))
    a = np.array(values)
    del values
    b = a.tolist()
    print(len(b), a.dtype, a.nbytes)

utils.analyze_memory(partial(main, 100_000))
