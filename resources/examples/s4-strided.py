# Section 4: A strided slice or a contiguous copy
#
# Is there a difference between operating directly on a sliced array (x =
# big_array[:, ::2]; x = x * 2) and forcing a contiguous copy first (x =
# big_array[:, ::2].copy(); x *= 2)?

import time
from functools import partial

import numpy as np
import numexpr as ne


def fun1(big_array):
    x = big_array[:, ::2]
    x = x * 2


def fun2(big_array):
    x = big_array[:, ::2].copy()
    x = x * 2


utils.analyze_memory(
    partial(fun1, np.ones([1_000_000, 10])),
    partial(fun2, np.ones([1_000_000, 10]))
)
