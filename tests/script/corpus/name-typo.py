# expect: 4:5 NameError
import numpy as np
data = np.ones(3)
y = dta * 2
