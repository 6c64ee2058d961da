# expect: 2:1 SyntaxError
a + 1 = 2
