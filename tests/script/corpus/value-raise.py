# expect: 2:7 ValueError
raise ValueError('Duration must be non-negative')
