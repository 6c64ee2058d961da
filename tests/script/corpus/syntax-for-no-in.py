# expect: 2:7 SyntaxError
for i range(3):
    pass
