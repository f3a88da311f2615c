"""Process-shared synchronisation primitives, all on _multiprocessing.SemLock.

A SemLock is a POSIX semaphore in memory shared with every child forked
after it was created, so these objects must be created before the
processes that use them (passed as Process arguments or inherited as
globals), exactly as in CPython.

  Lock             semaphore of value 1 (any process may release it)
  RLock            recursive: the owning thread may acquire it again
  Semaphore        counter; BoundedSemaphore refuses to go above its start
  Condition        wait()/notify() built from three semaphores
  Event            a Condition plus a flag semaphore
  Barrier          a Condition plus a shared (state, count) array
"""

import os
import threading
import time

import _multiprocessing
from _multiprocessing import SemLock as _SemLock, SEM_VALUE_MAX

__all__ = ['Lock', 'RLock', 'Semaphore', 'BoundedSemaphore', 'Condition', 'Event', 'Barrier']

RECURSIVE_MUTEX = _multiprocessing.RECURSIVE_MUTEX
SEMAPHORE = _multiprocessing.SEMAPHORE


class SemLock:
    """Common base: owns a _multiprocessing.SemLock and exposes its methods."""

    def __init__(self, kind, value, maxvalue):
        self._semlock = _SemLock(kind, value, maxvalue)
        self._make_methods()

    def _make_methods(self):
        # Bound C methods: acquire/release cost one call, as in CPython.
        self.acquire = self._semlock.acquire
        self.release = self._semlock.release

    def __enter__(self):
        return self._semlock.__enter__()

    def __exit__(self, *args):
        return self._semlock.__exit__(*args)

    def __reduce__(self):
        raise RuntimeError('%s objects should only be shared between processes '
                           'through inheritance' % type(self).__name__)


def _owner_name():
    from multiprocessing import process
    name = process.current_process().name
    thread = threading.current_thread().name
    if thread != 'MainThread':
        name += '|' + thread
    return name


class Semaphore(SemLock):
    """A counter shared between processes: acquire() waits while it is 0."""

    def __init__(self, value=1):
        if value < 0:
            raise ValueError("semaphore initial value must be >= 0")
        SemLock.__init__(self, SEMAPHORE, value, SEM_VALUE_MAX)

    def get_value(self):
        return self._semlock._get_value()

    def __repr__(self):
        try:
            value = self._semlock._get_value()
        except Exception:
            value = 'unknown'
        return '<%s(value=%s)>' % (type(self).__name__, value)


class BoundedSemaphore(Semaphore):
    """A Semaphore that may not be released above its initial value."""

    def __init__(self, value=1):
        SemLock.__init__(self, SEMAPHORE, value, value)

    def __repr__(self):
        try:
            value = self._semlock._get_value()
        except Exception:
            value = 'unknown'
        return '<%s(value=%s, maxvalue=%s)>' % (type(self).__name__, value, self._semlock.maxvalue)


class Lock(SemLock):
    """A non-recursive lock shared between processes."""

    def __init__(self):
        SemLock.__init__(self, SEMAPHORE, 1, 1)

    def __repr__(self):
        try:
            if self._semlock._is_mine():
                name = _owner_name()
            elif self._semlock._get_value() == 1:
                name = 'None'
            elif self._semlock._count() > 0:
                name = 'SomeOtherThread'
            else:
                name = 'SomeOtherProcess'
        except Exception:
            name = 'unknown'
        return '<%s(owner=%s)>' % (type(self).__name__, name)


class RLock(SemLock):
    """A recursive lock shared between processes."""

    def __init__(self):
        SemLock.__init__(self, RECURSIVE_MUTEX, 1, 1)

    def __repr__(self):
        try:
            if self._semlock._is_mine():
                name = _owner_name()
                count = self._semlock._count()
            elif self._semlock._get_value() == 1:
                name, count = 'None', 0
            elif self._semlock._count() > 0:
                name, count = 'SomeOtherThread', 'nonzero'
            else:
                name, count = 'SomeOtherProcess', 'nonzero'
        except Exception:
            name, count = 'unknown', 'unknown'
        return '<%s(%s, %s)>' % (type(self).__name__, name, count)


