# expect: 2:1 AssertionError
assert 1 == 2, 'nope'
