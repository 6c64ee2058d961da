# expect: 2:10 SyntaxError
x = [1, 2)
