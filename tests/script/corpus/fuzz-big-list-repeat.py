# expect: 4:5 MemoryError
x = [[]] * 9 ** 6 * 9
del x
y = [0] * 10 ** 8
