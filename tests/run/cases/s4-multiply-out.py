from functools import partial
import time

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
