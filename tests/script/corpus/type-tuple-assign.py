# expect: 3:1 TypeError
t = (1, 2)
t[0] = 3
