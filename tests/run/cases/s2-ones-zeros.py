from functools import partial
import time

import numpy as np
import numexpr as ne

utils.analyze_memory(
    partial(np.ones, 500_000_0),
    partial(np.zeros, 500_000_0),
);
