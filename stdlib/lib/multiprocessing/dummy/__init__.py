"""multiprocessing.dummy: the multiprocessing API on threads.

Process is a Thread with the Process spelling (exitcode, is_alive ...),
Pool is multiprocessing.pool.ThreadPool, Queue is queue.Queue and the
locks are threading's.  Nothing is pickled: everything is shared.
"""

import queue as _queue
import threading
from queue import Queue
from threading import Lock, RLock, Semaphore, BoundedSemaphore, Condition, Event, Barrier, \
    current_thread

from multiprocessing.dummy.connection import Pipe

__all__ = ['Process', 'current_process', 'active_children', 'freeze_support', 'Lock', 'RLock',
           'Semaphore', 'BoundedSemaphore', 'Condition', 'Event', 'Barrier', 'Queue', 'Manager',
           'Pipe', 'Pool', 'JoinableQueue', 'Value', 'Array', 'Namespace']

JoinableQueue = Queue


class DummyProcess(threading.Thread):
    """A thread dressed as a Process."""

    def __init__(self, group=None, target=None, name=None, args=(), kwargs={}):
        threading.Thread.__init__(self, group, target, name, args, kwargs)
        self._pid = None
        self._children = {}
        self._start_called = False
        self._parent = current_process()

    def start(self):
        if self._parent is not current_process():
            raise RuntimeError("Parent is {0!r} but current_process is {1!r}".format(
                self._parent, current_process()))
        self._start_called = True
        if hasattr(self._parent, '_children'):
            self._parent._children[self] = None
        threading.Thread.start(self)

    @property
    def exitcode(self):
        if self._start_called and not self.is_alive():
            return 0
        return None


Process = DummyProcess
current_process = threading.current_thread
current_process()._children = {}


def active_children():
    children = current_process()._children
    for p in list(children):
        if not p.is_alive():
            children.pop(p, None)
    return list(children)


def freeze_support():
    pass


class Namespace:
    """A plain object whose attributes are given as keywords."""

    def __init__(self, **kwds):
        self.__dict__.update(kwds)

    def __repr__(self):
        items = sorted((k, v) for k, v in self.__dict__.items() if not k.startswith('_'))
        return 'Namespace(%s)' % ', '.join('%s=%r' % kv for kv in items)


class Value:
    """A value shared by threads (no lock needed beyond the optional one)."""

    def __init__(self, typecode, value, lock=True):
        self._typecode = typecode
        self._value = value

    @property
    def value(self):
        return self._value

    @value.setter
    def value(self, value):
        self._value = value

    def __repr__(self):
        return '<%s(%r, %r)>' % (type(self).__name__, self._typecode, self._value)


def Array(typecode, sequence, lock=True):
    if isinstance(sequence, int):
        return [0.0 if typecode in 'fd' else 0] * sequence
    return list(sequence)


def Manager():
    import sys
    return sys.modules[__name__]


def shutdown():
    pass


def Pool(processes=None, initializer=None, initargs=()):
    from multiprocessing.pool import ThreadPool
    return ThreadPool(processes, initializer, initargs)
