# expect: 3:5 SyntaxError
def f():
    nonlocal x
