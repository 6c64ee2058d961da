# expect: 2:5 TypeError
x = int([1])
