from functools import partial

from memory_profiler import memory_usage
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import numexpr as ne

import sys
import time
from contextlib import contextmanager

from functools import partial
utils.analyze_memory(
    partial(np.zeros, 500_000_0),
    partial(np.empty, 500_000_0),
);
