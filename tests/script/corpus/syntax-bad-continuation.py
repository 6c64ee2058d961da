# expect: 2:9 SyntaxError
x = 1 + \ 2
