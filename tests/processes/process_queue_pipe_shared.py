# Process basics, Queue from children, Pipe, child exception exit code, terminate, Value/Array with locks.
from multiprocessing import Process, Queue, Pipe, current_process, Lock, Value, Array
import multiprocessing as mp
import os, time
def f(q, n):
    q.put(n * n + 1)
def g(conn):
    conn.send([12, {"name": "yuan"}, 'hello'])
    print("response", conn.recv())
    conn.close()
def boom():
    raise ValueError('bad')
def cnt(v, a):
    for i in range(100):
        with v.get_lock():
            v.value += 1
    a[0] += 1
if __name__ == '__main__':
    print(current_process().name, mp.parent_process())
    q = Queue()
    ps = [Process(target=f, args=(q, i)) for i in range(3)]
    for p in ps: p.start()
    print(sorted(q.get() for _ in range(3)))
    for p in ps: p.join()
    print([p.exitcode for p in ps], ps[0].name)
    a, b = Pipe()
    p = Process(target=g, args=(b,)); p.start()
    print(a.recv()); a.send('hi'); p.join()
    p = Process(target=boom); p.start(); p.join(); print('exit', p.exitcode)
    p = Process(target=time.sleep, args=(10,)); p.start(); p.terminate(); p.join(); print('term', p.exitcode)
    v = Value('i', 0); arr = Array('i', [0, 5])
    ps = [Process(target=cnt, args=(v, arr)) for i in range(4)]
    for p in ps: p.start()
    for p in ps: p.join()
    print(v.value, arr[1:], len(arr))
    print(mp.cpu_count() >= 1, mp.active_children())
