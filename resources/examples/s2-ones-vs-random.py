# Section 2: np.ones or np.random.random
#
# Is there a difference in performance between creating an array all filled
# with 1 (np.ones()) and filling the array with random values
# (np.random.random())?

import time
from functools import partial

import numpy as np
import numexpr as ne


utils.analyze_memory(
    partial(np.ones, 500_000_0),
    partial(np.random.random, 500_000_0),
);
