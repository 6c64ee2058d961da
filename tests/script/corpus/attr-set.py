# expect: 4:1 AttributeError
import numpy as np
x = np.ones(3)
x.shape = (3, 1)
