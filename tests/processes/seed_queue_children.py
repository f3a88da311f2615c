# Seed 001, 7.6.1: a multiprocessing.Queue filled by three children
# (the id() prints dropped, results sorted).
from multiprocessing import Process, Queue


def f(q, n):
    q.put(n * n + 1)


if __name__ == '__main__':
    q = Queue()
    ps = []
    for i in range(3):
        p = Process(target=f, args=(q, i))
        p.start()
        ps.append(p)
    print(sorted([q.get(), q.get(), q.get()]))
    for p in ps:
        p.join()
    print(q.empty())
