# expect: 2:1 SyntaxError
else:
    pass
