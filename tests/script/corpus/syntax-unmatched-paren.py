# expect: 2:6 SyntaxError
x = 1)
