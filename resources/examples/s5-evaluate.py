# Section 5: NumPy or ne.evaluate
#
# For NumPy arrays, is there a difference in memory performance between x * 2
# + 3 and ne.evaluate("x * 2 + 3")?

import time
from functools import partial

import numpy as np
import numexpr as ne


def fun1(x):
    x * 2 + 3


def fun2(x):
    ne.evaluate("x * 2 + 3")


utils.analyze_memory(
    partial(fun1, np.ones(8_000_000)),
    partial(fun2, np.ones(8_000_000)),
);
