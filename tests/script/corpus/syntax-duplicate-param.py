# expect: 2:10 SyntaxError
def f(a, a):
    pass
