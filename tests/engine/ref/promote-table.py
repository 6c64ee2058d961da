# Generates the expected dtypes of tests/engine/test-promote.c from NumPy
# 1.24 (run with /usr/bin/python3; the output is pasted into the test).
import numpy as np
import warnings
warnings.simplefilter("ignore")

DT = [np.bool_, np.int8, np.int16, np.int32, np.int64, np.uint8, np.uint16,
      np.uint32, np.uint64, np.float16, np.float32, np.float64]
CODE = {np.dtype(t): c for t, c in zip(DT, "?bhilBHILefd")}
OPS = [np.add, np.subtract, np.multiply, np.true_divide, np.floor_divide,
       np.remainder, np.power, np.bitwise_and, np.bitwise_or, np.bitwise_xor,
       np.left_shift, np.right_shift, np.equal, np.not_equal, np.less,
       np.less_equal, np.greater, np.greater_equal, np.maximum, np.minimum,
       np.arctan2]
# Python scalars (as the interpreter passes them) and NumPy scalars.
SCALARS = [("i", 0), ("i", 1), ("i", 127), ("i", 128), ("i", 255), ("i", 256),
           ("i", -1), ("i", -128), ("i", -129), ("i", 40000), ("i", 70000),
           ("i", 2**31), ("i", 2**32), ("i", -2**40), ("f", 2.5), ("f", -0.0),
           ("f", 1e10), ("f", 1e300), ("f", float("inf")), ("b", True),
           ("n", np.float32(2.5)), ("n", np.int16(-1)), ("n", np.uint16(300)),
           ("n", np.float64(1e10)), ("n", np.int8(5)), ("n", np.uint64(7))]

def code(f, a, b):
    with np.errstate(all="ignore"):
        try:
            return CODE[f(a, b).dtype]
        except (TypeError, np.core._exceptions._UFuncNoLoopError):
            return "-"
        except ValueError:
            return "!"   # int ** negative int: a runtime error after resolution

print("/* array-array: per op, 144 codes: a dtype major, b dtype minor */")
for f in OPS:
    s = "".join(code(f, np.ones(2, a), np.ones(2, b)) for a in DT for b in DT)
    print('  "%s", /* %s */' % (s, f.__name__))
print("/* array-scalar and scalar-array: per op, for each scalar, 12 array dtypes */")
for side in (0, 1):
    for f in OPS:
        s = ""
        for kind, v in SCALARS:
            for a in DT:
                arr = np.ones(2, a)
                s += code(f, arr, v) if side == 0 else code(f, v, arr)
        print('  "%s", /* %s side %d */' % (s, f.__name__, side))
