# expect: 2:1 NameError
foo(3)
