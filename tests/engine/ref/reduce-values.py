# Expected reductions for tests/engine/test-reduce.c from NumPy 1.24 (run with
# /usr/bin/python3). The data are formulas the C test rebuilds exactly.
import numpy as np
import warnings
warnings.simplefilter("ignore")

def data_f(n):
    i = np.arange(n)
    return ((i * 7919) % 10007) / 10007.0 * 3 - 1.1

def data_i(n):
    i = np.arange(n)
    return ((i * 7919) % 10007) - 5000

def h(v):
    return '"%s"' % float(v).hex() if np.asarray(v).dtype.kind == "f" else '"%d"' % int(v)

OPS = ["sum", "prod", "mean", "min", "max", "std", "any", "all"]

def emit(label, arr):
    for op in OPS:
        if op == "prod":
            a = arr.ravel()[:20].copy()     # products of the first 20 only
        else:
            a = arr
        for axis in (None, 0, -1):
            if op == "prod" and axis is not None:
                continue
            r = np.asarray(getattr(np, op)(a, axis=axis))
            vals = r.ravel()
            pick = [0, len(vals) // 2, len(vals) - 1]
            print('  { "%s", "%s", %s, "%s", { %s } },' % (
                label, op, "ALL" if axis is None else str(axis), r.dtype.name,
                ", ".join(h(vals[k]) for k in pick)))

emit("f64", data_f(100003))
emit("f64_2d", data_f(301 * 457).reshape(301, 457))
emit("f32", data_f(100003).astype(np.float32))
emit("f32_2d", data_f(301 * 457).astype(np.float32).reshape(301, 457))
emit("i32", data_i(100003).astype(np.int32))
emit("u8", data_i(100003).astype(np.uint8))
emit("b", data_i(100003) > 0)
emit("f16", data_f(1001).astype(np.float16))
x = data_f(301 * 457).reshape(301, 457)
emit("f64_T", x.T)
emit("f64_step", x[::-1, ::3])
