# expect: 2:5 OverflowError
x = 10 ** 30
