# expect: 3:5 TypeError
x = 5
y = x[0]
