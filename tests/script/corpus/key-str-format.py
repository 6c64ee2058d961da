# expect: 2:7 KeyError
print('{name}'.format(nom=1))
