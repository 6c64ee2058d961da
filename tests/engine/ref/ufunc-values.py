# Expected values for tests/engine/test-ufunc.c from NumPy 1.24 (run with
# /usr/bin/python3; the output is pasted into the test). Every binary ufunc
# on every dtype (both operands of that dtype), every unary ufunc, and some
# mixed, broadcast and strided cases. Values are printed exactly: integers in
# decimal, floats as hex floats.
import numpy as np
import warnings
warnings.simplefilter("ignore")

DT = [np.bool_, np.int8, np.int16, np.int32, np.int64, np.uint8, np.uint16,
      np.uint32, np.uint64, np.float16, np.float32, np.float64]
NAMES = ["BOOL", "INT8", "INT16", "INT32", "INT64", "UINT8", "UINT16",
         "UINT32", "UINT64", "FLOAT16", "FLOAT32", "FLOAT64"]
BIN = ["add", "subtract", "multiply", "true_divide", "floor_divide",
       "remainder", "power", "bitwise_and", "bitwise_or", "bitwise_xor",
       "left_shift", "right_shift", "equal", "not_equal", "less", "less_equal",
       "greater", "greater_equal", "maximum", "minimum", "arctan2"]
ENUM = ["ADD", "SUBTRACT", "MULTIPLY", "TRUE_DIVIDE", "FLOOR_DIVIDE",
        "REMAINDER", "POWER", "AND", "OR", "XOR", "LSHIFT", "RSHIFT", "EQUAL",
        "NOT_EQUAL", "LESS", "LESS_EQUAL", "GREATER", "GREATER_EQUAL",
        "MAXIMUM", "MINIMUM", "ARCTAN2"]
UN = ["negative", "positive", "absolute", "invert", "sqrt", "exp", "log",
      "sin", "cos", "tan", "arcsin", "arccos", "arctan", "sinh", "cosh",
      "tanh", "expm1", "log10", "log1p", "square"]
UENUM = ["NEGATIVE", "POSITIVE", "ABSOLUTE", "INVERT", "SQRT", "EXP", "LOG",
         "SIN", "COS", "TAN", "ARCSIN", "ARCCOS", "ARCTAN", "SINH", "COSH",
         "TANH", "EXPM1", "LOG10", "LOG1P", "SQUARE"]

IA = [0, 1, -1, 5, -7, 127, -128, 3]
IB = [3, -2, 1, 2, 4, -1, 7, 0]
IB_POW = [3, 2, 1, 2, 4, 0, 7, 0]
FA = [0.5, -1.5, 2.0, 3.25, -0.0, float("inf"), float("nan"), 1e10]
FB = [2.0, 0.75, -3.0, 0.0, -2.5, 2.0, 1.0, -1e-3]
BA = [True, False, True, False, True, True, False, False]
BB = [True, True, False, False, True, False, True, False]
UA_F = [0.5, 0.25, 1.0, 0.75, -0.5, 0.0, 0.125, 0.9]

def operands(t, pow_=False):
    if t is np.bool_:
        return np.array(BA, t), np.array(BB, t)
    if np.issubdtype(t, np.integer):
        return (np.array(IA, np.int64).astype(t),
                np.array(IB_POW if pow_ else IB, np.int64).astype(t))
    return np.array(FA, t), np.array(FB, t)

def fmt(v, dt):
    if dt.kind == "f":
        return '"%s"' % float(v).hex()
    if dt.kind == "b":
        return '"%d"' % int(v)
    return '"%d"' % int(v)

def values(arr):
    return ", ".join(fmt(v, arr.dtype) for v in arr.ravel())

print("static const BinaryCase binary_cases[] = {")
for name, en in zip(BIN, ENUM):
    f = getattr(np, name)
    for t, tn in zip(DT, NAMES):
        a, b = operands(t, name == "power")
        try:
            with np.errstate(all="ignore"):
                r = f(a, b)
        except TypeError:
            continue
        print('  { PL_BINOP_%s, PL_DTYPE_%s, PL_DTYPE_%s, { %s } },'
              % (en, tn, NAMES[DT.index(r.dtype.type)], values(r)))
print("};")

print("static const UnaryCase unary_cases[] = {")
for name, en in zip(UN, UENUM):
    f = getattr(np, name)
    for t, tn in zip(DT, NAMES):
        if t is np.bool_:
            a = np.array(BA, t)
        elif np.issubdtype(t, np.integer):
            a = np.array(IA, np.int64).astype(t)
        elif name in ("arcsin", "arccos"):
            a = np.array(UA_F, t)
        else:
            a = np.array(FA, t)
        try:
            with np.errstate(all="ignore"):
                r = f(a)
        except TypeError:
            continue
        print('  { PL_UNOP_%s, PL_DTYPE_%s, PL_DTYPE_%s, { %s } },'
              % (en, tn, NAMES[DT.index(r.dtype.type)], values(r)))
print("};")

# Mixed dtypes, scalars, broadcasting and strides: printed as comments with
# the values used by hand-written cases in the test.
a8 = np.array(IA, np.int8); f32 = np.array(FB, np.float32)
print("/* int8 + float32:", values(a8 + f32), "*/")
print("/* uint8 + -1:", (np.array(IA, np.int64).astype(np.uint8) + -1).dtype, values(np.array(IA, np.int64).astype(np.uint8) + -1), "*/")
print("/* int16 * 2.5:", values(np.array(IA, np.int16) * 2.5), "*/")
x = np.arange(6, dtype=np.int16).reshape(2, 3)
print("/* (2,3) int16 + [10,20,30]:", values(x + np.array([10, 20, 30], np.int16)), "*/")
print("/* (2,1) * (1,3) float32:", values(np.array([[1.5], [-2]], np.float32) * np.array([[1, 2, 3]], np.float32)), "*/")
r = np.arange(8.0)
print("/* arange(8.)[::-1] - arange(8.):", values(r[::-1] - r), "*/")
print("/* arange(6).reshape(2,3).T * 2:", values(np.arange(6).reshape(2, 3).T * 2), "*/")
i8 = np.array(IA, np.int8); i8 += 200
print("/* int8 += 200:", values(i8), "*/")
print("/* where(a>0, int8, 200):", np.where(np.array(IA) > 0, np.array(IA, np.int8), 200).dtype, values(np.where(np.array(IA) > 0, np.array(IA, np.int8), 200)), "*/")
with np.errstate(all="ignore"):
    print("/* float16 floor_divide/remainder of FA, FB:", values(np.floor_divide(np.array(FA, np.float16), np.array(FB, np.float16))), "|", values(np.remainder(np.array(FA, np.float16), np.array(FB, np.float16))), "*/")
