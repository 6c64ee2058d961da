from functools import partial

from memory_profiler import memory_usage
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import numexpr as ne

import sys
import time
from contextlib import contextmanager

print(np.empty(1_000_000, dtype=np.float32).nbytes)
print(np.empty(1_000_000, dtype=np.int32).nbytes)
