# expect: 4:1 TypeError
def f(x):
    return x
f(1, x=2)
