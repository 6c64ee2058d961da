# Section 2: Creating a million float64s
#
# Using np.ones(): how long does it take NumPy to create a million float64s?

import time
from functools import partial

import numpy as np
import numexpr as ne


utils.analyze_memory(
    partial(np.ones, 1_000_000, dtype=np.float64)
)
