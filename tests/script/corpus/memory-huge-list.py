# expect: 2:5 MemoryError
x = [0] * 10 ** 9
