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
    del data
    data2 = np.random.random(8_000_000)
    
    
utils.analyze_memory(main)
