# expect: 2:10 TypeError
for i in range(2.5):
    pass
