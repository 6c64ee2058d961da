# expect: 2:5 SyntaxError
del 1
