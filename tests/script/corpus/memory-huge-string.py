# expect: 2:5 MemoryError
s = 'abc' * 10 ** 9
