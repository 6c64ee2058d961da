# expect: 3:5 TypeError
import numpy as np
x = np.ones('big')
