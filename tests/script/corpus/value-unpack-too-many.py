# expect: 2:1 ValueError
a, b = 1, 2, 3
