# expect: 2:5 ValueError
x = float('abc')
