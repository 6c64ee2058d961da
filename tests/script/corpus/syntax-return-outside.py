# expect: 2:1 SyntaxError
return 5
