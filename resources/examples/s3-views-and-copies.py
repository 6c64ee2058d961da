# Section 3: Slices, copies and np.array
#
# Make an array, then a second array object by slicing the first (data2 =
# data[:]), then data3 = data.copy(), then data4 = np.array(data). Are there
# any differences between these methods?

import time
from functools import partial

import numpy as np
import numexpr as ne


def main():
    data = np.random.random(8_000_000)
    time.sleep(.002)
    data2 = data[:]
    time.sleep(.002)
    data3 = data.copy()
    time.sleep(.002)
    data4 = np.array(data)


utils.analyze_memory(main)
