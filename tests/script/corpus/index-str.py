# expect: 3:1 IndexError
s = 'abc'
s[10]
