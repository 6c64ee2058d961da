# expect: 4:4 ValueError
import numpy as np
x = np.ones(3)
if x > 0:
    pass
