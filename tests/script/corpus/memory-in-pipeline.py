# expect: 5:9 MemoryError
import numpy as np
from functools import partial
def f(n):
    x = np.empty((n, n, n))
utils.analyze_memory(partial(f, 100000))
