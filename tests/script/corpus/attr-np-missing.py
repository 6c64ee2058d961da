# expect: 3:5 AttributeError
import numpy as np
x = np.frobnicate(3)
