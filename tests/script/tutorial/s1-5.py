from functools import partial

from memory_profiler import memory_usage
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import numexpr as ne

import sys
import time
from contextlib import contextmanager

data1 = np.empty((1000, 256, 256), dtype=np.int16)
data2 = np.empty((1000, 512, 512), dtype=np.int16)

data2.nbytes / data1.nbytes
