# expect: 2:5 OverflowError
x = 1 << 64
