# expect: 2:1 NameError
eval('1+1')
