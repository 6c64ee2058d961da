# expect: 2:5 SyntaxError
for 1 in range(3):
    pass
