# expect: 5:12 ValueError
import numpy as np
from functools import partial
def fun1(x, y):
    return x + y
utils.analyze_memory(partial(fun1, np.ones(10), np.ones(11)))
