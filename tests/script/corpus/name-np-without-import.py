# expect: 2:5 NameError
x = np.ones(3)
