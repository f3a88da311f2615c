# 100,000 small items through a multiprocessing.Queue from a child to the parent.
import multiprocessing as mp

N = 100000


def producer(q, n):
    for i in range(n):
        q.put((i, 'item'))
    q.put(None)


if __name__ == '__main__':
    q = mp.Queue()
    p = mp.Process(target=producer, args=(q, N))
    p.start()
    count = total = 0
    while True:
        item = q.get()
        if item is None:
            break
        count += 1
        total += item[0]
    p.join()
    assert count == N and total == N * (N - 1) // 2
