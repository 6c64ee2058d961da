# expect: 2:12 SyntaxError
def f(a=1, b):
    pass
