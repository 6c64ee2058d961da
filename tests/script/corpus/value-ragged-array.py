# expect: 3:5 ValueError
import numpy as np
x = np.array([[1, 2], [3]])
