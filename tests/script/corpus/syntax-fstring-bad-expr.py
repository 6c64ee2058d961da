# expect: 3:20 SyntaxError
x = 1
print(f"value: {x +}")
