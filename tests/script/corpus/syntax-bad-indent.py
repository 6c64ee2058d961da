# expect: 3:1 IndentationError
def f():
return 1
