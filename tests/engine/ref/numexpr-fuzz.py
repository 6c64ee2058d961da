#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Differential fuzz of Peakline's numexpr evaluator against Debian's numexpr
2.8.4 (a tool for developers, never run by the test suite). Random
expressions over the operands of numexpr-values.py go to both; dtypes,
values (bit for bit; floats may differ by 1 ulp where numexpr folds a
constant with NumPy's own transcendental functions) and exception names are
compared. Mismatches are printed; add real bugs to numexpr-values.py.

usage: ninja -C BUILD tests/engine/numexpr-fuzz
       /usr/bin/python3 tests/engine/ref/numexpr-fuzz.py BUILD/tests/engine/numexpr-fuzz [SEED] [COUNT]

Known differences: numexpr 2.8.4 starts int32 min/max from -1/0 and reduces
constants (sum(2.5)) from uninitialised memory; copy()/ones_like() of a
constant raise numexpr's TypeError earlier than numexpr does."""
import math
import os
import random
import subprocess
import sys
import warnings

import numpy as np
import numexpr as ne

HERE = os.path.dirname(os.path.abspath(__file__))
source = open(os.path.join(HERE, "numexpr-values.py")).read()
scope = {}
exec(source[:source.index("EXPRS = ")], scope)
V = scope["V"]

VARS = ['d', 'e', 'p', 'i', 'j', 'l', 'm', 'b', 'c', 'f', 'g', 'q', 'a', 'k', 'u', 'h', 's8']
FUNCS1 = ['sqrt', 'sin', 'cos', 'tan', 'arcsin', 'arccos', 'arctan', 'sinh', 'cosh', 'tanh',
          'exp', 'expm1', 'log', 'log10', 'log1p', 'abs', 'ceil', 'floor', 'arcsinh',
          'arccosh', 'arctanh']
FUNCS2 = ['arctan2', 'fmod']
BINOPS = ['+', '-', '*', '/', '%', '**', '<', '>', '<=', '>=', '==', '!=', '&', '|', '<<', '>>']
CONSTS = ['2', '3', '0', '1', '-1', '2.5', '0.5', '3.0', '1e300', 'True', 'False', '7',
          '2147483648', '-3', '1.5', '4']


def expression(rnd, depth):
    r = rnd.random()
    if depth <= 0 or r < 0.25:
        return rnd.choice(VARS) if rnd.random() < 0.7 else rnd.choice(CONSTS)
    if r < 0.6:
        return '(%s %s %s)' % (expression(rnd, depth - 1), rnd.choice(BINOPS), expression(rnd, depth - 1))
    if r < 0.7:
        return '%s(%s)' % (rnd.choice(FUNCS1), expression(rnd, depth - 1))
    if r < 0.75:
        return '%s(%s, %s)' % (rnd.choice(FUNCS2), expression(rnd, depth - 1), expression(rnd, depth - 1))
    if r < 0.82:
        return 'where(%s, %s, %s)' % tuple(expression(rnd, depth - 1) for _ in range(3))
    if r < 0.9:
        return rnd.choice(['-', '~', '+']) + expression(rnd, depth - 1)
    if r < 0.93 and depth >= 2:
        return '%s(%s)' % (rnd.choice(['sum', 'prod', 'min', 'max']), expression(rnd, depth - 1))
    return expression(rnd, depth - 1)


def as_float(text):
    return float('nan') if text == 'nan' else float.fromhex(text)


def main():
    harness = sys.argv[1]
    rnd = random.Random(int(sys.argv[2]) if len(sys.argv) > 2 else 1)
    count = int(sys.argv[3]) if len(sys.argv) > 3 else 500
    warnings.simplefilter('ignore')
    ne.set_num_threads(1)
    peakline = subprocess.Popen([harness], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    bad = 0
    for _ in range(count):
        ex = expression(rnd, rnd.randint(1, 4))
        try:
            r = np.asarray(ne.evaluate(ex, local_dict=dict(V)))
            if r.dtype.kind == 'c':
                continue
            want = ['R', r.dtype.name] + [float(v).hex() if r.dtype.kind == 'f' and v == v else
                                          'nan' if r.dtype.kind == 'f' else
                                          str(int(v)) for v in r.ravel()]
        except Exception as exc:
            want = ['E', type(exc).__name__]
        peakline.stdin.write(ex + '\n')
        peakline.stdin.flush()
        got = peakline.stdout.readline().split()
        same = got[:2] == want[:2] and len(got) == len(want)
        if same and want[0] == 'R' and want[1].startswith('float'):
            for a, b in zip(got[2:], want[2:]):
                x, y = as_float(a), as_float(b)
                if not ((x != x and y != y) or (x == y and math.copysign(1, x) == math.copysign(1, y))):
                    same = False
        elif same:
            same = got == want
        if not same:
            bad += 1
            print('MISMATCH', ex, 'numexpr:', ' '.join(want[:6]), 'peakline:', ' '.join(got[:6]))
    print('checked', count, 'mismatches', bad)


if __name__ == '__main__':
    main()
