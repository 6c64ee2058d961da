# expect: 2:5 TypeError
x = 1 + 'a'
