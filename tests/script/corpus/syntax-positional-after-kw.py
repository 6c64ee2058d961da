# expect: 2:15 SyntaxError
print(end='', 1)
