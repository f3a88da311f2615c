# Seed 003 (12.4): SharedCounter with a per-instance Lock, and the class-level
# RLock version whose decr() calls incr() while holding the lock.
import threading

class SharedCounter:
    '''
    A counter object that can be shared by multiple threads.
    '''
    def __init__(self, initial_value = 0):
        self._value = initial_value
        self._value_lock = threading.Lock()

    def incr(self,delta=1):
        '''
        Increment the counter with locking
        '''
        self._value_lock.acquire()
        self._value += delta
        self._value_lock.release()

    def decr(self,delta=1):
        '''
        Decrement the counter with locking
        '''
        with self._value_lock:
            self._value -= delta

class SharedCounter2:
    '''
    A counter object that can be shared by multiple threads.
    '''
    _lock = threading.RLock()
    def __init__(self, initial_value = 0):
        self._value = initial_value

    def incr(self,delta=1):
        '''
        Increment the counter with locking
        '''
        with SharedCounter2._lock:
            self._value += delta

    def decr(self,delta=1):
        '''
        Decrement the counter with locking
        '''
        with SharedCounter2._lock:
            self.incr(-delta)

for cls in (SharedCounter, SharedCounter2):
    c = cls(10)
    def work():
        for _ in range(2000):
            c.incr()
            c.decr(2)
            c.incr(3)
    ts = [threading.Thread(target=work) for _ in range(4)]
    for t in ts: t.start()
    for t in ts: t.join()
    print(cls.__name__, cls.__doc__.strip(), c._value)
    print(cls.incr.__doc__.strip())
