"""Event: a boss thread tells the workers when to start (seed 001).

Shows: Event.wait() blocks (releasing the GIL) until another thread calls set().
Run:   ./gilpy examples/event_boss_worker.py
Expect: the workers wait, the boss says go, every worker reports.
"""
import threading
import time

event = threading.Event()
lock = threading.Lock()
done = []


def worker(n):
    with lock:
        print('worker %d: waiting for the boss' % n)
    event.wait()
    with lock:
        done.append(n)


def boss():
    time.sleep(0.05)
    print('boss: go!')
    event.set()


workers = [threading.Thread(target=worker, args=(i,)) for i in range(3)]
for w in workers:
    w.start()
b = threading.Thread(target=boss)
b.start()
for t in workers + [b]:
    t.join()
print('workers finished:', sorted(done))
