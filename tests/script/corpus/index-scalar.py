# expect: 4:5 IndexError
import numpy as np
x = np.ones(3).sum()
y = x[0]
