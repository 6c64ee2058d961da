# expect: 7:9 IndexError
import numpy as np
from functools import partial
def ok(x):
    x = x * 2
def bad(x):
    x = x[x > 0.5][100]
utils.analyze_memory(partial(ok, np.ones(10)), partial(bad, np.ones(10)))
