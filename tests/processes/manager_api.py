# Manager: dict/list from ten children, Queue from Pool workers, Namespace+Lock, Event, Value, Array.
from multiprocessing import Process, Manager, Pool
def f(d, l, n):
    d[n] = '1'
    d['2'] = 2
    d[0.25] = None
    l.append(n)
def put(q, i): q.put(i * 10)
def incr(ns, lock):
    for _ in range(20):
        with lock:
            ns.x += 1
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
        print(sorted(l), len(l), l[0], 3 in l)
        q = manager.Queue()
        with Pool(3) as pool:
            pool.starmap(put, [(q, i) for i in range(5)])
        print(sorted(q.get() for _ in range(5)), q.empty())
        ns = manager.Namespace(); ns.x = 0; lock = manager.Lock()
        ps = [Process(target=incr, args=(ns, lock)) for _ in range(3)]
        for p in ps: p.start()
        for p in ps: p.join()
        print(ns.x, ns)
        e = manager.Event(); print(e.is_set()); e.set(); print(e.wait(1))
        v = manager.Value('i', 3); v.value += 1; print(v.value, v)
        a = manager.Array('i', [1, 2, 3]); a[0] = 9; print(a[0], len(a), a)
        dd = manager.dict({'a': 1}); print(dd, dict(dd), list(dd), dd.get('a'), dd.keys())
        try: dd['zz']
        except KeyError as e: print('KeyError', e)
    print('done')
