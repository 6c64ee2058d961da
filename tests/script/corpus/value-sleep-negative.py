# expect: 3:1 ValueError
import time
time.sleep(-1)
