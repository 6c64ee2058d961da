# expect: 2:13 SyntaxError
xs = [x * 2 for x in range(3)]
