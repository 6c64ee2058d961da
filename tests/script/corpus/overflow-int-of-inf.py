# expect: 2:5 OverflowError
x = int(float('inf'))
