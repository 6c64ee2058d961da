# expect: 2:5 OverflowError
x = 9223372036854775807 + 1
