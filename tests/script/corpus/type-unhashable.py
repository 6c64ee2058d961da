# expect: 2:5 TypeError
d = {[1]: 2}
