# expect: 2:1 SyntaxError
class = 3
