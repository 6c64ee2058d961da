# expect: 2:1 SyntaxError
a, b += 1
