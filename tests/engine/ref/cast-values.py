# Expected conversions for tests/engine/test-cast.c from NumPy 1.24 (run with
# /usr/bin/python3): every dtype to every dtype with astype(). Float to int
# conversions of NaN, inf and out-of-range values are left out (undefined in
# C; NumPy 1.24 warns "invalid value encountered in cast").
import numpy as np
import warnings
warnings.simplefilter("ignore")

DT = [np.bool_, np.int8, np.int16, np.int32, np.int64, np.uint8, np.uint16,
      np.uint32, np.uint64, np.float16, np.float32, np.float64]
INTS = [0, 1, -1, 127, -128, 255, 256, 32767, -32768, 65535, 2**31 - 1,
        -2**31, 2**32 - 1, 2**53 + 1, -2**63, 2**63 - 1]
FLOATS = [0.0, -0.0, 1.5, -1.5, 2.5, -2.7, 255.9, 256.0, 65504.0, 65520.0,
          1e10, -1e10, 3.4e38, 1e300, 1.0000001, 0.1, float("nan"),
          float("inf"), -float("inf"), 5.960464477539063e-08, 2.98e-08]

def src(t):
    if t is np.bool_:
        return np.array([True, False, True], t)
    if np.issubdtype(t, np.integer):
        return np.array(INTS, np.int64).astype(t)
    return np.array(FLOATS, np.float64).astype(t)

def fmt(v, dt):
    if dt.kind == "f":
        return float(v).hex()
    return str(int(v))

print("static const char *cast_table[PL_N_DTYPES][PL_N_DTYPES] = {")
for f in DT:
    s = src(f)
    row = []
    for t in DT:
        r = s.astype(t)
        vals = []
        for a, b in zip(s, r):
            bad = (np.dtype(f).kind == "f" and np.dtype(t).kind in "iu" and
                   (not np.isfinite(a) or
                    not (np.iinfo(t).min <= float(a) < np.iinfo(t).max + 1)))
            vals.append("*" if bad else fmt(b, r.dtype))
        row.append('"%s"' % " ".join(vals))
    print("  { %s }," % ",\n    ".join(row))
print("};")
