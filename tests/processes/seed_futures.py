# Seeds 000/003: ProcessPoolExecutor.map over CPU-bound calls, submit/result,
# add_done_callback, and ThreadPoolExecutor with submit/result.
import concurrent.futures
import math
from concurrent.futures import ThreadPoolExecutor, ProcessPoolExecutor

PRIMES = [112272535095293, 112582705942171, 112272535095293, 115280095190773,
          115797848077099, 1099726899285419]


def is_prime(n):
    if n % 2 == 0:
        return False
    sqrt_n = int(math.floor(math.sqrt(n)))
    for i in range(3, sqrt_n + 1, 2):
        if n % i == 0:
            return False
    return True


def work(x):
    return sum(i * i for i in range(x))


def when_done(r):
    print('Got:', r.result())


def fetch(url):
    return 'data of ' + url


if __name__ == '__main__':
    with concurrent.futures.ProcessPoolExecutor() as executor:
        for number, prime in zip(PRIMES, executor.map(is_prime, PRIMES)):
            print('%d is prime: %s' % (number, prime))
    data = [10, 100, 1000]
    results = list(map(work, data))
    with ProcessPoolExecutor() as pool:
        print(list(pool.map(work, data)) == results)
        future_result = pool.submit(work, 50)
        r = future_result.result()
        print(r)
    with ProcessPoolExecutor() as pool:
        future_result = pool.submit(work, 20)
        future_result.add_done_callback(when_done)
    pool = ThreadPoolExecutor(10)
    a = pool.submit(fetch, 'http://www.python.org')
    b = pool.submit(fetch, 'http://www.pypy.org')
    x = a.result()
    y = b.result()
    print(x, y)
    pool.shutdown()
