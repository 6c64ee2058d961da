# expect: 3:1 TypeError
import time
time.sleep('1')
