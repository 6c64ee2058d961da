from functools import partial

from memory_profiler import memory_usage
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import numexpr as ne

import sys
import time
from contextlib import contextmanager

nbits = 14 * 10 * (30 * 60) * 24 * (512 * 512) * 16
print("GB:", nbits / 8 / 1024 ** 3)
