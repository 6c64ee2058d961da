# expect: 5:1 ValueError
import numexpr as ne
import numpy as np
f = ne.NumExpr("x * 2 + 3")
f(x=np.ones(3))
