# expect: 6:1 TypeError
import numpy as np
from functools import partial
def fun1(x, y):
    return x
utils.analyze_memory(partial(fun1, np.ones(10)))
