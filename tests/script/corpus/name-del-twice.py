# expect: 4:5 NameError
x = 1
del x
del x
