# Pool: map/starmap/apply/apply_async with callbacks, imap(_unordered), errors, timeouts, initializer, maxtasksperchild, ThreadPool, dummy.Pool.
from multiprocessing import Pool, TimeoutError
from multiprocessing.pool import ThreadPool
import multiprocessing.dummy
import os, time
def sq(x): return x * x
def add(a, b): return a + b
def fail(x):
    if x == 3: raise ValueError('three')
    return x
def slow(x): time.sleep(x); return x
def pid(_): return os.getpid()
G = 0
def init(v):
    global G
    G = v
def getg(_): return G
if __name__ == '__main__':
    with Pool(3) as p:
        print(p.map(sq, range(10)))
        print(p.starmap(add, [(1, 2), (3, 4)]))
        print(p.apply(add, (5, 6)))
        r = p.apply_async(fail, (3,))
        try: r.get()
        except ValueError as e: print('raised', repr(e), r.successful())
        print(list(p.imap(sq, range(5))), sorted(p.imap_unordered(sq, range(5))))
        print(list(p.imap(sq, range(7), chunksize=3)))
        try: p.map(fail, range(5))
        except ValueError as e: print('map raised', e)
        got = []
        r = p.apply_async(sq, (7,), callback=got.append); r.wait(); print(r.ready(), r.get(), got)
        errs = []
        r = p.apply_async(fail, (3,), error_callback=errs.append); r.wait(); time.sleep(0.01); print(errs)
        r = p.apply_async(slow, (0.5,))
        try: r.get(timeout=0.05)
        except TimeoutError: print('timeout')
        try: p.apply(lambda x: x, (1,))
        except Exception as e: print(type(e).__name__)
    p = Pool(2, initializer=init, initargs=(42,), maxtasksperchild=2)
    print(p.map(getg, range(6), chunksize=1))
    print(len(set(p.map(pid, range(8), chunksize=1))) >= 2)
    p.close(); p.join()
    try: p.apply(sq, (1,))
    except ValueError as e: print(e)
    with ThreadPool(4) as tp:
        print(tp.map(sq, range(5)), tp.apply_async(add, (1, 2)).get(), list(tp.imap(sq, [1, 2])))
        print(tp.map(lambda x: x + 1, [1, 2]))
    with multiprocessing.dummy.Pool(2) as dp:
        print(dp.map(sq, [3, 4]))
    print('done')
