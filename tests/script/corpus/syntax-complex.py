# expect: 2:5 SyntaxError
x = 3j
