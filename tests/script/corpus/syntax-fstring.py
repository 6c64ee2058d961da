# expect: 3:7 SyntaxError
x = 3
print(f"{x}")
