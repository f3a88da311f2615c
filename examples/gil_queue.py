"""Experiment 7: producer/consumer throughput, threads with queue.Queue vs processes with a pipe.

A producer sends 20,000 items that each cost some CPU to make and to use.
With threads the two sides share one GIL and take turns; with two processes
each side has its own interpreter and core.

Run:     ./gilpy examples/gil_queue.py
         ./gilpy -X giltrace=build/queue.svg examples/gil_queue.py
Expect:  processes faster than threads when two cores are free; threads
         no faster than doing the work in one thread.
"""
import os
import queue
import threading
import time

ITEMS = 20_000
WORK = 200


def make(i):
    s = 0
    for k in range(WORK):
        s += k * i
    return s


def use(v):
    s = 0
    for k in range(WORK):
        s += v ^ k
    return s


def one_thread():
    for i in range(ITEMS):
        use(make(i))


def threads():
    q = queue.Queue(maxsize=100)

    def producer():
        for i in range(ITEMS):
            q.put(make(i))
        q.put(None)

    def consumer():
        while (v := q.get()) is not None:
            use(v)

    ts = [threading.Thread(target=producer), threading.Thread(target=consumer)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()


def processes():
    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(r)
        batch = []
        for i in range(ITEMS):
            make(i)
            batch.append(b"x")
            if len(batch) == 100:
                os.write(w, b"".join(batch))
                batch = []
        os.write(w, b"".join(batch))
        os._exit(0)
    os.close(w)
    got = 0
    while got < ITEMS:
        data = os.read(r, 4096)
        if not data:
            break
        for _ in range(len(data)):
            use(got)
            got += 1
    os.close(r)
    os.waitpid(pid, 0)


print(f"{'how':<22} {'seconds':>8} {'items/s':>9}")
for name, fn in (("one thread", one_thread), ("threads + queue.Queue", threads),
                 ("processes + pipe", processes)):
    t0 = time.perf_counter()
    fn()
    dt = time.perf_counter() - t0
    print(f"{name:<22} {dt:8.3f} {ITEMS / dt:9.0f}")
