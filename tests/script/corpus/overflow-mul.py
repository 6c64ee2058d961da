# expect: 2:5 OverflowError
x = 2 ** 62 * 4
