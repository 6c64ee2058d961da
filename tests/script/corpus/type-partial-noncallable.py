# expect: 3:5 TypeError
from functools import partial
p = partial(3)
