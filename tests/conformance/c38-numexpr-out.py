from functools import partial

import numpy as np
import numexpr as ne


def main(x, y):
    out = np.empty_like(x)
    ne.evaluate("x * 2 + y", out=out)
    f = ne.NumExpr("x + y")
    z = f(x, y)
    print(out[:2], z[:2])

utils.analyze_memory(partial(main, np.ones(1_000_000), np.ones(1_000_000)))
