#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The comparison figure for bench-sampler: how many samples per second
memory_profiler.memory_usage(..., interval=.00005) achieves on this machine
over a 100 ms pipeline (what the tutorial's utils.analyze_memory does).
Needs Debian's python3-memory-profiler and python3-numpy."""
import statistics
import time

import numpy as np
from memory_profiler import memory_usage

calls = []


def pipeline_sleep():
    calls.append(1)
    time.sleep(0.1)


def pipeline_busy():
    calls.append(1)
    t_end = time.perf_counter() + 0.1
    x = np.ones(1_000_000)
    while time.perf_counter() < t_end:
        x *= 1.000001


def rate(fun, reps=7):
    rates = []
    reruns = 0
    for _ in range(reps):
        calls.clear()
        t0 = time.perf_counter()
        trace = memory_usage(fun, interval=.00005, timestamps=True)
        t1 = time.perf_counter()
        span = trace[-1][1] - trace[0][1]
        rates.append((len(trace) - 1) / span if span > 0 else 0.0)
        reruns += len(calls) - 1
    return statistics.median(rates), min(rates), max(rates), reruns


for name, fun in (("sleeping", pipeline_sleep), ("busy", pipeline_busy)):
    med, lo, hi, reruns = rate(fun)
    print(f"memory_profiler {name} 100 ms pipeline at 50 us: median {med:,.0f} samples/s "
          f"(min {lo:,.0f}, max {hi:,.0f}; function re-run {reruns} times)")
