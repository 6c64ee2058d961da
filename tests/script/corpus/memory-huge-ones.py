# expect: 3:5 MemoryError
import numpy as np
x = np.ones(10 ** 15)
