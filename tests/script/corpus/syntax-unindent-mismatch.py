# expect: 4:5 IndentationError
if True:
        x = 1
    y = 2
