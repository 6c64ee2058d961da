# expect: 8:13 ValueError
import numpy as np
import numexpr as ne
from functools import partial
def fun1(x, n):
    f = ne.NumExpr('x * 2 + 3')
    for _ in range(n):
        x = f(x, x)
utils.analyze_memory(partial(fun1, np.ones(10), 3))
