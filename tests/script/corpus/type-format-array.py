# expect: 4:9 TypeError
import numpy as np
x = np.ones(3)
print(f"{x:.2f}")
