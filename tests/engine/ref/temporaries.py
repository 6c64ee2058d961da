# Tutorial sections 4 and 5 (NumPy side) and more operator/ufunc/reduction
# cases: reference figures for tests/engine/test-elide.c, test-ufunc.c,
# test-copy.c and test-reduce.c. Run with
#   /usr/bin/python3 /work/shared/tools/numpy_ref.py temporaries.py temporaries.json
import numpy as np
from functools import partial

# Section 4
def s4_fun1(x):
    x = x * 2

def s4_fun2(x):
    x *= 2

def s4_chain(x):
    x = x * 2 * 3 * 4 + 1

def s4_factored(x):
    x = x * (2 * 3 * 4 + 1)

def s4_np_multiply(x):
    x = np.multiply(x, 2)

def s4_np_multiply_out(x):
    x = np.multiply(x, 2, out=x)

def s4_astype(x):
    x = x.astype(np.float32)

def s4_astype_nocopy(x):
    x = x.astype(np.float32, copy=False)

def s4_slice(big_array):
   x = big_array[:, ::2]
   x = x * 2

def s4_slice_copy(big_array):
   x = big_array[:, ::2].copy()
   x = x * 2

# Section 5, NumPy side
def s5_fun1(x):
    x * 2 + 3

def s5_xyz(x, y, z):
    x * y + z

# More operators and ufuncs
def more_ops(x):
    a = -x
    b = -(x * 2)
    c = abs(x * 2)
    d = x ** 2
    e = (x * 2) ** 2
    f = (x + 1) / 2
    g = 2 / (x + 1)
    h = (x + 1) - x
    i = x - (x + 1)
    j = x > 0.5
    k = (x * 2) > 0.5
    l = np.sqrt(x)
    m = np.add(x * 2, 1)
    n = x.astype(np.int32) * 2
    o = x.astype(np.int32) * 2.5
    del a, b, c, d, e, f, g, h, i, j, k, l, m, n, o

def small_temps(x):
    s = x[:10000]
    t = s * 2 + 1
    u = (s * 2) * (s + 1)
    del t, u

def reductions(x):
    a = x.sum()
    b = x.mean()
    c = x.std()
    m = x.reshape(2000, 4000)
    d = m.sum(axis=0)
    e = m.sum(axis=1)
    f = m.std(axis=0)
    g = m.max(axis=1)
    del a, b, c, d, e, f, g

def where_copy(x):
    w = np.where(x > 0.5, x, 0.0)
    c = x.copy()
    t = x.T
    a = np.ascontiguousarray(x)
    del w, c, a

utils.analyze_memory(partial(s4_fun1, np.ones(8_000_000)), partial(s4_fun2, np.ones(8_000_000)))
utils.analyze_memory(partial(s4_chain, np.ones(8_000_000)), partial(s4_factored, np.ones(8_000_000)))
utils.analyze_memory(partial(s4_np_multiply, np.ones(8_000_000)), partial(s4_np_multiply_out, np.ones(8_000_000)))
utils.analyze_memory(partial(s4_astype, np.ones(8_000_000)), partial(s4_astype_nocopy, np.ones(8_000_000)))
utils.analyze_memory(partial(s4_slice, np.ones([1_000_000, 10])), partial(s4_slice_copy, np.ones([1_000_000, 10])))
utils.analyze_memory(partial(s5_fun1, np.ones(8_000_000)))
utils.analyze_memory(partial(s5_xyz, np.ones(3_000_000), np.ones(3_000_000), np.ones(3_000_000)))
utils.analyze_memory(partial(more_ops, np.random.random(1_000_000)))
utils.analyze_memory(partial(small_temps, np.random.random(1_000_000)))
utils.analyze_memory(partial(reductions, np.random.random(8_000_000)))
utils.analyze_memory(partial(where_copy, np.random.random(1_000_000)))
