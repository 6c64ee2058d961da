# expect: 2:5 ValueError
x = [1, 2].index(5)
