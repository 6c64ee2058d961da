# expect: 2:7 SyntaxError
s = {1, 2}
