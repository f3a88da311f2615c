"""Semaphore: at most two workers inside the critical section (seed 003).

Run:   ./gilpy examples/semaphore_workers.py
Expect: never more than two workers "in" at the same time.
"""
import threading
import time

sema = threading.Semaphore(2)
lock = threading.Lock()
inside = []
peak = 0


def worker(n):
    global peak
    with sema:
        with lock:
            inside.append(n)
            peak = max(peak, len(inside))
        time.sleep(0.02)
        with lock:
            inside.remove(n)


threads = [threading.Thread(target=worker, args=(n,)) for n in range(6)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print('most workers inside at once:', peak)
