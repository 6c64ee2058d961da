# expect: 2:5 TypeError
x = float(None)
