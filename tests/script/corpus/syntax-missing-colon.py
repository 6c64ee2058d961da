# expect: 2:9 SyntaxError
def f(x)
    return x
