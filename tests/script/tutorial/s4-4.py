from functools import partial

from memory_profiler import memory_usage
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import numexpr as ne

import sys
import time
from contextlib import contextmanager

def fun1(x, threshold):
    x = x[x > threshold]

def fun2(x, threshold):
    mask = x > threshold
    x[mask] = x

utils.analyze_memory(
    partial(fun1, np.ones(8_000_000), 0.5),
    partial(fun2, np.ones(8_000_000), 0.5)
)
