# expect: 3:12 SyntaxError
x = 1
print(f"a {} b")
