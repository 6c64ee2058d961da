# expect: 2:1 NameError
__import__('os')
