"""Queues between processes: Queue, JoinableQueue and SimpleQueue.

Items are pickled and travel through an os.pipe() as length-prefixed
messages.  Readers take a process-shared lock so one message goes to one
reader whole.

Queue.put() never blocks on a full pipe.  It pickles the item, then
tries one non-blocking write of the whole message (atomic on a pipe when
it fits in PIPE_BUF); only when the pipe is full, the message is large, or
earlier items are still waiting does it hand the message to a feeder
thread, as CPython's Queue always does.  Messages of one process stay in
order because the feeder writes under the same write lock and put() goes
through the feeder while it has a backlog.  A process flushes its feeder
before it exits (see util's finalizers).
"""

import collections
import os
import threading
import time
from queue import Empty, Full

import _multiprocessing
from _multiprocessing import send_msg as _send_msg, recv_msg as _recv_msg, \
    try_send_msg as _try_send_msg, wait_readable as _wait_readable, SEM_VALUE_MAX
from pickle import dumps as _dumps, loads as _loads

from multiprocessing import util
from multiprocessing.synchronize import Lock, BoundedSemaphore, Semaphore, Condition

__all__ = ['Queue', 'SimpleQueue', 'JoinableQueue']

_CLOSE = object()    # the feeder's stop signal


class Queue:
    """A FIFO queue shared by the processes forked after its creation."""

    def __init__(self, maxsize=0):
        if maxsize <= 0:
            maxsize = SEM_VALUE_MAX
        self._maxsize = maxsize
        self._reader, self._writer = os.pipe()
        _multiprocessing.set_blocking(self._writer, False)
        self._rlock = Lock()
        self._wlock = Lock()
        self._sem = BoundedSemaphore(maxsize)
        self._closed = False
        self._ignore_epipe = False
        self._reset()

    def _reset(self):
        """Per-process state: the local backlog and its feeder thread."""
        self._pid = os.getpid()
        self._notempty = threading.Condition(threading.Lock())
        self._buffer = collections.deque()
        self._thread = None
        self._finalizer = None
        self._joincancelled = False

    def __reduce__(self):
        raise RuntimeError('Queue objects should only be shared between processes '
                           'through inheritance')

    def put(self, obj, block=True, timeout=None):
        """Put obj on the queue; with a maxsize, wait for room (Full on timeout)."""
        if self._closed:
            raise ValueError("Queue %r is closed" % self)
        if not self._sem.acquire(block, timeout):
            raise Full
        data = _dumps(obj)
        if self._pid != os.getpid():
            self._reset()
        if not self._buffer and self._wlock.acquire(False):
            try:
                sent = _try_send_msg(self._writer, data)
            finally:
                self._wlock.release()
            if sent:
                return
        with self._notempty:
            if self._thread is None:
                self._start_thread()
            self._buffer.append(data)
            self._notempty.notify()

    def put_nowait(self, obj):
        return self.put(obj, False)

    def get(self, block=True, timeout=None):
        """Remove and return an item; Empty if none arrives in time."""
        if self._closed:
            raise ValueError("Queue %r is closed" % self)
        if block and timeout is None:
            with self._rlock:
                data = _recv_msg(self._reader)
        else:
            if block:
                deadline = time.monotonic() + timeout
                if not self._rlock.acquire(True, timeout):
                    raise Empty
            elif not self._rlock.acquire(False):
                raise Empty
            try:
                wait = max(0.0, deadline - time.monotonic()) if block else 0.0
                if not _wait_readable(self._reader, wait):
                    raise Empty
                data = _recv_msg(self._reader)
            finally:
                self._rlock.release()
        self._sem.release()
        return _loads(data)

    def get_nowait(self):
        return self.get(False)

    def qsize(self):
        """Items put and not yet taken (approximate, as in CPython)."""
        return self._maxsize - self._sem._semlock._get_value()

    def empty(self):
        return not _wait_readable(self._reader, 0)

    def full(self):
        return self._sem._semlock._is_zero()

    def close(self):
        """This process will put no more items; the feeder flushes and ends."""
        self._closed = True
        with self._notempty:
            if self._thread is not None:
                self._buffer.append(_CLOSE)
                self._notempty.notify()

    def join_thread(self):
        """Wait for the feeder thread to write everything (after close())."""
        assert self._closed, "Queue {0!r} not closed".format(self)
        if self._thread is not None and self._pid == os.getpid():
            self._thread.join()

    def cancel_join_thread(self):
        """Do not wait for the feeder at exit (buffered items may be lost)."""
        self._joincancelled = True
        if self._finalizer is not None:
            util.unregister_finalizer(self._finalizer)
            self._finalizer = None

    def _start_thread(self):
        t = threading.Thread(target=self._feed, name='QueueFeederThread', daemon=True)
        self._thread = t
        t.start()
        if not self._joincancelled:
            self._finalizer = util.register_finalizer(self._flush, priority=10)

    def _flush(self):
        """At exit: let the feeder write the backlog, then stop it."""
        with self._notempty:
            if self._thread is None:
                return
            self._buffer.append(_CLOSE)
            self._notempty.notify()
        self._thread.join()

    def _feed(self):
        """The feeder thread: write backlog messages under the write lock."""
        buffer = self._buffer
        notempty = self._notempty
        while True:
            with notempty:
                while not buffer:
                    notempty.wait()
            self._wlock.acquire()
            try:
                while True:
                    with notempty:
                        if not buffer:
                            break
                        data = buffer.popleft()
                    if data is _CLOSE:
                        with notempty:
                            self._thread = None
                        return
                    try:
                        _send_msg(self._writer, data)
                    except BrokenPipeError:
                        if not self._ignore_epipe:
                            raise
            finally:
                self._wlock.release()

    def __repr__(self):
        return '<%s object at %#x>' % (type(self).__name__, id(self))


class JoinableQueue(Queue):
    """A Queue whose consumers call task_done(); join() waits for all of them."""

    def __init__(self, maxsize=0):
        Queue.__init__(self, maxsize)
        self._unfinished_tasks = Semaphore(0)
        self._cond = Condition()

    def put(self, obj, block=True, timeout=None):
        if self._closed:
            raise ValueError("Queue %r is closed" % self)
        with self._cond:
            Queue.put(self, obj, block, timeout)
            self._unfinished_tasks.release()

    def task_done(self):
        """Mark one item taken with get() as processed."""
        with self._cond:
            if not self._unfinished_tasks.acquire(False):
                raise ValueError('task_done() called too many times')
            if self._unfinished_tasks._semlock._is_zero():
                self._cond.notify_all()

    def join(self):
        """Wait until every item put has been marked task_done()."""
        with self._cond:
            if not self._unfinished_tasks._semlock._is_zero():
                self._cond.wait()


class SimpleQueue:
    """An unbounded queue without a feeder: put() writes directly."""

    def __init__(self):
        self._reader, self._writer = os.pipe()
        self._rlock = Lock()
        self._wlock = Lock()
        self._closed = False

    def __reduce__(self):
        raise RuntimeError('SimpleQueue objects should only be shared between processes '
                           'through inheritance')

    def put(self, obj):
        data = _dumps(obj)
        with self._wlock:
            _send_msg(self._writer, data)

    def get(self):
        with self._rlock:
            data = _recv_msg(self._reader)
        return _loads(data)

    def empty(self):
        return not _wait_readable(self._reader, 0)

    def close(self):
        if not self._closed:
            self._closed = True
            os.close(self._reader)
            os.close(self._writer)
