# expect: 3:9 UnboundLocalError
def f():
    y = x
    x = 1
f()
