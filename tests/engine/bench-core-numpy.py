#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""NumPy's side of bench-core: the same operations, the same sizes, timed the
same way (best and median of N runs, in milliseconds). Prints JSON."""
import json
import sys
import time

import numpy as np

N = 8_000_000
REPEAT = int(sys.argv[1]) if len(sys.argv) > 1 else 7

rng = np.random.default_rng(1)
x = np.random.random(N)
mask = x > 0.5
m2 = x.reshape(2000, 4000)

def y_setmask():
    x[mask] = 0.0

ops = {
    "ones": lambda: np.ones(N),
    "zeros": lambda: np.zeros(N),
    "empty": lambda: np.empty(N),
    "arange": lambda: np.arange(N),
    "linspace": lambda: np.linspace(0, 1, N),
    "random.random": lambda: np.random.random(N),
    "random.randn": lambda: np.random.randn(N),
    "x[mask]": lambda: x[mask],
    "x[mask] = 0": y_setmask,
    "m.T.reshape(-1)": lambda: m2.T.reshape(-1),
}

out = {}
for name, fn in ops.items():
    times = []
    for _ in range(REPEAT):
        t0 = time.perf_counter()
        r = fn()
        t1 = time.perf_counter()
        del r
        times.append((t1 - t0) * 1e3)
    times.sort()
    out[name] = {"best_ms": times[0], "median_ms": times[len(times) // 2]}
json.dump(out, sys.stdout)
