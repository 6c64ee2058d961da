#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
# NumPy 1.24's side of bench-engine.c: the same operations on 8,000,000
# float64, each the best of REPEAT runs (the result is freed inside the timed
# region, as the C side does). Prints "name seconds" lines. Only for the
# benchmark (meson test --benchmark); the test suite never runs Python.
import sys
import time
import numpy as np

N = 8_000_000
REPEAT = int(sys.argv[1]) if len(sys.argv) > 1 else 7

x = np.random.random(N)
y = np.random.random(N)
z = np.random.random(N)
m = np.random.random(N)


def fun_x2():
    x * 2

def fun_xyz():
    x * y + z

def fun_chain():
    x * 2 * 3 * 4 + 1

def fun_ones():
    np.ones(N)

def fun_arange():
    np.arange(N)

def fun_random():
    np.random.random(N)

def fun_copy():
    x.copy()

def fun_mask():
    x[x > 0.5]

def fun_astype():
    x.astype(np.float32)

def fun_inplace():
    m.__imul__(2)

CASES = [("x*2", fun_x2), ("x*y+z", fun_xyz), ("x*2*3*4+1", fun_chain),
         ("ones", fun_ones), ("arange", fun_arange), ("random.random", fun_random),
         ("copy", fun_copy), ("x[x>0.5]", fun_mask), ("astype(float32)", fun_astype),
         ("x*=2", fun_inplace)]

for name, f in CASES:
    f()
    best = float("inf")
    for _ in range(REPEAT):
        t0 = time.perf_counter()
        f()
        best = min(best, time.perf_counter() - t0)
    print(name, best, flush=True)
