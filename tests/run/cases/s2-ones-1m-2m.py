from functools import partial
import time

import numpy as np
import numexpr as ne

utils.analyze_memory(
    partial(np.ones, 1_000_000, dtype=np.float64),
    partial(np.ones, 2_000_000, dtype=np.float64),
)
