from functools import partial
import time

import numpy as np
import numexpr as ne

utils.analyze_memory(
    partial(np.zeros, 500_000_0),
    partial(np.empty, 500_000_0),
);
