# expect: 2:1 ValueError
a, b, c = 1, 2
