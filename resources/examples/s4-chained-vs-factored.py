# Section 4: Chained or factored
#
# For NumPy arrays, is there a difference in memory performance between x = x
# * 2 * 3 * 4 + 1 and x = x * (2 * 3 * 4 + 1)?

import time
from functools import partial

import numpy as np
import numexpr as ne


def fun1(x):
    x = x * 2 * 3 * 4 + 1


def fun2(x):
    x = x * (2 * 3 * 4 + 1)


utils.analyze_memory(
    partial(fun1, np.ones(8_000_000)),
    partial(fun2, np.ones(8_000_000))
)
