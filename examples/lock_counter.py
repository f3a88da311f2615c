"""A shared counter protected by Lock, and RLock re-entry (seed 003).

Shows: with a lock every increment survives; RLock lets the owning thread
acquire the lock again from a nested call.
Run:   ./gilpy examples/lock_counter.py
Expect: "final value: 40000" and the RLock lines.
"""
import threading


class SharedCounter:
    '''
    A counter object that can be shared by multiple threads.
    '''
    def __init__(self, initial_value=0):
        self._value = initial_value
        self._value_lock = threading.Lock()

    def incr(self, delta=1):
        '''
        Increment the counter with locking
        '''
        with self._value_lock:
            self._value += delta

    def decr(self, delta=1):
        '''
        Decrement the counter with locking
        '''
        with self._value_lock:
            self._value -= delta


class RecursiveCounter:
    _lock = threading.RLock()

    def __init__(self, initial_value=0):
        self._value = initial_value

    def incr(self, delta=1):
        with RecursiveCounter._lock:
            self._value += delta

    def decr(self, delta=1):
        with RecursiveCounter._lock:
            self.incr(-delta)


counter = SharedCounter()


def worker():
    for _ in range(10000):
        counter.incr()


threads = [threading.Thread(target=worker) for _ in range(4)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print("final value:", counter._value)

rc = RecursiveCounter(10)
rc.incr(5)
rc.decr(3)
print("RLock counter:", rc._value)
