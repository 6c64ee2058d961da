# expect: 2:5 TypeError
n = len(5)
