# expect: 3:5 MemoryError
import numpy as np
x = np.zeros((100000, 100000, 100000))
