# expect: 2:5 ValueError
x = int('12a')
