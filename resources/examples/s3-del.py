# Section 3: Deleting an array
#
# A function makes an array using data = np.random.random(), then deletes it
# using del data. Does this affect the total memory used?

import time
from functools import partial

import numpy as np
import numexpr as ne


def main():
    data = np.random.random(8_000_000)
    del data
    data2 = np.random.random(8_000_000)


utils.analyze_memory(main)
