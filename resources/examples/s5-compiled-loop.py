# Section 5: A compiled expression in a loop
#
# For repeated computations, is there a difference between calling
# ne.evaluate("x * 2 + 3") inside a loop and pre-compiling once with
# ne.NumExpr, then using it again and again?

import time
from functools import partial

import numpy as np
import numexpr as ne


def fun1(x, n):
    f = ne.NumExpr("x * 2 + 3")
    for _ in range(n):
        x = f(x)


def fun2(x, n):
    for _ in range(n):
        ne.evaluate("x * 2 + 3")


utils.analyze_memory(
    partial(fun1, np.ones(8_000_000), 3),
    partial(fun2, np.ones(8_000_000), 3)
)
