# Seed 003 (12.5): acquire() sorts locks by id and remembers in
# threading.local what each thread holds; nesting in the wrong order raises.
import threading
from contextlib import contextmanager

# Thread-local state to stored information on locks already acquired
_local = threading.local()

@contextmanager
def acquire(*locks):
    # Sort locks by object identifier
    locks = sorted(locks, key=lambda x: id(x))

    # Make sure lock order of previously acquired locks is not violated
    acquired = getattr(_local,'acquired',[])
    if acquired and max(id(lock) for lock in acquired) >= id(locks[0]):
        raise RuntimeError('Lock Order Violation')

    # Acquire all of the locks
    acquired.extend(locks)
    _local.acquired = acquired

    try:
        for lock in locks:
            lock.acquire()
        yield
    finally:
        # Release locks in reverse order of acquisition
        for lock in reversed(locks):
            lock.release()
        del acquired[-len(locks):]

x_lock = threading.Lock()
y_lock = threading.Lock()
counts = {'Thread-1': 0, 'Thread-2': 0}

def thread_1():
    for _ in range(200):
        with acquire(x_lock, y_lock):
            counts['Thread-1'] += 1

def thread_2():
    for _ in range(200):
        with acquire(y_lock, x_lock):
            counts['Thread-2'] += 1

t1 = threading.Thread(target=thread_1)
t1.daemon = True
t1.start()

t2 = threading.Thread(target=thread_2)
t2.daemon = True
t2.start()
t1.join(); t2.join()
print(counts)

errors = []
def nested(first, second):
    try:
        with acquire(first):
            with acquire(second):
                pass
        errors.append('ok')
    except RuntimeError as e:
        errors.append(str(e))
    errors.append(getattr(_local, 'acquired', None))

a, b = sorted([x_lock, y_lock], key=id)
for args in ((a, b), (b, a)):
    t = threading.Thread(target=nested, args=args)
    t.start(); t.join()
print(errors)
print(hasattr(_local, "acquired"), getattr(_local, "acquired", "unset"))
try:
    _local.acquired
except AttributeError as e:
    print(e)
print(type(_local))
