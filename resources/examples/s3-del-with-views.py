# Section 3: When del does not free
#
# Make two arrays and a slice of the first, then delete them one by one. When
# does memory get released?

import time
from functools import partial

import numpy as np
import numexpr as ne


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
