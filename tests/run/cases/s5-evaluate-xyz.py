from functools import partial
import time

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
