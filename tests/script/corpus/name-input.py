# expect: 2:5 NameError
x = input()
