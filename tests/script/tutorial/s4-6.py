from functools import partial

from memory_profiler import memory_usage
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import numexpr as ne

import sys
import time
from contextlib import contextmanager

def fun1(big_array):
   x = big_array[:, ::2]
   x = x * 2

def fun2(big_array):
   x = big_array[:, ::2].copy()
   x = x * 2

utils.analyze_memory(
    partial(fun1, np.ones([1_000_000, 10])),
    partial(fun2, np.ones([1_000_000, 10]))
)
