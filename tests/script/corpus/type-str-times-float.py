# expect: 2:5 TypeError
s = 'ab' * 2.5
