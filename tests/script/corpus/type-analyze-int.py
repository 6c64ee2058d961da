# expect: 2:1 TypeError
utils.analyze_memory(3)
