# expect: 6:9 NameError
import numpy as np
from functools import partial
def fun1(x):
    x = x * 2
    y = z + 1
utils.analyze_memory(partial(fun1, np.ones(10)))
