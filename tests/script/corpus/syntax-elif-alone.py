# expect: 3:1 SyntaxError
x = 1
elif x:
    pass
