# expect: 3:5 TypeError
import numpy as np
x = np.multiply(np.ones(3), 2, out=5)
