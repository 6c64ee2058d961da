# expect: 2:5 ZeroDivisionError
x = 1 / 0
