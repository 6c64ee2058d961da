# expect: 4:1 ValueError
import numpy as np
from functools import partial
utils.analyze_memory(partial(np.ones, 3), interval=-1)
