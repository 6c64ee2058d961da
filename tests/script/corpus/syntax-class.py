# expect: 2:1 SyntaxError
class utils:
    pass
