# expect: 2:10 TypeError
for x in 5:
    pass
