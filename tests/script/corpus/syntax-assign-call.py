# expect: 2:1 SyntaxError
f() = 3
