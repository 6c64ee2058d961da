# expect: 2:6 AttributeError
x = (5).foo
