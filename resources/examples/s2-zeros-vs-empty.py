# Section 2: np.zeros or np.empty
#
# Is there a difference in performance between creating an array all filled
# with 0 (np.zeros()) and explicitly telling NumPy not to write any data into
# an array (np.empty())?

import time
from functools import partial

import numpy as np
import numexpr as ne


utils.analyze_memory(
    partial(np.zeros, 500_000_0),
    partial(np.empty, 500_000_0),
);
