# expect: 2:14 SyntaxError
x = 1 if True
