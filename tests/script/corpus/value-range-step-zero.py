# expect: 2:5 ValueError
r = range(1, 5, 0)
