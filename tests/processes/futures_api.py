# concurrent.futures: ThreadPoolExecutor and ProcessPoolExecutor, wait/as_completed, cancel, timeouts, shutdown errors.
import concurrent.futures as cf
from concurrent.futures import ThreadPoolExecutor, ProcessPoolExecutor, as_completed, wait, FIRST_COMPLETED, FIRST_EXCEPTION, ALL_COMPLETED
import threading, time, math
def sq(x): return x * x
def slow(x): time.sleep(x); return x
def fail(x): raise ValueError(x)
def name(_): return threading.current_thread().name
PRIMES = [112272535095293, 112582705942171, 112272535095293, 115280095190773, 115797848077099, 1099726899285419]
def is_prime(n):
    if n % 2 == 0: return False
    sqrt_n = int(math.floor(math.sqrt(n)))
    for i in range(3, sqrt_n + 1, 2):
        if n % i == 0: return False
    return True
inited = []
def init(x): inited.append(x)
if __name__ == '__main__':
    with ThreadPoolExecutor(max_workers=4, thread_name_prefix='w', initializer=init, initargs=(1,)) as ex:
        print(list(ex.map(sq, range(6))))
        fs = [ex.submit(sq, i) for i in range(5)]
        print(sorted(f.result() for f in as_completed(fs)))
        f = ex.submit(fail, 3)
        print(repr(f.exception()), f.done(), f.cancelled())
        try: f.result()
        except ValueError as e: print('raised', e)
        print(sorted(set(ex.map(name, range(8))))[0].startswith('w_'))
        f = ex.submit(slow, 0.3)
        try: f.result(timeout=0.01)
        except cf.TimeoutError: print('timeout', cf.TimeoutError is TimeoutError)
        done, nd = wait([ex.submit(slow, 0.01), ex.submit(slow, 0.5)], return_when=FIRST_COMPLETED)
        print(len(done), len(nd))
        done, nd = wait([ex.submit(fail, 1), ex.submit(slow, 0.5)], return_when=FIRST_EXCEPTION)
        print(len(done), len(nd))
        got = []
        f = ex.submit(sq, 9); f.add_done_callback(lambda fu: got.append(fu.result())); f.result(); time.sleep(0.01); print(got)
    print(inited[:1])
    try: ex.submit(sq, 1)
    except RuntimeError as e: print(e)
    with ThreadPoolExecutor(1) as ex:
        fs = [ex.submit(slow, 0.05) for _ in range(4)]
        print(fs[3].cancel(), fs[3].cancelled())
        try: fs[3].result()
        except cf.CancelledError: print('cancelled')
        ex.shutdown(cancel_futures=True)
        print([f.cancelled() for f in fs][1:])
    try:
        for x in ThreadPoolExecutor(2).map(slow, [0.01, 1], timeout=0.2): print('got', x)
    except TimeoutError: print('map timeout')
    with ProcessPoolExecutor() as executor:
        for number, prime in zip(PRIMES, executor.map(is_prime, PRIMES)):
            print('%d is prime: %s' % (number, prime))
    with ProcessPoolExecutor(max_workers=2) as pool:
        f = pool.submit(sq, 12)
        print(f.result(), pool.submit(fail, 'x').exception().args)
        print(sorted(f.result() for f in as_completed([pool.submit(sq, i) for i in range(5)])))
        print(list(pool.map(sq, range(5))))
        try: pool.submit(lambda: 1).result()
        except Exception as e: print(type(e).__name__)
    try: pool.submit(sq, 1)
    except RuntimeError as e: print(e)
    f = cf.Future(); print(f.running(), f.done()); f.set_result(3); print(f.result())
    try: f.set_result(4)
    except cf.InvalidStateError: print('invalid state')
