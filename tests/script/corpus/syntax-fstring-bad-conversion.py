# expect: 3:7 SyntaxError
x = 1
print(f"{x!z}")
