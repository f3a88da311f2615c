import threading, time
def worker(num, out):
    time.sleep(0.01 * (3 - num))
    out.append(num)
out = []
threads = [threading.Thread(target=worker, args=(i, out), name=f'w{i}') for i in range(3)]
for t in threads:
    t.start()
print([t.is_alive() for t in threads].count(True) >= 0)
for t in threads:
    t.join()
print(sorted(out), [t.name for t in threads], [t.is_alive() for t in threads])
class MyThread(threading.Thread):
    def __init__(self, n):
        super().__init__()
        self.n = n
        self.result = None
    def run(self):
        self.result = sum(range(self.n))
m = MyThread(100); m.start(); m.join(); print(m.result)
t = threading.Thread(target=lambda: None, daemon=True); print(t.daemon, t.isDaemon())
t.setDaemon(False); print(t.daemon)
t.setName('renamed'); print(t.getName())
print(threading.current_thread().name, threading.currentThread() is threading.main_thread())
try:
    m.start()
except RuntimeError as e:
    print('RuntimeError:', e)
print(type(threading.get_ident()).__name__, threading.activeCount(), len(threading.enumerate()))
