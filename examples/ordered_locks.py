"""Deadlock avoidance: always acquire locks in a global order (seed 003).

The acquire() context manager sorts the locks by id() and records what each
thread holds in threading.local, so nested acquisitions in the wrong order
are detected instead of deadlocking.
Run:   ./gilpy examples/ordered_locks.py
Expect: both threads finish many rounds; then "Lock Order Violation" is caught.
"""
import threading
from contextlib import contextmanager

# Thread-local state to stored information on locks already acquired
_local = threading.local()


@contextmanager
def acquire(*locks):
    # Sort locks by object identifier
    locks = sorted(locks, key=lambda x: id(x))

    # Make sure lock order of previously acquired locks is not violated
    acquired = getattr(_local, 'acquired', [])
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
rounds = [0, 0]


def thread_1():
    for _ in range(1000):
        with acquire(x_lock, y_lock):
            rounds[0] += 1


def thread_2():
    for _ in range(1000):
        with acquire(y_lock, x_lock):
            rounds[1] += 1


t1 = threading.Thread(target=thread_1)
t1.daemon = True
t1.start()
t2 = threading.Thread(target=thread_2)
t2.daemon = True
t2.start()
t1.join()
t2.join()
print('rounds without deadlock:', rounds)


def nested_wrong_order():
    with acquire(y_lock):
        with acquire(x_lock):
            pass


for lock_first in (x_lock, y_lock):
    try:
        with acquire(lock_first):
            with acquire(x_lock if lock_first is y_lock else y_lock):
                pass
        print('ordered nesting ok')
    except RuntimeError as e:
        print('caught:', e)
