# expect: 2:5 NameError
f = open('/etc/passwd')
