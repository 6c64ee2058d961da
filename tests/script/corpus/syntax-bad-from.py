# expect: 2:12 SyntaxError
from numpy ones
