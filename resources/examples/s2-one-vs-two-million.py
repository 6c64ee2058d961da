# Section 2: One million and two million
#
# Examine the memory traces of both the creation of 1 million and of 2 million
# values: are both arrays made at the same speed?

import time
from functools import partial

import numpy as np
import numexpr as ne


utils.analyze_memory(
    partial(np.ones, 1_000_000, dtype=np.float64),
    partial(np.ones, 2_000_000, dtype=np.float64),
)
