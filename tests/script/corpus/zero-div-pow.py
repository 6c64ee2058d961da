# expect: 2:5 ZeroDivisionError
x = 0.0 ** -1
