#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Times Debian's numexpr 2.8.4 on the expressions of bench-numexpr.c, the same
way: 8,000,000 float64 elements, the result dropped at once (an expression
statement), best of REPEAT calls. Only for benchmarking; the test suite never
runs it.

usage: bench-numexpr.py [THREADS] [REPEAT]      prints "<wall s> <cpu s> <expression>"
       bench-numexpr.py --serve THREADS         reads "REPEAT EXPRESSION" lines,
                                                answers "<wall s> <cpu s>" for each
(bench-numexpr.c uses --serve to alternate with its own timings, so that both
see the same load on a shared machine)."""
import sys
import time

import numpy as np
import numexpr as ne

EXPRESSIONS = [
    "x * 2 + 3",
    "x * y + z",
    "2 * x + 3 * y",
    "sqrt(x) + y ** 2",
    "x * y - 4.1 * x > 2.5 * y",
]


def best_of(ex, env, repeat):
    """Best wall time and best CPU time (all threads) of REPEAT calls."""
    ne.evaluate(ex, local_dict=env)   # warm the caches
    best, best_cpu = float("inf"), float("inf")
    for _ in range(repeat):
        c0 = time.process_time()
        t0 = time.perf_counter()
        ne.evaluate(ex, local_dict=env)
        best = min(best, time.perf_counter() - t0)
        best_cpu = min(best_cpu, time.process_time() - c0)
    return best, best_cpu


def main():
    serve = len(sys.argv) > 1 and sys.argv[1] == "--serve"
    args = sys.argv[2:] if serve else sys.argv[1:]
    threads = int(args[0]) if len(args) > 0 else ne.detect_number_of_cores()
    repeat = int(args[1]) if len(args) > 1 else 7
    ne.set_num_threads(threads)
    rng = np.random.default_rng(42)
    n = 8_000_000
    env = {"x": rng.random(n) + 0.5, "y": rng.random(n) - 0.5, "z": rng.random(n)}
    if serve:
        print("ready", flush=True)
        for line in sys.stdin:
            count, ex = line.rstrip("\n").split(" ", 1)
            print("%.9f %.9f" % best_of(ex, env, int(count)), flush=True)
        return
    for ex in EXPRESSIONS:
        print("%.9f %.9f %s" % (best_of(ex, env, repeat) + (ex,)), flush=True)


if __name__ == "__main__":
    main()
