# expect: 3:1 TypeError
s = 'abc'
s[0] = 'x'
