# Section 4: astype with copy=False
#
# For NumPy arrays, is there a difference in memory performance between x =
# x.astype(np.float32) and x = x.astype(np.float32, copy=False)?

import time
from functools import partial

import numpy as np
import numexpr as ne


def fun1(x):
    x = x.astype(np.float32)


def fun2(x):
    x = x.astype(np.float32, copy=False)


utils.analyze_memory(
    partial(fun1, np.ones(8_000_000)),
    partial(fun2, np.ones(8_000_000))
)
