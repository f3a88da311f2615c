# Seed 001, 7.6.3: Manager dict and list changed by ten children (ids dropped, sorted).
from multiprocessing import Process, Manager


def f(d, l, n):
    d[n] = '1'
    d['2'] = 2
    d[0.25] = None
    l.append(n)


if __name__ == '__main__':
    with Manager() as manager:
        d = manager.dict()
        l = manager.list(range(5))
        p_list = []
        for i in range(10):
            p = Process(target=f, args=(d, l, i))
            p.start()
            p_list.append(p)
        for res in p_list:
            res.join()
        print(sorted(d.items(), key=str))
        print(sorted(l))
        print(len(d), len(l))
