# expect: 2:19 ImportError
from numpy import frobnicate
