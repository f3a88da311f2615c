import threading, time
sema = threading.Semaphore(2)
active = []
peak = []
lock = threading.Lock()
def worker(n):
    with sema:
        with lock:
            active.append(n)
            peak.append(len(active))
        time.sleep(0.01)
        with lock:
            active.remove(n)
ts = [threading.Thread(target=worker, args=(i,)) for i in range(6)]
for t in ts: t.start()
for t in ts: t.join()
print('max concurrent <= 2:', max(peak) <= 2)
evt = threading.Event()
log = []
def worker2(i):
    evt.wait()
    with lock:
        log.append(i)
ws = [threading.Thread(target=worker2, args=(i,)) for i in range(3)]
for w in ws: w.start()
print(evt.is_set(), evt.isSet())
evt.set()
for w in ws: w.join()
print(sorted(log), evt.wait(0.01))
evt.clear(); print(evt.wait(0.01))
