from functools import partial

import numpy as np
import numexpr as ne


def main(a, b):
    c = ne.evaluate("a + b")
    d = ne.evaluate("a * 2")
    e = ne.evaluate("a > 3")
    f = ne.evaluate("sqrt(b)")
    print(c.dtype, d.dtype, e.dtype, f.dtype)

utils.analyze_memory(partial(main, np.ones(1_000_000, dtype=np.int32), np.ones(1_000_000, dtype=np.float32)))
