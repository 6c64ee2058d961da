# expect: 2:5 SyntaxError
x = 1e
