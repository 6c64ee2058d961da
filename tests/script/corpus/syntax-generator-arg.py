# expect: 2:11 SyntaxError
s = sum(x for x in range(3))
