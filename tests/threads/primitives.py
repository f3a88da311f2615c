import threading, queue, time
results = []
lock = threading.Lock()
def worker(n):
    for i in range(1000):
        with lock:
            results.append(n)
ts = [threading.Thread(target=worker, args=(i,)) for i in range(4)]
for t in ts: t.start()
for t in ts: t.join()
print(len(results), sorted(set(results)))
q = queue.Queue(3)
def producer():
    for i in range(10): q.put(i)
    q.put(None)
out = []
def consumer():
    while True:
        item = q.get()
        if item is None:
            q.task_done(); break
        out.append(item); q.task_done()
a = threading.Thread(target=producer); b = threading.Thread(target=consumer)
a.start(); b.start(); q.join(); a.join(); b.join()
print(out)
e = threading.Event()
def waiter(): e.wait(); results.append('woke')
w = threading.Thread(target=waiter); w.start(); time.sleep(0.01); e.set(); w.join(); print(results[-1])
bar = threading.Barrier(3)
idx = []
def bw(): idx.append(bar.wait())
bs = [threading.Thread(target=bw) for _ in range(3)]
for t in bs: t.start()
for t in bs: t.join()
print(sorted(idx))
loc = threading.local(); loc.x = 'main'
def lw(): loc.x = 'thread'; idx.append(loc.x)
t = threading.Thread(target=lw); t.start(); t.join(); print(loc.x, idx[-1])
tm = threading.Timer(0.01, lambda: idx.append('timer')); tm.start(); tm.join(); print(idx[-1])
c = threading.Condition()
items = []
def cons():
    with c:
        c.wait_for(lambda: items)
        idx.append(items.pop())
t = threading.Thread(target=cons); t.start()
with c:
    items.append('cv'); c.notify()
t.join(); print(idx[-1])
s = threading.BoundedSemaphore(1)
s.acquire(); s.release()
try: s.release()
except ValueError as ex: print(ex)
print(threading.current_thread().name, threading.main_thread() is threading.current_thread(), threading.active_count())
pq = queue.PriorityQueue(); pq.put((2,'b')); pq.put((1,'a')); print(pq.get(), pq.qsize())
try: queue.Queue().get(timeout=0.01)
except queue.Empty: print('Empty')
