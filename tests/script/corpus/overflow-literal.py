# expect: 2:5 OverflowError
x = 99999999999999999999
