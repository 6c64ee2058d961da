# Section 5: x * y + z with numexpr
#
# For NumPy arrays, is there a difference in memory performance between x * y
# + z and ne.evaluate("x * y + z")?

import time
from functools import partial

import numpy as np
import numexpr as ne


def fun1(x, y, z):
    x * y + z


def fun2(x, y, z):
    ne.evaluate("x * y + z")


utils.analyze_memory(
    partial(fun1, np.ones(3_000_000), np.ones(3_000_000), np.ones(3_000_000)),
    partial(fun2, np.ones(3_000_000), np.ones(3_000_000), np.ones(3_000_000))
);
