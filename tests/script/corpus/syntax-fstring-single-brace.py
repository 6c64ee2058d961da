# expect: 3:11 SyntaxError
x = 1
print(f"a } b")
