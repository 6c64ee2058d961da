# expect: 4:5 AttributeError
import numpy as np
x = np.ones(3)
y = x.lenght
