"""Producer/consumer with queue.Queue(32), task_done() and join() (seeds 000, 003).

Run:   ./gilpy examples/producer_consumer.py
Expect: every item produced is consumed; q.join() returns when all are done.
"""
from queue import Queue
from threading import Thread

_sentinel = object()
consumed = []


def producer(out_q):
    for data in range(20):
        out_q.put(data)
    out_q.put(_sentinel)


def consumer(in_q):
    while True:
        data = in_q.get()
        if data is _sentinel:
            in_q.put(_sentinel)
            in_q.task_done()
            break
        consumed.append(data * data)
        in_q.task_done()


q = Queue(32)
t1 = Thread(target=consumer, args=(q,))
t2 = Thread(target=producer, args=(q,))
t1.start()
t2.start()
t1.join()
t2.join()
print('consumed', len(consumed), 'items, sum of squares', sum(consumed))
