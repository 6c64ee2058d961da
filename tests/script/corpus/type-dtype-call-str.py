# expect: 3:5 ValueError
import numpy as np
x = np.float64('abc')
