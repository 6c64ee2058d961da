# expect: 2:8 ImportError
import subprocess as sp
