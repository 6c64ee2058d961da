from functools import partial

from memory_profiler import memory_usage
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import numexpr as ne

import sys
import time
from contextlib import contextmanager

data = np.empty((1000, 256, 256), dtype=np.int16)
print("B:", data.nbytes)
print("KB:", data.nbytes / 1024)
print("MB:", data.nbytes / 1024 ** 2)
print("GB:", data.nbytes / 1024 ** 3)
