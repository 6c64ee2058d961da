# expect: 6:5 KeyError
import numpy as np
import numexpr as ne
from functools import partial
def fun2(x):
    ne.evaluate('x * y')
utils.analyze_memory(partial(fun2, np.ones(10)))
