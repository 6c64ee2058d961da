# expect: 3:5 ValueError
import numpy as np
x = np.arange(10).reshape(3, 4)
