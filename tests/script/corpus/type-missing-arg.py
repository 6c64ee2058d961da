# expect: 4:1 TypeError
def f(x, y):
    return x
f(1)
