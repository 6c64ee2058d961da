# Section 4: x = x * 2 or x *= 2
#
# For NumPy arrays, is there a difference in memory performance between x = x
# * 2 and x *= 2?

import time
from functools import partial

import numpy as np
import numexpr as ne


def fun1(x):
    x = x * 2


def fun2(x):
    x *= 2


utils.analyze_memory(
    partial(fun1, np.ones(8_000_000)),
    partial(fun2, np.ones(8_000_000))
)
