# Tutorial section 2 and more creation functions: reference figures for
# tests/engine/test-array.c (run with /usr/bin/python3 numpy_ref.py).
import numpy as np
from functools import partial

def creation():
    a = np.ones(8_000_000)
    b = np.zeros(8_000_000)
    c = np.empty(8_000_000)
    d = np.arange(8_000_000)
    e = np.random.random(8_000_000)
    f = np.full((2000, 4000), 7, dtype=np.int16)
    g = np.linspace(0, 1, 1_000_000)
    h = np.linspace(0, 10, 1_000_000, dtype=np.int32)
    i = np.zeros_like(a)
    j = np.ones_like(f)
    k = np.empty_like(e, dtype=np.float32)
    l = np.random.randn(1000, 1000)
    m = np.array([1.0, 2.0, 3.0])
    del a, b, c, d
    del e, f, g, h, i, j, k, l

utils.analyze_memory(creation)
utils.analyze_memory(
    partial(np.ones, 1_000_000, dtype=np.float64),
    partial(np.ones, 4_000_000, dtype=np.float64),
    partial(np.ones, 500_000_0),
    partial(np.arange, 500_000_0),
    partial(np.zeros, 500_000_0),
    partial(np.empty, 500_000_0),
    partial(np.random.random, 500_000_0),
)
