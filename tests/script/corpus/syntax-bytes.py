# expect: 2:5 SyntaxError
b = b'abc'
