# expect: 4:1 TypeError
def f(x):
    return x
f(x=1, z=2)
