# expect: 2:11 SyntaxError
print('a' 1)
