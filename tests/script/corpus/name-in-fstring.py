# expect: 2:14 NameError
print(f"GB: {nbytes / 1024 ** 3}")
