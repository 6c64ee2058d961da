# expect: 3:12 RecursionError
def f(n):
    return f(n + 1)
f(0)
