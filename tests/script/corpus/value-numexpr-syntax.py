# expect: 5:5 SyntaxError
import numexpr as ne
import numpy as np
x = np.ones(3)
y = ne.evaluate('x +* 2')
