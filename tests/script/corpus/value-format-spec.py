# expect: 3:9 ValueError
x = 3.5
print(f"{x:.2q}")
