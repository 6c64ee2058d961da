# expect: 2:1 ImportError
from os import path
