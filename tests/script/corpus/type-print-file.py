# expect: 2:1 NotImplementedError
print('x', file=None)
