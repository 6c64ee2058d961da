# expect: 3:1 TypeError
x = 3
x()
