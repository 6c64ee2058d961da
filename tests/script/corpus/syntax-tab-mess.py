# expect: 5:3 IndentationError
if True:
	x = 1
        y = 2
  z = 3
