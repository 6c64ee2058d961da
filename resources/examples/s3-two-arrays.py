# Section 3: Two arrays
#
# A function makes two identical arrays using np.random.random(). Does the
# total space take up the same amount as a single two-column array?

import time
from functools import partial

import numpy as np
import numexpr as ne


def main():
    data = np.random.random(8_000_000)
    data2 = np.random.random(8_000_000)


utils.analyze_memory(main)
