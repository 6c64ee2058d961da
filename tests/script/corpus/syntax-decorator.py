# expect: 2:1 SyntaxError
@contextmanager
def f():
    pass
