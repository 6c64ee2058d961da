# Section 2: np.ones or np.arange
#
# What takes more time to create: an array all filled with 1 (np.ones()), or
# an array filled with counting numbers (np.arange())? Is there a difference
# in total memory usage?

import time
from functools import partial

import numpy as np
import numexpr as ne


utils.analyze_memory(
    partial(np.ones, 500_000_0),
    partial(np.arange, 500_000_0),
);
