import threading
class SharedCounter:
    def __init__(self, initial_value=0):
        self._value = initial_value
        self._value_lock = threading.Lock()
    def incr(self, delta=1):
        with self._value_lock:
            self._value += delta
    def decr(self, delta=1):
        with self._value_lock:
            self._value -= delta
c = SharedCounter()
def work():
    for _ in range(10000):
        c.incr()
    for _ in range(5000):
        c.decr()
ts = [threading.Thread(target=work) for _ in range(4)]
for t in ts: t.start()
for t in ts: t.join()
print(c._value)
r = threading.RLock()
with r:
    with r:
        print('reentrant ok')
l = threading.Lock()
print(l.acquire(), l.locked(), l.acquire(False), l.acquire(timeout=0.01))
l.release(); print(l.locked())
try:
    l.release()
except RuntimeError as e:
    print('RuntimeError:', e)
try:
    r.release()
except RuntimeError as e:
    print('RuntimeError:', e)
