# expect: 2:6 ImportError
from . import x
