# expect: 3:5 IndexError
x = [1, 2, 3]
y = x[5]
