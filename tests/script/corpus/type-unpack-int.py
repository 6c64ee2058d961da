# expect: 2:1 TypeError
a, b = 5
