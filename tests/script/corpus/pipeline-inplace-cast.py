# expect: 5:5 TypeError
import numpy as np
from functools import partial
def fun2(x):
    x *= 2.5
utils.analyze_memory(partial(fun2, np.arange(10)))
