# Section 2: Creating 4 million float64s
#
# Using np.ones(): how long does it take NumPy to create 4 million float64s?

import time
from functools import partial

import numpy as np
import numexpr as ne


utils.analyze_memory(
    partial(np.ones, 4_000_000, dtype=np.float64)
)
