# expect: 2:5 ZeroDivisionError
x = 5 % 0
