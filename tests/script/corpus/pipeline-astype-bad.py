# expect: 5:9 TypeError
import numpy as np
from functools import partial
def fun1(x):
    x = x.astype('float128')
utils.analyze_memory(partial(fun1, np.ones(10)))
