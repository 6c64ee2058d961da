# expect: 2:19 IndentationError
for i in range(3):
