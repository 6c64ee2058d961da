# expect: 6:11 UnboundLocalError
import numpy as np
def main():
    data = np.ones(3)
    del data
    print(data)
main()
