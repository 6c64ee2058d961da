# Section 4: np.multiply with out=
#
# For NumPy arrays, is there a difference in memory performance between x =
# np.multiply(x, 2) and np.multiply(x, 2, out=x)?

import time
from functools import partial

import numpy as np
import numexpr as ne


def fun1(x):
    x = np.multiply(x, 2)


def fun2(x):
    x = np.multiply(x, 2, out=x)


utils.analyze_memory(
    partial(fun1, np.ones(8_000_000)),
    partial(fun2, np.ones(8_000_000))
)
