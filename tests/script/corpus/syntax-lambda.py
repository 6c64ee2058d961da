# expect: 2:5 SyntaxError
f = lambda x: x
