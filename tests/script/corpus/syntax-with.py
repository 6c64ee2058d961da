# expect: 2:1 SyntaxError
with open('f') as f:
    pass
