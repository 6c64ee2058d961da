# expect: 2:23 ImportError
from functools import reduce
