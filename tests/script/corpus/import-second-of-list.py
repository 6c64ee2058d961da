# expect: 2:15 ImportError
import numpy, socket
