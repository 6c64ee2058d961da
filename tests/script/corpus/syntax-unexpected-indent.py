# expect: 3:5 IndentationError
x = 1
    y = 2
