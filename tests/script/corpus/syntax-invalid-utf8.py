# expect: 3:6 SyntaxError
x = 1
y = 'ÿ'
