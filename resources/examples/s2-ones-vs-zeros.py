# Section 2: np.ones or np.zeros
#
# Is there a difference in performance between creating an array all filled
# with 1 (np.ones()) and an array all filled with 0 (np.zeros())?

import time
from functools import partial

import numpy as np
import numexpr as ne


utils.analyze_memory(
    partial(np.ones, 500_000_0),
    partial(np.zeros, 500_000_0),
);
