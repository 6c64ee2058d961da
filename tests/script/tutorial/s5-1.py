from functools import partial

from memory_profiler import memory_usage
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import numexpr as ne

import sys
import time
from contextlib import contextmanager

def fun1(x):
    x * 2 + 3
    
def fun2(x):
    ne.evaluate("x * 2 + 3")

utils.analyze_memory(
    partial(fun1, np.ones(8_000_000)),
    partial(fun2, np.ones(8_000_000)),
);
