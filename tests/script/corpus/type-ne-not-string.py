# expect: 3:1 ValueError
import numexpr as ne
ne.evaluate(3)
