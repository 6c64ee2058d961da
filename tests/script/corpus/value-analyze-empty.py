# expect: 2:1 ValueError
utils.analyze_memory()
