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
    data2 = np.random.random(8_000_000)
    time.sleep(.002)
    data3 = data[:]
    time.sleep(.002)
    del data
    time.sleep(.002)
    del data2
    time.sleep(.002)
    del data3
    time.sleep(.002)
    
    
utils.analyze_memory(main)
