# expect: 2:5 TypeError
x = 'a' + 1
