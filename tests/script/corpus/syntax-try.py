# expect: 2:1 SyntaxError
try:
    x = 1
except:
    pass