class Condition:
    """A condition variable for processes.

    wait() counts itself in `sleeping`, releases the lock completely and
    sleeps on `wait_sem`; notify(n) releases `wait_sem` once per sleeper it
    wakes and waits until each has reported through `woken`.
    """

    def __init__(self, lock=None):
        self._lock = lock or RLock()
        self._sleeping_count = Semaphore(0)
        self._woken_count = Semaphore(0)
        self._wait_semaphore = Semaphore(0)
        self.acquire = self._lock.acquire
        self.release = self._lock.release

    def __reduce__(self):
        raise RuntimeError('Condition objects should only be shared between processes '
                           'through inheritance')

    def __enter__(self):
        return self._lock.__enter__()

    def __exit__(self, *args):
        return self._lock.__exit__(*args)

    def __repr__(self):
        try:
            waiters = (self._sleeping_count._semlock._get_value() -
                       self._woken_count._semlock._get_value())
        except Exception:
            waiters = 'unknown'
        return '<%s(%s, %s)>' % (type(self).__name__, self._lock, waiters)

    def _check_owned(self):
        assert self._lock._semlock._is_mine(), 'must acquire() condition before using wait()'

    def wait(self, timeout=None):
        """Release the lock, sleep until notified (or timeout), take it back."""
        self._check_owned()
        self._sleeping_count.release()
        count = self._lock._semlock._count()
        for _ in range(count):
            self._lock.release()
        try:
            return self._wait_semaphore.acquire(True, timeout)
        finally:
            self._woken_count.release()
            for _ in range(count):
                self._lock.acquire()

    def notify(self, n=1):
        """Wake up to n waiting processes or threads."""
        assert self._lock._semlock._is_mine(), 'lock is not owned'
        assert not self._wait_semaphore.acquire(False)
        # Forget sleepers that timed out since the last notify.
        while self._woken_count.acquire(False):
            res = self._sleeping_count.acquire(False)
            assert res, 'notify: Bug in sleeping_count.acquire- res should not be False'
        sleepers = 0
        while sleepers < n and self._sleeping_count.acquire(False):
            self._wait_semaphore.release()
            sleepers += 1
        if sleepers:
            for _ in range(sleepers):
                self._woken_count.acquire()
            # Waiters that timed out left their wake-up token behind.
            while self._wait_semaphore.acquire(False):
                pass

    def notify_all(self):
        self.notify(n=SEM_VALUE_MAX)

    notifyAll = notify_all

    def wait_for(self, predicate, timeout=None):
        """Wait until predicate() is true (or timeout); returns its last value."""
        result = predicate()
        if result:
            return result
        endtime = None if timeout is None else time.monotonic() + timeout
        waittime = None
        while not result:
            if endtime is not None:
                waittime = endtime - time.monotonic()
                if waittime <= 0:
                    break
            self.wait(waittime)
            result = predicate()
        return result


class Event:
    """A flag processes can set, clear and wait for."""

    def __init__(self):
        self._cond = Condition(Lock())
        self._flag = Semaphore(0)

    def __reduce__(self):
        raise RuntimeError('Event objects should only be shared between processes '
                           'through inheritance')

    def is_set(self):
        with self._cond:
            if self._flag.acquire(False):
                self._flag.release()
                return True
            return False

    isSet = is_set

    def set(self):
        with self._cond:
            self._flag.acquire(False)
            self._flag.release()
            self._cond.notify_all()

    def clear(self):
        with self._cond:
            self._flag.acquire(False)

    def wait(self, timeout=None):
        """Wait until the flag is set; returns it."""
        with self._cond:
            if self._flag.acquire(False):
                self._flag.release()
            else:
                self._cond.wait(timeout)
            if self._flag.acquire(False):
                self._flag.release()
                return True
            return False

    def __repr__(self):
        return '<%s %s>' % (type(self).__name__, 'set' if self.is_set() else 'unset')


class Barrier:
    """threading.Barrier for processes: `parties` waiters release each other.

    The state (0 filling, 1 draining, -1 resetting, -2 broken) and the
    count of waiters live in shared memory; a process-shared Condition
    protects them.
    """

    def __init__(self, parties, action=None, timeout=None):
        from multiprocessing.sharedctypes import RawArray
        self._cond = Condition(Lock())
        self._array = RawArray('i', 2)
        self._action = action
        self._timeout = timeout
        self._parties = parties

    def __reduce__(self):
        raise RuntimeError('Barrier objects should only be shared between processes '
                           'through inheritance')

    def _get_state(self):
        return self._array[0]

    def _set_state(self, v):
        self._array[0] = v

    _state = property(_get_state, _set_state)

    def _get_count(self):
        return self._array[1]

    def _set_count(self, v):
        self._array[1] = v

    _count = property(_get_count, _set_count)

    def wait(self, timeout=None):
        """Wait for all parties; returns this waiter's index (0..parties-1)."""
        if timeout is None:
            timeout = self._timeout
        with self._cond:
            self._enter()
            index = self._count
            self._count += 1
            try:
                if index + 1 == self._parties:
                    self._release()
                else:
                    self._wait(timeout)
                return index
            finally:
                self._count -= 1
                self._exit()

    def _enter(self):
        while self._state in (-1, 1):
            self._cond.wait()
        if self._state < 0:
            raise threading.BrokenBarrierError

    def _release(self):
        try:
            if self._action:
                self._action()
            self._state = 1
            self._cond.notify_all()
        except BaseException:
            self._break()
            raise

    def _wait(self, timeout):
        if not self._cond.wait_for(lambda: self._state != 0, timeout):
            self._break()
            raise threading.BrokenBarrierError
        if self._state < 0:
            raise threading.BrokenBarrierError

    def _exit(self):
        if self._count == 0 and self._state in (-1, 1):
            self._state = 0
            self._cond.notify_all()

    def reset(self):
        """Return the barrier to its empty state; waiters get BrokenBarrierError."""
        with self._cond:
            if self._count > 0:
                if self._state == 0:
                    self._state = -1
                elif self._state == -2:
                    self._state = -1
            else:
                self._state = 0
            self._cond.notify_all()

    def abort(self):
        """Put the barrier into the broken state."""
        with self._cond:
            self._break()

    def _break(self):
        self._state = -2
        self._cond.notify_all()

    @property
    def parties(self):
        return self._parties

    @property
    def n_waiting(self):
        if self._state == 0:
            return self._count
        return 0

    @property
    def broken(self):
        return self._state == -2

    def __repr__(self):
        if self.broken:
            return '<%s broken>' % type(self).__name__
        return '<%s waiters=%d/%d>' % (type(self).__name__, self.n_waiting, self._parties)
