# Tutorial section 3 and more views/copies: reference figures for
# tests/engine/test-view.c and test-index.c.
import numpy as np
import time

def main1():
    data = np.random.random(8_000_000)
    data2 = np.random.random(8_000_000)

def main2():
    data = np.random.random(8_000_000)
    del data
    data2 = np.random.random(8_000_000)

def main3():
    data = np.random.random(8_000_000)
    time.sleep(.002)
    data2 = data[:]
    time.sleep(.002)
    data3 = data.copy()
    time.sleep(.002)
    data4 = np.array(data)

def main4():
    data = np.random.random(8_000_000)
    time.sleep(.002)
    data2 = np.random.random(8_000_000)
    time.sleep(.002)
    data3 = data[:]
    time.sleep(.002)
    del data
    time.sleep(.002)
    del data2
    time.sleep(.002)
    del data3
    time.sleep(.002)

def views():
    x = np.random.random(8_000_000)
    m = x.reshape(2000, 4000)
    t = m.T
    r = m.reshape(4000, 2000)
    s = x[::2]
    v = m[10:20, ::-3]
    w = m[None, ..., 5]
    f = m.ravel()
    g = t.ravel()
    h = m.flatten()
    k = t.reshape(-1)
    del g, h, k

def masks():
    x = np.random.random(8_000_000)
    mask = x > 0.5
    y = x[x > 0.5]
    z = x[mask]
    x[mask] = 0
    x[x > 0.25] = 1.0
    idx = np.arange(0, 8_000_000, 4)
    w = x[idx]
    x[idx] = 2.0
    del y, z, w

utils.analyze_memory(main1)
utils.analyze_memory(main2)
utils.analyze_memory(main3)
utils.analyze_memory(main4)
utils.analyze_memory(views)
utils.analyze_memory(masks)
