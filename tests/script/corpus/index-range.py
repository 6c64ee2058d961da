# expect: 3:1 IndexError
r = range(3)
r[3]
