# expect: 2:7 SyntaxError
if (n := 3):
    pass
