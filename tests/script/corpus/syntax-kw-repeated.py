# expect: 2:18 SyntaxError
print(1, sep='', sep='')
