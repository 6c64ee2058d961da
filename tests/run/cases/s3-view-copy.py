from functools import partial
import time

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
