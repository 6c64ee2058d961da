# expect: 5:31 NameError
x = [] * 83333333333339
y = "" * 10 ** 15
z = () * 10 ** 18
print(len(x), len(y), len(z), undefined)
