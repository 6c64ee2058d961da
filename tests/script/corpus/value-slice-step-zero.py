# expect: 2:5 ValueError
x = [1, 2, 3][::0]
