from functools import partial
import time

import numpy as np
import numexpr as ne

def main():
    data = np.random.random(8_000_000)
    del data
    data2 = np.random.random(8_000_000)
    
    
utils.analyze_memory(main)
