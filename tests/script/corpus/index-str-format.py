# expect: 2:7 IndexError
print('{} {}'.format(1))
