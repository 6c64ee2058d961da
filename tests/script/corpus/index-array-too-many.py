# expect: 4:5 IndexError
import numpy as np
x = np.ones(3)
y = x[0, 0]
