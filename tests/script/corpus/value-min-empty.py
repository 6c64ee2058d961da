# expect: 2:5 ValueError
m = min([])
