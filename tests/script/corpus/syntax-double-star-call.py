# expect: 3:7 SyntaxError
d = dict(a=1)
print(**d)
