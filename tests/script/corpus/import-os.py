# expect: 2:8 ImportError
import os
