# expect: 2:7 SyntaxError
def f(*args):
    pass
