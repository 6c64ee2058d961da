# expect: 2:5 SyntaxError
s = '''abc

