from queue import Queue
from threading import Thread
_sentinel = object()
def producer(out_q):
    for data in range(10):
        out_q.put(data)
    out_q.put(_sentinel)
got = []
def consumer(in_q):
    while True:
        data = in_q.get()
        if data is _sentinel:
            in_q.put(_sentinel)
            break
        got.append(data)
q = Queue(32)
t1 = Thread(target=consumer, args=(q,))
t2 = Thread(target=producer, args=(q,))
t1.start(); t2.start(); t1.join(); t2.join()
print(got)
