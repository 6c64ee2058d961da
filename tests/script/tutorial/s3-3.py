from functools import partial

from memory_profiler import memory_usage
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import numexpr as ne

import sys
import time
from contextlib import contextmanager

def main():
    data = np.random.random(8_000_000)
    time.sleep(.002)
    data2 = data[:]
    time.sleep(.002)
    data3 = data.copy()
    time.sleep(.002)
    data4 = np.array(data)
    
    
utils.analyze_memory(main)
