# expect: 2:1 SyntaxError
1 = x
