# Section 4: Selecting or masking
#
# For NumPy arrays, is there a difference in memory performance between x =
# x[x > threshold] and mask = x > threshold; x[mask] = 0?

import time
from functools import partial

import numpy as np
import numexpr as ne


def fun1(x, threshold):
    x = x[x > threshold]


def fun2(x, threshold):
    mask = x > threshold
    x[mask] = x


utils.analyze_memory(
    partial(fun1, np.ones(8_000_000), 0.5),
    partial(fun2, np.ones(8_000_000), 0.5)
)
