# expect: 3:1 IndexError
t = (1,)
t[-2]
