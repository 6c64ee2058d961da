# expect: 2:7 SyntaxError
x = 1 $ 2
