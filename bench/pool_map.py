# Pool.map over 10,000 small tasks (chunked as CPython does).
from multiprocessing import Pool


def square(x):
    return x * x


if __name__ == '__main__':
    with Pool(2) as pool:
        for _ in range(5):
            r = pool.map(square, range(10000))
    assert sum(r) == 333283335000
